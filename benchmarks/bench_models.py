"""Build random Marian models with opus-mt-en-ru's real architecture and tokenizer layout.

The weights are random (the hub is unreachable here), but everything that decides speed is
as in ``Helsinki-NLP/opus-mt-en-ru``: d_model 512, 6 + 6 layers, 8 heads, FFN 2048,
62,518 vocabulary ids with tied (shared) embeddings, static sinusoidal positions, swish,
scaled embeddings, and a real ``MarianTokenizer`` (``source.spm``, ``target.spm`` and one
``vocab.json``: ``</s>`` = 0, ``<unk>`` = 1, the SentencePiece pieces, ``<extra_N>`` fillers,
``<pad>`` = 62517, also the decoder start token).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_text import RUSSIAN_TEXT, english_training_text  # noqa: E402

from tests.marian_factory import save_marian, spm_pieces, train_spm  # noqa: E402

VOCAB_SIZE = 62518
PAD_ID = VOCAB_SIZE - 1
MAX_POSITIONS = 512
SEEDS = {"en-ru": 1, "ru-en": 2}

# config.json of Helsinki-NLP/opus-mt-en-ru (the values that shape the network; the token ids,
# 62,518 of them with <pad> last, come from the vocabulary).
OPUS_MT_CONFIG: dict[str, Any] = {
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
    "max_position_embeddings": MAX_POSITIONS,
    "activation_function": "swish",
    "scale_embedding": True,
    "static_position_embeddings": True,
    "share_encoder_decoder_embeddings": True,
    "tie_word_embeddings": True,
    "normalize_embedding": False,
    "dropout": 0.1,
    "attention_dropout": 0.0,
    "activation_dropout": 0.0,
    "init_std": 0.02,
    "bos_token_id": 0,
}


def build_vocab(english: bytes, russian: bytes) -> dict[str, int]:
    """The shared opus-mt vocabulary: ``</s>``, ``<unk>``, spm pieces, fillers, ``<pad>``."""
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in spm_pieces(english) + spm_pieces(russian):
        vocab.setdefault(piece, len(vocab))
    filler = 0
    while len(vocab) < PAD_ID:
        vocab.setdefault(f"<extra_{filler}>", len(vocab))
        filler += 1
    vocab["<pad>"] = PAD_ID
    assert len(vocab) == VOCAB_SIZE and vocab["<pad>"] == PAD_ID
    return vocab


def build_marian(
    directory: Path,
    source_spm: bytes,
    target_spm: bytes,
    vocab: dict[str, int],
    *,
    seed: int,
    source_lang: str,
    target_lang: str,
) -> Path:
    """Write one random opus-mt-shaped Marian model with its tokenizer to ``directory``."""
    return save_marian(
        directory,
        source_spm,
        target_spm,
        vocab,
        OPUS_MT_CONFIG,
        seed=seed,
        tokenizer_options={
            "source_lang": source_lang,
            "target_lang": target_lang,
            "model_max_length": MAX_POSITIONS,
        },
    )


def models_ready(root: Path) -> bool:
    """Whether both directions are built under ``root``."""
    return (
        all((root / name / "model.safetensors").is_file() for name in SEEDS)
        and (root / "build.json").is_file()
    )


def build_models(root: Path, *, force: bool = False) -> dict[str, Any]:
    """Build ``root/en-ru`` and ``root/ru-en`` once; returns the build record (build.json)."""
    record_file = root / "build.json"
    if models_ready(root) and not force:
        return json.loads(record_file.read_text(encoding="utf-8"))
    start = time.perf_counter()
    english = train_spm(english_training_text(), vocab_size=8000)
    russian = train_spm(RUSSIAN_TEXT * 3, vocab_size=8000)
    vocab = build_vocab(english, russian)
    for name, source, target in (("en-ru", english, russian), ("ru-en", russian, english)):
        source_lang, target_lang = name.split("-")
        build_marian(
            root / name,
            source,
            target,
            vocab,
            seed=SEEDS[name],
            source_lang=source_lang,
            target_lang=target_lang,
        )
    spm_ids = sum(1 for piece in vocab if not piece.startswith("<extra_"))
    record = {
        "build_s": round(time.perf_counter() - start, 2),
        "vocab_size": VOCAB_SIZE,
        "spm_vocab_ids": spm_ids,
        "config": OPUS_MT_CONFIG,
    }
    record_file.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "out" / "models"
    print(json.dumps(build_models(out, force=True), indent=2))
