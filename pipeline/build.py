"""Getting the result out: the translated document and MO files (catalog statistics:
:func:`pipeline.entry.catalog_stats`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from .atomic import atomic_write_bytes
from .document import Block, BlockKind
from .entry import Entry
from .errors import InputError
from .languages import SOURCE_LANGUAGE, profile
from .paths import catalog_project, confine
from .pofile import SOURCE_HEADER


@dataclass(frozen=True)
class PendingEntry:
    """A sentence the translated document cannot be built from yet; ``part_line`` as its
    block's (a Word footnote's part and paragraph number)."""

    line: int
    msgid: str
    state: str  # "untranslated", "fuzzy" or what is wrong with its inline codes
    part_line: tuple[str, int] | None = None

    def location(self, source: object) -> str:
        """Where it is, as its ``#:`` reference says: ``SOURCE:LINE`` or ``SOURCE/PART:N``."""
        if self.part_line is not None:
            return f"{source}/{self.part_line[0]}:{self.part_line[1]}"
        return f"{source}:{self.line}"


class NotReviewedError(Exception):
    """Entries still need review before the document can be built."""

    def __init__(self, pending: list[PendingEntry]) -> None:
        self.pending = pending
        super().__init__(f"{len(pending)} entries still to review")


def source_of(catalog: polib.POFile, po_path: Path, source: str | None) -> Path:
    """The source document of a catalog: ``--source``, else the catalog's X-Source-File header.

    The header is data: it is resolved relative to the catalog's project
    (:func:`~pipeline.paths.catalog_project`) and must stay inside it and name a document
    format (``.txt``, ``.md``, ``.docx``, ``.html``); anything else needs ``--source``.
    """
    if source:
        return Path(source)
    recorded = catalog.metadata.get(SOURCE_HEADER)
    if not recorded:
        raise InputError(f"catalog has no {SOURCE_HEADER} header; pass --source", path=po_path)
    from .formats import DOCUMENT_SUFFIXES

    hint = "pass --source FILE to name the document"
    found = confine(recorded, catalog_project(po_path), what=SOURCE_HEADER, hint=hint, path=po_path)
    if found.suffix.lower() not in DOCUMENT_SUFFIXES:
        raise InputError(
            f"{SOURCE_HEADER} '{found.name}' is not a document format "
            f"({', '.join(DOCUMENT_SUFFIXES)}); {hint}",
            path=po_path,
        )
    return found


def join_sentences(sentences: list[str], lang: str) -> str:
    """A paragraph from its translated sentences, joined as the language joins them
    (a space; nothing between Chinese or Japanese sentences)."""
    return profile(lang).sentence_separator.join(sentences)


@dataclass(frozen=True)
class BuiltDocument:
    """A translated document and what went into it."""

    data: bytes
    translated: int  # sentences written in their translation
    kept: int  # sentences not in English, kept as they are
    fallback: tuple[PendingEntry, ...]  # sentences left in English (``fallback_source``)


# Characters XML 1.0 cannot hold: a translation with one cannot go into an HTML page (an lxml
# tree) or a DOCX part; build lists it like a translation whose inline codes do not fit.
_NOT_XML_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_FORMATS = ("docx", "html")


def build_document(catalog: polib.POFile, source: Path, *, fallback_source: bool) -> bytes:
    """The translated document in the source's format (see :func:`build_document_report`)."""
    return build_document_report(catalog, source, fallback_source=fallback_source).data


def build_document_report(
    catalog: polib.POFile, source: Path, *, fallback_source: bool
) -> BuiltDocument:
    """The translated document in the source's format, with the source's structure.

    Segments not in English (as detected, or as the document declares) are kept as they
    are, or take their msgstr where a translator gave one. Untranslated or fuzzy entries, and
    translations whose inline codes do not fit their source, raise NotReviewedError unless
    ``fallback_source`` keeps their English (counted in ``fallback``).
    """
    from .formats import format_of, read_document, read_source_bytes
    from .inline import MarkupError, Sentence, assemble, markup_problems, with_wrapper
    from .segment import block_sentences, rich_paragraph, segment_language

    document = read_document(source)
    translations = {e.msgid: e for e in catalog if not e.obsolete and not e.msgctxt}
    target_lang = catalog.metadata.get("Language", "")
    pending: list[PendingEntry] = []
    counts = {"translated": 0, "kept": 0}

    def unwritable(msgstr: str) -> str | None:
        """Why the document's format cannot hold a translation (XML has no way to write a
        control character), or None."""
        bad = _NOT_XML_CHARACTER.search(msgstr) if document.format in _XML_FORMATS else None
        if bad is None:
            return None
        return f"control character U+{ord(bad.group()):04X}, which {document.format} cannot hold"

    def translated(text: str, line: int, block: Block) -> str:
        entry = translations.get(text)
        lang = segment_language(block, text)
        problem = unwritable(entry.msgstr) if entry is not None and entry.msgstr else None
        if problem is not None:
            pending.append(PendingEntry(line, text, problem, block.part_line))
            return text
        if lang != SOURCE_LANGUAGE or lang == target_lang:
            if entry is not None and entry.msgstr:
                counts["translated"] += 1
                return entry.msgstr
            counts["kept"] += 1
            return text
        if entry is None or not entry.msgstr:
            pending.append(PendingEntry(line, text, "untranslated", block.part_line))
            return text
        if Entry(entry).fuzzy:
            pending.append(PendingEntry(line, text, "fuzzy", block.part_line))
            return text
        if markup_problems(text, entry.msgstr):
            pending.append(PendingEntry(line, text, "inline codes do not fit", block.part_line))
            return text
        counts["translated"] += 1
        return entry.msgstr

    def join(sentences: list[str]) -> str:
        return join_sentences(sentences, target_lang)

    outputs: list[object] = []
    for block in document.blocks:
        if block.kind is BlockKind.CODE:
            outputs.append(block.raw)
            continue
        sentences = [translated(t, line, block) for t, line in block_sentences(block)]
        if not sentences:
            outputs.append(None)
        elif block.inline:
            paragraph = rich_paragraph(block)
            try:
                leaves = assemble(paragraph.pieces, sentences, join)
            except MarkupError as exc:
                pending.append(
                    PendingEntry(block.first_line, block.raw, f"markup: {exc}", block.part_line)
                )
                sources = [p.msgid for p in paragraph.pieces if isinstance(p, Sentence)]
                leaves = assemble(paragraph.pieces, sources, join)
            outputs.append(with_wrapper(paragraph.wrapper, leaves))
        else:
            outputs.append(block.prefix + join(sentences))
    if pending and not fallback_source:
        raise NotReviewedError(pending)
    data = read_source_bytes(source)
    return BuiltDocument(
        format_of(source).write(data, source, document, outputs, target_lang),
        counts["translated"],
        counts["kept"],
        tuple(pending),
    )


def write_document(path: Path, data: bytes) -> None:
    atomic_write_bytes(path, data)


def compile_catalog(po_path: Path, catalog: polib.POFile) -> Path:
    """Write the ``.mo`` next to the ``.po`` (translated, non-fuzzy entries only)."""
    mo_path = po_path.with_suffix(".mo")
    atomic_write_bytes(mo_path, catalog.to_binary())
    return mo_path
