"""Single-pair models (opus-mt-en-ru and any other seq2seq model without language tokens)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import LanguageTokens, ModelFamily

if TYPE_CHECKING:
    from ...modelstore.local import LocalModel


class PairFamily(ModelFamily):
    """A model trained for one direction: nothing to tell it, any language accepted (the
    model id says which pair it is; l10n cannot check it)."""

    name = "pair"
    multilingual = False

    @classmethod
    def recognises(cls, local: LocalModel) -> bool:
        return True  # the fallback: the last row of FAMILIES

    def codes(self) -> list[tuple[str, str]]:
        return []

    def tokens(self, source_code: str, target_code: str) -> LanguageTokens:
        return LanguageTokens()

    def code(self, lang: str) -> str:
        return lang

    def languages(self) -> list[str]:
        return []
