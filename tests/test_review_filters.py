"""Issue 19: the review page of big real catalogs - filters by check, severity, state and
file (plain JS in the page, also from the URL hash), plural forms labelled, leading and
trailing white space visible, empty columns left out, placeholders kept on one line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from .helpers import run_cli

DATA = Path(__file__).parent / "data"
CATALOGS = [
    DATA / "qa_catalogs" / "django" / "ru" / "admin-js.po",
    DATA / "qa_catalogs" / "django" / "ru" / "humanize.po",
    DATA / "qa_real" / "ru.po",
]


@pytest.fixture
def page(tmp_path: Path) -> tuple[Path, str]:
    copies = []
    for number, path in enumerate(CATALOGS):
        copy = tmp_path / f"{number}-{path.name}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    catalog = polib.pofile(str(copies[0]))
    catalog.find("Today").msgstr = " Сегодня\t"  # white space a reviewer must see
    catalog.save(str(copies[0]))
    report = tmp_path / "review.html"
    assert run_cli("review", *copies, "--html", report) == 0
    return report, report.read_text(encoding="utf-8")


def test_rows_carry_what_the_filters_select_on(page: tuple[Path, str]) -> None:
    _, html = page
    rows = re.findall(
        r'<tr class="[^"]*" data-severity="(\w+)" data-checks="([^"]*)" '
        r'data-state="([^"]*)" data-file="(\d)">',
        html,
    )
    assert len(rows) == sum(len(polib.pofile(str(p))) for p in CATALOGS)
    assert {file for *_, file in rows} == {"0", "1", "2"}
    assert any(severity == "warning" and "consistency" in checks for severity, checks, *_ in rows)
    for name in ("check", "severity", "state", "file"):
        assert f'<select id="filter-{name}" data-filter="{name}">' in html
    assert '<option value="consistency">consistency</option>' in html


def test_plural_forms_are_labelled_with_their_numbers(page: tuple[Path, str]) -> None:
    _, html = page
    # Russian: form 0 for 1, 21, 31…; form 1 for 2, 3, 4…; form 2 for 0, 5, 6…
    assert '<span class="form-label">[0] n=1,21,31…</span>' in html
    assert '<span class="form-label">[1] n=2,3,4…</span>' in html
    assert '<span class="form-label">[2] n=0,5,6…</span>' in html


def test_edge_white_space_and_placeholders(page: tuple[Path, str]) -> None:
    _, html = page
    assert '<span class="ws" title="leading space">·</span>Сегодня' in html
    assert 'Сегодня<span class="ws" title="trailing tab">→</span>' in html
    assert '<span class="ph">%(sel)s</span>' in html and '<span class="ph">%(cnt)s</span>' in html
    assert ".ph { display: inline-block; white-space: nowrap;" in html


def test_columns_without_content_are_left_out(page: tuple[Path, str]) -> None:
    _, html = page
    # Human catalogs: no back-translations, and no glossary was given.
    assert "<th>Back-translation</th>" not in html and "<th>Glossary</th>" not in html
    assert html.count("<th>Findings</th>") == 3


def test_filters_work_in_headless_chromium(page: tuple[Path, str], tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium not installed (apt-get install chromium); CI runs this test")
    report, html = page
    total = html.count("<tr class=")
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            report.as_uri() + "#severity=warning&file=2",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    rows = re.findall(r"<tr [^>]*>", dom.stdout)
    assert len(rows) == total
    shown = [row for row in rows if " hidden" not in row]
    assert shown and all(
        'data-severity="warning"' in row and 'data-file="2"' in row for row in shown
    )
    assert f"{len(shown)} of {total} entries shown" in dom.stdout
