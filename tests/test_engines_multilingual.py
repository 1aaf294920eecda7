"""Multilingual model families in both engines: NLLB-200, M2M100, multi-target opus-mt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.engines import (
    ENGINES,
    EngineOptions,
    EngineSignature,
    engine_kind,
    engine_names,
    engine_signature,
    load_engine,
    normalize_engine_name,
)
from pipeline.engines.families import FAMILIES, UnknownLanguage, family_of
from pipeline.engines.families.codes import bcp47, match_code
from pipeline.errors import ModelError
from pipeline.modelstore import locate_model

pytest.importorskip("ctranslate2")

SENTENCES = [
    "The company rented a space.",
    "Hello world.",
    "These are, for example, Gaucher disease and cystic fibrosis.",
    "The server returned an error; try again later.",
    "Click the button to save the file, then close the window.",
    "Rare diseases",
]
GREEDY_F32 = EngineOptions(beam_size=1, num_hypotheses=1, compute_type="float32", batch_size=4)
BEAM_F32 = EngineOptions(beam_size=3, num_hypotheses=3, compute_type="float32", batch_size=4)


@pytest.fixture(scope="module")
def models(
    tiny_nllb_model: Path,
    tiny_m2m100_model: Path,
    tiny_en_mul_model: Path,
    tiny_madlad_model: Path,
) -> dict:
    return {
        "nllb": tiny_nllb_model,
        "m2m100": tiny_m2m100_model,
        "marian-multi": tiny_en_mul_model,
        "madlad": tiny_madlad_model,
    }


# -- registry -------------------------------------------------------------------------------


def test_engine_names_come_from_the_registry() -> None:
    assert set(ENGINES) == {"transformers", "ctranslate2"}  # the kinds that translate
    assert set(engine_names()) == {"transformers", "ctranslate2", "ct2", "none"}
    assert normalize_engine_name("none") == "none" and not engine_kind("none").translates
    assert normalize_engine_name(" CT2 ") == "ctranslate2"
    with pytest.raises(ValueError, match="unknown engine 'marian'"):
        normalize_engine_name("marian")


def test_each_model_is_recognised_by_its_family(models: dict, tiny_en_ru_model: Path) -> None:
    for name, path in models.items():
        assert family_of(locate_model(str(path))).name == name
    pair = family_of(locate_model(str(tiny_en_ru_model)))
    assert pair.name == "pair" and not pair.multilingual and pair.languages() == []
    assert list(FAMILIES)[-1] == "pair"  # the fallback is tried last


# -- language codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "nllb", "m2m100", "marian"),
    [
        ("ru", "rus_Cyrl", "__ru__", ">>rus<<"),
        ("zh", "zho_Hans", "__zh__", ">>zho_Hans<<"),
        ("zh-TW", "zho_Hant", None, ">>zho_Hant<<"),  # M2M100's zh is Simplified
        ("zh_Hant", "zho_Hant", None, ">>zho_Hant<<"),
        ("pt-BR", "por_Latn", "__pt__", None),
        ("pt_BR", "por_Latn", "__pt__", None),
        ("de", "deu_Latn", "__de__", ">>deu<<"),
        ("fr", "fra_Latn", "__fr__", ">>fra<<"),
        ("sr-Latn", None, None, None),  # NLLB has srp_Cyrl, M2M100 sr (Cyrillic)
        ("sr", "srp_Cyrl", "__sr__", None),
        ("ko", "kor_Hang", "__ko__", None),
        ("ja", "jpn_Jpan", "__ja__", None),
        ("kw", None, None, None),
    ],
)
def test_bcp47_tags_map_to_the_codes_the_model_has(
    models: dict, lang: str, nllb: str | None, m2m100: str | None, marian: str | None
) -> None:
    for name, expected in (("nllb", nllb), ("m2m100", m2m100), ("marian-multi", marian)):
        family = family_of(locate_model(str(models[name])))
        assert match_code(lang, family.codes()) == expected, (name, lang)


def test_languages_served_are_bcp47(models: dict) -> None:
    nllb = family_of(locate_model(str(models["nllb"]))).languages()
    assert {"ru", "zh", "zh-Hant", "pt", "de", "fr", "en", "uk"} <= set(nllb)
    assert "rus_Cyrl" not in nllb and len(nllb) > 190
    m2m = family_of(locate_model(str(models["m2m100"]))).languages()
    assert len(m2m) == 100 and "zh" in m2m
    marian = family_of(locate_model(str(models["marian-multi"]))).languages()
    assert marian == ["de", "fr", "ru", "zh", "zh-Hant"]
    assert bcp47("cmn_Hans") == "zh" and bcp47("srp_Latn") == "sr-Latn"


# -- both engines ---------------------------------------------------------------------------


@pytest.mark.parametrize("family", ["nllb", "m2m100", "marian-multi", "madlad"])
@pytest.mark.parametrize("target", ["ru", "zh"])
def test_ct2_greedy_matches_transformers(models: dict, family: str, target: str) -> None:
    engines = {
        kind: load_engine(
            kind, str(models[family]), source_lang="en", target_lang=target, options=GREEDY_F32
        )
        for kind in ("transformers", "ct2")
    }
    ours = engines["ct2"].translate_batch(SENTENCES)
    theirs = engines["transformers"].translate_batch(SENTENCES)
    assert [h[0].text for h in ours] == [h[0].text for h in theirs]
    for a, b in zip(ours, theirs, strict=True):
        assert a[0].score == pytest.approx(b[0].score, abs=1e-3)
    assert any(h[0].text for h in theirs)  # real output, not nothing
    if family == "madlad":
        return  # T5 has relative positions: no input limit to split for
    # The language tokens count towards the input limit, and splitting is shared.
    long = ", ".join(["the resident will build his own plant in the same place"] * 6) + "."
    [ct2_long] = engines["ct2"].translate_batch([long])
    [hf_long] = engines["transformers"].translate_batch([long])
    assert ct2_long[0].pieces > 1 and ct2_long[0].text == hf_long[0].text


@pytest.mark.parametrize("kind", ["transformers", "ct2"])
def test_nbest_lists_and_scores_from_a_multilingual_model(models: dict, kind: str) -> None:
    engine = load_engine(
        kind, str(models["nllb"]), source_lang="en", target_lang="de", options=BEAM_F32
    )
    for hyps in engine.translate_batch(SENTENCES[:3]):
        assert 1 <= len(hyps) <= 3 and len({h.text for h in hyps}) == len(hyps)
        assert [h.score for h in hyps] == sorted((h.score for h in hyps), reverse=True)
        assert all(h.score <= 0 for h in hyps)
        assert not any("deu_Latn" in h.text for h in hyps)  # the forced token is not text


def _record_generate(engine: Any) -> list[list[int]]:
    """Wrap the transformers engine's ``generate`` to keep the sequences it returns."""
    seen: list[list[int]] = []
    generate = engine.model.generate

    def recording(*args: Any, **kwargs: Any) -> Any:
        out = generate(*args, **kwargs)
        seen.extend(out.sequences.tolist())
        return out

    engine.model.generate = recording
    return seen


