"""Reading and writing ``terms.csv``, the canonical glossary file.

UTF-8 (a BOM is allowed), a header row, one entry per row; columns are listed in
:data:`~pipeline.glossary.terms.COLUMNS` and only ``term``, ``lang`` and ``translation`` are
required. Parsing never raises: it returns the rows with :class:`LintFinding` objects, and
``structural`` findings (bad encoding, bad quoting, missing required column or value, a
yes/no column with another value, a row with more fields than the header) make the file
unusable, so :func:`load_terms` turns the first of them into an :class:`InputError`.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are written with a leading apostrophe, as OWASP advises for CSV
injection, and read back without it; ``lint`` warns about such cells written unprotected.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, OutputError
from .terms import (
    COLUMNS,
    REQUIRED_COLUMNS,
    YES_NO_COLUMNS,
    GlossaryTerm,
    format_yes_no,
    join_alternatives,
    parse_yes_no,
    split_alternatives,
)

FORMULA_STARTS = "=+-@\t\r"
# A value that a spreadsheet would read as a formula, also after apostrophes we added.
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def protect_cell(value: str) -> str:
    """A cell value that no spreadsheet runs as a formula: ``=1+1`` → ``'=1+1``.

    Values that already start with apostrophes before a formula character get one more, so
    :func:`unprotect_cell` returns every value exactly as it was.
    """
    return "'" + value if _NEEDS_QUOTE.match(value) else value


def unprotect_cell(value: str) -> str:
    """The inverse of :func:`protect_cell`: ``'=1+1`` → ``=1+1``, other values unchanged."""
    return value[1:] if _QUOTED.match(value) else value


@dataclass(frozen=True)
class LintFinding:
    """A problem in a glossary file at a 1-based line; ``structural`` ones make it unusable."""

    line: int
    message: str
    structural: bool = False


@dataclass(frozen=True)
class CsvRow:
    """One data row: the line it starts on and its values by column (stripped, '' if absent)."""

    line: int
    values: dict[str, str]


@dataclass
class CsvTable:
    """A parsed CSV file: its header, data rows and the problems found reading it."""

    columns: tuple[str, ...] = ()
    header_line: int = 1
    rows: list[CsvRow] = field(default_factory=list)
    findings: list[LintFinding] = field(default_factory=list)


def parse_table(data: bytes) -> CsvTable:
    """Decode and split a glossary CSV into rows, reporting encoding and layout problems."""
    table = CsvTable()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        table.findings.append(
            LintFinding(line, f"not UTF-8 (invalid byte 0x{data[exc.start]:02x})", structural=True)
        )
        return table
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    try:
        for fields in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(value.strip() for value in fields):
                continue
            if not table.columns:
                _read_header(table, fields, start)
                if any(finding.structural for finding in table.findings):
                    return table
                continue
            _read_row(table, fields, start)
    except csv.Error as exc:
        table.findings.append(
            LintFinding(reader.line_num or 1, f"unparsable CSV: {exc}", structural=True)
        )
        return table
    if not table.columns:
        table.findings.append(LintFinding(1, "empty file: no header row", structural=True))
    return table


def _read_header(table: CsvTable, fields: list[str], line: int) -> None:
    columns = tuple(name.strip().lower() for name in fields)
    table.columns, table.header_line = columns, line
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            table.findings.append(
                LintFinding(line, f"missing required column '{name}'", structural=True)
            )
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            table.findings.append(LintFinding(line, f"duplicate column '{name}'", structural=True))
        elif name and name not in COLUMNS:
            table.findings.append(
                LintFinding(line, f"unknown column '{name}' (known: {', '.join(COLUMNS)})")
            )
        seen.add(name)


