"""Test-session setup: no network ever, private caches, and tiny translation models.

The tiny models are randomly initialised Marian models with real SentencePiece tokenizers
trained here, laid out like Helsinki-NLP/opus-mt-*: ``source.spm``, ``target.spm`` and one
shared ``vocab.json`` with ``</s>`` = 0, ``<unk>`` = 1 and ``<pad>`` last, ``<pad>`` also the
decoder start token. They load through the same ``AutoTokenizer`` /
``AutoModelForSeq2SeqLM`` path as hub models. Their output is gibberish, but deterministic,
input-dependent and of varied length; ``max_position_embeddings`` is 64 so long-input
splitting can be exercised.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from .marian_factory import save_marian, spm_pieces, train_spm

# Property tests are deterministic: the same examples on every run and machine, no example
# database carried between runs (a failure is reproduced by the seed, not by a local file).
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

# Set before any test module imports huggingface_hub, which reads it at import time.
os.environ["HF_HUB_OFFLINE"] = "1"
# The tiny models gain nothing from threads, and spinning OpenMP threads on a busy machine
# (tests running in parallel) can slow a forward pass a hundredfold. Read when torch loads.
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
TINY_POSITIONS = 64

RUSSIAN_CORPUS = [
    "Компания Генериум Некст получила статус резидента ОЭЗ Технополис Москва.",
    "Там она будет производить лекарства, в том числе для лечения редких заболеваний.",
    "Об этом сообщил руководитель департамента инвестиционной и промышленной политики Москвы.",
    "Компания арендовала помещение общей площадью 518 квадратных метров.",
    "На втором этапе инвестиционного проекта резидент построит собственный завод.",
    "Общий объём инвестиций составит почти 5 миллиардов рублей.",
    "На предприятии планируется создать не менее 250 рабочих мест.",
    "Среди препаратов средства для лечения бронхиальной астмы и наследственных заболеваний.",
    "Это, например, болезнь Гоше и муковисцидоз.",
    "Производственная мощность предприятия составит более 150 тысяч единиц продукции в год.",
    "Все препараты включены Минздравом в перечень жизненно необходимых лекарств.",
    "Ваш вопрос очень важен для нас; ответ придёт по электронной почте.",
    "Нажмите кнопку, чтобы сохранить файл, и закройте окно.",
    "Сервер вернул ошибку, повторите попытку позже.",
    "Перевод документации выполнен автоматически и проверен редактором.",
]


def _english_corpus() -> list[str]:
    text = (ROOT / "examples" / "generium-next-release.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    english = [line for line in lines if not any("а" <= ch <= "я" for ch in line.lower())]
    return english + [
        "The server returned an error; try again later.",
        "Click the button to save the file, then close the window.",
        "The translation of the documentation was checked by an editor.",
    ]


TINY_CONFIG = {
    "d_model": 32,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": TINY_POSITIONS,
    "scale_embedding": True,
    "share_encoder_decoder_embeddings": True,
    "activation_function": "swish",
    "init_std": 0.5,  # peaked distributions: no near-ties between engines or batch shapes
}


def _likely_end(model: object) -> None:
    model.final_logits_bias[0, 0] = 8.0  # type: ignore[attr-defined]  # vary output lengths


def build_tiny_marian(
    directory: Path, source_spm: bytes, target_spm: bytes, vocab: dict[str, int], seed: int
) -> Path:
    """Write a tiny random Marian model with its tokenizer to ``directory``."""
    return save_marian(
        directory, source_spm, target_spm, vocab, TINY_CONFIG, seed=seed, adjust=_likely_end
    )


@pytest.fixture(scope="session", autouse=True)
def _offline_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test may reach the network; caches live in a temporary directory."""
    root = tmp_path_factory.mktemp("caches")
    patch = pytest.MonkeyPatch()
    patch.setenv("HF_HUB_OFFLINE", "1")
    patch.setenv("TRANSFORMERS_OFFLINE", "1")
    patch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    patch.setenv("HF_HOME", str(root / "hf"))
    patch.setenv("HF_HUB_CACHE", str(root / "hf" / "hub"))
    patch.setenv("L10N_CACHE_DIR", str(root / "l10n"))
    patch.setenv("TOKENIZERS_PARALLELISM", "false")
    yield
    patch.undo()


