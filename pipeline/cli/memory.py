"""``l10n memory``: the translation memory of reviewed translations."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ..memory import SINGULAR, TranslationMemory, import_catalogs
from ..pofile import find_catalogs
from . import command_help
from .options import add_shared, existing_memory, target_lang

# The shared options of every memory action (see :mod:`pipeline.cli.options`).
SHARED_NAMES = ("memory", "config", "quiet")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "memory",
        help=command_help("memory"),
        description="An SQLite translation memory of reviewed translations.",
    )
    add_shared(parser, *SHARED_NAMES)
    actions = parser.add_subparsers(dest="memory_command", metavar="ACTION", required=True)
    learn = actions.add_parser(
        "import",
        help="learn the reviewed (translated, not fuzzy) entries of PO files, or a TMX file",
        description="Learn reviewed PO entries, or the units of TMX files (.tmx, TMX 1.4b: "
        "English source, every target language, document and date kept).",
    )
    learn.add_argument(
        "paths", nargs="+", metavar="PO|DIR|TMX", help="catalog, directory of catalogs, or TMX"
    )
    add_shared(learn, *SHARED_NAMES)
    learn.set_defaults(handler=run_import)
    export = actions.add_parser(
        "export", help="write the memory as TMX 1.4b", description="Write every unit as TMX."
    )
    export.add_argument(
        "--tmx", type=Path, required=True, metavar="FILE", help="the TMX file to write"
    )
    add_shared(export, *SHARED_NAMES)
    export.set_defaults(handler=run_export)
    lookup = actions.add_parser(
        "lookup",
        help="look up sentences read from stdin (JSON lines)",
        description='Read English sentences on stdin, one a line; print {"line", "source"} '
        'and, for a match, {"translation", "similarity", "document"} per line.',
    )
    add_shared(lookup, *SHARED_NAMES, "lang")
    lookup.set_defaults(handler=run_lookup)


def run_import(args: argparse.Namespace) -> int:
    from ..tmx import read_tmx

    tmx_paths = [p for p in args.paths if str(p).lower().endswith(".tmx")]
    po_paths = [p for p in args.paths if p not in tmx_paths]
    # every path found and read before the memory is opened (and so created)
    po_files = find_catalogs(po_paths) if po_paths else []
    skipped = {path: Counter[str]() for path in tmx_paths}
    tmx_units = {path: read_tmx(path, skipped[path]) for path in tmx_paths}
    with TranslationMemory(args.memory) as memory:
        counts = import_catalogs(memory, po_files) if po_files else {}
        for path, count in counts.items():
            print(f"{path}: {count} reviewed entries learnt")
        for path, units in tmx_units.items():
            reasons = ", ".join(f"{n} {why}" for why, n in sorted(skipped[path].items()))
            print(
                f"{path}: {memory.add_units(units)} translation units learnt"
                + (f"; skipped: {reasons}" if reasons else "")
            )
        print(f"{args.memory}: {len(memory)} translation units")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..tmx import write_tmx

    with TranslationMemory(existing_memory(args)) as memory:
        units = list(memory.units())
        count = write_tmx(units, args.tmx)
    forms = sum(1 for unit in units if unit.form != SINGULAR)
    contexts = sum(1 for unit in units if unit.context)
    print(
        f"{args.tmx}: {count} translation units written ({forms} plural forms, "
        f"{contexts} with a msgctxt)"
    )
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    lang = target_lang(args)
    with TranslationMemory(existing_memory(args)) as memory:
        for number, line in enumerate(sys.stdin, start=1):
            source = line.strip()
            match = memory.lookup(source, lang) if source else None
            record: dict[str, object] = {"line": number, "source": source}
            if match:
                record |= {
                    "translation": match.translation,
                    "similarity": round(match.similarity, 3),
                    "document": match.document,
                }
            print(json.dumps(record, ensure_ascii=False))
    return 0
