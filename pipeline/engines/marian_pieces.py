"""Token strings of an opus-mt (Marian) model straight from its SentencePiece files.

CTranslate2 takes and returns token strings, so for the usual opus-mt layout (``source.spm``,
``target.spm`` and one shared ``vocab.json``, a MarianTokenizer as :func:`load` says) the ct2
engine needs only SentencePiece, as CTranslate2's own OPUS-MT guide does it, and not
transformers' ``MarianTokenizer``, whose import pulls in torch (2 to 3 s per run). The
result is the same token for token as ``MarianTokenizer`` (a property test checks it): a
leading ``>>xx<<`` language code kept as one token, pieces missing from ``vocab.json`` read
as ``<unk>``, ``</s>`` appended; decoding drops the special tokens and joins the pieces with
the target model. Any other tokenizer layout goes through transformers (:func:`load`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_FILES = ("source.spm", "target.spm", "vocab.json")
_UNDERLINE = "\u2581"


class MarianPieces:
    """Source tokens, target forms and decoding for one opus-mt model directory."""

    def __init__(self, directory: Path, settings: dict[str, Any]) -> None:
        import sentencepiece

        self.source = sentencepiece.SentencePieceProcessor(model_file=str(directory / "source.spm"))
        self.target = sentencepiece.SentencePieceProcessor(model_file=str(directory / "target.spm"))
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        self.vocab: frozenset[str] = frozenset(vocab)
        self.unk = str(settings.get("unk_token") or "<unk>")
        self.eos = str(settings.get("eos_token") or "</s>")
        self.pad = pad = str(settings.get("pad_token") or "<pad>")
        added = [token for token in (settings.get("added_tokens_decoder") or {}).values()]
        self.special = {self.unk, self.eos, pad} | {
            str(token["content"]) for token in added if token.get("special")
        }
        # Added tokens written literally in a text are tokens of their own, not spm pieces.
        literal = sorted(self.special | {str(t["content"]) for t in added}, key=len, reverse=True)
        self._added = re.compile("(" + "|".join(re.escape(token) for token in literal) + ")")
        max_length = settings.get("model_max_length", 512)  # MarianTokenizer's default
        self.model_max_length = max_length if isinstance(max_length, int) else None

    def _pieces(self, processor: Any, text: str) -> list[str]:
        pieces: list[str] = []
        for number, chunk in enumerate(self._added.split(text)):
            if number % 2:  # an added token
                pieces.append(chunk)
                continue
            if chunk.startswith(">>") and (end := chunk.find("<<")) != -1:
                pieces.append(chunk[: end + 2])
                chunk = chunk[end + 2 :]
            if chunk:
                pieces.extend(processor.encode(chunk, out_type=str))
        return [p if p in self.vocab or p in self.special else self.unk for p in pieces]

    def tokens(self, text: str) -> list[str]:
        """Source tokens of ``text`` with ``</s>`` last."""
        return [*self._pieces(self.source, text), self.eos]

    def target_tokens(self, forms: Sequence[str]) -> list[list[str]]:
        """Target-side tokens of each form (no ``</s>``, ``<pad>``); forms with unknown pieces
        dropped."""
        result: list[list[str]] = []
        for form in forms:
            pieces = [p for p in self._pieces(self.target, form) if p not in (self.eos, self.pad)]
            if pieces and self.unk not in pieces and pieces not in result:
                result.append(pieces)
        return result

    def decode(self, tokens: Sequence[str]) -> str:
        """Target text of output tokens, special tokens removed."""
        pieces = [token for token in tokens if token not in self.special]
        return self.target.decode_pieces(pieces).replace(_UNDERLINE, " ").strip()


def load(directory: Path) -> MarianPieces | None:
    """:class:`MarianPieces` for a directory in the opus-mt layout, else None.

    The layout is recognised as ``AutoTokenizer`` recognises it: ``tokenizer_class``
    MarianTokenizer in ``tokenizer_config.json``, or no class there (older hub repositories
    hold only the language codes) and ``model_type`` marian in ``config.json``. None (use
    transformers' tokenizer) for separate source and target vocabularies, another tokenizer,
    extra special tokens, added tokens that strip spaces or match whole words, sampling
    options, or missing files.
    """
    if not all((directory / name).is_file() for name in _FILES):
        return None
    settings = _read_json(directory / "tokenizer_config.json", missing={})
    specials = _read_json(directory / "special_tokens_map.json", missing={})
    config = _read_json(directory / "config.json", missing=None)
    if not isinstance(settings, dict) or not isinstance(specials, dict):
        return None
    if _read_json(directory / "added_tokens.json", missing={}) != {}:
        return None  # tokens added to the vocabulary the old way
    tokenizer_class = settings.get("tokenizer_class")
    if tokenizer_class is None:
        if not isinstance(config, dict) or config.get("model_type") != "marian":
            return None
    elif tokenizer_class != "MarianTokenizer":
        return None
    if set(specials) - {"eos_token", "unk_token", "pad_token"}:
        return None
    for key, token in specials.items():  # plain strings, or AddedToken dicts
        content = token.get("content") if isinstance(token, dict) else token
        if not isinstance(content, str) or settings.get(key, content) != content:
            return None
        settings = {**settings, key: content}
    added = settings.get("added_tokens_decoder") or {}
    if (
        not isinstance(added, dict)
        or not all(_plain_added_token(token) for token in added.values())
        or settings.get("separate_vocabs")
        or settings.get("sp_model_kwargs")
        or settings.get("additional_special_tokens")
        or settings.get("extra_special_tokens")
    ):
        return None
    try:
        return MarianPieces(directory, settings)
    except (OSError, ValueError, RuntimeError, TypeError, AttributeError, KeyError):
        return None


def _read_json(file: Path, *, missing: Any) -> Any:
    """The JSON in ``file``; ``missing`` when there is no such file; None when unreadable."""
    if not file.is_file():
        return missing
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _plain_added_token(token: object) -> bool:
    return (
        isinstance(token, dict)
        and isinstance(token.get("content"), str)
        and bool(token["content"])
        and not any(token.get(key) for key in ("lstrip", "rstrip", "single_word"))
    )