def _record_translate(engine: Any) -> list[tuple[dict[str, Any], list[list[str]]]]:
    """Wrap the ct2 engine's translator to keep the options and raw output tokens."""
    seen: list[tuple[dict[str, Any], list[list[str]]]] = []

    class Recording:
        def __init__(self, translator: Any) -> None:
            self.translator = translator

        def translate_batch(self, batch: Any, **kwargs: Any) -> Any:
            results = self.translator.translate_batch(batch, **kwargs)
            seen.append((kwargs, [r.hypotheses[0] for r in results]))
            return results

    engine.translator = Recording(engine.translator)
    return seen


@pytest.mark.parametrize(
    ("family", "target", "token"),
    [
        ("nllb", "ru", "rus_Cyrl"),
        ("nllb", "zh", "zho_Hans"),
        ("nllb", "pt-BR", "por_Latn"),
        ("m2m100", "fr", "__fr__"),
        ("m2m100", "zh", "__zh__"),
    ],
)
def test_forced_target_token_is_the_requested_language(
    models: dict, family: str, target: str, token: str
) -> None:
    hf = load_engine(
        "transformers",
        str(models[family]),
        source_lang="en",
        target_lang=target,
        options=GREEDY_F32,
    )
    sequences = _record_generate(hf)
    hf.translate_batch(SENTENCES[:3])
    expected = hf.tokenizer.convert_tokens_to_ids(token)
    assert sequences and all(row[1] == expected for row in sequences)  # after decoder start
    assert hf.signature.option("family") == family
    assert hf.signature.option("lang").endswith(">" + token)

    ct2 = load_engine(
        "ct2", str(models[family]), source_lang="en", target_lang=target, options=GREEDY_F32
    )
    calls = _record_translate(ct2)
    ct2.translate_batch(SENTENCES[:3])
    options, outputs = calls[0]
    assert options["target_prefix"] == [[token]] * 3
    assert all(tokens[0] == token for tokens in outputs)
    source = "eng_Latn" if family == "nllb" else "__en__"
    assert ct2.tokens("Hello world.")[0] == source  # the source language token leads


