"""``l10n translate``: write the POT and the PO catalogs of documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..batch import TranslateRequest, run_translate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "translate",
        help="write POT/PO catalogs for documents (machine-translated by default)",
        description=(
            "Segment the documents and write locales/<doc>.pot and "
            "locales/<lang>/LC_MESSAGES/<doc>.po for every --to language. Existing catalogs "
            "are merged: human translations are never changed."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="document or directory")
    parser.add_argument(
        "--to",
        dest="languages",
        action="append",
        required=True,
        metavar="LANG",
        help="target language (repeat for several)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("locales"), help="catalog directory (default: locales)"
    )
    parser.add_argument(
        "--engine",
        choices=["none"],
        default="none",
        help="'none' writes catalogs for human translation (empty msgstr)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how long to wait for another run writing the same catalogs (default 30)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    request = TranslateRequest(
        sources=args.sources,
        languages=args.languages,
        out=args.out,
        engine=args.engine,
        lock_timeout=args.wait,
    )
    report = run_translate(request)
    for result in report.catalogs:
        state = "written" if result.written else "unchanged"
        print(f"{result.path}: {result.entries} entries, {state}", file=sys.stderr)
    return 0
