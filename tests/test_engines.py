"""The engine interface and the transformers engine, on the tiny Marian models."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.engines import (
    EngineOptions,
    EngineSignature,
    Hypothesis,
    TranslationEngine,
    engine_signature,
    load_engine,
)
from pipeline.engines.base import join_pieces, split_to_fit, term_variants
from pipeline.errors import InputError, ModelError

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "The company rented a space.",
    "Hello world.",
    "Moscow",
    "These are, for example, Gaucher disease and cystic fibrosis.",
    "The total area is 518 square meters.",
    "Jobs are expected.",
    "Generium Next specializes in medicines.",
    "Rare diseases",
    "Alabushevo site",
    "The resident will build a plant.",
    "Support from the manufacturer.",
    "All drugs are included in the list.",
]
GREEDY = EngineOptions(beam_size=1, num_hypotheses=1)


@pytest.fixture(scope="module")
def greedy_engine(tiny_en_ru_model: Path) -> TranslationEngine:
    return load_engine(
        "transformers", str(tiny_en_ru_model), source_lang="en", target_lang="ru", options=GREEDY
    )


@pytest.fixture(scope="module")
def beam_engine(tiny_en_ru_model: Path) -> TranslationEngine:
    return load_engine(
        "transformers",
        str(tiny_en_ru_model),
        source_lang="en",
        target_lang="ru",
        options=EngineOptions(beam_size=4, num_hypotheses=4, batch_size=4),
    )


# -- light modules --------------------------------------------------------------------------


def test_cli_help_and_signatures_do_not_import_torch(tiny_en_ru_model: Path) -> None:
    code = f"""
import contextlib, io, sys
import pipeline.cli, pipeline.engines, pipeline.modelstore, pipeline.config, pipeline.roundtrip
from pipeline.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--help"])
    except SystemExit:
        pass
from pipeline.engines import EngineOptions, engine_signature
sig = engine_signature("transformers", {str(tiny_en_ru_model)!r}, source_lang="en",
                       target_lang="ru", options=EngineOptions())
heavy = [m for m in ("torch", "transformers", "sentencepiece", "ctranslate2") if m in sys.modules]
print(str(sig))
print("HEAVY:" + ",".join(heavy))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("HEAVY:"), done.stdout
    assert "engine:transformers|" in done.stdout


# -- signatures -----------------------------------------------------------------------------


def test_signature_renders_like_sacrebleu() -> None:
    sig = EngineSignature(
        engine="transformers",
        model="Helsinki-NLP/opus-mt-en-ru",
        revision="abc123",
        source_lang="en",
        target_lang="ru",
        options="beam:4|nbest:4",
    )
    text = (
        "engine:transformers|model:Helsinki-NLP/opus-mt-en-ru|rev:abc123|dir:en-ru|beam:4|nbest:4"
    )
    assert str(sig) == text
    assert EngineSignature.parse(text) == sig
    assert sig.option("nbest") == "4" and sig.option("ct") is None


_field = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
_lang = st.from_regex(r"[a-z]{2,3}", fullmatch=True)
_options = st.lists(
    st.tuples(
        st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.from_regex(r"[\w.]{0,8}", fullmatch=True)
    ),
    max_size=5,
).map(lambda pairs: "|".join(f"{k}:{v}" for k, v in pairs))


@given(
    engine=st.sampled_from(["transformers", "ctranslate2"]),
    model=_field,
    revision=st.one_of(st.none(), st.from_regex(r"(local:)?[0-9a-f]{12,40}", fullmatch=True)),
    source=_lang,
    target=_lang,
    options=_options,
)
def test_signature_parse_round_trip(
    engine: str, model: str, revision: str | None, source: str, target: str, options: str
) -> None:
    sig = EngineSignature(engine, model, revision, source, target, options)
    assert EngineSignature.parse(str(sig)) == sig


@pytest.mark.parametrize(
    "text",
    ["", "model:x|engine:transformers|rev:none|dir:en-ru", "engine:x|model:y|rev:none", "a|b|c|d"],
)
def test_signature_parse_rejects_other_text(text: str) -> None:
    with pytest.raises(ValueError):
        EngineSignature.parse(text)


