"""``l10n translate`` with real (tiny, random) Marian models: MT, round trip, glossary, re-runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from pipeline.catalog import mt_provenance
from pipeline.engines import EngineSignature

from .helpers import ROOT, SAMPLE, msgfmt_check, run_cli, run_l10n

PO = Path("ru") / "LC_MESSAGES" / "generium-next-release.po"
GLOSSARY = ROOT / "glossary" / "terms.csv"


def translate_args(out: Path, forward: Path, backward: Path, *options: str) -> list[str]:
    """``l10n translate`` of the sample into Russian with the given models."""
    models = ["--model", str(forward), "--back-model", str(backward)]
    return ["translate", str(SAMPLE), "--to", "ru", "--out", str(out), *models, *options]


# The module's translate job: transformers, the shipped glossary, beam 2, n-best 2.
JOB_OPTIONS = (*"--engine transformers --beam 2 --nbest 2".split(), "--glossary", str(GLOSSARY))


@pytest.fixture(scope="module")
def translated(
    tmp_path_factory: pytest.TempPathFactory, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> Path:
    """The output directory of the module's job; tests that change it work on a copy."""
    out = tmp_path_factory.mktemp("mt") / "locales"
    assert run_cli(*translate_args(out, tiny_en_ru_model, tiny_ru_en_model, *JOB_OPTIONS)) == 0
    return out


@pytest.fixture
def translated_copy(translated: Path, tmp_path: Path) -> Path:
    """A private copy of the job's output (catalogs and MT cache)."""
    return shutil.copytree(translated, tmp_path / "locales")


def test_mt_fills_msgstr_fuzzy_with_reviewer_comments(translated: Path) -> None:
    po = translated / PO
    msgfmt_check(po)
    catalog = polib.pofile(str(po))
    english = [e for e in catalog if e.msgid != "Ваш вопрос"]
    assert all(e.msgstr and "fuzzy" in e.flags for e in english)
    for entry in english:
        provenance = mt_provenance(entry.comment)
        assert provenance is not None
        signature = EngineSignature.parse(provenance[0])
        assert signature.engine == "transformers" and signature.revision
        assert (signature.source_lang, signature.target_lang) == ("en", "ru")
        assert "back-translation: " in entry.comment
        chrf = float(entry.comment.split("round-trip chrF: ")[1].split("\n")[0])
        assert 0.0 <= chrf <= 100.0
        assert "warning: round trip chrF" in entry.comment  # random weights: always low
    first = catalog[0]
    assert "glossary: " in first.comment and "SEZ → ОЭЗ" in first.comment
    assert "terms: " in first.comment
    russian = catalog[-1]
    assert (
        russian.msgid == "Ваш вопрос" and russian.msgstr == "" and "not English" in russian.tcomment
    )


def _translate_without_model(out: Path, forward: Path, backward: Path) -> None:
    """Re-run the module's translate job in a fresh process; it must not import torch."""
    args = translate_args(out, forward, backward, *JOB_OPTIONS)
    script = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"assert main({args!r}) == 0\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'model loaded'\n"
    )
    command = [sys.executable, "-c", script]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr


