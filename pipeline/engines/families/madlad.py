"""MADLAD-400 (``google/madlad400-3b-mt``): a T5 model told the target language by a
``<2xx>`` token in front of the source text; the codes are pieces of its vocabulary
(``tokenizer.json``, else the SentencePiece model ``spiece.model``), BCP-47-like: ``<2ru>``,
``<2zh>``, ``<2pt>``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ...modelstore.local import read_json_file
from . import TargetTokenFamily

if TYPE_CHECKING:
    from ...modelstore.local import LocalModel

_CODE = re.compile(r"^<2([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,4})*)>$")


class MadladFamily(TargetTokenFamily):
    """T5 with ``<2xx>`` target tokens."""

    name = "madlad"

    @classmethod
    def read_codes(cls, local: LocalModel) -> list[tuple[str, str]]:
        if local.config.get("model_type") != "t5":
            return []
        return _vocabulary_codes(local.path)


def _vocabulary_codes(directory: Path) -> list[tuple[str, str]]:
    return [
        (piece, match.group(1).replace("-", "_"))
        for piece in _pieces(directory)
        if (match := _CODE.match(piece))
    ]


def _pieces(directory: Path) -> list[str]:
    """The vocabulary's pieces: from ``tokenizer.json`` (a Unigram model), else ``spiece.model``."""
    data = read_json_file(directory / "tokenizer.json")
    vocab = data.get("model", {}).get("vocab") if isinstance(data.get("model"), dict) else None
    if isinstance(vocab, list):
        return [str(entry[0]) for entry in vocab if isinstance(entry, list) and entry]
    model = directory / "spiece.model"
    if not model.is_file():
        return []
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(model_file=str(model))
    except (OSError, RuntimeError):
        return []
    return [processor.id_to_piece(index) for index in range(processor.get_piece_size())]
