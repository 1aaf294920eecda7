"""The options every command shares, defined once, and the project their defaults come from.

Each shared option (``--glossary``, ``--memory``, ``--config``, ``--lang``, ``--to``,
``--out``, ``--json``, ``--quiet``, ``--min-chrf``) has one name, metavar and help text,
added to a command with :func:`add_shared`. They are accepted anywhere after the command
(also after a sub-action: ``l10n memory import --memory X DIR``): argparse leaves them
unset (``SUPPRESS``) and :func:`resolve` fills in the defaults after parsing.

Defaults come from the *project root*, found the way git and ruff find theirs: the nearest
directory holding ``l10n.toml``, else the nearest holding ``glossary/``, looking up from the
first path on the command line and then from the current directory. A command that ran
without an error prints one context line naming the glossary, memory and configuration it
used (unless ``--quiet``); a default file that does not exist is said there, never replaced
silently by an empty one. An error stays the one line on stderr.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from ..config import CONFIG_FILE, Config, load_config
from ..errors import InputError
from ..glossary import Glossary
from ..languages import SOURCE_LANGUAGE, parse_language, primary_subtag
from ..memory import DEFAULT_MEMORY_NAME
from ..roundtrip import DEFAULT_MIN_CHRF

GLOSSARY_FILE = Path("glossary") / "terms.csv"
CATALOG_DIR = Path("locales")
# Where a command's positional paths are, in the order they are looked at for the project.
PATH_ARGUMENTS = ("sources", "catalogs", "paths", "catalog", "files", "path")


@dataclass(frozen=True)
class SharedOption:
    """One shared option: its flags, metavar, help and the value it has when not given."""

    flags: tuple[str, ...]
    dest: str
    help: str
    metavar: str | None = None
    default: Any = None
    action: str | None = None
    type: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


SHARED: dict[str, SharedOption] = {
    "glossary": SharedOption(
        ("--glossary",),
        "glossary",
        f"glossary CSV (default: {GLOSSARY_FILE} of the project, when it exists)",
        metavar="PATH",
        type=Path,
    ),
    "memory": SharedOption(
        ("--memory",),
        "memory",
        f"translation memory (default: {CATALOG_DIR / DEFAULT_MEMORY_NAME} of the project)",
        metavar="PATH",
        type=Path,
    ),
    "config": SharedOption(
        ("--config",),
        "config",
        f"project configuration (default: {CONFIG_FILE} of the project, when it exists)",
        metavar="PATH",
        type=Path,
    ),
    "lang": SharedOption(
        ("--lang",),
        "lang",
        "language code (default ru); ru, rus, ru-RU and ru_RU name the same language",
        metavar="LANG",
        default="ru",
    ),
    "to": SharedOption(
        ("--to",),
        "languages",
        "target language, repeat for several (default: the languages of l10n.toml, else "
        "ru); ru, rus, ru-RU and ru_RU name the same language",
        metavar="LANG",
        action="append",
    ),
    "out_dir": SharedOption(
        ("--out",),
        "out",
        f"output directory (default: {CATALOG_DIR} of the project)",
        metavar="DIR",
        type=Path,
    ),
    "out_file": SharedOption(("--out",), "out", "the file to write", metavar="FILE", type=Path),
    "json": SharedOption(
        ("--json",),
        "json",
        "one JSON object per line instead of text",
        action="store_true",
        default=False,
    ),
    "quiet": SharedOption(
        ("--quiet", "-q"),
        "quiet",
        "no context line and no progress on stderr (summaries and errors only)",
        action="store_true",
        default=False,
    ),
    "min_chrf": SharedOption(
        ("--min-chrf",),
        "min_chrf",
        f"a round-trip chrF below SCORE is a warning (0-100, default {DEFAULT_MIN_CHRF:g})",
        metavar="SCORE",
        type=float,
        default=DEFAULT_MIN_CHRF,
    ),
}


def add_shared(parser: argparse.ArgumentParser, *names: str, required: bool = False) -> None:
    """Add the shared options ``names`` (keys of :data:`SHARED`) to ``parser``.

    ``required`` applies to each of them (``build --out FILE``). A command's parser and its
    actions' parsers may both add an option: whichever is given on the line wins.
    """
    uses = set(parser.get_default("_shared") or ())
    for name in names:
        option = SHARED[name]
        kwargs: dict[str, Any] = {
            "dest": option.dest,
            "help": option.help,
            "default": argparse.SUPPRESS,
            **option.extra,
        }
        if option.action:
            kwargs["action"] = option.action
        if option.metavar and option.action != "store_true":
            kwargs["metavar"] = option.metavar
        if option.type is not None:
            kwargs["type"] = option.type
        if required:
            kwargs["required"] = True
        parser.add_argument(*option.flags, **kwargs)
        uses.add(name)
    parser.set_defaults(_shared=tuple(sorted(uses)), _parser=parser)


def mark_command(parser: argparse.ArgumentParser) -> None:
    """Remember ``parser`` as the one a misspelled flag is reported against."""
    parser.set_defaults(_parser=parser)


# --- the project -------------------------------------------------------------------------


def find_project_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding ``l10n.toml``, else the nearest
    holding ``glossary/``; None when there is neither."""
    start = start.resolve()
    if start.is_file() or not start.exists():
        start = start.parent
    ancestors = [start, *start.parents]
    for directory in ancestors:
        if (directory / CONFIG_FILE).is_file():
            return directory
    for directory in ancestors:
        if (directory / GLOSSARY_FILE.parent).is_dir():
            return directory
    return None


