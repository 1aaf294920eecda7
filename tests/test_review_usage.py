"""``l10n review --usage``: the glossary usage part of the review page, on real reviewed
catalogs (Django's Russian and Ukrainian), equal to ``l10n glossary usage --json``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from pipeline.cli import main

DATA = Path(__file__).resolve().parent / "data" / "glossary"
TERMS = DATA / "django-ui-terms.csv"


def _usage_json(capsys: pytest.CaptureFixture[str], po: Path, lang: str) -> list[dict]:
    capsys.readouterr()
    argv = ["glossary", "--glossary", str(TERMS), "usage", str(po), "--lang", lang, "--json"]
    assert main(argv) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _cells(row: lxml.html.HtmlElement) -> list[str]:
    return [cell.text_content() for cell in row.findall("td")]


def test_review_usage_part_equals_glossary_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogs = []
    for lang in ("ru", "uk"):
        catalogs.append(tmp_path / lang / "django.po")
        catalogs[-1].parent.mkdir()
        shutil.copy(DATA / f"django-{lang}.po", catalogs[-1])
    page = tmp_path / "review.html"
    argv = ["review", *map(str, catalogs), "--html", str(page), "--glossary", str(TERMS)]
    assert main([*argv, "--usage"]) == 0
    tree = lxml.html.fromstring(page.read_bytes())
    (part,) = tree.xpath("//aside[@id='glossary-usage']")
    tables = part.findall(".//table")
    assert [h.text_content().split()[0] for h in part.findall("h3")] == ["ru", "uk"]
    for po, lang, table in zip(catalogs, ("ru", "uk"), tables, strict=True):
        expected = _usage_json(capsys, po, lang)
        rows = table.xpath(".//tbody/tr")
        assert [row.get("data-term") for row in rows] == [u["term"] for u in expected]
        seen = 0
        for row, usage in zip(rows, expected, strict=True):
            cells = _cells(row)
            counts = [usage[k] for k in ("entries", "reviewed", "preferred", "alternative")]
            assert cells[2:6] == [str(n) for n in counts]
            assert cells[6].startswith(str(usage["forbidden"]))
            assert cells[7] == str(usage["none"])
            rendering = usage["none_rendering"]
            if rendering:
                assert cells[8].startswith(rendering["surface"])
            assert all(example in cells[9] for example in usage["none_examples"])
            seen += usage["entries"] > 0
        assert seen >= 10  # a real catalog: most UI terms occur
    # The filter bar still counts only the entries of the catalogs.
    assert len(tree.xpath("//tbody/tr[@data-state]")) > 100

    assert main(argv) == 0
    assert not lxml.html.fromstring(page.read_bytes()).xpath("//aside[@id='glossary-usage']")


def test_review_usage_without_a_glossary_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "django-ru.po", tmp_path / "django.po")
    page = tmp_path / "review.html"
    capsys.readouterr()
    assert main(["review", "django.po", "--html", str(page), "--usage"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "review --usage needs a glossary" in err[-1]
    assert not page.exists()
