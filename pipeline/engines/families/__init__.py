"""Model families: how a model is told which languages to translate between.

A family adapter owns what differs between multilingual layouts: which language codes the
model's vocabulary has, how a BCP-47 tag maps to one of them, and how a direction is put to
the model (:class:`LanguageTokens`): a text prefix (opus-mt ``>>fra<<``, MADLAD ``<2fr>``),
the tokenizer's source language (M2M100, NLLB) and a forced first target token (M2M100
``__fr__``, NLLB ``fra_Latn``: ``forced_bos_token_id`` in transformers, ``target_prefix`` in
CTranslate2). Both engines apply the same :class:`LanguageTokens`, and strip a forced target
token from their output.

:data:`FAMILIES` is the registry, most specific first: the first family whose
:meth:`ModelFamily.recognises` accepts a model directory handles it. Adding a family is one
module with a :class:`ModelFamily` subclass and one row here. Detection reads only JSON and
vocabulary files: no torch, no transformers.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from ...errors import ModelError
from .codes import bcp47, match_code

if TYPE_CHECKING:
    from ...modelstore.local import LocalModel

# name → "module:Class" (relative to this package), imported when a model is checked.
FAMILIES: dict[str, str] = {
    "nllb": ".m2m100:NllbFamily",
    "m2m100": ".m2m100:M2M100Family",
    "madlad": ".madlad:MadladFamily",
    "marian-multi": ".marian_multi:MarianMultiFamily",
    "pair": ".pair:PairFamily",
}


@dataclass(frozen=True)
class LanguageTokens:
    """How one direction is put to a model; empty for a single-pair model.

    ``text_prefix`` goes in front of every source text; ``source_code`` / ``target_code``
    are set on the Hugging Face tokenizer (``src_lang`` / ``tgt_lang``), which puts
    ``source_token`` in front of the source; ``forced_target`` is the token every output
    starts with.
    """

    text_prefix: str = ""
    source_code: str | None = None
    target_code: str | None = None
    forced_target: str | None = None
    source_token: str | None = None  # the token source_code puts in front of the source

    def describe(self) -> str:
        """The tokens as the MT signature names them (``eng_Latn>rus_Cyrl``, ``>>fra<<``), or
        ``-`` when there are none."""
        if self.source_token or self.forced_target:
            return f"{self.source_token or ''}>{self.forced_target or ''}"
        return self.text_prefix.strip() or "-"


class UnknownLanguage(ModelError):
    """The model has no code for a requested language (exit 3, nothing written)."""


class ModelFamily(ABC):
    """One layout of translation model; an instance describes one model directory."""

    name: ClassVar[str]
    #: Whether the model translates between many languages (then one model serves both
    #: directions of every language it has).
    multilingual: ClassVar[bool] = True

    def __init__(self, local: LocalModel) -> None:
        self.local = local

    @classmethod
    @abstractmethod
    def recognises(cls, local: LocalModel) -> bool:
        """Whether ``local`` is a model of this family (from its files, cheaply)."""

    @abstractmethod
    def codes(self) -> list[tuple[str, str]]:
        """The model's language codes, each with its language as a locale identifier
        (``("__pt__", "pt")``, ``("rus_Cyrl", "rus_Cyrl")``), in vocabulary order."""

    @abstractmethod
    def tokens(self, source_code: str, target_code: str) -> LanguageTokens:
        """How to ask for a translation from ``source_code`` into ``target_code`` (model
        codes as :meth:`codes` gives them)."""

    def code(self, lang: str) -> str:
        """The model's code for BCP-47 tag ``lang``; UnknownLanguage when it has none."""
        found = match_code(lang, self.codes())
        if found is None:
            raise UnknownLanguage(
                f"model {self.local.spec} ({self.name}) does not know language '{lang}'; "
                "choose another model for it in l10n.toml ([models." + lang + "] model = ...)"
            )
        return found

    def languages(self) -> list[str]:
        """BCP-47 tags of the languages the model serves, sorted."""
        return sorted({bcp47(identifier) for _, identifier in self.codes()})

    def direction(self, source_lang: str, target_lang: str) -> LanguageTokens:
        """The language tokens for translating BCP-47 ``source_lang`` into ``target_lang``."""
        return self.tokens(self.code(source_lang), self.code(target_lang))

    def prepare_for_conversion(self, tokenizer: Any) -> Any:
        """The Hugging Face tokenizer as CTranslate2's converter should see it."""
        return tokenizer


class TargetTokenFamily(ModelFamily):
    """A family told only the target language, by a token in front of the source text
    (``>>deu<<``, ``<2de>``); the model reads any source language."""

    @classmethod
    @abstractmethod
    def read_codes(cls, local: LocalModel) -> list[tuple[str, str]]:
        """The target tokens the model's vocabulary has (see :meth:`ModelFamily.codes`)."""

    @classmethod
    def recognises(cls, local: LocalModel) -> bool:
        return bool(cls.read_codes(local))

    @cached_property
    def _codes(self) -> list[tuple[str, str]]:
        return self.read_codes(self.local)

    def codes(self) -> list[tuple[str, str]]:
        return self._codes

    def direction(self, source_lang: str, target_lang: str) -> LanguageTokens:
        """Only the target has a token."""
        return self.tokens("", self.code(target_lang))

    def tokens(self, source_code: str, target_code: str) -> LanguageTokens:
        return LanguageTokens(text_prefix=f"{target_code} ")


def family_class(name: str) -> type[ModelFamily]:
    """The class registered as ``name`` in :data:`FAMILIES` (imported now)."""
    module_name, _, class_name = FAMILIES[name].partition(":")
    module = importlib.import_module(module_name, __name__)
    cls: type[ModelFamily] = getattr(module, class_name)
    return cls


# (spec, path, revision) → family name: a run asks for the same model several times (language
# check, signature, loading), and a model's files do not change while its revision stays.
_RECOGNISED: dict[tuple[str, str, str | None], str] = {}


def family_of(local: LocalModel) -> ModelFamily:
    """The adapter for model ``local``: the first family in :data:`FAMILIES` recognising it."""
    key = (local.spec, str(local.path), local.revision)
    if key in _RECOGNISED:
        return family_class(_RECOGNISED[key])(local)
    for name in FAMILIES:
        cls = family_class(name)
        if cls.recognises(local):
            if local.revision is not None:
                _RECOGNISED[key] = name
            return cls(local)
    raise ModelError(f"model {local.spec}: no model family recognises it")  # pragma: no cover


__all__ = [
    "FAMILIES",
    "LanguageTokens",
    "ModelFamily",
    "UnknownLanguage",
    "family_class",
    "family_of",
]
