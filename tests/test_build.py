"""``build``, ``compile`` and ``stats``: the translated document and the catalogs' figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from .helpers import SAMPLE, review_all, run_cli, run_l10n, translate_none


def test_build_refuses_then_falls_back_then_builds(tmp_path: Path) -> None:
    source = tmp_path / SAMPLE.name  # X-Source-File is followed only inside the project
    shutil.copy(SAMPLE, source)
    po = translate_none(tmp_path / "locales", source)
    out = tmp_path / "release.ru.txt"
    result = run_l10n("build", po, "--out", out)
    assert result.returncode == 1 and not out.exists()
    assert "13 entries still to review" in result.stderr
    assert "untranslated: The company Generium Next" in result.stderr
    assert run_cli("build", po, "--out", out, "--fallback", "source") == 0
    paragraphs = out.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(paragraphs) == 7 and paragraphs[-1] == "Ваш вопрос"
    catalog = review_all(po)
    assert run_cli("build", po, "--out", out) == 0
    built = out.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(built) == 7
    assert built[0] == f"{catalog[0].msgstr} {catalog[1].msgstr}"


def test_build_markdown_keeps_structure_and_code(tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text("# Title\n\nOne. Two.\n\n- Item.\n\n```\nx = 1. Y\n```\n", encoding="utf-8")
    po = tmp_path / "out" / "ru" / "LC_MESSAGES" / "note.po"
    assert (
        run_cli("translate", source, "--to", "ru", "--out", tmp_path / "out", "--engine", "none")
        == 0
    )
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = entry.msgid.upper()
    catalog.save()
    out = tmp_path / "note.ru.md"
    assert run_cli("build", po, "--out", out) == 0
    assert (
        out.read_text(encoding="utf-8") == "# TITLE\n\nONE. TWO.\n\n- ITEM.\n\n```\nx = 1. Y\n```\n"
    )


def test_compile_and_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = translate_none(tmp_path / "locales")
    catalog = review_all(po, skip=3)
    catalog[3].flags.append("fuzzy")
    catalog.save()
    assert run_cli("compile", tmp_path / "locales") == 0
    mo = po.with_suffix(".mo")
    assert len(polib.mofile(str(mo))) == 9  # fuzzy and untranslated entries are left out
    capsys.readouterr()
    assert run_cli("stats", po) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert line.split()[0] == "9" and " 1 (" in line and str(po) in line


def test_build_lists_a_translation_xml_cannot_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "page.html"
    source.write_text("<html><body><p>One sentence.</p></body></html>\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out_dir, "--engine", "none") == 0
    po = out_dir / "ru" / "LC_MESSAGES" / "page.po"
    catalog = polib.pofile(str(po))
    catalog[0].msgstr = "Одно\x01 предложение."
    catalog.save()
    page = tmp_path / "page.ru.html"
    capsys.readouterr()
    assert run_cli("build", po, "--out", page) == 1 and not page.exists()
    assert "control character U+0001, which html cannot hold" in capsys.readouterr().err
    assert run_cli("build", po, "--out", page, "--fallback", "source") == 0
    assert "One sentence." in page.read_text(encoding="utf-8")
