"""Size limits on hostile or runaway inputs: the ``[limits]`` table of ``l10n.toml``.

Every limit has a default that no real press release or catalog comes near, a key in the
``[limits]`` table that raises (or lowers) it, and one error, :class:`LimitError` (exit 2),
whose message names the limit and its key::

    [limits]
    po_line_length = 4_000_000     # characters in one line of a PO file
    po_entry_length = 16_000_000   # characters in one PO entry (all its lines together)
    docx_unpacked_size = 268_435_456   # bytes of a .docx's parts once decompressed
    docx_parts = 10_000            # files in a .docx package
    html_depth = 512               # elements nested in one another in an HTML page

A module that guards an input adds its field to :class:`Limits` (with a default and a
line in the docstring) and calls :func:`check` where it reads; nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import InputError

TABLE = "limits"


@dataclass(frozen=True)
class Limits:
    """The limits in force; each field is a key of the ``[limits]`` table.

    ``po_line_length``: characters in one line of a PO file (a msgid is written on one line,
    so this is also the longest sentence a catalog can hold). ``po_entry_length``: characters
    in one PO entry, comments and every string line together. ``docx_unpacked_size``: bytes
    of all the parts of a ``.docx`` package decompressed, as its zip directory declares them
    (zipfile never inflates a part past its declared size); ``docx_parts``: files in the
    package. Both are checked on the zip directory, before anything is decompressed.
    ``html_depth``: elements nested in one another in an HTML page (Chromium's parser stops
    nesting at 512 too), checked on the markup before the HTML parser, whose time grows
    with the square of the depth, sees it.
    """

    po_line_length: int = 4_000_000
    po_entry_length: int = 16_000_000
    docx_unpacked_size: int = 268_435_456
    docx_parts: int = 10_000
    html_depth: int = 512

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{item.name} must be a positive integer, not {value!r}")


class LimitError(InputError):
    """An input exceeds one of the :class:`Limits` (exit 2)."""


def check(
    name: str, value: int, *, what: str, unit: str = "characters", path: object | None = None
) -> None:
    """Raise :class:`LimitError` when ``value`` exceeds the limit ``name`` now in force.

    ``what`` says what is too large (``"line 12 is too long"``); the message adds the value
    in ``unit``, the limit and the key that raises it.
    """
    limit = getattr(current(), name)
    if value > limit:
        raise LimitError(
            f"{what}: {value:,} {unit}, over the limit of {limit:,} "
            f"(raise it with [{TABLE}] {name} in l10n.toml)",
            path=path,
        )


def parse_limits(table: Any, path: Path | None = None) -> Limits:
    """The :class:`Limits` of a parsed ``[limits]`` table; InputError when it is invalid."""
    if table is None:
        return Limits()
    if not isinstance(table, dict):
        raise InputError(f"[{TABLE}] must be a table", path=path)
    known = {item.name for item in fields(Limits)}
    for key in table:
        if key not in known:
            raise InputError(
                f"[{TABLE}] unknown key {key!r} (known: {', '.join(sorted(known))})", path=path
            )
    try:
        return Limits(**table)
    except ValueError as exc:
        raise InputError(f"[{TABLE}] {exc}", path=path) from None


_active: Limits | None = None


def activate(limits: Limits | None) -> None:
    """Make ``limits`` the ones in force (None: read ``./l10n.toml`` again when next needed).

    The CLI calls this with the configuration a command was given (``--config``).
    """
    global _active
    _active = limits


def current() -> Limits:
    """The limits in force: those activated, else those of ``./l10n.toml``, else defaults.

    Reading ``./l10n.toml`` happens once, the first time a limit is checked, so commands that
    never meet a large input do not read the configuration.
    """
    global _active
    if _active is None:
        from .config import load_config

        _active = load_config().limits
    return _active


def raised(**values: int) -> Limits:
    """The limits in force with some of them changed (for tests and benchmarks)."""
    return replace(current(), **values)
