"""``l10n qa``: check the translations of PO catalogs and record the findings in them."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from ..entry import Entry
from ..errors import EXIT_FINDINGS, EXIT_OK, InputError
from ..glossary import Glossary
from ..pofile import find_catalogs, load_catalog, write_catalog
from ..qa import (
    EntryReport,
    QAOptions,
    all_checks,
    catalog_language,
    check_catalog,
    replace_qa_comments,
)
from . import command_help
from .options import add_shared

# The keys of a ``--json`` record, in order.
JSON_FIELDS = ("file", "msgid", "msgctxt", "check", "severity", "message")


def _checks_epilog() -> str:
    lines = ["checks:"]
    for registered in all_checks().values():
        lines += textwrap.wrap(
            f"{registered.id} ({registered.severity}): {registered.description}",
            width=88,
            break_on_hyphens=False,
            initial_indent="  ",
            subsequent_indent="      ",
        )
    lines.append("exit codes: 0 no error-level finding, 1 error-level findings, 2 bad input")
    return "\n".join(lines)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "qa",
        help=command_help("qa"),
        description=(
            "Check every translated entry (fuzzy included) of the catalogs, print the findings "
            "and record them in the catalogs as '#. qa: <check>: <message>' comments "
            "(earlier qa comments are replaced; nothing else changes). With --json one "
            f"{{{', '.join(map(json.dumps, JSON_FIELDS))}}} per finding."
        ),
        epilog=_checks_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "catalogs", nargs="+", type=Path, metavar="PO|DIR", help="catalog, or directory of catalogs"
    )
    add_shared(parser, "glossary", "json", "min_chrf", "config", "quiet")
    parser.add_argument(
        "--no-write", action="store_true", help="do not write the findings into the catalogs"
    )
    parser.set_defaults(handler=run)


@dataclass
class CheckedCatalog:
    """The checked catalog of one file."""

    path: Path
    catalog: polib.POFile
    lang: str
    reports: list[EntryReport]


def load_options(glossary_path: Path | None, min_chrf: float) -> QAOptions:
    """The QA options of a run; the glossary is loaded only when there is one (the
    project's by default, see :func:`~pipeline.cli.options.resolve`)."""
    if min_chrf < 0 or min_chrf > 100:
        raise InputError(f"--min-chrf must be between 0 and 100, not {min_chrf:g}")
    glossary = None
    if glossary_path is not None:
        glossary = Glossary.load(glossary_path)
    return QAOptions(glossary=glossary, min_chrf=min_chrf)


def check_files(paths: list[Path], options: QAOptions) -> list[CheckedCatalog]:
    """Load every catalog first (a corrupt one stops the run before any is written), then
    check them."""
    loaded = [(path, load_catalog(path)) for path in find_catalogs(paths)]
    languages = [catalog_language(catalog, path) for path, catalog in loaded]
    if len(loaded) > 1:  # the consistency check compares the catalogs of the run
        from ..qa.consistency_index import ConsistencyIndex

        index = ConsistencyIndex.of_catalogs(
            (str(path), catalog, lang)
            for (path, catalog), lang in zip(loaded, languages, strict=True)
        )
        options = replace(options, consistency=index)
    results: list[CheckedCatalog] = []
    for (path, catalog), lang in zip(loaded, languages, strict=True):
        results.append(CheckedCatalog(path, catalog, lang, check_catalog(catalog, lang, options)))
    return results


def _json_line(path: Path, report: EntryReport, index: int) -> str:
    found = report.findings[index]
    values = (
        str(path),
        report.entry.msgid,
        report.entry.msgctxt,
        found.check,
        str(found.severity),
        found.message,
    )
    return json.dumps(dict(zip(JSON_FIELDS, values, strict=True)), ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    options = load_options(args.glossary, args.min_chrf)
    results = check_files(args.catalogs, options)
    any_error = False
    for result in results:
        errors = warnings = 0
        for report in result.reports:
            for index, found in enumerate(report.findings):
                if args.json:
                    print(_json_line(result.path, report, index))
                else:
                    print(
                        f"{result.path}:{report.entry.linenum}: {found.severity}: "
                        f"{found.check}: {found.message}"
                    )
            errors += report.errors
            warnings += report.warnings
        any_error = any_error or errors > 0
        written = False
        if not args.no_write:
            changed = [replace_qa_comments(r.entry, r.findings) for r in result.reports]
            if any(changed):
                written = write_catalog(result.catalog, result.path)
        checked = sum(Entry(r.entry).translated for r in result.reports)
        note = ", qa comments updated" if written else ""
        print(
            f"{result.path}: {checked} translations checked, {errors} errors, "
            f"{warnings} warnings{note}",
            file=sys.stderr,
        )
    return EXIT_FINDINGS if any_error else EXIT_OK
