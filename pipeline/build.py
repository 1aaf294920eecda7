"""Getting the result out: the translated document, MO files and catalog statistics."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import polib

from .atomic import atomic_write_bytes
from .document import BlockKind
from .errors import InputError
from .language import detect_language
from .languages import profile
from .pofile import SOURCE_HEADER


@dataclass(frozen=True)
class PendingEntry:
    """A sentence the translated document cannot be built from yet."""

    line: int
    msgid: str
    state: str  # "untranslated", "fuzzy" or what is wrong with its inline codes


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


def join_sentences(sentences: list[str], lang: str) -> str:
    """A paragraph from its translated sentences, joined as the language joins them
    (a space; nothing between Chinese or Japanese sentences)."""
    return profile(lang).sentence_separator.join(sentences)


def build_document(catalog: polib.POFile, source: Path, *, fallback_source: bool) -> bytes:
    """The translated document in the source's format, with the source's structure.

    Segments not in English (as detected, or as the document declares) are kept as they
    are, or take their msgstr where a translator gave one. Untranslated or fuzzy entries, and
    translations whose inline codes do not fit their source, raise NotReviewedError unless
    ``fallback_source`` keeps their English.
    """
    from .formats import (
        block_sentences,
        format_of,
        read_document,
        read_source_bytes,
        rich_paragraph,
    )
    from .inline import MarkupError, Sentence, assemble, markup_problems, strip_codes, with_wrapper

    document = read_document(source)
    translations = {e.msgid: e for e in catalog if not e.obsolete and not e.msgctxt}
    target_lang = catalog.metadata.get("Language", "")
    pending: list[PendingEntry] = []

    def translated(text: str, line: int, declared: str) -> str:
        entry = translations.get(text)
        lang = declared or detect_language(strip_codes(text))
        if lang != "en" or lang == target_lang:
            return entry.msgstr if entry is not None and entry.msgstr else text
        if entry is None or not entry.msgstr:
            pending.append(PendingEntry(line, text, "untranslated"))
            return text
        if "fuzzy" in entry.flags:
            pending.append(PendingEntry(line, text, "fuzzy"))
            return text
        if markup_problems(text, entry.msgstr):
            pending.append(PendingEntry(line, text, "inline codes do not fit"))
            return text
        return entry.msgstr

    def join(sentences: list[str]) -> str:
        return join_sentences(sentences, target_lang)

    outputs: list[object] = []
    for block in document.blocks:
        if block.kind is BlockKind.CODE:
            outputs.append(block.raw)
            continue
        sentences = [translated(t, line, block.lang) for t, line in block_sentences(block)]
        if not sentences:
            outputs.append(None)
        elif block.inline:
            paragraph = rich_paragraph(block)
            try:
                leaves = assemble(paragraph.pieces, sentences, join)
            except MarkupError as exc:
                pending.append(PendingEntry(block.first_line, block.raw, f"markup: {exc}"))
                sources = [p.msgid for p in paragraph.pieces if isinstance(p, Sentence)]
                leaves = assemble(paragraph.pieces, sources, join)
            outputs.append(with_wrapper(paragraph.wrapper, leaves))
        else:
            outputs.append(block.prefix + join(sentences))
    if pending and not fallback_source:
        raise NotReviewedError(pending)
    data = read_source_bytes(source)
    return format_of(source).write(data, source, document, outputs, target_lang)


def write_document(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data)


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
