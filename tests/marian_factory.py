"""Random Marian translation models laid out like Helsinki-NLP/opus-mt-*, for tests and benchmarks.

``source.spm`` and ``target.spm`` are SentencePiece models trained here, ``vocab.json`` one
shared vocabulary (``</s>`` = 0, ``<unk>`` = 1, the pieces, ``<pad>`` last, also the decoder
start token), saved with ``save_pretrained`` (safetensors) so the model loads through the same
``AutoTokenizer`` / ``AutoModelForSeq2SeqLM`` path as a hub model. The tests build tiny ones
(``tests/conftest.py``); the benchmark builds them at opus-mt-en-ru's real size
(``benchmarks/bench_models.py``).
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def train_spm(lines: Iterable[str], vocab_size: int, model_type: str = "unigram") -> bytes:
    """A SentencePiece model trained on ``lines`` (soft vocabulary limit): unigram (Marian's
    kind) or ``bpe`` (NLLB's and M2M100's)."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type=model_type,
        hard_vocab_limit=False,
        character_coverage=1.0,
        unk_id=0,
        eos_id=1,
        bos_id=-1,
        pad_id=-1,
        minloglevel=2,
    )
    return model.getvalue()


def spm_pieces(model: bytes) -> list[str]:
    """The ordinary pieces of a SentencePiece model (no control or unknown pieces)."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model)
    return [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]


def save_marian(
    directory: Path,
    source_spm: bytes,
    target_spm: bytes,
    vocab: dict[str, int],
    config: dict[str, Any],
    *,
    seed: int,
    tokenizer_options: dict[str, Any] | None = None,
    adjust: Callable[[Any], None] | None = None,
) -> Path:
    """Write a randomly initialised ``MarianMTModel`` with its tokenizer to ``directory``.

    ``config`` holds the ``MarianConfig`` values (the ids are taken from ``vocab``);
    ``adjust`` may change the initialised weights (under ``torch.no_grad``).
    """
    import torch
    import transformers
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    transformers.utils.logging.disable_progress_bar()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "source.spm").write_bytes(source_spm)
    (directory / "target.spm").write_bytes(target_spm)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    pad = vocab["<pad>"]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Recommended: pip install sacremoses")
        tokenizer = MarianTokenizer(
            str(directory / "source.spm"),
            str(directory / "target.spm"),
            str(directory / "vocab.json"),
            **{"model_max_length": 512, **(tokenizer_options or {})},
        )
    ids = {
        "vocab_size": len(vocab),
        "decoder_vocab_size": len(vocab),
        "pad_token_id": pad,
        "eos_token_id": 0,
        "decoder_start_token_id": pad,
        "forced_eos_token_id": 0,
    }
    torch.manual_seed(seed)
    model = MarianMTModel(MarianConfig(**{**config, **ids})).eval()
    with torch.no_grad():
        model.model.shared.weight[pad].zero_()  # the decoder starts from a zero embedding
        if adjust is not None:
            adjust(model)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        bos_token_id=0,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=512,
        num_beams=4,
    )
    model.save_pretrained(directory)  # safetensors
    tokenizer.save_pretrained(directory)
    return directory
