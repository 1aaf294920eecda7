"""Translation memory: reviewed translations in an embedded SQLite database.

``import_catalogs`` learns every reviewed entry (translated and not fuzzy) of PO files.
Before MT, an exact match is reused and a close match (word-level similarity of at least
``FUZZY_THRESHOLD``, difflib's ratio over the words) is offered as a fuzzy suggestion.
The database runs in WAL mode: writes are transactions and readers never block on them.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib

from .entry import Entry, EntryState
from .errors import InputError, OutputError
from .formats import document_id
from .languages import same_language
from .pofile import find_catalogs, load_catalog

DEFAULT_MEMORY_NAME = ".l10n-memory.sqlite"
FUZZY_THRESHOLD = 0.75
# ``context``: the entry's msgctxt ('' for none); ``form``: -1 for a singular entry, else
# the plural form (form 0's source is the msgid, the others' the msgid_plural) of the entry
# whose msgid is ``msgid``. Lookups for MT use singular units only.
_TABLE = """
CREATE TABLE IF NOT EXISTS units (
    source TEXT NOT NULL,
    lang TEXT NOT NULL,
    translation TEXT NOT NULL,
    document TEXT NOT NULL,
    updated TEXT NOT NULL,
    words INTEGER NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    form INTEGER NOT NULL DEFAULT -1,
    msgid TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, lang, translation, context, form, msgid)
);
"""
_SCHEMA = _TABLE + "CREATE INDEX IF NOT EXISTS units_lang_words ON units (lang, words);\n"
# A memory written before contexts and plural forms: its units move to the new table.
_MIGRATION = (
    "ALTER TABLE units RENAME TO units_before_contexts;\n"
    + _TABLE
    + "INSERT INTO units (source, lang, translation, document, updated, words) "
    "SELECT source, lang, translation, document, updated, words FROM units_before_contexts;\n"
    "DROP TABLE units_before_contexts;\n"
    "DROP INDEX IF EXISTS units_lang_words;\n"
)
SINGULAR = -1


DATE_FORMAT = "%Y-%m-%d %H:%M:%SZ"


@dataclass(frozen=True)
class MemoryUnit:
    """One translation unit: a reviewed translation of a source sentence."""

    source: str
    lang: str
    translation: str
    document: str
    updated: str  # UTC, DATE_FORMAT
    context: str = ""  # msgctxt
    form: int = SINGULAR  # plural form, or SINGULAR
    msgid: str = ""  # of a plural form: the entry's msgid (its key with the context)


@dataclass(frozen=True)
class MemoryMatch:
    """A translation found in memory for a source sentence."""

    source: str
    translation: str
    document: str
    updated: str
    similarity: float

    @property
    def exact(self) -> bool:
        return self.similarity >= 1.0

    def comment(self) -> str:
        """The extracted comment that tells a reviewer where the translation came from."""
        kind = "exact match" if self.exact else f"{self.similarity:.0%} match"
        return f"memory: {kind} from '{self.document}' ({self.updated})"


class TranslationMemory:
    """An SQLite translation memory; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(units)")}
            if columns and "context" not in columns:
                self._db.executescript(f"BEGIN;\n{_MIGRATION}COMMIT;")
            self._db.executescript(_SCHEMA)
            self._languages: list[str] | None = None
        except sqlite3.DatabaseError as exc:
            raise InputError(f"not a usable translation memory ({exc})", path=self.path) from None
        except OSError as exc:
            raise OutputError(
                f"cannot open translation memory: {exc.strerror}", path=path
            ) from None

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def add(self, units: Iterable[tuple[str, str, str, str]]) -> int:
        """Store ``(source, lang, translation, document)`` units in one transaction."""
        stamp = datetime.now(UTC).strftime(DATE_FORMAT)
        return self.add_units(MemoryUnit(s, lang, t, doc, stamp) for s, lang, t, doc in units)

    def add_units(self, units: Iterable[MemoryUnit]) -> int:
        """Store units with their own dates (a newer unit updates document and date)."""
        rows = [
            (
                u.source,
                u.lang,
                u.translation,
                u.document,
                u.updated,
                len(u.source.split()),
                u.context,
                u.form,
                u.msgid if u.form != SINGULAR else "",
            )
            for u in units
        ]
        with self._db:
            self._db.executemany(
                "INSERT INTO units (source, lang, translation, document, updated, words, "
                "context, form, msgid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source, lang, translation, context, form, msgid) "
                "DO UPDATE SET document = excluded.document, updated = excluded.updated "
                "WHERE excluded.updated >= units.updated",
                rows,
            )
        self._languages = None
        return len(rows)

    def units(self) -> Iterator[MemoryUnit]:
        """Every unit, by language, source and date."""
        for row in self._db.execute(
            "SELECT source, lang, translation, document, updated, context, form, msgid "
            "FROM units ORDER BY lang, msgid, form, source, context, updated, translation"
        ):
            yield MemoryUnit(*row)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM units").fetchone()[0])

    def lookup(
        self, source: str, lang: str, threshold: float = FUZZY_THRESHOLD
    ) -> MemoryMatch | None:
        """The best match for ``source``: exact (newest) first, else the most similar.

        Units of the catalog's own language come first; units of the same language written
        with a region or script (``de_DE`` from a Trados TMX for a ``de`` catalog, ``zh_Hans_CN``
        for ``zh``) count too, never those of another variety (``pt_PT`` for ``pt_BR``).
        """
        languages = self._languages_for(lang)
        if not languages:
            return None
        marks = ", ".join("?" * len(languages))
        rank = "CASE lang WHEN ? THEN 0 ELSE 1 END"
        row = self._db.execute(
            f"SELECT translation, document, updated FROM units WHERE source = ? AND "
            f"form = {SINGULAR} AND lang IN ({marks}) ORDER BY {rank}, updated DESC LIMIT 1",
            (source, *languages, lang),
        ).fetchone()
        if row:
            return MemoryMatch(source, row[0], row[1], row[2], 1.0)
        words = source.split()
        # A ratio >= threshold bounds the other side's length: 2*min/(a+b) >= threshold.
        low = int(len(words) * threshold / (2 - threshold))
        high = int(len(words) * (2 - threshold) / threshold) + 1
        best: MemoryMatch | None = None
        for candidate, translation, document, updated in self._db.execute(
            f"SELECT source, translation, document, updated FROM units "
            f"WHERE form = {SINGULAR} AND lang IN ({marks}) AND words BETWEEN ? AND ? "
            f"ORDER BY {rank}",
            (*languages, low, high, lang),
        ):
            matcher = difflib.SequenceMatcher(None, words, candidate.split(), autojunk=False)
            if matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold and (best is None or ratio > best.similarity):
                best = MemoryMatch(candidate, translation, document, updated, ratio)
        return best

    def _languages_for(self, lang: str) -> list[str]:
        """The languages of the memory whose units fit a catalog in ``lang``."""
        if self._languages is None:
            rows = self._db.execute("SELECT DISTINCT lang FROM units").fetchall()
            self._languages = [row[0] for row in rows]
        return [code for code in self._languages if same_language(code, lang)]


