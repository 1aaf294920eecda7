"""``l10n translate`` on the shared options: project defaults, language codes, its report
(issue 25)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from pipeline.catalog import GLOSSARY_PREFIX
from pipeline.cli import main
from pipeline.entry import Entry

from .helpers import ROOT, SAMPLE, SAMPLE_RU_PO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project (l10n.toml, the glossary, the sample release) without catalogs yet."""
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "glossary" / "terms.csv", root / "glossary" / "terms.csv")
    shutil.copy(SAMPLE, root / SAMPLE.name)
    (root / "l10n.toml").write_text("", encoding="utf-8")
    return root


def _translate(project: Path, *extra: str) -> int:
    return main(["translate", str(project / SAMPLE.name), "--engine", "none", *extra])


def test_translate_from_another_directory_uses_the_project(
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert _translate(project, "--to", "ru") == 0
    assert not (elsewhere / "locales").exists()
    po = polib.pofile(str(project / "locales" / SAMPLE_RU_PO))
    hints = [e for e in po if GLOSSARY_PREFIX in (e.comment or "")]
    assert hints, "the project's glossary gave hints"
    captured = capsys.readouterr()
    assert captured.out.strip().startswith("translate: 2 catalogs written, 0 unchanged; ")
    context = captured.err.strip().splitlines()[-1]
    assert context.startswith("l10n: used config ")
    assert f"glossary {project / 'glossary' / 'terms.csv'}" in context
    assert f"memory {project / 'locales' / '.l10n-memory.sqlite'} (not created yet)" in context
    assert context.endswith(f"(project {project})")


@pytest.mark.parametrize("code", ["rus", "ru-RU", "ru_RU", "RU"])
def test_language_codes_write_one_directory_per_language(
    project: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    assert _translate(project, "--to", "ru", "--quiet") == 0
    assert _translate(project, "--to", code, "--quiet") == 0
    assert sorted(p.name for p in (project / "locales").iterdir() if p.is_dir()) == ["ru"]
    assert "0 catalogs written, 2 unchanged" in capsys.readouterr().out


@pytest.mark.parametrize("code", ["en", "eng", "en-US"])
def test_the_source_language_is_no_target(
    project: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    assert _translate(project, "--to", code) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"l10n: error: '{code}' is the source language; --to takes the languages to translate into"
    )
    assert not (project / "locales").exists()


def test_translate_counts_fuzzy_suggestions_from_changed_sentences(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _translate(project, "--to", "ru", "--quiet") == 0
    po_path = project / "locales" / SAMPLE_RU_PO
    catalog = polib.pofile(str(po_path))
    reviewed = next(e for e in catalog if e.msgid.startswith("At the second stage"))
    reviewed.msgstr = "На втором этапе, к 2024 году, резидент построит собственный завод."
    Entry(reviewed).fuzzy = False
    catalog.save(str(po_path))
    source = project / SAMPLE.name
    text = source.read_text(encoding="utf-8")
    edited = reviewed.msgid.replace("2024", "2025")
    source.write_text(text.replace(reviewed.msgid, edited), encoding="utf-8")
    capsys.readouterr()
    assert _translate(project, "--to", "ru", "--quiet") == 0
    out = capsys.readouterr().out.strip()
    assert out.endswith(", 1 fuzzy from changed sentences")
    changed = next(e for e in polib.pofile(str(po_path)) if e.previous_msgid)
    assert changed.previous_msgid == reviewed.msgid and changed.msgstr == reviewed.msgstr
    # the review page shows the previous source beside the changed sentence, as a diff
    page = project / "review.html"
    assert main(["review", str(po_path), "--html", str(page), "--quiet"]) == 0
    html = page.read_text(encoding="utf-8")
    assert '<div class="previous" lang="en"' in html
    assert "<del>2024</del><ins>2025</ins>" in html
    assert html.count('class="previous"') == 1
