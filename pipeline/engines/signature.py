"""The MT signature: what produced a translation, written into every MT entry's ``#. mt:``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING

from .kinds import engine_kind
from .options import EngineOptions

if TYPE_CHECKING:
    from ..modelstore import LocalModel
    from .families import LanguageTokens

_SIGNATURE_HEAD = ("engine", "model", "rev", "dir")


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("|", "%7C")


def _unescape(value: str) -> str:
    return value.replace("%7C", "|").replace("%7c", "|").replace("%25", "%")


@dataclass(frozen=True)
class EngineSignature:
    """What produced a translation, rendered like a sacreBLEU signature.

    ``str()`` gives ``engine:transformers|model:Helsinki-NLP/opus-mt-en-ru|rev:<commit>|
    dir:en-ru|family:pair|beam:4|nbest:4|maxlen:512|v:5.24.0`` and :meth:`parse` reads it
    back.
    ``revision`` is the hub commit of the snapshot used, ``local:<12 hex>`` (SHA-256 of the
    config, tokenizer and weight files) for a model directory, or None when unknown
    (rendered ``rev:none``). ``options`` is the ``|``-separated ``key:value`` tail.
    """

    engine: str
    model: str
    revision: str | None
    source_lang: str
    target_lang: str
    options: str = ""

    def __str__(self) -> str:
        fields = [
            f"engine:{self.engine}",
            f"model:{_escape(self.model)}",
            f"rev:{self.revision or 'none'}",
            f"dir:{self.source_lang}-{self.target_lang}",
        ]
        if self.options:
            fields.append(self.options)
        return "|".join(fields)

    @classmethod
    def parse(cls, text: str) -> EngineSignature:
        """Read back a signature written by ``str()``; ValueError if it is not one."""
        parts = text.strip().split("|")
        head: dict[str, str] = {}
        for key, part in zip(_SIGNATURE_HEAD, parts, strict=False):
            name, sep, value = part.partition(":")
            if not sep or name != key:
                raise ValueError(f"not an engine signature (expected {key}:…): {text!r}")
            head[key] = value
        if len(head) < len(_SIGNATURE_HEAD):
            raise ValueError(f"not an engine signature (too few fields): {text!r}")
        source, sep, target = head["dir"].partition("-")
        if not sep or not source or not target:
            raise ValueError(f"not an engine signature (bad dir field): {text!r}")
        options = parts[len(_SIGNATURE_HEAD) :]
        for option in options:
            if ":" not in option:
                raise ValueError(f"not an engine signature (bad option {option!r}): {text!r}")
        return cls(
            engine=head["engine"],
            model=_unescape(head["model"]),
            revision=None if head["rev"] == "none" else head["rev"],
            source_lang=source,
            target_lang=target,
            options="|".join(options),
        )

    def option(self, key: str) -> str | None:
        """The value of option ``key`` (``"beam"``, ``"nbest"`` …), None if absent."""
        for part in self.options.split("|") if self.options else ():
            name, _, value = part.partition(":")
            if name == key:
                return value
        return None


def mt_identity(signature: str) -> tuple[str, str, str]:
    """What makes an MT another MT: (model, family, language tokens) of a signature's text.

    Decoding options and library versions are left out (a new beam or library version does
    not make the tool re-translate what is there); signatures written before model families
    were recorded are of the ``pair`` family."""
    fields = dict(field.partition(":")[::2] for field in reversed(signature.split("|")))
    model = _unescape(fields.get("model", ""))
    return model, fields.get("family", "pair"), _unescape(fields.get("lang", ""))


@cache  # an installed package's version does not change while the process runs
def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def max_decoder_tokens(positions: int | None, options: EngineOptions) -> int:
    """Most tokens generated per input (``</s>`` included): ``options.max_length`` capped by
    the model's positions (the decoder start token takes one)."""
    if isinstance(positions, int) and positions > 1:
        return min(options.max_length, positions - 1)
    return options.max_length


def make_signature(
    engine: str,
    local: LocalModel,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions,
    family: str,
    tokens: LanguageTokens,
    extra: Sequence[str] = (),
) -> EngineSignature:
    """The signature of ``engine`` (canonical name) running ``local`` with ``options``.

    It names the model family and the language tokens (``family:nllb|lang:eng_Latn>rus_Cyrl``),
    so a change of either is a different MT; ``extra`` are the engine kind's own fields
    (:attr:`~.kinds.EngineKind.signature_fields`), and ``v:`` is its library's version.
    """
    parts = [f"family:{family}"]
    if tokens.describe() != "-":
        parts.append(f"lang:{_escape(tokens.describe())}")
    parts += [
        f"beam:{options.beam_size}",
        f"nbest:{options.num_hypotheses}",
        f"maxlen:{max_decoder_tokens(local.max_positions, options)}",
    ]
    parts += extra
    library = engine_kind(engine).library
    parts.append(f"v:{_version(library) if library else 'none'}")
    return EngineSignature(
        engine=engine,
        model=local.spec,
        revision=local.revision,
        source_lang=source_lang,
        target_lang=target_lang,
        options="|".join(parts),
    )
