"""``l10n build``, ``l10n compile`` and ``l10n stats``: getting the result out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import (
    NotReviewedError,
    build_document_report,
    compile_catalog,
    source_of,
    write_document,
)
from ..entry import catalog_stats, total_stats
from ..errors import EXIT_FINDINGS
from ..pofile import find_catalogs, load_catalog
from . import command_help
from .options import CATALOG_DIR, add_shared


def register(subparsers: argparse._SubParsersAction) -> None:
    build = subparsers.add_parser(
        "build",
        help=command_help("build"),
        description=(
            "Write the translated document in the source's format (.txt, .md, .docx, .html) "
            "with its structure and formatting. By default it refuses while entries are "
            "untranslated or fuzzy, or their inline codes do not fit, and lists them."
        ),
    )
    build.add_argument("catalog", type=Path, metavar="PO", help="the translated catalog")
    add_shared(build, "out_file", required=True)
    add_shared(build, "config", "quiet")
    build.add_argument(
        "--source",
        metavar="FILE",
        help="the source document (default: the catalog's X-Source-File header)",
    )
    build.add_argument(
        "--fallback",
        choices=["refuse", "source"],
        default="refuse",
        help="'source' keeps the English of untranslated/fuzzy entries (default: refuse)",
    )
    build.set_defaults(handler=run_build)

    compile_ = subparsers.add_parser(
        "compile", help=command_help("compile"), description="Compile PO catalogs to MO."
    )
    compile_.add_argument(
        "paths",
        nargs="*",
        metavar="PO|DIR",
        help="catalog, or directory of catalogs (default: locales of the project)",
    )
    add_shared(compile_, "config", "quiet")
    compile_.set_defaults(handler=run_compile)

    stats = subparsers.add_parser(
        "stats",
        help=command_help("stats"),
        description="Entry and source-word counts per state, per file and in total; 'kept' "
        "counts the sentences not in English that the build keeps as they are.",
    )
    stats.add_argument(
        "paths", nargs="+", metavar="PO|DIR", help="catalog, or directory of catalogs"
    )
    add_shared(stats, "config", "quiet")
    stats.set_defaults(handler=run_stats)


def run_build(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    source = source_of(catalog, args.catalog, args.source)
    try:
        built = build_document_report(catalog, source, fallback_source=args.fallback == "source")
    except NotReviewedError as exc:
        for item in exc.pending:
            print(f"{item.location(source)}: {item.state}: {item.msgid}", file=sys.stderr)
        print(
            f"l10n: error: {args.catalog}: {len(exc.pending)} entries still to review; "
            "nothing written (use --fallback source to keep their English)",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    write_document(args.out, built.data)
    summary = f"{args.out}: written from {args.catalog}: {built.translated} sentences translated"
    if built.kept:
        summary += f", {built.kept} kept in their own language"
    if args.fallback == "source":
        summary += f", {len(built.fallback)} left in English (--fallback source)"
    print(summary)
    return 0


def run_compile(args: argparse.Namespace) -> int:
    paths = args.paths or [args.project / CATALOG_DIR]
    catalogs = [(path, load_catalog(path)) for path in find_catalogs(paths)]
    for path, catalog in catalogs:
        print(compile_catalog(path, catalog))
    print(f"{len(catalogs)} catalogs compiled", file=sys.stderr)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    rows = [catalog_stats(load_catalog(p), str(p)) for p in find_catalogs(args.paths)]
    total = total_stats(rows)
    header = (
        f"{'translated':>15} {'fuzzy':>13} {'untranslated':>15} {'kept':>4} {'obsolete':>8}  file"
    )
    print(header)
    for row in [*rows, total] if len(rows) > 1 else rows:
        print(
            f"{row.translated:>6} ({row.translated_words:>5} w) "
            f"{row.fuzzy:>4} ({row.fuzzy_words:>5} w) "
            f"{row.untranslated:>6} ({row.untranslated_words:>5} w) "
            f"{row.kept:>4} {row.obsolete:>8}  {row.name}"
        )
    return 0
