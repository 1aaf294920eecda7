"""``l10n segment``: print the sentences of documents."""

from __future__ import annotations

import argparse
import json

from ..formats import expand_sources, read_document
from ..segment import segment_document
from . import command_help
from .options import add_shared


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "segment",
        help=command_help("segment"),
        description="Print the sentence segments of documents, a blank line between paragraphs; "
        'with --json one {"doc", "paragraph", "index", "text", "lang"} per segment (0-based).',
    )
    parser.add_argument("sources", nargs="+", metavar="FILE", help="document or directory")
    add_shared(parser, "json", "config", "quiet")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    documents = [read_document(path) for path in expand_sources(args.sources)]
    for number, document in enumerate(documents):
        segmented = segment_document(document)
        if not args.json and number:
            print()
        previous = None
        for segment in segmented.segments:
            if args.json:
                record = {
                    "doc": segment.doc_id,
                    "paragraph": segment.paragraph,
                    "index": segment.index,
                    "text": segment.text,
                    "lang": segment.lang,
                }
                print(json.dumps(record, ensure_ascii=False))
                continue
            if previous is not None and segment.paragraph != previous:
                print()
            print(segment.text)
            previous = segment.paragraph
    return 0
