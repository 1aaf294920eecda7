"""``l10n review``: the reviewer's HTML page, its contents and how headless Chromium renders it."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import run_cli
from .test_qa_checks import (
    CAPACITY,
    GLOSSARY_CSV,
    INVESTMENTS,
    INVESTMENTS_DE,
    RENTED,
    STAGE,
)
from .test_qa_cli import ASTHMA, GAUCHER, Row, clean_ru_rows, problem_ru_rows, write_po

NASTY = 'The <b>"SEZ"</b> & <script>alert(1)</script> zone.'


@pytest.fixture(autouse=True)
def _own_project(tmp_path: Path) -> None:
    """Each test's catalogs are a project of their own: no glossary unless a test writes one
    (the glossary of the project is qa's default)."""
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")


def review_rows() -> list[Row]:
    """Problems first in the file order, then clean entries, one with markup in it."""
    problems = problem_ru_rows()
    clean = [row for row in clean_ru_rows() if row.msgid not in {r.msgid for r in problems}]
    return [
        *problems,
        *clean,
        Row(NASTY, 'Зона <b>"ОЭЗ"</b> & <script>alert(1)</script>.'),
    ]


def build_report(tmp_path: Path, *extra: object) -> tuple[Path, str]:
    po = write_po(tmp_path / "ru" / "generium.po", "ru", review_rows())
    before = po.read_bytes()
    report = tmp_path / "out" / "review.html"
    assert run_cli("review", po, "--html", report, *extra) == 0
    assert po.read_bytes() == before  # review never writes the catalog
    return report, report.read_text(encoding="utf-8")


def count(page: str, key: str) -> str:
    match = re.search(rf'id="count-{key}"><dt>[^<]*</dt><dd>([^<]*)</dd>', page)
    assert match, key
    return match.group(1)


def row_sources(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<td><div lang='en'>(.*?)</div>", page)]


def test_review_counts_order_and_states(tmp_path: Path) -> None:
    _, page = build_report(tmp_path)
    assert page.startswith("<!DOCTYPE html>")
    assert (count(page, "entries"), count(page, "translated"), count(page, "fuzzy")) == (
        "7",
        "2",
        "4",
    )
    assert count(page, "untranslated") == "1"
    assert (count(page, "errors"), count(page, "warnings")) == ("2", "2")
    assert count(page, "mean-chrf") == "49.4"  # (55.2 + 32.0 + 61.0) / 3
    assert row_sources(page) == [
        INVESTMENTS,  # error, chrF 55.2
        GAUCHER,  # error, no chrF
        STAGE,  # warning, chrF 32.0
        CAPACITY,  # warning, no chrF
        RENTED,  # clean, chrF 61.0
        ASTHMA,  # clean (untranslated), document order
        NASTY,
    ]
    rows = re.findall(r"<tr class=\"(risk-\w+) state-row-(\w+)\"", page)
    assert rows == [
        ("risk-error", "fuzzy"),
        ("risk-error", "translated"),
        ("risk-warning", "fuzzy"),
        ("risk-warning", "fuzzy"),
        ("risk-ok", "fuzzy"),
        ("risk-ok", "untranslated"),
        ("risk-ok", "translated"),
    ]
    assert "numbers</span> (error): missing in the target: «5 billion»" in page
    assert "chrF 32.0" in page and 'class="badge chrf-low"' in page
    assert ">not translated<" in page and ">MT<" in page
    assert "The total volume ... almost 5 million rubles ..." in page  # back-translation
    assert "<li>resident → резидент</li>" in page  # glossary hint from the PO
    assert "Anna: check the names" in page  # translator comment
    assert "An old sentence." not in page  # obsolete entries are not reviewed


def test_review_escapes_everything_and_is_self_contained(tmp_path: Path) -> None:
    _, page = build_report(tmp_path)
    # one script, the page's own filter code, inline; the catalog's text never becomes one
    assert page.lower().count("<script") == 1 and "<script>alert" not in page
    assert html.escape(NASTY) in page
    assert "&lt;b&gt;&quot;ОЭЗ&quot;&lt;/b&gt; &amp;" in page
    for external in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert external not in page, external


def test_review_with_glossary_gives_hints_for_every_entry(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    _, page = build_report(tmp_path, "--glossary", glossary)
    assert "<li>secondary packaging → вторичная упаковка</li>" in page
    assert "<li>resident → резидент</li>" in page


def test_review_refuses_bad_input(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.po"
    corrupt.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    report = tmp_path / "review.html"
    assert run_cli("review", corrupt, "--html", report) == 2
    assert not report.exists()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_review_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (the CI script installs it)")
        pytest.skip("chromium not installed (apt-get install chromium); CI runs this test")
    report, _ = build_report(tmp_path)
    shot = tmp_path / "shot.png"
    common = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
    ]
    screenshot = subprocess.Popen(
        [
            *common,
            f"--user-data-dir={tmp_path / 'profile-shot'}",
            f"--screenshot={shot}",
            report.as_uri(),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    dom = subprocess.run(
        [*common, f"--user-data-dir={tmp_path / 'profile-dom'}", "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    _, screenshot_err = screenshot.communicate(timeout=60)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert screenshot.returncode == 0, screenshot_err[-2000:]
    rendered = dom.stdout
    assert count(rendered, "entries") == "7"
    assert count(rendered, "errors") == "2"
    assert count(rendered, "mean-chrf") == "49.4"
    assert "Translation review" in rendered
    assert rendered.count("<tr class=") == 7
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1400, 1000)
    assert len(png) > 30_000  # a blank page compresses to a few kilobytes


def test_review_of_several_catalogs(tmp_path: Path) -> None:
    ru = write_po(tmp_path / "ru.po", "ru", problem_ru_rows())
    de = write_po(
        tmp_path / "de.po",
        "de",
        [Row(INVESTMENTS, INVESTMENTS_DE.replace("5 Milliarden", "5 Millionen")), Row(GAUCHER)],
    )
    report = tmp_path / "review.html"
    assert run_cli("review", ru, de, "--html", report) == 0
    page = report.read_text(encoding="utf-8")
    assert page.count("<section>") == 2
    assert f"{html.escape(str(de))} <span class='meta'>(de;" in page
    assert count(page, "entries") == "7"
    assert count(page, "untranslated") == "2"
    assert count(page, "errors") == "3"
    assert "«5 Millionen» (= 5000000)" in page