def _read_row(table: CsvTable, fields: list[str], line: int) -> None:
    if len(fields) > len(table.columns):
        table.findings.append(
            LintFinding(
                line,
                f"row has {len(fields)} fields but the header has {len(table.columns)} "
                "(quote values that contain commas)",
                structural=True,
            )
        )
        return
    values = {name: "" for name in COLUMNS}
    for name, value in zip(table.columns, fields, strict=False):
        if value[:1] and value[0] in FORMULA_STARTS:
            table.findings.append(
                LintFinding(
                    line,
                    f"'{name}' value {value[:40]!r} starts with {value[0]!r}, which a "
                    f"spreadsheet runs as a formula; write it as {protect_cell(value)[:41]!r}",
                )
            )
        if name in values:
            values[name] = unprotect_cell(value.strip())
    table.rows.append(CsvRow(line, values))


def row_to_term(row: CsvRow) -> tuple[GlossaryTerm | None, list[LintFinding]]:
    """The term a row describes, or None with the structural findings that prevent it."""
    findings: list[LintFinding] = []
    values = row.values
    for name in REQUIRED_COLUMNS:
        value = values[name]
        if name == "translation":
            value = join_alternatives(split_alternatives(value))  # "|" alone is empty too
        if not value:
            findings.append(
                LintFinding(row.line, f"empty required field '{name}'", structural=True)
            )
    flags: dict[str, bool] = {}
    for name in YES_NO_COLUMNS:
        flag = parse_yes_no(values[name])
        if flag is None:
            findings.append(
                LintFinding(
                    row.line, f"'{name}' must be yes or no, not {values[name]!r}", structural=True
                )
            )
        flags[name] = bool(flag)
    if findings:
        return None, findings
    term = GlossaryTerm(
        term=values["term"],
        lang=values["lang"],
        translations=split_alternatives(values["translation"]),
        forbidden=split_alternatives(values["forbidden"]),
        pos=values["pos"],
        case_sensitive=flags["case_sensitive"],
        dnt=flags["dnt"],
        note=values["note"],
        line=row.line,
    )
    return term, []


def parse_terms(data: bytes) -> tuple[list[GlossaryTerm], list[LintFinding]]:
    """All the terms of a glossary CSV and every structural or layout finding, in file order."""
    table = parse_table(data)
    findings = list(table.findings)
    terms: list[GlossaryTerm] = []
    for row in table.rows:
        term, row_findings = row_to_term(row)
        findings.extend(row_findings)
        if term is not None:
            terms.append(term)
    findings.sort(key=lambda finding: finding.line)
    return terms, findings


def read_bytes(path: Path) -> bytes:
    """The bytes of a glossary file, or InputError when it cannot be read."""
    if path.is_dir():
        raise InputError("is a directory, not a glossary file", path=path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such glossary file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None


def load_terms(path: str | Path) -> list[GlossaryTerm]:
    """The terms of a glossary CSV; the first structural problem raises InputError."""
    path = Path(path)
    terms, findings = parse_terms(read_bytes(path))
    for finding in findings:
        if finding.structural:
            raise InputError(finding.message, path=f"{path}:{finding.line}")
    return terms


def format_terms(terms: Iterable[GlossaryTerm]) -> str:
    """The CSV text of a glossary: header row and one row per term, all columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # The writer quotes a field with "\n" but not one with a lone "\r", which readers take
    # for a line break: such rows are written with every field quoted.
    quoting_writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for term in terms:
        cells = [
            term.term,
            term.lang,
            join_alternatives(term.translations),
            join_alternatives(term.forbidden),
            term.pos,
            format_yes_no(term.case_sensitive),
            format_yes_no(term.dnt),
            term.note,
        ]
        cells = [protect_cell(cell) for cell in cells]
        (quoting_writer if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return buffer.getvalue()


def write_terms(terms: Iterable[GlossaryTerm], path: str | Path) -> None:
    """Write a glossary CSV atomically (temporary file in the same folder, then rename)."""
    write_atomically(Path(path), format_terms(terms).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new file, never a part."""
    temp_path: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temp_path = Path(handle.name)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_path, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temp_path, path)
    except OSError as exc:
        if temp_path is not None:
            temp_path.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from None
