"""Paths that come from a file's contents, confined to a directory the user chose.

A catalog or XLIFF file is data; it may name a path (``X-Source-File``, ``original``) or a
language that becomes a directory (``Language``), but it never decides on its own where the
tool reads or writes. Every such path goes through :func:`confine` (the resolved path,
symlinks followed, must stay inside a directory the user named or the current project) or,
for a language code, through :func:`language_dir`. docs/errors.md states the rule.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from .errors import InputError
from .languages import parse_language

PROJECT_MARKER = "l10n.toml"
_ISOLATES = frozenset("\u2066\u2067\u2068\u2069")


def project_root(start: Path | None = None) -> Path:
    """The project a file (default: the current directory) belongs to: the nearest directory
    at or above it that holds ``l10n.toml``, else the current directory (where ``translate``
    recorded paths from)."""
    here = Path(os.path.abspath(start if start is not None else Path.cwd()))
    for directory in [here, *here.parents] if here.is_dir() else here.parents:
        if (directory / PROJECT_MARKER).is_file():
            return directory
    return Path.cwd()


def catalog_project(po_path: Path) -> Path:
    """The project a catalog belongs to: the nearest directory above it that holds
    ``l10n.toml``; else, for the layout ``OUT/<lang>/LC_MESSAGES/<doc>.po`` that ``translate``
    writes, the directory holding ``OUT`` (where ``translate --out locales`` ran); else the
    catalog's own directory."""
    here = Path(os.path.abspath(po_path))
    for directory in here.parents:
        if (directory / PROJECT_MARKER).is_file():
            return directory
    if here.parent.name == "LC_MESSAGES" and len(here.parents) > 3:
        return here.parents[3]
    return here.parent


def is_inside(path: Path, base: Path) -> bool:
    """Whether ``path`` resolved (symlinks followed) lies in ``base`` resolved."""
    return path.resolve().is_relative_to(base.resolve())


def confine(
    name: str | Path,
    base: Path,
    *,
    what: str,
    hint: str,
    path: object = None,
    start: Path | None = None,
) -> Path:
    """``name`` resolved relative to ``start`` (default ``base``); InputError when it
    leaves ``base``.

    ``what`` names the value (``"X-Source-File"``), ``hint`` how the user can name the path
    instead (``"pass --source FILE"``); ``path`` is the file the value came from.
    """
    text = str(name)
    if not text or "\x00" in text:
        raise InputError(f"{what} is empty or not a path; {hint}", path=path)
    candidate = (base if start is None else start) / text
    if not is_inside(candidate, base):
        raise InputError(
            f"{what} '{_shown(text)}' lies outside {base}; it is not followed ({hint})",
            path=path,
        )
    return candidate


def language_dir(code: str, *, what: str = "Language header", path: object = None) -> str:
    """A catalog's language code as one directory name, unchanged; InputError unless the
    language layer's parser reads it as a language code as it stands (never a path: no
    ``/``, ``..``, spaces or control characters)."""
    where = f"{path}: {what}" if path is not None else what
    parse_language(code, where=where)
    if code != code.strip():
        raise InputError(f"malformed language code '{_shown(code)}'", path=where)
    return code


def check_name(name: str, *, what: str = "file name", path: object = None) -> str:
    """``name`` unchanged; InputError when it holds a control character or a line separator,
    which would break the line-based formats a name is written into (``#:`` references and
    headers of PO files, where a newline could add an entry), or a bidirectional isolate
    (U+2066 to U+2069), which ``#:`` references use to quote names with spaces."""
    bad = next(
        (c for c in name if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _ISOLATES),
        None,
    )
    if bad is not None:
        kind = "a bidirectional isolate" if bad in _ISOLATES else "a control character"
        raise InputError(
            f"{what} '{_shown(name)}' contains {kind} (U+{ord(bad):04X}); rename it",
            path=path,
        )
    return name


def _shown(text: str) -> str:
    """A value as it may be printed in one line (control characters escaped)."""
    return text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
