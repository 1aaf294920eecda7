"""CSV formula injection (issue 26): glossary cells that a spreadsheet would run as a formula
are written with a leading apostrophe (OWASP), read back exactly, and ``lint`` warns about
unprotected ones.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.glossary import GlossaryTerm
from pipeline.glossary.csvfile import (
    format_terms,
    load_terms,
    parse_terms,
    protect_cell,
    unprotect_cell,
    write_terms,
)
from pipeline.glossary.lint import lint_glossary
from pipeline.glossary.tbx import parse_tbx, terms_to_tbx

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _raw_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_cell_is_written_with_an_apostrophe_and_read_back(
    tmp_path: Path, value: str
) -> None:
    term = GlossaryTerm(value, "ru", (value, "обычный"), (value,), note=value)
    path = tmp_path / "terms.csv"
    write_terms([term], path)
    (_, row) = _raw_cells(path.read_bytes().decode("utf-8"))
    for cell in (row[0], row[2], row[3], row[7]):
        assert cell.startswith("'"), row
    stripped = value.strip()  # alternatives are stripped, as they always were
    assert load_terms(path) == [
        GlossaryTerm(value, "ru", (stripped, "обычный"), (stripped,), note=value, line=2)
    ]
    assert not any("formula" in f.message for f in lint_glossary(path))


def test_ordinary_cells_are_written_as_they_are() -> None:
    term = GlossaryTerm("SEZ", "ru", ("ОЭЗ",), note="a - b = c; it's fine")
    assert format_terms([term]).splitlines()[1] == "SEZ,ru,ОЭЗ,,,no,no,a - b = c; it's fine"


@pytest.mark.parametrize(
    ("value", "written"),
    [("=x", "'=x"), ("'=x", "''=x"), ("''-x", "'''-x"), ("'x", "'x"), ("x=", "x="), ("", "")],
)
def test_protection_is_exactly_invertible(value: str, written: str) -> None:
    assert protect_cell(value) == written
    assert unprotect_cell(written) == value


@given(st.text(min_size=1, max_size=12))
@settings(max_examples=60, deadline=None, derandomize=True)
def test_any_value_round_trips_through_the_csv(value: str) -> None:
    value = value.strip()
    if not value or "|" in value:
        return
    term = GlossaryTerm(value, "ru", (value,), note=value)
    terms, findings = parse_terms(format_terms([term]).encode("utf-8"))
    assert [f for f in findings if "formula" in f.message] == []
    assert [(t.term, t.translations, t.note) for t in terms] == [(value, (value,), value)]


def test_import_from_tbx_protects_the_csv_and_export_restores_the_terms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = dict.fromkeys(value.strip() for value in HOSTILE)
    terms = [GlossaryTerm(name, "ru", ("=перевод",), note="@note") for name in names]
    tbx, glossary = tmp_path / "in.tbx", tmp_path / "terms.csv"
    tbx.write_bytes(terms_to_tbx(terms))
    assert main(["glossary", "import", str(tbx), "--glossary", str(glossary)]) == 0
    for row in _raw_cells(glossary.read_bytes().decode("utf-8"))[1:]:
        assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row), row
    assert main(["glossary", "lint", str(glossary)]) == 0
    assert "formula" not in capsys.readouterr().out
    out = tmp_path / "out.tbx"
    assert main(["glossary", "export", "--tbx", str(out), "--glossary", str(glossary)]) == 0
    exported = [dataclasses.replace(t, line=0) for t in parse_tbx(out.read_bytes(), out).terms]
    assert exported == terms


def test_lint_warns_about_an_unprotected_formula_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        "term,lang,translation,note\nSEZ,ru,ОЭЗ,ok\n=cmd|' /C calc'!A0,ru,x,\"\t@x\"\n",
        encoding="utf-8",
    )
    assert main(["glossary", "lint", str(glossary)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{glossary}:3: 'term' value \"=cmd|' /C calc'!A0\" starts with '=', which a "
        "spreadsheet runs as a formula; write it as \"'=cmd|' /C calc'!A0\"",
        f"{glossary}:3: 'note' value '\\t@x' starts with '\\t', which a spreadsheet runs as "
        'a formula; write it as "\'\\t@x"',
    ]
    (term,) = [t for t in load_terms(glossary) if t.line == 3]  # a warning, not an error
    assert term.term == "=cmd|' /C calc'!A0"
