"""``l10n memory``: the translation memory of reviewed translations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..memory import DEFAULT_MEMORY_NAME, TranslationMemory, import_catalogs
from ..pofile import validate_language

DEFAULT_MEMORY = Path("locales") / DEFAULT_MEMORY_NAME


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "memory",
        help="translation memory: import reviewed PO entries, look up sentences",
        description="An SQLite translation memory of reviewed translations.",
    )
    parser.add_argument(
        "--memory",
        type=Path,
        default=DEFAULT_MEMORY,
        metavar="PATH",
        help=f"memory database (default: {DEFAULT_MEMORY})",
    )
    actions = parser.add_subparsers(dest="memory_command", metavar="ACTION", required=True)
    learn = actions.add_parser(
        "import", help="learn the reviewed (translated, not fuzzy) entries of PO files"
    )
    learn.add_argument("paths", nargs="+", metavar="PO|DIR")
    learn.set_defaults(handler=run_import)
    lookup = actions.add_parser("lookup", help="look up sentences read from stdin (JSON lines)")
    lookup.add_argument("--lang", required=True)
    lookup.set_defaults(handler=run_lookup)


def run_import(args: argparse.Namespace) -> int:
    with TranslationMemory(args.memory) as memory:
        counts = import_catalogs(memory, args.paths)
        for path, count in counts.items():
            print(f"{path}: {count} reviewed entries learnt")
        print(f"{args.memory}: {len(memory)} translation units")
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    lang = validate_language(args.lang)
    with TranslationMemory(args.memory) as memory:
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