@pytest.fixture(scope="session")
def tiny_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with ``en-ru`` and ``ru-en`` tiny Marian models (built once a session)."""
    root = tmp_path_factory.mktemp("tiny-models")
    english = train_spm(_english_corpus() * 3, vocab_size=300)
    russian = train_spm(RUSSIAN_CORPUS * 3, vocab_size=300)
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in spm_pieces(english) + spm_pieces(russian):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    build_tiny_marian(root / "en-ru", english, russian, vocab, seed=1)
    build_tiny_marian(root / "ru-en", russian, english, vocab, seed=2)
    return root


@pytest.fixture(scope="session")
def tiny_en_ru_model(tiny_models_dir: Path) -> Path:
    """Directory of a tiny random EN→RU Marian model (opus-mt layout)."""
    return tiny_models_dir / "en-ru"


@pytest.fixture(scope="session")
def tiny_ru_en_model(tiny_models_dir: Path) -> Path:
    """Directory of a tiny random RU→EN Marian model (opus-mt layout, another seed)."""
    return tiny_models_dir / "ru-en"


# -- multilingual models (tests/multilingual_factory.py) ---------------------------------------


@pytest.fixture(scope="session")
def tiny_multilingual_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny random NLLB-200, M2M100, MADLAD-400 and multi-target opus-mt models (built once
    a session)."""
    from .multilingual_factory import (
        FOREIGN_CORPUS,
        TINY_M2M100,
        TINY_T5,
        save_m2m100,
        save_madlad,
        save_marian_multi,
        save_nllb,
    )

    root = tmp_path_factory.mktemp("tiny-multilingual")
    lines = (_english_corpus() + RUSSIAN_CORPUS + FOREIGN_CORPUS) * 3
    save_nllb(root / "nllb", lines, TINY_M2M100, seed=5)
    save_m2m100(root / "m2m100", lines, TINY_M2M100, seed=5)
    save_madlad(root / "madlad", lines, ["de", "en", "fr", "pt", "ru", "zh"], TINY_T5, seed=7)
    save_marian_multi(
        root / "en-mul",
        _english_corpus() * 3,
        (RUSSIAN_CORPUS + FOREIGN_CORPUS) * 3,
        ["deu", "fra", "rus", "zho_Hans", "zho_Hant"],
        TINY_CONFIG,
        seed=6,
        adjust=_likely_end,
    )
    return root


@pytest.fixture(scope="session")
def tiny_nllb_model(tiny_multilingual_dir: Path) -> Path:
    """Directory of a tiny random NLLB-200 model (NllbTokenizer, 202 FLORES-200 codes)."""
    return tiny_multilingual_dir / "nllb"


@pytest.fixture(scope="session")
def tiny_m2m100_model(tiny_multilingual_dir: Path) -> Path:
    """Directory of a tiny random M2M100 model (M2M100Tokenizer, 100 ``__xx__`` codes)."""
    return tiny_multilingual_dir / "m2m100"


@pytest.fixture(scope="session")
def tiny_madlad_model(tiny_multilingual_dir: Path) -> Path:
    """Directory of a tiny random MADLAD-400-layout T5 model (``<2de>`` … ``<2zh>`` pieces)."""
    return tiny_multilingual_dir / "madlad"


@pytest.fixture(scope="session")
def tiny_en_mul_model(tiny_multilingual_dir: Path) -> Path:
    """Directory of a tiny random multi-target opus-mt model (``>>deu<<``, ``>>fra<<``,
    ``>>rus<<``, ``>>zho_Hans<<``, ``>>zho_Hant<<``)."""
    return tiny_multilingual_dir / "en-mul"
