"""The ``l10n`` command: argument parsing and wiring of the stages, nothing more.

Each sub-command lives in a module of this package exposing ``register(subparsers)``,
listed in :data:`COMMANDS`; a run imports only the module of its command. torch,
transformers and ctranslate2 are imported only where a model is loaded or converted, so
``l10n --help`` and runs without MT stay fast.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
import threading
from collections.abc import Collection, Sequence
from typing import NoReturn

from .. import __version__, limits
from ..errors import EXIT_INTERRUPTED, EXIT_SOFTWARE, L10nError
from . import options

# Every command: the module of this package that registers it (``register(subparsers)``)
# and its one-line help, in the order ``l10n --help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "segment": ("segment", "print the sentence segments of documents"),
    "translate": (
        "translate",
        "write POT/PO catalogs for documents, machine-translated with a round trip",
    ),
    "glossary": ("glossary", "check and maintain the domain glossary"),
    "models": ("models", "fetch translation models or list the local ones"),
    "qa": ("qa", "check translations in PO catalogs and record the findings in them"),
    "review": ("review", "write an HTML review report of PO catalogs"),
    "memory": (
        "memory",
        "translation memory: import reviewed PO entries or TMX, export TMX, look up sentences",
    ),
    "build": ("build", "write the translated document from a PO catalog"),
    "compile": ("build", "write a .mo next to each .po"),
    "stats": ("build", "translated/fuzzy/untranslated/kept/obsolete counts and words"),
    "export": ("exchange", "write catalogs as XLIFF 1.2 for review in another tool"),
    "import": ("exchange", "bring XLIFF 1.2 translations back into their PO catalogs"),
}


def command_help(command: str) -> str:
    """The one-line help of ``command`` (what ``l10n --help`` lists)."""
    return COMMANDS[command][1]


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command (``commands`` None), or of ``commands`` in full with the
    others listed by name and help only: their modules, and the stages those import, are
    not loaded (as pip loads only the command it runs). Sub-command parsers are
    :class:`options.Parser` too."""
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
    wanted = {COMMANDS[name][0] for name in COMMANDS if commands is None or name in commands}
    registered: set[str] = set()
    for name, (module, summary) in COMMANDS.items():
        if module not in wanted:
            subparsers.add_parser(name, help=summary, add_help=False)
        elif module not in registered:
            importlib.import_module(f"{__name__}.{module}").register(subparsers)
            registered.add(module)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs (its first word that is not a global option), if a known one."""
    for word in argv:
        if word == "--" or not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); the exit code."""
    words = sys.argv[1:] if argv is None else list(argv)
    command = command_named(words)
    parser = build_parser(() if command is None else (command,))
    args = options.parse(parser, words)
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


def entry() -> NoReturn:
    """The ``l10n`` console script (and ``python -m pipeline``): :func:`tune_collector`,
    :func:`main`, then :func:`exit_now`."""
    tune_collector()
    exit_now(main())


def tune_collector() -> None:
    """Set Python's cyclic garbage collector for a process that runs one command: what
    start-up made (modules, classes, functions) is frozen out of its scans, and it runs
    every 10,000 allocations instead of every 700, as mypy does for the same reason: the
    benchmark job spent 45 ms in 124 collections, 14 ms in 33 so (docs/performance.md).
    Reference counting still frees everything at once; only garbage in cycles waits a
    little longer."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def exit_now(code: int) -> NoReturn:
    """End the process with ``code``: standard streams flushed and exit handlers run, as
    at any exit, but without the interpreter's teardown, which frees every module and
    object one at a time (0.05-0.1 s after a translate run: docs/performance.md) for memory
    the system takes back at once. A normal exit where a thread that is not a daemon is
    still running (the interpreter would wait for it) or the handlers cannot be run."""
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    main_thread = threading.main_thread()
    waiting = any(
        thread is not main_thread and not thread.daemon for thread in threading.enumerate()
    )
    if run_exit_handlers is None or waiting or sys.flags.inspect:
        sys.exit(code)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can go there
            pass
    os._exit(code)


def one_line(message: str) -> str:
    """``message`` as one printable line: control characters and line breaks escaped."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in message)


if __name__ == "__main__":
    sys.exit(main())
