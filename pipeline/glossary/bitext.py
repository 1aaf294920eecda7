"""Bilingual entries for ``glossary usage`` and ``glossary suggest --lang``: English source
and target text from catalogs, directories of catalogs, TMX files or a translation memory.

Every entry of a catalog is read (usage reports how many entries of any state hold a term),
but only *reviewed* ones serve as evidence: translated, not fuzzy, and not an MT output
accepted unchanged (:class:`~pipeline.entry.Entry`). TMX and memory units are reviewed
translations by definition.

What MT wrote is not kept in a catalog, but its verdict is: an entry filled by MT carries
``terms: SEZ → ОЭЗ ✓; …`` and ``mt: <signature> (output <checksum>)``. When the msgstr no
longer has that checksum a person changed it, and the terms marked ✓ are the glossary
renderings the MT output carried (:attr:`BilingualEntry.mt_terms`), which drift detection
compares with what the reviewer wrote.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..catalog import TERMS_PREFIX, output_checksum
from ..entry import Entry, EntryState
from ..errors import InputError
from ..memory import DEFAULT_MEMORY_NAME, TranslationMemory
from ..pofile import load_catalog
from ..tmx import read_tmx
from .terms import language_applies

CATALOG_SUFFIXES = (".po",)
TMX_SUFFIXES = (".tmx",)
MEMORY_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_TERM_OK = " ✓"


@dataclass(frozen=True)
class BilingualEntry:
    """One English source and its translation, with where it is and whether a person
    reviewed it.

    ``mt_terms``: labels (``term → translation``) of the glossary terms that the MT output
    carried, for an entry whose MT output a person then changed; empty otherwise.
    """

    source: str
    target: str
    location: str  # file:line (catalogs), file:unit (TMX), memory:document (memory)
    reviewed: bool
    mt_terms: tuple[str, ...] = ()


@dataclass
class Bitext:
    """The entries read from the sources, and what was left out."""

    entries: list[BilingualEntry]
    files: int = 0
    other_language: int = 0  # catalogs or units in another target language

    @property
    def reviewed(self) -> list[BilingualEntry]:
        """The entries that serve as evidence."""
        return [entry for entry in self.entries if entry.reviewed]


def is_bilingual_source(name: str | Path) -> bool:
    """Whether a command-line source is a catalog, TMX, memory or a directory of catalogs."""
    path = Path(name)
    if path.is_dir():
        return any(path.rglob("*.po"))
    suffix = path.suffix.lower()
    return suffix in (*CATALOG_SUFFIXES, *TMX_SUFFIXES, *MEMORY_SUFFIXES) or (
        path.name == DEFAULT_MEMORY_NAME
    )


def read_bitext(sources: Iterable[str | Path], lang: str) -> Bitext:
    """The bilingual entries of ``lang`` in catalogs, directories, TMX files and memories.

    A catalog whose ``Language`` header names another language is skipped (counted in
    ``other_language``); one without the header is read. A missing source or a file of
    another kind is an :class:`~pipeline.errors.InputError`.
    """
    bitext = Bitext(entries=[])
    for path in _files(sources):
        bitext.files += 1
        suffix = path.suffix.lower()
        if suffix in TMX_SUFFIXES:
            _read_tmx(path, lang, bitext)
        elif suffix in MEMORY_SUFFIXES or path.name == DEFAULT_MEMORY_NAME:
            _read_memory(path, lang, bitext)
        else:
            _read_catalog(path, lang, bitext)
    return bitext


def _files(sources: Iterable[str | Path]) -> Iterator[Path]:
    for name in sources:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (*CATALOG_SUFFIXES, *TMX_SUFFIXES)
            )
            if not found:
                raise InputError("directory contains no .po or .tmx files", path=path)
            yield from found
        elif not path.is_file():
            raise InputError("no such catalog, TMX or memory file", path=path)
        elif not is_bilingual_source(path):
            raise InputError("not a catalog (.po), TMX or translation memory", path=path)
        else:
            yield path


def _read_catalog(path: Path, lang: str, bitext: Bitext) -> None:
    catalog = load_catalog(path)
    header = catalog.metadata.get("Language", "").strip()
    if header and not language_applies(header, lang):
        bitext.other_language += 1
        return
    for po in catalog:
        view = Entry(po)
        if view.obsolete or view.source_language:
            continue
        source = po.msgid if not po.msgid_plural else f"{po.msgid}\n{po.msgid_plural}"
        reviewed = view.state is EntryState.REVIEWED and not view.machine_output
        bitext.entries.append(
            BilingualEntry(
                source=source,
                target=view.target_text,
                location=f"{path}:{po.linenum}",
                reviewed=reviewed,
                mt_terms=_mt_terms(view) if reviewed else (),
            )
        )


def _mt_terms(view: Entry) -> tuple[str, ...]:
    """Labels of the terms an MT output carried, when a person has changed that output."""
    provenance = view.mt_provenance
    if provenance is None or provenance[1] == output_checksum(view.po.msgstr or ""):
        return ()
    labels: list[str] = []
    for line in view.comment_values(TERMS_PREFIX):
        labels.extend(
            item.strip().removesuffix(_TERM_OK.strip()).strip()
            for item in line.split("; ")
            if item.strip().endswith(_TERM_OK.strip())
        )
    return tuple(labels)


def _read_tmx(path: Path, lang: str, bitext: Bitext) -> None:
    for number, unit in enumerate(read_tmx(path), start=1):
        if not language_applies(unit.lang, lang):
            bitext.other_language += 1
            continue
        bitext.entries.append(
            BilingualEntry(unit.source, unit.translation, f"{path}:{number}", True)
        )


def _check_memory(path: Path) -> None:
    """Refuse a database that is not a translation memory before opening it as one (which
    would add the memory's table to it)."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'units'"
            ).fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a usable translation memory ({exc})", path=path) from None
    if found is None:
        raise InputError("not a translation memory (no units table)", path=path)


def _read_memory(path: Path, lang: str, bitext: Bitext) -> None:
    _check_memory(path)
    with TranslationMemory(path) as memory:
        for unit in memory.units():
            if not language_applies(unit.lang, lang):
                bitext.other_language += 1
                continue
            where = f"{path}:{unit.document}" if unit.document else str(path)
            bitext.entries.append(BilingualEntry(unit.source, unit.translation, where, True))
