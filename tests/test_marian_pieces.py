"""The ct2 engine's SentencePiece tokenisation equals transformers' MarianTokenizer."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines import marian_pieces
from pipeline.engines.transformers_engine import target_ids

# Letters of both languages, punctuation the releases use, and the pieces of special tokens
# and language codes, so texts can contain "</s>", "<unk>" or ">>ru<<" literally.
_ALPHABET = "abcdeHTMoxzАБВабвгдёжэя 0123456789.,;:!?%«»“”\"'()-–—…\t\n<>/s"
_WORDS = ["</s>", "<unk>", "<pad>", ">>ru<<", ">>", "<<", " ", "  ", "Moscow", "Генериум"]
# The tokenizers are built once per module (a module-scoped fixture), so many examples are cheap.
PARITY = settings(max_examples=300, deadline=None)
TEXTS = st.lists(
    st.one_of(st.text(alphabet=_ALPHABET, max_size=12), st.sampled_from(_WORDS)), max_size=6
).map("".join)


def _marian(directory: Path) -> Any:
    from transformers import AutoTokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return AutoTokenizer.from_pretrained(str(directory))


def _old_hub_layout(directory: Path) -> None:
    """What older Helsinki-NLP repositories hold: language codes only, a special-token map."""
    (directory / "tokenizer_config.json").write_text(
        json.dumps({"source_lang": "en", "target_lang": "ru"}), encoding="utf-8"
    )
    specials = {"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
    (directory / "special_tokens_map.json").write_text(json.dumps(specials), encoding="utf-8")


@pytest.fixture(scope="module", params=["current", "old-hub-layout"])
def pair(
    request: pytest.FixtureRequest,
    tiny_en_ru_model: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[marian_pieces.MarianPieces, Any]:
    directory = tiny_en_ru_model
    if request.param == "old-hub-layout":
        directory = shutil.copytree(tiny_en_ru_model, tmp_path_factory.mktemp("old") / "model")
        _old_hub_layout(directory)
    pieces = marian_pieces.load(directory)
    assert pieces is not None
    return pieces, _marian(directory)


@PARITY
@given(text=TEXTS)
def test_source_tokens_equal_marian_tokenizer(
    pair: tuple[marian_pieces.MarianPieces, Any], text: str
) -> None:
    pieces, tokenizer = pair
    ids = tokenizer(text)["input_ids"]
    assert pieces.tokens(text) == tokenizer.convert_ids_to_tokens(ids)


@PARITY
@given(text=TEXTS)
def test_decoding_equals_marian_tokenizer(
    pair: tuple[marian_pieces.MarianPieces, Any], text: str
) -> None:
    pieces, tokenizer = pair
    ids = tokenizer(text_target=text)["input_ids"]
    expected = tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=False)
    assert pieces.decode(tokenizer.convert_ids_to_tokens(ids)) == expected.strip()


@settings(max_examples=200, deadline=None)
@given(forms=st.lists(TEXTS, max_size=4))
def test_target_forms_equal_marian_tokenizer(
    pair: tuple[marian_pieces.MarianPieces, Any], forms: list[str]
) -> None:
    pieces, tokenizer = pair
    expected = [tokenizer.convert_ids_to_tokens(list(ids)) for ids in target_ids(tokenizer, forms)]
    assert pieces.target_tokens(forms) == expected


@pytest.mark.parametrize(
    "change",
    [
        lambda d: (d / "target.spm").unlink(),
        lambda d: _edit_settings(d, tokenizer_class="T5Tokenizer"),
        lambda d: _edit_settings(d, separate_vocabs=True),
        lambda d: (d / "tokenizer_config.json").write_text("{", encoding="utf-8"),
        lambda d: (d / "special_tokens_map.json").write_text(
            json.dumps({"additional_special_tokens": ["<eop>"]}), encoding="utf-8"
        ),
        lambda d: (_old_hub_layout(d), _edit_config(d, model_type="t5")),
        lambda d: (d / "added_tokens.json").write_text('{"<sep>": 9999}', encoding="utf-8"),
    ],
    ids=[
        "missing-spm",
        "other-tokenizer",
        "separate-vocabs",
        "bad-config",
        "extra-specials",
        "no-class-not-marian",
        "added-tokens",
    ],
)
def test_other_layouts_fall_back_to_transformers(
    tmp_path: Path, tiny_en_ru_model: Path, change: Any
) -> None:
    directory = shutil.copytree(tiny_en_ru_model, tmp_path / "model")
    change(directory)
    assert marian_pieces.load(directory) is None


def _edit_settings(directory: Path, **values: object) -> None:
    file = directory / "tokenizer_config.json"
    settings = json.loads(file.read_text(encoding="utf-8"))
    settings.update(values)
    file.write_text(json.dumps(settings), encoding="utf-8")


def _edit_config(directory: Path, **values: object) -> None:
    file = directory / "config.json"
    config = json.loads(file.read_text(encoding="utf-8"))
    config.update(values)
    file.write_text(json.dumps(config), encoding="utf-8")


def test_model_max_length_equals_marian_tokenizer(
    pair: tuple[marian_pieces.MarianPieces, Any],
) -> None:
    pieces, tokenizer = pair
    assert pieces.model_max_length == tokenizer.model_max_length
