"""Getting the result out: the translated document, MO files and catalog statistics."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import polib

from .atomic import atomic_write_bytes
from .document import read_document
from .errors import InputError
from .language import detect_language
from .model import BlockKind
from .pofile import SOURCE_HEADER
from .segment import block_sentences


@dataclass(frozen=True)
class PendingEntry:
    """A sentence the translated document cannot be built from yet."""

    line: int
    msgid: str
    state: str  # "untranslated" | "fuzzy"


class NotReviewedError(Exception):
    """Entries still need review before the document can be built."""

    def __init__(self, pending: list[PendingEntry]) -> None:
        self.pending = pending
        super().__init__(f"{len(pending)} entries still to review")


def source_of(catalog: polib.POFile, po_path: Path, source: str | None) -> Path:
    """The source document of a catalog: ``--source`` or the catalog's X-Source-File header."""
    if source:
        return Path(source)
    recorded = catalog.metadata.get(SOURCE_HEADER)
    if not recorded:
        raise InputError(f"catalog has no {SOURCE_HEADER} header; pass --source", path=po_path)
    return Path(recorded)


def build_document(catalog: polib.POFile, source: Path, *, fallback_source: bool) -> str:
    """The translated document, with the source's paragraph structure.

    Segments not in English are kept as they are. Untranslated or fuzzy entries raise
    NotReviewedError unless ``fallback_source`` keeps their English.
    """
    document = read_document(source)
    translations = {e.msgid: e for e in catalog if not e.obsolete and not e.msgctxt}
    target_lang = catalog.metadata.get("Language", "")
    pending: list[PendingEntry] = []
    blocks: list[str] = []
    for block in document.blocks:
        if block.kind is BlockKind.CODE:
            blocks.append(block.raw)
            continue
        sentences: list[str] = []
        for text, line in block_sentences(block):
            entry = translations.get(text)
            lang = detect_language(text)
            if lang != "en" or lang == target_lang:
                sentences.append(entry.msgstr if entry is not None and entry.msgstr else text)
                continue
            if entry is None or not entry.msgstr:
                pending.append(PendingEntry(line, text, "untranslated"))
                sentences.append(text)
            elif "fuzzy" in entry.flags:
                pending.append(PendingEntry(line, text, "fuzzy"))
                sentences.append(text)
            else:
                sentences.append(entry.msgstr)
        if sentences:
            blocks.append(block.prefix + " ".join(sentences))
    if pending and not fallback_source:
        raise NotReviewedError(pending)
    return "\n\n".join(blocks) + "\n"


def write_document(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def compile_catalog(po_path: Path, catalog: polib.POFile) -> Path:
    """Write the ``.mo`` next to the ``.po`` (translated, non-fuzzy entries only)."""
    mo_path = po_path.with_suffix(".mo")
    atomic_write_bytes(mo_path, catalog.to_binary())
    return mo_path


@dataclass
class CatalogStats:
    """Counts of one catalog (or a total): entries and source words per state."""

    name: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0

    def add(self, other: CatalogStats) -> None:
        """Add the counts of ``other`` to these."""
        for counter in fields(self)[1:]:  # every field after the name
            setattr(self, counter.name, getattr(self, counter.name) + getattr(other, counter.name))


def catalog_stats(name: str, catalog: polib.POFile) -> CatalogStats:
    """Entry and word counts per state, as ``msgfmt --statistics`` counts entries."""
    stats = CatalogStats(name)
    for entry in catalog:
        words = len(entry.msgid.split())
        if entry.obsolete:
            stats.obsolete += 1
        elif "fuzzy" in entry.flags and entry.msgstr:
            stats.fuzzy += 1
            stats.fuzzy_words += words
        elif entry.msgstr:
            stats.translated += 1
            stats.translated_words += words
        else:
            stats.untranslated += 1
            stats.untranslated_words += words
    return stats
