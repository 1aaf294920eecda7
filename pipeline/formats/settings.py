"""Reading options of the document formats: the ``[documents]`` table of ``l10n.toml``::

    [documents]
    word_comments = false   # read a Word document's comments (word/comments.xml) as entries

Like the ``[limits]`` (:mod:`pipeline.limits`), the settings in force are those the CLI
activated from the command's configuration, else those of ``./l10n.toml``, else the
defaults. A format reads the ones it has a key for; a new option is a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import InputError

TABLE = "documents"


@dataclass(frozen=True)
class DocumentSettings:
    """How documents are read.

    ``word_comments``: a Word document's comments (``word/comments.xml``: reviewers' notes
    on the text) are read as entries too, each after the paragraph that holds its
    reference, and written back translated; off by default, when the translated document
    keeps them as they are.
    """

    word_comments: bool = False


def parse_document_settings(table: Any, path: Path | None = None) -> DocumentSettings:
    """The settings of a parsed ``[documents]`` table; InputError when it is invalid."""
    if table is None:
        return DocumentSettings()
    if not isinstance(table, dict):
        raise InputError(f"[{TABLE}] must be a table", path=path)
    known = {item.name: item for item in fields(DocumentSettings)}
    for key, value in table.items():
        if key not in known:
            raise InputError(
                f"[{TABLE}] unknown key {key!r} (known: {', '.join(sorted(known))})", path=path
            )
        if not isinstance(value, bool):
            raise InputError(f"[{TABLE}] {key} must be true or false, not {value!r}", path=path)
    return DocumentSettings(**table)


_active: DocumentSettings | None = None


def activate(settings: DocumentSettings | None) -> None:
    """Make ``settings`` the ones in force (None: read ``./l10n.toml`` when next needed)."""
    global _active
    _active = settings


def current() -> DocumentSettings:
    """The settings in force: those activated, else those of ``./l10n.toml``, else defaults."""
    global _active
    if _active is None:
        from ..config import load_config

        _active = from_config(load_config())
    return _active


def from_config(config: Any) -> DocumentSettings:
    """The settings of a loaded :class:`~pipeline.config.Config`."""
    return parse_document_settings(config.raw.get(TABLE), config.path)