def test_engine_options_are_validated() -> None:
    with pytest.raises(ValueError, match="beam_size"):
        EngineOptions(beam_size=0)
    with pytest.raises(ValueError, match="device"):
        EngineOptions(device="tpu")
    with pytest.raises(ValueError, match="compute_type"):
        EngineOptions(compute_type="int3")


def test_unknown_engine_kind_is_input_error(tiny_en_ru_model: Path) -> None:
    with pytest.raises(InputError, match="unknown engine"):
        load_engine("marian", str(tiny_en_ru_model), source_lang="en", target_lang="ru")


# -- splitting helpers ----------------------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split()) + 1  # like a tokenizer: one token per word, plus </s>


def test_split_prefers_semicolons_then_commas_then_spaces() -> None:
    text = "one two three; four five, six seven eight, nine; ten"
    pieces = split_to_fit(text, _words, 5)
    assert pieces == ["one two three;", "four five,", "six seven eight, nine;", "ten"]
    assert all(_words(p) <= 5 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert split_to_fit(text, _words, 100) == [text]
    assert split_to_fit("a b c d e f", _words, 3) == ["a b", "c d", "e f"]


def test_split_refuses_an_unbreakable_run() -> None:
    with pytest.raises(InputError, match="cannot split 'x{40}…'"):
        split_to_fit("short " + "x" * 80, lambda t: len(t) // 4 + 1, 10)


def test_term_variants_add_capitalised_forms() -> None:
    assert term_variants(["лекарства", " Москва ", "", "лекарства"]) == [
        "лекарства",
        "Лекарства",
        "Москва",
    ]


def test_join_pieces_combines_nbest_lists() -> None:
    joined = join_pieces(
        [[Hypothesis("a", -1.0), Hypothesis("b", -2.0)], [Hypothesis("c", -3.0)]], 2
    )
    assert [h.text for h in joined] == ["a c", "b c"]
    assert joined[0].score == pytest.approx(-2.0) and joined[0].pieces == 2 and joined[0].split


# -- the transformers engine ----------------------------------------------------------------


def test_loads_tiny_model_by_directory(
    greedy_engine: TranslationEngine, tiny_en_ru_model: Path
) -> None:
    sig = greedy_engine.signature
    assert sig.engine == "transformers"
    assert sig.model == str(tiny_en_ru_model)
    assert sig.revision is not None and sig.revision.startswith("local:")
    assert (sig.source_lang, sig.target_lang) == ("en", "ru")
    assert sig.option("beam") == "1" and sig.option("maxlen") == "63"
    assert EngineSignature.parse(str(sig)) == sig
    assert greedy_engine.max_input_tokens == 64
    assert isinstance(greedy_engine, TranslationEngine)
    assert (
        engine_signature(
            "transformers",
            str(tiny_en_ru_model),
            source_lang="en",
            target_lang="ru",
            options=GREEDY,
        )
        == sig
    )


def test_greedy_translation_is_deterministic_text(greedy_engine: TranslationEngine) -> None:
    first = greedy_engine.translate_batch(SENTENCES[:4])
    assert [len(hyps) for hyps in first] == [1, 1, 1, 1]
    for hyps in first:
        assert isinstance(hyps[0].text, str) and hyps[0].text
        assert hyps[0].score <= 0.0 and hyps[0].pieces == 1
    assert greedy_engine.translate_batch(SENTENCES[:4]) == first


def test_nbest_returns_num_hypotheses_sorted_by_score(beam_engine: TranslationEngine) -> None:
    results = beam_engine.translate_batch(SENTENCES[:3], num_hypotheses=3)
    for hyps in results:
        assert len(hyps) == 3
        scores = [h.score for h in hyps]
        assert scores == sorted(scores, reverse=True)
        assert len({h.text for h in hyps}) == 3
    default = beam_engine.translate_batch(SENTENCES[:1])
    assert len(default[0]) == 4  # options.num_hypotheses
    assert default[0][:3] == results[0]


def test_batched_and_one_by_one_greedy_outputs_are_identical(
    tiny_en_ru_model: Path, greedy_engine: TranslationEngine
) -> None:
    batched = load_engine(
        "transformers",
        str(tiny_en_ru_model),
        source_lang="en",
        target_lang="ru",
        options=EngineOptions(beam_size=1, num_hypotheses=1, batch_size=5),
    ).translate_batch(SENTENCES)
    single = [greedy_engine.translate_batch([s])[0] for s in SENTENCES]
    assert [h[0].text for h in batched] == [h[0].text for h in single]
    for b, s in zip(batched, single, strict=True):
        assert b[0].score == pytest.approx(s[0].score, abs=1e-4)
    assert len({h[0].text for h in batched}) > 6  # outputs depend on the input


def test_long_input_is_split_not_truncated(greedy_engine: TranslationEngine) -> None:
    clause = "the resident will build his own plant in the same place in Zelenograd"
    long = ", ".join([clause] * 6) + "."
    assert greedy_engine.count_tokens(long) > greedy_engine.max_input_tokens
    pieces = greedy_engine.split_source(long)
    assert len(pieces) > 1
    assert all(greedy_engine.count_tokens(p) <= greedy_engine.max_input_tokens for p in pieces)
    assert " ".join(pieces).split() == long.split()  # every word kept
    [hyps] = greedy_engine.translate_batch([long])
    assert hyps[0].pieces == len(pieces) and hyps[0].split
    one_by_one = [greedy_engine.translate_batch([p])[0][0].text for p in pieces]
    assert hyps[0].text == " ".join(one_by_one)
    short = greedy_engine.translate_batch([SENTENCES[0]])[0][0]
    assert short.pieces == 1 and not short.split


def test_unbreakable_long_input_is_input_error(greedy_engine: TranslationEngine) -> None:
    word = "Generium" * 40
    with pytest.raises(InputError, match="cannot split 'GeneriumGenerium"):
        greedy_engine.translate_batch([f"Hello {word} world."])


def test_empty_sources_give_empty_translations(greedy_engine: TranslationEngine) -> None:
    results = greedy_engine.translate_batch(["", "  ", SENTENCES[0]])
    assert results[0] == [Hypothesis("", 0.0)] and results[1] == [Hypothesis("", 0.0)]
    assert results[2][0].text
    assert greedy_engine.translate_batch([]) == []


def test_term_lists_must_match_sources(greedy_engine: TranslationEngine) -> None:
    with pytest.raises(ValueError, match="prefer has 1 entries for 2 sources"):
        greedy_engine.translate_batch(SENTENCES[:2], prefer=[["завод"]])
    with pytest.raises(TypeError):
        greedy_engine.translate_batch(SENTENCES[:1], avoid=["завод"])  # type: ignore[list-item]


def test_prefer_becomes_sequence_bias_and_avoid_bad_words(
    greedy_engine: TranslationEngine,
) -> None:
    engine = greedy_engine
    tokenizer = engine.tokenizer  # type: ignore[attr-defined]
    pad = tokenizer.pad_token_id
    lek = tuple(tokenizer(text_target="лекарства", add_special_tokens=False)["input_ids"])
    rez = tuple(tokenizer(text_target="резидент", add_special_tokens=False)["input_ids"])
    assert len(lek) == 2 and len(rez) == 1
    config = engine._generation_config(1, ["лекарства", "резидент"], ["завод"])  # type: ignore[attr-defined]
    assert config.sequence_bias[lek] == pytest.approx(2.0)  # spread over tokens after the first
    assert config.sequence_bias[rez] == pytest.approx(2.0)
    assert (lek[0],) not in config.sequence_bias
    assert [pad] in config.bad_words_ids  # the model's own bad words are kept
    zavod = tokenizer(text_target="завод", add_special_tokens=False)["input_ids"]
    assert zavod in config.bad_words_ids
    plain = engine._generation_config(1, [], [])  # type: ignore[attr-defined]
    assert plain.sequence_bias is None and plain.bad_words_ids == [[pad]]


def test_prefer_and_avoid_change_the_output(tiny_en_ru_model: Path) -> None:
    engine = load_engine(
        "transformers",
        str(tiny_en_ru_model),
        source_lang="en",
        target_lang="ru",
        options=EngineOptions(beam_size=1, num_hypotheses=1, prefer_bias=30.0),
    )
    source = [SENTENCES[1]]
    plain = engine.translate_batch(source)[0][0]
    assert "резидент" not in plain.text
    preferred = engine.translate_batch(source, prefer=[["резидент"]])[0][0]
    assert "резидент" in preferred.text
    assert preferred.score > plain.score  # the bias is part of the score
    avoided = engine.translate_batch(source, prefer=[["резидент"]], avoid=[["резидент"]])[0][0]
    assert "резидент" not in avoided.text
    # Sources with different terms are translated apart; results stay in order.
    mixed = engine.translate_batch(SENTENCES[:3], prefer=[[], ["резидент"], []])
    assert [m[0].text for m in mixed] == [
        engine.translate_batch([SENTENCES[0]])[0][0].text,
        preferred.text,
        engine.translate_batch([SENTENCES[2]])[0][0].text,
    ]


def test_pytorch_bin_weights_are_loaded_when_there_is_no_safetensors(
    tmp_path: Path, tiny_en_ru_model: Path, greedy_engine: TranslationEngine
) -> None:
    import torch
    from safetensors.torch import load_file

    copy = shutil.copytree(tiny_en_ru_model, tmp_path / "bin-model")
    state = load_file(str(copy / "model.safetensors"))
    (copy / "model.safetensors").unlink()
    torch.save(state, copy / "pytorch_model.bin")
    engine = load_engine(
        "transformers", str(copy), source_lang="en", target_lang="ru", options=GREEDY
    )
    assert engine.translate_batch(SENTENCES[:3]) == greedy_engine.translate_batch(SENTENCES[:3])
    assert engine.signature.revision != greedy_engine.signature.revision


# -- unusable models ------------------------------------------------------------------------


def test_model_directory_missing_files_is_model_error(
    tmp_path: Path, tiny_en_ru_model: Path
) -> None:
    broken = shutil.copytree(tiny_en_ru_model, tmp_path / "broken")
    (broken / "model.safetensors").unlink()
    (broken / "config.json").unlink()
    with pytest.raises(ModelError) as caught:
        load_engine("transformers", str(broken), source_lang="en", target_lang="ru")
    message = str(caught.value)
    assert str(broken) in message and "config.json" in message and "weights" in message
    assert "\n" not in message and caught.value.exit_code == 3


def test_missing_model_directory_is_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        load_engine("transformers", str(tmp_path / "nowhere"), source_lang="en", target_lang="ru")


def test_model_needing_remote_code_is_refused(tmp_path: Path, tiny_en_ru_model: Path) -> None:
    custom = shutil.copytree(tiny_en_ru_model, tmp_path / "custom")
    config = json.loads((custom / "config.json").read_text())
    config["model_type"] = "fancy-mt"
    config["auto_map"] = {"AutoConfig": "configuration_fancy.FancyConfig"}
    (custom / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="needs custom code") as caught:
        load_engine("transformers", str(custom), source_lang="en", target_lang="ru")
    assert "\n" not in str(caught.value)
    del config["auto_map"]
    (custom / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="model type 'fancy-mt'"):
        load_engine("transformers", str(custom), source_lang="en", target_lang="ru")


def test_engine_none_is_a_registry_row_that_loads_nothing(tiny_en_ru_model: Path) -> None:
    from pipeline.engines import KINDS

    assert "none" in KINDS and not KINDS["none"].translates
    with pytest.raises(InputError, match="'none' translates nothing"):
        load_engine("none", str(tiny_en_ru_model), source_lang="en", target_lang="ru")
