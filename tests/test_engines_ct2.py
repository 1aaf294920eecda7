"""The CTranslate2 engine: conversion cache, parity with transformers, terms."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.cache_dirs import ct2_cache_dir
from pipeline.engines import EngineOptions, EngineSignature, TranslationEngine, load_engine
from pipeline.errors import ModelError
from pipeline.modelstore import list_converted, locate_model

pytest.importorskip("ctranslate2")

from pipeline.engines.ctranslate2_engine import contains_word  # noqa: E402

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
GREEDY_F32 = EngineOptions(beam_size=1, num_hypotheses=1, compute_type="float32", batch_size=5)


@pytest.fixture(scope="module")
def ct2_greedy(tiny_en_ru_model: Path) -> TranslationEngine:
    return load_engine(
        "ct2", str(tiny_en_ru_model), source_lang="en", target_lang="ru", options=GREEDY_F32
    )


def test_greedy_float32_matches_transformers(
    ct2_greedy: TranslationEngine, tiny_en_ru_model: Path
) -> None:
    reference = load_engine(
        "transformers",
        str(tiny_en_ru_model),
        source_lang="en",
        target_lang="ru",
        options=GREEDY_F32,
    )
    ours = ct2_greedy.translate_batch(SENTENCES)
    theirs = reference.translate_batch(SENTENCES)
    assert [h[0].text for h in ours] == [h[0].text for h in theirs]
    for a, b in zip(ours, theirs, strict=True):
        assert a[0].score == pytest.approx(b[0].score, abs=1e-3)
    # The long-input splitting is shared too.
    long = ", ".join(["the resident will build his own plant in the same place"] * 7) + "."
    [ct2_long] = ct2_greedy.translate_batch([long])
    [hf_long] = reference.translate_batch([long])
    assert ct2_long[0].pieces > 1 and ct2_long[0].text == hf_long[0].text


def test_signature_names_engine_and_compute_type(
    ct2_greedy: TranslationEngine, tiny_en_ru_model: Path
) -> None:
    sig = ct2_greedy.signature
    assert sig.engine == "ctranslate2" and sig.model == str(tiny_en_ru_model)
    assert sig.option("ct") == "float32" and sig.revision and sig.revision.startswith("local:")
    assert EngineSignature.parse(str(sig)) == sig


def test_conversion_is_cached_and_reused(
    tiny_en_ru_model: Path, ct2_greedy: TranslationEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2.converters

    def no_conversion(*args: object, **kwargs: object) -> None:
        raise AssertionError("converted a second time")

    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", no_conversion)
    again = load_engine(
        "ct2", str(tiny_en_ru_model), source_lang="en", target_lang="ru", options=GREEDY_F32
    )
    assert again.converted is False  # type: ignore[attr-defined]
    assert again.model_dir == ct2_greedy.model_dir  # type: ignore[attr-defined]
    assert again.model_dir.parent == ct2_cache_dir()  # type: ignore[attr-defined]
    assert again.translate_batch(SENTENCES[:2]) == ct2_greedy.translate_batch(SENTENCES[:2])
    assert not [p for p in ct2_cache_dir().iterdir() if p.name.startswith(".")]  # no leftovers


def test_int8_default_and_nbest(tiny_en_ru_model: Path, ct2_greedy: TranslationEngine) -> None:
    engine = load_engine("ct2", str(tiny_en_ru_model), source_lang="en", target_lang="ru")
    assert engine.signature.option("ct") == "int8"  # auto on CPU
    assert engine.model_dir != ct2_greedy.model_dir  # type: ignore[attr-defined]
    results = engine.translate_batch(SENTENCES[:3], num_hypotheses=3)
    for hyps in results:
        assert 1 <= len(hyps) <= 3
        scores = [h.score for h in hyps]
        assert scores == sorted(scores, reverse=True) and all(s <= 0 for s in scores)
    local = locate_model(str(tiny_en_ru_model))
    # The cache is shared with other tests' models: look at this model's conversions only.
    mine = [entry for entry in list_converted() if entry.model == str(tiny_en_ru_model)]
    assert {"int8", "float32"} <= {entry.quantization for entry in mine}
    assert all(entry.revision == local.revision for entry in mine)


def test_avoid_suppresses_and_prefer_reranks(tiny_en_ru_model: Path) -> None:
    engine = load_engine(
        "ct2",
        str(tiny_en_ru_model),
        source_lang="en",
        target_lang="ru",
        options=EngineOptions(beam_size=1, num_hypotheses=1, compute_type="float32"),
    )
    source = [SENTENCES[0]]
    plain = engine.translate_batch(source, num_hypotheses=4)[0]
    # avoid: the best hypothesis's first piece may no longer be produced.
    first = engine.tokenization.target_tokens([plain[0].text])[0][0]  # type: ignore[attr-defined]
    form = first.lstrip("▁")
    avoided = engine.translate_batch(source, avoid=[[form]])[0][0]
    assert avoided.text != plain[0].text
    # prefer: a word only a lower-ranked hypothesis has moves that hypothesis up.
    best_words = set(plain[0].text.split())
    target = next((h for h in plain[1:] if set(h.text.split()) - best_words), None)
    if target is None:
        pytest.skip("no alternative with a distinct word")
    word = sorted(set(target.text.split()) - best_words)[0]
    preferred = engine.translate_batch(source, prefer=[[word]])[0][0]
    assert word in preferred.text.split()


def test_unconvertible_model_is_model_error(tmp_path: Path, tiny_en_ru_model: Path) -> None:
    import json
    import shutil

    odd = shutil.copytree(tiny_en_ru_model, tmp_path / "odd")
    config = json.loads((odd / "config.json").read_text())
    config["model_type"] = "not-a-model"
    (odd / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="model type 'not-a-model'"):
        load_engine("ct2", str(odd), source_lang="en", target_lang="ru", options=GREEDY_F32)


def test_sources_with_different_preferred_forms_share_one_batch(
    ct2_greedy: TranslationEngine,
) -> None:
    engine: Any = ct2_greedy
    sources = SENTENCES[:4]
    plain = engine.translate_batch(sources, num_hypotheses=4)
    # Prefer, for each source, a word of its second hypothesis (or nothing).
    prefer = [
        [next(iter(set(hyps[1].text.split()) - set(hyps[0].text.split())), "")]
        if len(hyps) > 1
        else []
        for hyps in plain
    ]
    alone = [
        engine.translate_batch([source], num_hypotheses=2, prefer=[forms])[0]
        for source, forms in zip(sources, prefer, strict=True)
    ]
    calls: list[int] = []
    translator = engine.translator

    class Counting:
        def translate_batch(self, batch: list[list[str]], **options: Any) -> Any:
            calls.append(len(batch))
            return translator.translate_batch(batch, **options)

    engine.translator = Counting()
    try:
        together = engine.translate_batch(sources, num_hypotheses=2, prefer=prefer)
    finally:
        engine.translator = translator
    assert calls == [len(sources)]
    # Same hypotheses, same order; scores equal up to batch padding's float noise.
    assert [[h.text for h in hyps] for hyps in together] == [
        [h.text for h in hyps] for hyps in alone
    ]
    for got, expected in zip(together, alone, strict=True):
        assert [h.score for h in got] == pytest.approx([h.score for h in expected], abs=1e-4)


def test_converted_opus_mt_model_translates_without_torch(ct2_greedy: TranslationEngine) -> None:
    # ct2_greedy converted the model already; a fresh process only loads and translates.
    model = str(ct2_greedy.local.path)  # type: ignore[attr-defined]
    script = (
        "import sys\n"
        "from pipeline.engines import EngineOptions, load_engine\n"
        f"engine = load_engine('ct2', {model!r}, source_lang='en', target_lang='ru',"
        " options=EngineOptions(beam_size=1, num_hypotheses=1, compute_type='float32'))\n"
        "print(engine.translate_batch(['Hello world.'])[0][0].text)\n"
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    text, modules = done.stdout.strip().splitlines()[-2:]
    assert text == ct2_greedy.translate_batch(["Hello world."])[0][0].text
    assert modules == "[]"


@given(
    text=st.text(alphabet="аб зa_1.-", max_size=20),
    forms=st.lists(st.text(alphabet="аб зa_1.-", min_size=1, max_size=4), max_size=3),
)
def test_contains_word_is_a_whole_word_search(text: str, forms: list[str]) -> None:
    expected = any(re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", text) for f in forms)
    assert contains_word(text, forms) == expected


def test_hugging_face_tokenizer_fallback_translates_the_same(
    ct2_greedy: TranslationEngine, tiny_en_ru_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Layouts MarianPieces does not take go through the model's HF tokenizer, same result."""
    from pipeline.engines import marian_pieces

    monkeypatch.setattr(marian_pieces, "load", lambda directory: None)
    fallback = load_engine(
        "ct2", str(tiny_en_ru_model), source_lang="en", target_lang="ru", options=GREEDY_F32
    )
    assert type(fallback.tokenization).__name__ == "_HubTokens"  # type: ignore[attr-defined]
    assert fallback.max_input_tokens == ct2_greedy.max_input_tokens
    expected = [hyps[0].text for hyps in ct2_greedy.translate_batch(SENTENCES)]
    assert [hyps[0].text for hyps in fallback.translate_batch(SENTENCES)] == expected
    form = expected[0].split()[0]
    avoided = fallback.translate_batch(SENTENCES[:1], avoid=[[form]])[0][0].text
    assert avoided == ct2_greedy.translate_batch(SENTENCES[:1], avoid=[[form]])[0][0].text


def test_an_engine_no_longer_referenced_is_freed_at_once(tiny_en_ru_model: Path) -> None:
    """No reference cycle keeps a ct2 engine (and its weights) alive until a garbage
    collection: the runner's release at the end of a run frees them then."""
    import gc
    import weakref

    engine = load_engine(
        "ct2", str(tiny_en_ru_model), source_lang="en", target_lang="ru", options=GREEDY_F32
    )
    engine.translate_batch(SENTENCES[:2])
    engine.count_tokens(SENTENCES[0])
    alive = weakref.ref(engine)
    gc.disable()
    try:
        del engine
        assert alive() is None
    finally:
        gc.enable()