def project_root(paths: Sequence[str | Path] = ()) -> Path:
    """The project of a run: found from its first path, else from the current directory,
    else the current directory itself."""
    for start in [*paths[:1], Path.cwd()]:
        root = find_project_root(Path(start))
        if root is not None:
            return root
    return Path.cwd()


def shown(path: Path) -> str:
    """``path`` as the context line shows it: relative to the current directory when below."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _first_paths(args: argparse.Namespace) -> list[str | Path]:
    for name in PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if value:
            return list(value) if isinstance(value, list | tuple) else [value]
    return []


def resolve(args: argparse.Namespace) -> None:
    """Fill in the shared options of a parsed command line; ``args.context`` becomes the
    context line (see :func:`print_context`).

    ``args.glossary``, ``args.config`` become the path used or None (no such default file);
    ``args.memory`` the path of the memory (it may not exist yet); ``args.project`` the
    project root.
    """
    uses = set(getattr(args, "_shared", ()))
    if getattr(args, "glossary_file", None) is not None:  # glossary lint PATH
        args.glossary = args.glossary_file
    for name in uses:
        option = SHARED[name]
        if not hasattr(args, option.dest):
            setattr(args, option.dest, option.default)
    if "min_chrf" in uses and not 0 <= args.min_chrf <= 100:
        raise InputError(f"--min-chrf must be between 0 and 100, not {args.min_chrf:g}")
    root = project_root(_first_paths(args))
    args.project = root
    context: list[str] = []
    if "config" in uses:
        if args.config is None and (root / CONFIG_FILE).is_file():
            args.config = root / CONFIG_FILE
        if args.config is not None:
            context.append(f"config {shown(args.config)}")
    if "out_dir" in uses and args.out is None:
        args.out = root / CATALOG_DIR
    if "glossary" in uses:
        if args.glossary is None:
            default = root / GLOSSARY_FILE
            args.glossary = default if default.is_file() else None
            context.append(
                f"glossary {shown(default)}"
                if args.glossary
                else f"no glossary ({shown(default)} not found)"
            )
        else:
            context.append(f"glossary {shown(args.glossary)}")
    if "memory" in uses:
        args.memory_given = args.memory is not None
        if args.memory is None:
            base = args.out if "out_dir" in uses else root / CATALOG_DIR
            args.memory = base / DEFAULT_MEMORY_NAME
        state = "" if args.memory.exists() else " (not created yet)"
        context.append(f"memory {shown(args.memory)}{state}")
    args.context = None
    if context:
        where = "" if root.resolve() == Path.cwd().resolve() else f" (project {root})"
        args.context = f"l10n: used {', '.join(context)}{where}"


def print_context(args: argparse.Namespace) -> None:
    """The context line on stderr, unless ``--quiet``: printed once a command has run
    without an error, so that an error stays the one line on stderr."""
    if getattr(args, "context", None) and not getattr(args, "quiet", False):
        print(args.context, file=sys.stderr)


def target_lang(args: argparse.Namespace) -> str:
    """``--lang``, the language translated into, read by the language layer's one parser
    (``rus``, ``ru-RU`` and ``ru_RU`` as ``--to`` reads them); the source language refused."""
    lang = parse_language(args.lang, where="--lang")
    if primary_subtag(lang) == SOURCE_LANGUAGE:
        raise InputError(
            f"'{args.lang}' is the source language; --lang takes the language translated into"
        )
    return lang


def load_glossary(args: argparse.Namespace) -> Glossary:
    """The glossary :func:`resolve` chose: empty (and said so) when there is none."""
    if args.glossary is None:
        return Glossary((), None)
    return Glossary.load(args.glossary)


def load_project_config(args: argparse.Namespace) -> Config:
    """The configuration :func:`resolve` chose: the defaults when there is none."""
    return load_config(args.config) if args.config is not None else Config()


def existing_memory(args: argparse.Namespace) -> Path:
    """The memory to read: an InputError when it does not exist (never an empty one made)."""
    path: Path = args.memory
    if not path.exists():
        raise InputError(
            "no translation memory here; 'l10n memory import PO|DIR|TMX' creates it, "
            "--memory PATH names another",
            path=shown(path),
        )
    return path


# --- parsing -------------------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose sub-command parsers are of the same class (argparse's default)
    and that names the nearest valid flag of a misspelled one, and the nearest choice of a
    misspelled command, action or value (as Python 3.14's ``suggest_on_error`` does)."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """argparse's check of a choice, with the nearest valid one named."""
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(choice) for choice in choices]
        close = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
        hint = f"maybe '{close[0]}'? " if close else ""
        raise argparse.ArgumentError(
            action,
            f"invalid choice: {value!r} ({hint}choose from {', '.join(map(repr, names))})",
        )

    def unknown(self, extras: Sequence[str]) -> NoReturn:
        """Exit 2 naming the first unrecognised argument, the command and the likely flag."""
        flag = next((e for e in extras if e.startswith("-")), extras[0])
        message = f"unrecognized argument: {flag}"
        if flag.startswith("-"):
            known = [s for a in self._actions for s in a.option_strings if s.startswith("--")]
            close = difflib.get_close_matches(flag.split("=", 1)[0], known, n=1, cutoff=0.6)
            if close:
                message += f" (did you mean {close[0]}?)"
        self.error(message)


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse ``argv``; an unknown argument is reported by the command it was given to."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        command = getattr(args, "_parser", parser)
        if isinstance(command, Parser):
            command.unknown(extras)
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args