@pytest.mark.parametrize(
    ("family", "token"), [("marian-multi", ">>zho_Hans<<"), ("madlad", "<2zh>")]
)
def test_target_token_prefixes_the_source(models: dict, family: str, token: str) -> None:
    for kind in ("transformers", "ct2"):
        engine = load_engine(
            kind, str(models[family]), source_lang="en", target_lang="zh", options=GREEDY_F32
        )
        assert engine.signature.option("lang") == token
        if kind == "ct2":
            assert engine.tokens("Hello world.")[0] == token
        else:
            first = engine.tokenize("Hello world.")[0]
            assert engine.tokenizer.convert_ids_to_tokens(first) == token


def test_madlad_codes(models: dict) -> None:
    family = family_of(locate_model(str(models["madlad"])))
    assert family.languages() == ["de", "en", "fr", "pt", "ru", "zh"]
    assert family.code("pt-BR") == "<2pt>" and family.code("zh") == "<2zh>"
    with pytest.raises(UnknownLanguage):
        family.code("zh-TW")


@pytest.mark.parametrize("kind", ["transformers", "ct2"])
def test_back_translation_is_forced_to_english(models: dict, kind: str) -> None:
    russian = ["Сервер вернул ошибку.", "Нажмите кнопку.", "Болезнь Гоше"]
    back = load_engine(
        kind, str(models["nllb"]), source_lang="ru", target_lang="en", options=GREEDY_F32
    )
    assert back.signature.option("lang") == "rus_Cyrl>eng_Latn"
    assert (back.signature.source_lang, back.signature.target_lang) == ("ru", "en")
    if kind == "transformers":
        sequences = _record_generate(back)
        back.translate_batch(russian)
        eng = back.tokenizer.convert_tokens_to_ids("eng_Latn")
        assert all(row[1] == eng for row in sequences)
    else:
        calls = _record_translate(back)
        back.translate_batch(russian)
        assert all(tokens[0] == "eng_Latn" for tokens in calls[0][1])
        assert back.tokens("Привет")[0] == "rus_Cyrl"


# -- signatures and unknown languages -------------------------------------------------------


def test_signature_names_family_and_language_tokens(models: dict) -> None:
    signatures = {
        (family, target): engine_signature(
            "ct2", str(path), source_lang="en", target_lang=target, options=GREEDY_F32
        )
        for family, path in models.items()
        for target in ("ru", "zh")
    }
    assert len({str(s) for s in signatures.values()}) == len(signatures)
    nllb = signatures[("nllb", "ru")]
    assert "|family:nllb|lang:eng_Latn>rus_Cyrl|" in str(nllb)
    assert EngineSignature.parse(str(nllb)) == nllb
    assert signatures[("m2m100", "zh")].option("lang") == "__en__>__zh__"
    assert signatures[("marian-multi", "ru")].option("lang") == ">>rus<<"
    assert signatures[("madlad", "ru")].option("lang") == "<2ru>"
    loaded = load_engine(
        "ct2", str(models["nllb"]), source_lang="en", target_lang="ru", options=GREEDY_F32
    )
    assert loaded.signature == nllb


