"""The ``l10n`` command: argument parsing and wiring of the stages, nothing more.

Each sub-command lives in a module of this package exposing ``register(subparsers)``,
listed in :data:`COMMAND_MODULES`. torch, transformers and ctranslate2 are imported only
where a model is loaded or converted, so ``l10n --help`` and runs without MT stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__, limits
from ..errors import EXIT_INTERRUPTED, EXIT_SOFTWARE, L10nError
from . import options

# Sub-command modules, in the order ``l10n --help`` lists them.
COMMAND_MODULES = (
    "segment",
    "translate",
    "glossary",
    "models",
    "qa",
    "review",
    "memory",
    "build",
    "exchange",
)


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; sub-command parsers are :class:`options.Parser` too."""
    parser = options.Parser(
        prog="l10n",
        description=(
            "Localization pipeline: segment English documents, check them against a glossary, "
            "machine-translate with a round trip, and write gettext PO catalogs."
        ),
        epilog="Exit codes: 0 ok, 1 findings (lint/qa), 2 bad input, 3 model missing or "
        "unusable, 4 cannot write output, 70 internal error (rerun with --debug), 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"l10n {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = options.parse(parser, argv)
    try:
        options.resolve(args)
        from ..formats import settings as document_settings  # (formats: not at start-up)

        limits.activate(None)  # each run reads the limits (and reading options) of its config
        document_settings.activate(None)
        if getattr(args, "config", None):
            from ..config import load_config

            config = load_config(args.config)
            limits.activate(config.limits)
            document_settings.activate(document_settings.from_config(config))
        status = int(args.handler(args) or 0)
        options.print_context(args)
        return status
    except L10nError as exc:
        if args.debug:
            raise
        print(f"l10n: error: {one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        if args.debug:
            raise
        print(
            "l10n: interrupted; every file is as before this run or completely new", file=sys.stderr
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the one guard: a bug or an unforeseen input, never exit 1
        if args.debug:
            raise
        what = "out of memory" if isinstance(exc, MemoryError) else type(exc).__name__
        detail = one_line(str(exc))[:300]
        print(
            f"l10n: internal error ({what}{': ' + detail if detail else ''}); "
            f"rerun with --debug for the traceback and report it",
            file=sys.stderr,
        )
        return EXIT_SOFTWARE


def one_line(message: str) -> str:
    """``message`` as one printable line: control characters and line breaks escaped."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in message)


if __name__ == "__main__":
    sys.exit(main())