def test_rerun_unchanged_loads_no_model(
    translated_copy: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    before = (translated_copy / PO).read_bytes()
    _translate_without_model(translated_copy, tiny_en_ru_model, tiny_ru_en_model)
    assert (translated_copy / PO).read_bytes() == before


def test_new_catalog_from_mt_cache_loads_no_model(
    translated_copy: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    before = (translated_copy / PO).read_bytes()
    (translated_copy / PO).unlink()
    _translate_without_model(translated_copy, tiny_en_ru_model, tiny_ru_en_model)
    after = polib.pofile(str(translated_copy / PO))
    assert [e.msgstr for e in after] == [e.msgstr for e in polib.pofile(before.decode())]


def test_missing_model_offline_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "locales"
    command = [sys.executable, "-m", "pipeline", "translate", str(SAMPLE), "--to", "ru"]
    hub = {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path / "hub")}
    result = subprocess.run(
        [*command, "--out", str(out), "--engine", "transformers"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        env={**os.environ, **hub, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 3, result.stderr
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1
    assert "Helsinki-NLP/opus-mt-en-ru" in line
    assert "l10n models pull --to ru" in line and "--model DIR" in line
    assert not any(p.suffix in (".po", ".pot") for p in out.rglob("*"))


def test_ct2_engine_end_to_end(
    tmp_path: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    out = tmp_path / "locales"
    options = ("--engine", "ct2", "--beam", "1", "--nbest", "1")
    assert run_cli(*translate_args(out, tiny_en_ru_model, tiny_ru_en_model, *options)) == 0
    catalog = polib.pofile(str(out / PO))
    provenance = mt_provenance(catalog[0].comment)
    assert provenance is not None and "engine:ctranslate2" in provenance[0]
    msgfmt_check(out / PO)


def test_terms_choose_among_real_nbest(tiny_en_ru_model: Path, tiny_ru_en_model: Path) -> None:
    """With the tiny real model: the hypothesis that uses the glossary term is chosen."""
    from pipeline.engines import EngineOptions, load_engine
    from pipeline.glossary import Glossary, GlossaryTerm
    from pipeline.mt import LazyEngine, MTSettings, machine_translate

    options = EngineOptions(beam_size=4, num_hypotheses=4)
    forward, backward = (
        load_engine("transformers", str(model), source_lang=a, target_lang=b, options=options)
        for model, a, b in ((tiny_en_ru_model, "en", "ru"), (tiny_ru_en_model, "ru", "en"))
    )
    source = "The company rented a space at Alabushevo site."
    nbest = forward.translate_batch([source], num_hypotheses=4)[0]
    # A "term" that only a lower-ranked hypothesis contains (random weights: gibberish).
    from pipeline.glossary import check_target

    candidates = [
        (i, GlossaryTerm("company", "ru", (h.text,))) for i, h in enumerate(nbest[1:], start=1)
    ]
    index, term = next(
        (i, t) for i, t in candidates if not check_target(nbest[0].text, [t], "ru")[0].ok
    )
    glossary = Glossary([term])
    settings = MTSettings(lang="ru", num_hypotheses=4, glossary=glossary)
    results = machine_translate(
        [source],
        LazyEngine(str(forward.signature), lambda: forward),
        LazyEngine(str(backward.signature), lambda: backward),
        settings,
    )
    chosen = results[source]
    assert chosen.compliant and chosen.text == nbest[index].text != nbest[0].text
    assert [c.ok for c in chosen.term_checks] == [True]


def test_sample_through_translate_qa_review(translated_copy: Path, tmp_path: Path) -> None:
    po = translated_copy / PO
    report = tmp_path / "review.html"
    qa = run_l10n("qa", po, "--glossary", GLOSSARY, "--json")
    assert qa.returncode == 1  # random weights: numbers and terms are wrong
    findings = [json.loads(line) for line in qa.stdout.splitlines()]
    checks = {f["check"] for f in findings}
    assert {"numbers", "roundtrip"} <= checks
    assert all(f["file"] == str(po) for f in findings)
    catalog = polib.pofile(str(po))
    assert any("qa: numbers: " in e.comment for e in catalog)
    msgfmt_check(po)
    assert run_l10n("review", po, "--html", report, "--glossary", GLOSSARY).returncode == 0
    html = report.read_text(encoding="utf-8")
    assert "back-translation" in html.lower()
    assert catalog[0].msgid.split()[1] in html


def _cached_signatures(out: Path) -> set[str]:
    import sqlite3

    with sqlite3.connect(out / ".l10n-cache.sqlite") as db:
        return {row[0] for row in db.execute("SELECT DISTINCT signature FROM mt")}


@pytest.mark.slow
def test_back_translation_is_greedy_unless_asked(
    tmp_path: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    """The round trip uses only the best back-translation: beam 1 by default, --back-beam N."""
    for back_beam, expected in ((None, "beam:1|nbest:1"), ("3", "beam:3|nbest:1")):
        out = tmp_path / f"back-{back_beam}"
        options = ["--engine", "transformers", "--beam", "2"]
        options += ["--back-beam", back_beam] if back_beam else []
        assert run_cli(*translate_args(out, tiny_en_ru_model, tiny_ru_en_model, *options)) == 0
        signatures = [EngineSignature.parse(s) for s in _cached_signatures(out)]
        back = [s for s in signatures if s.target_lang == "en"]
        forward = [s for s in signatures if s.target_lang == "ru"]
        assert len(back) == 1 and back[0].options.startswith("family:pair|" + expected)
        assert len(forward) == 1 and forward[0].options.startswith("family:pair|beam:2|nbest:4")
