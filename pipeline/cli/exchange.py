"""``l10n export --xliff`` and ``l10n import``: catalogs out to XLIFF 1.2 and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import EXIT_FINDINGS
from . import command_help
from .options import CATALOG_DIR, add_shared


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export",
        help=command_help("export"),
        description="Write OUT/<lang>/<doc>.xlf (XLIFF 1.2) for each PO catalog.",
    )
    export.add_argument(
        "paths",
        nargs="*",
        metavar="PO|DIR",
        help="catalog, or directory of catalogs (default: locales of the project)",
    )
    export.add_argument(
        "--xliff", type=Path, required=True, metavar="DIR", help="directory to write into"
    )
    add_shared(export, "config", "quiet")
    export.set_defaults(handler=run_export)

    import_ = subparsers.add_parser(
        "import",
        help=command_help("import"),
        description=(
            "Import XLIFF 1.2 files into the catalogs they were exported from. Changed "
            "translations count as human work; a translation reviewed in the PO since the "
            "export is never overwritten: the conflict is listed and the exit code is 1."
        ),
    )
    import_.add_argument(
        "files", nargs="+", type=Path, metavar="FILE.xlf", help="XLIFF file from 'l10n export'"
    )
    import_.add_argument(
        "--po", type=Path, metavar="PO", help="the catalog (default: the file's 'original')"
    )
    import_.add_argument(
        "--root",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a directory the catalogs named by 'original' may lie in (repeatable; "
        "default: the current project)",
    )
    add_shared(import_, "config", "quiet")
    import_.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from ..pofile import find_catalogs
    from ..xliff import ExportCount, export_catalogs

    catalogs = find_catalogs(args.paths or [args.project / CATALOG_DIR])
    count = ExportCount()
    written = export_catalogs(catalogs, args.xliff, count)
    for path in written:
        print(path)
    print(
        f"{args.xliff}: {len(written)} XLIFF files written: {count.units} units, "
        f"{count.plural_groups} plural entries (one unit per form); not exported: "
        f"{count.obsolete} obsolete entries",
        file=sys.stderr,
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..xliff import import_xliff

    problems = 0
    for path in args.files:
        for report in import_xliff(path, args.po, args.root):
            for conflict in report.conflicts:
                print(f"{path}: conflict: {conflict}", file=sys.stderr)
            for source in report.unknown:
                print(f"{path}: not in {report.catalog}: {source}", file=sys.stderr)
            problems += len(report.conflicts) + len(report.unknown)
            print(
                f"{report.catalog}: {report.updated} translations updated, "
                f"{report.approved} approved, {len(report.conflicts)} conflicts; "
                f"skipped: {report.unchanged} unchanged, {report.empty} without a target, "
                f"{len(report.unknown)} not in the catalog, {report.header_units} header units"
                + ("" if report.written else " (catalog unchanged)")
            )
    if problems:
        print(
            f"l10n: error: {problems} units not imported (conflicts with reviewed entries, "
            "or sources no longer in the catalog); the catalog keeps its translations",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    return 0
