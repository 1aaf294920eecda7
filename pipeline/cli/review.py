"""``l10n review``: write the reviewer's HTML report of PO catalogs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..review import ReviewCatalog, build_rows, count_rows, render_review, write_review
from .options import add_shared
from .qa import check_files, load_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="write an HTML review report of PO catalogs",
        description=(
            "Run the qa checks (the catalogs are not changed) and write one self-contained "
            "HTML page: source, translation, back-translation, glossary hints and findings "
            "of every entry, riskiest first, with counts at the top."
        ),
        epilog="exit codes: 0 report written (whatever the findings), 2 bad input, "
        "4 cannot write the report",
    )
    parser.add_argument(
        "catalogs", nargs="+", type=Path, metavar="PO|DIR", help="catalog, or directory of catalogs"
    )
    parser.add_argument(
        "--html", type=Path, required=True, metavar="REPORT", help="the HTML file to write"
    )
    add_shared(parser, "glossary", "min_chrf", "config", "quiet")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = load_options(args.glossary, args.min_chrf)
    results = check_files(args.catalogs, options)
    catalogs = [
        ReviewCatalog(
            result.path,
            result.lang,
            build_rows(result.reports, result.lang, options),
            result.catalog.metadata.get("Plural-Forms", ""),
        )
        for result in results
    ]
    write_review(args.html, render_review(catalogs, options))
    counts = count_rows(catalogs)
    print(
        f"{args.html}: {counts.entries} entries, {counts.errors} errors, "
        f"{counts.warnings} warnings",
        file=sys.stderr,
    )
    return 0
