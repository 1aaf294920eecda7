"""Random multilingual translation models laid out like their hub counterparts, for tests.

* M2M100 (``facebook/m2m100_418M`` layout): ``vocab.json`` + ``sentencepiece.bpe.model``,
  ``M2M100Tokenizer`` with its 100 ``__xx__`` language tokens and made-up words.
* NLLB-200 (``facebook/nllb-200-distilled-600M`` layout): an ``NllbTokenizer`` with the 202
  FLORES-200 codes (``rus_Cyrl``, ``zho_Hans`` …) built from a SentencePiece BPE model.
* Marian multi-target (``Helsinki-NLP/opus-mt-en-mul`` layout): an opus-mt model whose shared
  vocabulary holds ``>>xxx<<`` target-language tokens.

All are saved with ``save_pretrained`` (safetensors), so they load through the same
``AutoTokenizer`` / ``AutoModelForSeq2SeqLM`` path as hub models; the tests build tiny ones
once per session, the benchmark one at nllb-200-distilled-600M's size.
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .marian_factory import save_marian, spm_pieces, train_spm

FOREIGN_CORPUS = [
    "Le serveur a renvoyé une erreur ; réessayez plus tard.",
    "Cliquez sur le bouton pour enregistrer le fichier.",
    "La société a loué un espace de 518 mètres carrés.",
    "Der Server hat einen Fehler zurückgegeben.",
    "Klicken Sie auf die Schaltfläche, um die Datei zu speichern.",
    "Das Unternehmen hat eine Fläche von 518 Quadratmetern gemietet.",
    "服务器返回了一个错误，请稍后再试。",
    "单击按钮保存文件，然后关闭窗口。",
    "该公司租用了五百一十八平方米的场地。",
]


def train_bpe_spm(lines: Iterable[str], vocab_size: int) -> bytes:
    """A BPE SentencePiece model (NLLB's and M2M100's kind) trained on ``lines``."""
    return train_spm(lines, vocab_size, model_type="bpe")


def _favour_end(model: Any, eos: int, strength: float) -> None:
    """Shift the decoder's last layer norm towards ``</s>``'s output embedding, so random
    outputs end at varied lengths instead of always running to the length limit."""
    import torch

    norm = model.model.decoder.layer_norm
    direction = model.lm_head.weight[eos].detach().clone()
    norm.bias += strength * direction / torch.linalg.vector_norm(direction)


def _m2m100_model(directory: Path, vocab_size: int, config: dict[str, Any], seed: int) -> None:
    """``config``: M2M100Config values, plus ``end_bias`` (see :func:`_favour_end`)."""
    import torch
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration

    settings = {k: v for k, v in config.items() if k != "end_bias"}
    ids = _M2M_IDS
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(
        M2M100Config(vocab_size=vocab_size, **settings, **ids)
    ).eval()
    with torch.no_grad():
        _favour_end(model, ids["eos_token_id"], float(config.get("end_bias", 0.0)))
    model.generation_config = GenerationConfig(
        bos_token_id=ids["bos_token_id"],
        eos_token_id=ids["eos_token_id"],
        pad_token_id=ids["pad_token_id"],
        decoder_start_token_id=ids["decoder_start_token_id"],
        max_length=config["max_position_embeddings"],
        num_beams=4,
    )
    model.save_pretrained(directory)


# fairseq's special ids, which M2M100 and NLLB keep; the decoder starts from </s>.
_M2M_IDS = {"bos_token_id": 0, "pad_token_id": 1, "eos_token_id": 2, "decoder_start_token_id": 2}


def save_m2m100(
    directory: Path, lines: Sequence[str], config: dict[str, Any], *, seed: int, spm_size: int = 400
) -> Path:
    """A random M2M100 model with an ``M2M100Tokenizer`` (100 ``__xx__`` language tokens)."""
    import transformers
    from transformers import M2M100Tokenizer

    transformers.utils.logging.disable_progress_bar()
    directory.mkdir(parents=True, exist_ok=True)
    pieces = train_bpe_spm(lines, spm_size)
    (directory / "sentencepiece.bpe.model").write_bytes(pieces)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in spm_pieces(pieces):
        vocab.setdefault(piece, len(vocab))
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer = M2M100Tokenizer(
            str(directory / "vocab.json"),
            str(directory / "sentencepiece.bpe.model"),
            model_max_length=config["max_position_embeddings"],
        )
    # len(tokenizer) leaves the language tokens out; fairseq's layout: pieces, languages,
    # made-up words.
    size = len(tokenizer.encoder) + len(tokenizer.lang_token_to_id) + tokenizer.num_madeup_words
    _m2m100_model(directory, size, config, seed)
    tokenizer.save_pretrained(directory)
    return directory


def save_nllb(
    directory: Path,
    lines: Sequence[str],
    config: dict[str, Any],
    *,
    seed: int,
    spm_size: int = 400,
    vocab_size: int | None = None,
) -> Path:
    """A random NLLB-200 model (M2M100 architecture) with an ``NllbTokenizer`` that has the
    202 FLORES-200 language codes; ``vocab_size`` pads the model's vocabulary (embeddings
    and output layer) to a real model's size, beyond the tokenizer's ids."""
    import transformers
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    transformers.utils.logging.disable_progress_bar()
    directory.mkdir(parents=True, exist_ok=True)
    work = directory / "spm"
    work.mkdir(exist_ok=True)
    (work / "sentencepiece.bpe.model").write_bytes(train_bpe_spm(lines, spm_size))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer = NllbTokenizer.from_pretrained(
            str(work),
            extra_special_tokens=list(FAIRSEQ_LANGUAGE_CODES),
            model_max_length=config["max_position_embeddings"],
        )
    (work / "sentencepiece.bpe.model").unlink()
    work.rmdir()
    _m2m100_model(directory, max(len(tokenizer), vocab_size or 0), config, seed)
    tokenizer.save_pretrained(directory)
    return directory


def save_marian_multi(
    directory: Path,
    source_lines: Sequence[str],
    target_lines: Sequence[str],
    target_codes: Sequence[str],
    config: dict[str, Any],
    *,
    seed: int,
    adjust: Any = None,
) -> Path:
    """A random opus-mt multi-target Marian model: ``>>xxx<<`` tokens in its vocabulary."""
    source = train_spm(source_lines, vocab_size=300)
    target = train_spm(target_lines, vocab_size=300)
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for code in target_codes:
        vocab[f">>{code}<<"] = len(vocab)
    for piece in spm_pieces(source) + spm_pieces(target):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    return save_marian(directory, source, target, vocab, config, seed=seed, adjust=adjust)


def save_madlad(
    directory: Path,
    lines: Sequence[str],
    codes: Sequence[str],
    config: dict[str, Any],
    *,
    seed: int,
) -> Path:
    """A random T5 model laid out like ``google/madlad400-3b-mt``: ``<2xx>`` target-language
    pieces in its SentencePiece vocabulary (``<pad>`` = 0, ``</s>`` = 1, ``<unk>`` = 2)."""
    import sentencepiece as spm
    import torch
    import transformers
    from transformers import GenerationConfig, T5Config, T5ForConditionalGeneration, T5Tokenizer

    transformers.utils.logging.disable_progress_bar()
    directory.mkdir(parents=True, exist_ok=True)
    model_file = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model_file,
        vocab_size=400,
        model_type="unigram",
        hard_vocab_limit=False,
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        user_defined_symbols=[f"<2{code}>" for code in codes],
        minloglevel=2,
    )
    (directory / "spiece.model").write_bytes(model_file.getvalue())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tokenizer = T5Tokenizer.from_pretrained(
            str(directory), extra_ids=0, model_max_length=config.get("n_positions", 64)
        )
    torch.manual_seed(seed)
    settings = {k: v for k, v in config.items() if k != "n_positions"}
    model = T5ForConditionalGeneration(
        T5Config(
            vocab_size=len(tokenizer),
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
            **settings,
        )
    ).eval()
    with torch.no_grad():
        model.lm_head.weight[1] *= 3.0  # </s> likelier: outputs of varied length
    model.generation_config = GenerationConfig(
        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0, max_length=64
    )
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


TINY_T5 = {
    "d_model": 32,
    "d_kv": 16,
    "d_ff": 64,
    "num_layers": 1,
    "num_decoder_layers": 1,
    "num_heads": 2,
    "feed_forward_proj": "gated-gelu",
    "tie_word_embeddings": True,
    "initializer_factor": 2.0,
    "dropout_rate": 0.0,
    "n_positions": 64,
}

TINY_M2M100 = {
    "d_model": 32,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": 64,
    "scale_embedding": True,
    "activation_function": "relu",
    "init_std": 0.5,
    "dropout": 0.0,
    "end_bias": 3.0,  # see _favour_end
}
