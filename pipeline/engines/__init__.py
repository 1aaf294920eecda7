"""Machine-translation engines: the interface the pipeline uses, and a factory.

Two engines implement :class:`TranslationEngine`: ``transformers`` (PyTorch, the reference)
and ``ctranslate2`` (a converted, by default int8-quantised copy of the same model, faster on
CPU). This module stays light: torch, transformers and ctranslate2 are imported only by
:func:`load_engine` when an engine is actually built.

Scores
    :attr:`Hypothesis.score` is the length-normalised log-probability of the output: the sum
    of the log-probabilities of the generated tokens, ``</s>`` included, divided by their
    number (``length_penalty=1.0``; this is what ``generate`` returns as ``sequences_scores``
    and what CTranslate2 returns with ``return_scores=True``). It is at most 0; higher is
    better. With ``prefer`` terms the bias is part of the score (see :class:`EngineOptions`).

Long inputs
    Sources longer than :attr:`TranslationEngine.max_input_tokens` are split at ``;``, then
    ``,``, then whitespace into pieces that fit; the pieces are translated and their
    translations joined with a space. :attr:`Hypothesis.pieces` says into how many pieces a
    source was split (1: not split). Nothing is ever truncated: a run of text without
    whitespace that alone exceeds the limit raises :class:`~pipeline.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..models import LocalModel

ENGINE_KINDS = ("transformers", "ctranslate2")
_KIND_ALIASES = {"transformers": "transformers", "ctranslate2": "ctranslate2", "ct2": "ctranslate2"}
COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)


def normalise_kind(kind: str) -> str:
    """The canonical engine name for ``kind`` (``ct2`` → ``ctranslate2``); ValueError if unknown."""
    try:
        return _KIND_ALIASES[kind.strip().lower()]
    except KeyError:
        choices = ", ".join(sorted(_KIND_ALIASES))
        raise ValueError(f"unknown engine {kind!r} (choose from {choices})") from None


@dataclass(frozen=True)
class Hypothesis:
    """One translation of a source: its text and score (see the module docstring).

    ``pieces`` is the number of pieces the source was split into to fit the model's input
    limit; 1 means it was translated whole.
    """

    text: str
    score: float
    pieces: int = 1

    @property
    def split(self) -> bool:
        """Whether the source was split to fit the model's input limit."""
        return self.pieces > 1


