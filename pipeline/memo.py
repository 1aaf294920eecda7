"""JSON memo files in the pipeline's cache: results worth keeping from one run to the next.

A memo is a cache, so it is best effort: a missing, unreadable or damaged file reads as empty,
and a write that fails is dropped (the work is only done again next time). Writes re-read the
file and merge, so runs adding entries at the same time keep each other's, and are atomic.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from .atomic import atomic_write_text
from .errors import OutputError


def read_memo(path: Path) -> dict[str, Any]:
    """The entries of the memo at ``path`` (empty when there is none or it is damaged)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def add_to_memo(path: Path, entries: dict[str, Any], *, keep: int | None = None) -> None:
    """Add ``entries`` to the memo at ``path``, keeping the ``keep`` newest when given."""
    merged = {**read_memo(path), **entries}
    if keep is not None:
        merged = dict(list(merged.items())[-keep:])
    with contextlib.suppress(OSError, OutputError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(merged, ensure_ascii=False) + "\n")
