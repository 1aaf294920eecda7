"""MADLAD-400 (``google/madlad400-3b-mt``): a T5 model told the target language by a
``<2xx>`` token in front of the source text; the codes are pieces of its SentencePiece
model (BCP-47-like: ``<2ru>``, ``<2zh>``, ``<2pt>``)."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from . import LanguageTokens, ModelFamily

if TYPE_CHECKING:
    from ...modelstore import LocalModel

_CODE = re.compile(r"^<2([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,4})*)>$")


class MadladFamily(ModelFamily):
    """T5 with ``<2xx>`` target tokens."""

    name = "madlad"

    @classmethod
    def recognises(cls, local: LocalModel) -> bool:
        return local.config.get("model_type") == "t5" and bool(_spm_codes(local.path))

    @cached_property
    def _codes(self) -> list[tuple[str, str]]:
        return _spm_codes(self.local.path)

    def codes(self) -> list[tuple[str, str]]:
        return self._codes

    def direction(self, source_lang: str, target_lang: str) -> LanguageTokens:
        """Only the target has a token; MADLAD reads any source language."""
        return self.tokens("", self.code(target_lang))

    def tokens(self, source_code: str, target_code: str) -> LanguageTokens:
        return LanguageTokens(text_prefix=f"{target_code} ")


def _spm_codes(directory: Path) -> list[tuple[str, str]]:
    model = directory / "spiece.model"
    if not model.is_file():
        return []
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(model))
    except (OSError, RuntimeError):
        return []
    found: list[tuple[str, str]] = []
    for index in range(processor.get_piece_size()):
        piece = processor.id_to_piece(index)
        if match := _CODE.match(piece):
            found.append((piece, match.group(1).replace("-", "_")))
    return found