def reviewed_units(catalog: polib.POFile, doc: str, updated: str = "") -> Iterator[MemoryUnit]:
    """A unit for every reviewed entry of a catalog whose source is English (the memory's
    source language), with its msgctxt; one unit per plural form (form 0 with the msgid,
    the others with the msgid_plural)."""
    lang = catalog.metadata.get("Language", "")
    if not lang:
        return
    for entry in catalog:
        view = Entry(entry)
        if view.state is not EntryState.REVIEWED or view.source_language:
            continue
        context = entry.msgctxt or ""
        if not entry.msgid_plural:
            yield MemoryUnit(entry.msgid, lang, entry.msgstr, doc, updated, context)
            continue
        for index, form in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0])):
            if form:
                source = entry.msgid if int(index) == 0 else entry.msgid_plural
                yield MemoryUnit(source, lang, form, doc, updated, context, int(index), entry.msgid)


def import_catalogs(memory: TranslationMemory, paths: Iterable[str | Path]) -> dict[Path, int]:
    """Learn the reviewed entries of PO files (every plural form, with contexts); returns
    the count of units learnt per file."""
    catalogs = [(path, load_catalog(path)) for path in find_catalogs(paths)]
    stamp = datetime.now(UTC).strftime(DATE_FORMAT)
    counts: dict[Path, int] = {}
    for path, catalog in catalogs:
        counts[path] = memory.add_units(reviewed_units(catalog, document_id(path), stamp))
    return counts