@dataclass(frozen=True)
class EngineOptions:
    """How an engine decodes.

    ``beam_size``: beam width (1 = greedy). ``num_hypotheses``: n-best size returned by
    ``translate_batch`` when the call does not say (the beam is widened to at least this).
    ``max_length``: most tokens generated per source, ``</s>`` included (also capped by the
    model's position limit). ``min_length``: fewest tokens before ``</s>`` may be generated
    (1 keeps outputs non-empty; raise it to force long outputs in benchmarks).
    ``batch_size``: sources per forward pass. ``device``: ``"auto"`` (CUDA when available,
    else CPU), ``"cpu"`` or ``"cuda"``. ``compute_type``: CTranslate2 quantisation,
    ``"auto"`` = int8 on CPU, int8_float16 on CUDA (the transformers engine ignores it).
    ``prefer_bias``: log-probability bonus for the tokens of preferred terms (``prefer``),
    spread evenly over a term's tokens after the first, so a term of any length gains about
    this much when generated whole.
    """

    beam_size: int = 4
    num_hypotheses: int = 4
    max_length: int = 512
    min_length: int = 1
    batch_size: int = 16
    device: str = "auto"
    compute_type: str = "auto"
    prefer_bias: float = 2.0

    def __post_init__(self) -> None:
        for name in ("beam_size", "num_hypotheses", "max_length", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")
        if not isinstance(self.min_length, int) or self.min_length < 0:
            raise ValueError(f"min_length must be a non-negative integer, not {self.min_length!r}")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device must be auto, cpu or cuda, not {self.device!r}")
        if self.compute_type not in COMPUTE_TYPES:
            raise ValueError(
                f"compute_type must be one of {', '.join(COMPUTE_TYPES)}, not {self.compute_type!r}"
            )


_SIGNATURE_HEAD = ("engine", "model", "rev", "dir")


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace("|", "%7C")


def _unescape(value: str) -> str:
    return value.replace("%7C", "|").replace("%7c", "|").replace("%25", "%")


@dataclass(frozen=True)
class EngineSignature:
    """What produced a translation, rendered like a sacreBLEU signature.

    ``str()`` gives ``engine:transformers|model:Helsinki-NLP/opus-mt-en-ru|rev:<commit>|
    dir:en-ru|beam:4|nbest:4|maxlen:512|v:5.24.0`` and :meth:`parse` reads it back.
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


TermLists = Sequence[Sequence[str]]


@runtime_checkable
class TranslationEngine(Protocol):
    """A loaded translation model, ready to translate batches of sentences."""

    signature: EngineSignature
    options: EngineOptions
    max_input_tokens: int

    def translate_batch(
        self,
        sources: Sequence[str],
        *,
        num_hypotheses: int | None = None,
        prefer: TermLists | None = None,
        avoid: TermLists | None = None,
    ) -> list[list[Hypothesis]]:
        """Translate ``sources``: per source its n-best list, best first.

        A list holds up to ``num_hypotheses`` distinct texts (duplicates are dropped); an
        empty or blank source gets ``[Hypothesis("", 0.0)]``.

        ``num_hypotheses`` defaults to ``options.num_hypotheses``. ``prefer`` / ``avoid``
        (one list per source, or None) hold target-language word forms: preferred forms are
        biased up, avoided forms are never generated (transformers: ``sequence_bias`` and
        ``bad_words_ids``; ctranslate2: n-best reranking and ``suppress_sequences``).
        """
        ...

    def count_tokens(self, text: str) -> int:
        """Number of source-side tokens of ``text``, ``</s>`` included."""
        ...

    def split_source(self, text: str) -> list[str]:
        """``text`` cut into pieces that fit ``max_input_tokens`` (``[text]`` when it fits)."""
        ...


def max_decoder_tokens(positions: int | None, options: EngineOptions) -> int:
    """Most tokens generated per input (``</s>`` included): ``options.max_length`` capped by
    the model's positions (the decoder start token takes one)."""
    if isinstance(positions, int) and positions > 1:
        return min(options.max_length, positions - 1)
    return options.max_length


# A tokenizer's model_max_length above this is the "no limit" placeholder (1e30).
_NO_LIMIT = 1_000_000


def input_limit(positions: int | None, model_max_length: object) -> int:
    """Most source tokens (``</s>`` included) a model takes: its position limit and its
    tokenizer's ``model_max_length`` (unless that is the "no limit" placeholder), 512 if
    neither is known."""
    limits: list[object] = [positions]
    if isinstance(model_max_length, int) and model_max_length < _NO_LIMIT:
        limits.append(model_max_length)
    found = [limit for limit in limits if isinstance(limit, int) and limit > 0]
    return min(found) if found else 512


def resolve_ct2_device(device: str) -> str:
    """CTranslate2 device for ``device``: ``auto`` → ``cuda`` when it sees one, else ``cpu``.

    Imports ctranslate2 (not torch) unless ``device`` is ``cpu``."""
    from ..errors import ModelError

    if device == "cpu":
        return device
    import ctranslate2

    cuda = ctranslate2.get_cuda_device_count() > 0
    if device == "auto":
        return "cuda" if cuda else "cpu"
    if not cuda:
        raise ModelError("device cuda was asked for, but CTranslate2 sees no CUDA device")
    return device


def resolve_compute_type(compute_type: str, device: str) -> str:
    """``auto`` → int8 on CPU, int8_float16 on CUDA; other values as given."""
    if compute_type == "auto":
        return "int8_float16" if device == "cuda" else "int8"
    return compute_type


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def make_signature(
    engine: str,
    local: LocalModel,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions,
    compute_type: str | None = None,
) -> EngineSignature:
    """The signature of ``engine`` (canonical name) running ``local`` with ``options``."""
    parts = [
        f"beam:{options.beam_size}",
        f"nbest:{options.num_hypotheses}",
        f"maxlen:{max_decoder_tokens(local.max_positions, options)}",
    ]
    if engine == "ctranslate2":
        parts.append(f"ct:{compute_type or options.compute_type}")
    parts.append(f"v:{_version(engine)}")
    return EngineSignature(
        engine=engine,
        model=local.spec,
        revision=local.revision,
        source_lang=source_lang,
        target_lang=target_lang,
        options="|".join(parts),
    )


def engine_signature(
    kind: str,
    model: str,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions | None = None,
    download: bool = True,
) -> EngineSignature:
    """The signature :func:`load_engine` would give, without loading the model.

    Locates the model (fetching it when missing and ``download`` is true, as loading would)
    to learn its revision, but imports neither torch nor transformers; for ``ct2`` with
    ``compute_type="auto"`` it imports ctranslate2 to see whether CUDA is there.
    """
    from ..errors import InputError
    from ..models import locate_model

    try:
        name = normalise_kind(kind)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    options = options or EngineOptions()
    local = locate_model(model, download=download)
    compute_type = None
    if name == "ctranslate2":
        compute_type = options.compute_type
        if compute_type == "auto":
            compute_type = resolve_compute_type("auto", resolve_ct2_device(options.device))
    return make_signature(
        name,
        local,
        source_lang=source_lang,
        target_lang=target_lang,
        options=options,
        compute_type=compute_type,
    )


def load_engine(
    kind: str,
    model: str,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions | None = None,
) -> TranslationEngine:
    """Build the engine ``kind`` (``transformers``, ``ct2``/``ctranslate2``) for ``model``.

    ``model`` is a hub id or a local directory; hub models are fetched into the Hugging Face
    cache when missing (unless offline). Raises :class:`~pipeline.errors.ModelError` when the
    model cannot be found, fetched or loaded.
    """
    from ..errors import InputError

    try:
        name = normalise_kind(kind)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    options = options or EngineOptions()
    if name == "transformers":
        from .transformers_engine import TransformersEngine

        return TransformersEngine.load(
            model, source_lang=source_lang, target_lang=target_lang, options=options
        )
    from .ctranslate2_engine import CTranslate2Engine

    return CTranslate2Engine.load(
        model, source_lang=source_lang, target_lang=target_lang, options=options
    )


__all__ = [
    "COMPUTE_TYPES",
    "ENGINE_KINDS",
    "EngineOptions",
    "EngineSignature",
    "Hypothesis",
    "TermLists",
    "TranslationEngine",
    "engine_signature",
    "load_engine",
    "make_signature",
    "max_decoder_tokens",
    "normalise_kind",
    "resolve_compute_type",
    "resolve_ct2_device",
]
