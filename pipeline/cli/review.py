"""``l10n review``: write the reviewer's HTML report of PO catalogs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..glossary.bitext import read_bitext
from ..glossary.usage import term_usage
from ..qa import QAOptions
from ..review import (
    ReviewCatalog,
    UsageSection,
    build_rows,
    count_rows,
    render_review,
    write_review,
)
from . import command_help
from .options import add_shared
from .qa import CheckedCatalog, check_files, load_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help=command_help("review"),
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
    parser.add_argument(
        "--usage",
        action="store_true",
        help="add a glossary usage part: how the reviewed translations render each glossary "
        "term, per language (as 'l10n glossary usage')",
    )
    add_shared(parser, "glossary", "min_chrf", "config", "quiet")
    parser.set_defaults(handler=run)


def usage_sections(results: Sequence[CheckedCatalog], options: QAOptions) -> list[UsageSection]:
    """The glossary usage of each language of the reviewed catalogs."""
    if options.glossary is None:
        raise InputError(
            "review --usage needs a glossary: pass --glossary PATH "
            "(or keep the project's glossary/terms.csv)"
        )
    sections = []
    for lang in sorted({result.lang for result in results}):
        paths = [result.path for result in results if result.lang == lang]
        bitext = read_bitext(paths, lang)
        usages = term_usage(options.glossary.terms_for(lang), bitext.entries, lang)
        sections.append(UsageSection(lang, usages, len(bitext.reviewed)))
    return sections


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
    usage = usage_sections(results, options) if args.usage else []
    write_review(args.html, render_review(catalogs, options, usage=usage))
    counts = count_rows(catalogs)
    print(
        f"{args.html}: {counts.entries} entries, {counts.errors} errors, "
        f"{counts.warnings} warnings",
        file=sys.stderr,
    )
    return 0
