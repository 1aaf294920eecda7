"""Forbidden forms in the CTranslate2 engine: filtered out of an n-best decoded in one batch
(``forbidden = "filter"``, the default) or suppressed while decoding, one batch per set of
forms (``"suppress"``, the earlier way); catalogs identical where nothing was filtered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
import pytest

from pipeline.engines import EngineOptions, TranslationEngine, load_engine
from pipeline.engines.base import starts_word
from pipeline.engines.devices import ct2_signature_fields
from pipeline.engines.settings import parse_engine_table
from pipeline.errors import InputError

from .helpers import ROOT, SAMPLE, run_cli

pytest.importorskip("ctranslate2")

SOURCES = [
    "The company rented a space.",
    "Hello world.",
    "These are, for example, Gaucher disease and cystic fibrosis.",
    "The resident will build a plant.",
]
NEVER = ["кошка", "собака", "жираф", "слон"]  # forms the tiny model does not produce


def _engine(model: Path, forbidden: str, beam: int = 1, nbest: int = 1) -> TranslationEngine:
    options = EngineOptions(
        beam_size=beam, num_hypotheses=nbest, compute_type="float32", forbidden=forbidden
    )
    return load_engine("ct2", str(model), source_lang="en", target_lang="ru", options=options)


class _Counting:
    """Stands in for a ct2 translator: records each call's batch size and suppressions."""

    def __init__(self, translator: Any) -> None:
        self.translator = translator
        self.calls: list[tuple[int, bool]] = []

    def translate_batch(self, batch: list[list[str]], **options: Any) -> Any:
        self.calls.append((len(batch), bool(options.get("suppress_sequences"))))
        return self.translator.translate_batch(batch, **options)


def _counted(engine: Any, sources: list[str], **kwargs: Any) -> tuple[list[Any], list[Any]]:
    counting = _Counting(engine.translator)
    engine.translator = counting
    try:
        return engine.translate_batch(sources, **kwargs), counting.calls
    finally:
        engine.translator = counting.translator


def _texts(results: list[Any]) -> list[list[str]]:
    return [[h.text for h in hyps] for hyps in results]


def test_sources_with_different_forbidden_forms_share_one_batch(tiny_en_ru_model: Path) -> None:
    avoid = [[form] for form in NEVER]
    filtering = _engine(tiny_en_ru_model, "filter")
    plain = filtering.translate_batch(SOURCES)
    assert not any(starts_word(h[0].text, NEVER) for h in plain)  # nothing to filter here
    filtered, calls = _counted(filtering, SOURCES, avoid=avoid)
    assert calls == [(len(SOURCES), False)]
    suppressed, calls = _counted(_engine(tiny_en_ru_model, "suppress"), SOURCES, avoid=avoid)
    assert calls == [(1, True)] * len(SOURCES)  # the earlier way: one batch per set of forms
    assert _texts(filtered) == _texts(suppressed) == _texts(plain)


def test_a_source_whose_every_hypothesis_has_a_forbidden_form_is_decoded_again(
    tiny_en_ru_model: Path,
) -> None:
    filtering = _engine(tiny_en_ru_model, "filter")
    plain = filtering.translate_batch(SOURCES)
    form = plain[0][0].text.split()[0]  # greedy: the only hypothesis starts with it
    avoid = [[form], [], [], []]
    result, calls = _counted(filtering, SOURCES, avoid=avoid)
    assert calls == [(len(SOURCES), False), (1, True)]
    suppressed = _engine(tiny_en_ru_model, "suppress").translate_batch(SOURCES[:1], avoid=[[form]])
    assert _texts(result[:1]) == _texts(suppressed)
    assert _texts(result[1:]) == _texts(plain[1:])


def test_hypotheses_with_a_forbidden_form_are_dropped_from_the_nbest(
    tiny_en_ru_model: Path,
) -> None:
    filtering = _engine(tiny_en_ru_model, "filter", beam=4, nbest=4)
    nbest = filtering.translate_batch(SOURCES[:1])[0]
    words = [set(h.text.split()) for h in nbest]
    word = next((w for w in sorted(words[0]) if not all(w in ws for ws in words)), None)
    assert word is not None, "the tiny model's n-best should differ in a word"
    result, calls = _counted(filtering, SOURCES[:1], avoid=[[word]])
    assert calls == [(1, False)]  # a compliant hypothesis is left: no second pass
    assert [h.text for h in result[0]] == [
        h.text for h in nbest if not starts_word(h.text, [word, word[0].upper() + word[1:]])
    ]


def test_signature_records_filtering_and_suppress_keeps_the_earlier_one(
    tiny_en_ru_model: Path,
) -> None:
    for mode, expected in (("filter", "filter"), ("suppress", None)):
        engine = _engine(tiny_en_ru_model, mode)
        assert engine.signature.option("avoid") == expected
        fields = ct2_signature_fields(engine.options)
        assert fields == [part for part in engine.signature.options.split("|") if part in fields]
        assert ("avoid:filter" in fields) == (mode == "filter")


def test_forbidden_setting_is_checked() -> None:
    assert parse_engine_table({"forbidden": "suppress"}).options.forbidden == "suppress"
    assert parse_engine_table(None).options.forbidden == "filter"
    with pytest.raises(InputError, match="forbidden must be one of filter, suppress"):
        parse_engine_table({"forbidden": "sometimes"})
    with pytest.raises(InputError, match="forbidden must be str"):
        parse_engine_table({"forbidden": 1})


def _catalog(tmp_path: Path, name: str, forbidden: str, models: tuple[Path, Path]) -> Any:
    config = tmp_path / f"{name}.toml"
    config.write_text(f'[engine]\nforbidden = "{forbidden}"\nbeam_size = 2\nnum_hypotheses = 2\n')
    out = tmp_path / name
    argv = ["translate", str(SAMPLE), "--to", "ru", "--out", str(out), "--engine", "ct2"]
    argv += ["--model", str(models[0]), "--back-model", str(models[1]), "--config", str(config)]
    argv += ["--glossary", str(ROOT / "glossary" / "terms.csv")]
    assert run_cli(*argv) == 0
    return polib.pofile(str(out / "ru" / "LC_MESSAGES" / "generium-next-release.po"))


def test_catalogs_identical_with_either_setting_where_nothing_was_filtered(
    tmp_path: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    models = (tiny_en_ru_model, tiny_ru_en_model)
    filtered = _catalog(tmp_path, "filter", "filter", models)
    suppressed = _catalog(tmp_path, "suppress", "suppress", models)

    def content(catalog: Any) -> list[tuple[str, str, list[str]]]:
        return [
            (e.msgid, e.msgstr, [line for line in e.comment.splitlines() if "engine:" not in line])
            for e in catalog
        ]

    assert content(filtered) == content(suppressed)
    assert any(e.msgstr for e in filtered)