@pytest.mark.parametrize("family", ["nllb", "m2m100", "marian-multi", "madlad"])
@pytest.mark.parametrize("kind", ["transformers", "ct2"])
def test_unknown_language_names_model_and_language(models: dict, family: str, kind: str) -> None:
    path = str(models[family])
    with pytest.raises(UnknownLanguage) as caught:
        engine_signature(kind, path, source_lang="en", target_lang="kw")
    assert isinstance(caught.value, ModelError) and caught.value.exit_code == 3
    assert path in str(caught.value) and "'kw'" in str(caught.value)
    with pytest.raises(UnknownLanguage):
        load_engine(kind, path, source_lang="en", target_lang="kw", options=GREEDY_F32)


def test_m2m100_language_tokens_reach_the_ct2_converter(models: dict) -> None:
    """transformers 5 leaves M2M100's language tokens out of ``special_tokens_map``, from
    which CTranslate2's converter takes them; the family lists them for the converter."""
    from transformers import AutoTokenizer

    local = locate_model(str(models["m2m100"]))
    tokenizer = AutoTokenizer.from_pretrained(str(local.path))
    assert "__ru__" not in (tokenizer.special_tokens_map.get("additional_special_tokens") or [])
    prepared = family_of(local).prepare_for_conversion(tokenizer)
    listed = prepared.special_tokens_map["additional_special_tokens"]
    assert len(listed) == 100 and listed[0] == "__af__" and "__ru__" in listed
    assert prepared.get_vocab() == tokenizer.get_vocab()  # everything else as it was


def test_text_without_spaces_is_split_at_its_punctuation_then_between_characters() -> None:
    from pipeline.engines.base import split_to_fit

    def count(text: str) -> int:
        return len(text) + 1

    clauses = "服务器返回了一个错误，请稍后再试。单击按钮保存文件；然后关闭窗口。"
    pieces = split_to_fit(clauses, count, 12)
    assert all(count(p) <= 12 for p in pieces)
    assert "".join(pieces) == clauses and pieces[0] == "服务器返回了一个错误，"
    run = "错" * 100
    pieces = split_to_fit(run, count, 16)
    assert "".join(pieces) == run and all(count(p) <= 16 for p in pieces)


def test_signatures_of_multilingual_models_import_no_ml_library(models: dict) -> None:
    import subprocess
    import sys

    for path in models.values():  # M2M100's fixed code list is remembered on the first run
        engine_signature("transformers", str(path), source_lang="en", target_lang="de")
    code = f"""
import sys
from pipeline.engines import engine_signature
for path in {[str(p) for p in models.values()]!r}:
    print(engine_signature("transformers", path, source_lang="en", target_lang="de"))
heavy = [m for m in ("torch", "transformers", "ctranslate2") if m in sys.modules]
print("HEAVY:" + ",".join(heavy))
"""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("HEAVY:"), done.stdout
    assert "lang:__en__>__de__" in done.stdout and "lang:eng_Latn>deu_Latn" in done.stdout


def test_forced_output_length_with_a_forced_language_token(models: dict) -> None:
    """min_length just under max_length (how the benchmark forces lengths) with NLLB: both
    engines fill the length and agree."""
    options = EngineOptions(
        beam_size=1, num_hypotheses=1, min_length=11, max_length=12, compute_type="float32"
    )
    outputs = {}
    for kind in ("transformers", "ct2"):
        engine = load_engine(
            kind, str(models["nllb"]), source_lang="en", target_lang="de", options=options
        )
        outputs[kind] = [h[0].text for h in engine.translate_batch(SENTENCES)]
    assert outputs["ct2"] == outputs["transformers"]
