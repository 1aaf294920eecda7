"""The MT cache: n-best lists keyed by (engine signature, source, options), SQLite beside the
catalogs, so a re-run on an unchanged document loads no model."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engines import Hypothesis

CACHE_NAME = ".l10n-cache.sqlite"
CACHE_PAGE_KIB = 256


class MTCache:
    """MT results keyed by (engine signature, source, options); SQLite beside the catalogs.

    ``options`` covers everything else that changes the output: the n-best size and the
    glossary forms preferred or avoided.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._broken = path is None

    def _connection(self, create: bool) -> sqlite3.Connection | None:
        """The database, opened on first use; created only when there is something to store."""
        if self._db is not None or self._broken or self.path is None:
            return self._db
        if not create and not self.path.exists():
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            # Rows are read once each: a small page cache keeps a corpus run's memory flat.
            self._db.execute(f"PRAGMA cache_size=-{CACHE_PAGE_KIB}")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS mt (signature TEXT NOT NULL, source TEXT NOT NULL, "
                "options TEXT NOT NULL, hypotheses TEXT NOT NULL, "
                "PRIMARY KEY (signature, source, options))"
            )
        except (sqlite3.DatabaseError, OSError):
            self._db, self._broken = None, True  # an unusable cache only makes runs slower
        return self._db

    def get(self, signature: str, source: str, options: str) -> list[Hypothesis] | None:
        db = self._connection(create=False)
        if db is None:
            return None
        row = db.execute(
            "SELECT hypotheses FROM mt WHERE signature = ? AND source = ? AND options = ?",
            (signature, source, options),
        ).fetchone()
        if row is None:
            return None
        from ..engines import Hypothesis

        return [Hypothesis(text, score, pieces) for text, score, pieces in json.loads(row[0])]

    def store(self, rows: Sequence[tuple[str, str, str, Sequence[Hypothesis]]]) -> None:
        """Store ``(signature, source, options, hypotheses)`` rows in one transaction."""
        db = self._connection(create=True) if rows else None
        if db is None:
            return
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?)",
                [
                    (
                        signature,
                        source,
                        options,
                        json.dumps([[h.text, h.score, h.pieces] for h in hyps], ensure_ascii=False),
                    )
                    for signature, source, options, hyps in rows
                ],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def cache_options(
    num_hypotheses: int | None, prefer: Sequence[str] | None, avoid: Sequence[str] | None
) -> str:
    """The cache key part for everything besides engine and source that changes the output."""
    return json.dumps([num_hypotheses, list(prefer or []), list(avoid or [])], ensure_ascii=False)
