"""The catalog model: what a document asks translators for, and how PO entries carry
the tool's annotations (glossary hints, MT provenance, round trip, QA findings).

The tool owns extracted comments (``#.``) with the prefixes below and translator comments
that start with ``l10n:``; everything else in an entry belongs to people and is never changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .document import SegmentedDocument
from .languages import SOURCE_LANGUAGE
from .paths import check_name

# Prefixes of the extracted comments the tool writes.
GLOSSARY_PREFIX = "glossary: "
TERMS_PREFIX = "terms: "
MT_PREFIX = "mt: "
BACK_TRANSLATION_PREFIX = "back-translation: "
ROUNDTRIP_PREFIX = "round-trip chrF: "
WARNING_PREFIX = "warning: "
MEMORY_PREFIX = "memory: "
QA_PREFIX = "qa: "
SPLIT_PREFIX = "split: "
SOURCE_LANGUAGE_PREFIX = "l10n: "
FOUND_IN_PREFIX = "found in: "  # where text that is not running text comes from

# Comments regenerated from the source on every run.
TEMPLATE_PREFIXES = (GLOSSARY_PREFIX, FOUND_IN_PREFIX)
# Comments that describe the current msgstr; they stay exactly as long as the msgstr does.
TRANSLATION_PREFIXES = (
    TERMS_PREFIX,
    MT_PREFIX,
    BACK_TRANSLATION_PREFIX,
    ROUNDTRIP_PREFIX,
    WARNING_PREFIX,
    MEMORY_PREFIX,
    SPLIT_PREFIX,
)

_MT_LINE = re.compile(r"^mt: (?P<signature>\S+) \(output (?P<checksum>[0-9a-f]{12})\)$")


@dataclass
class TemplateEntry:
    """One distinct source sentence of a document, with every place it occurs."""

    msgid: str
    lang: str
    references: list[tuple[str, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def source_language_note(self) -> str | None:
        """Translator comment for a segment that is not in the source language."""
        if self.lang == SOURCE_LANGUAGE:
            return None
        return f"{SOURCE_LANGUAGE_PREFIX}source is in '{self.lang}', not English; no MT for it"


@dataclass
class Template:
    """The translatable content of one document (what its POT holds), in document order."""

    doc_id: str
    file_name: str
    entries: list[TemplateEntry]
    source_path: str = ""


def build_template(document: SegmentedDocument) -> Template:
    """One entry per distinct sentence, references to every occurrence, in document order.

    The document's path is written into every reference and the X-Source-File header, so a
    name with a control character is refused (InputError) rather than written.
    """
    check_name(document.document.path, what="source file name")
    by_msgid: dict[str, TemplateEntry] = {}
    for segment in document.segments:
        entry = by_msgid.get(segment.text)
        if entry is None:
            entry = TemplateEntry(msgid=segment.text, lang=segment.lang)
            by_msgid[segment.text] = entry
        if not entry.references or entry.references[-1] != segment.reference:
            entry.references.append(segment.reference)
        note = f"{FOUND_IN_PREFIX}{segment.note}" if segment.note else ""
        if note and note not in entry.comments:
            entry.comments.append(note)
    return Template(
        doc_id=document.document.doc_id,
        file_name=document.document.file_name,
        entries=list(by_msgid.values()),
        source_path=document.document.path,
    )


def output_checksum(text: str) -> str:
    """Short checksum of an MT output, recorded to tell later whether a person edited it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def mt_comment(signature: str, output: str) -> str:
    """The extracted comment recording which engine produced ``output``."""
    return f"{MT_PREFIX}{signature} (output {output_checksum(output)})"


def mt_provenance(comment: str) -> tuple[str, str] | None:
    """``(signature, checksum)`` if the extracted comment block records an MT output."""
    for line in split_comment_lines(comment):
        match = _MT_LINE.match(line)
        if match:
            return match.group("signature"), match.group("checksum")
    return None


_ALL_PREFIXES = (*TEMPLATE_PREFIXES, *TRANSLATION_PREFIXES, QA_PREFIX)


def split_comment_lines(comment: str) -> list[str]:
    """The tool's comments of an extracted-comment block, one item each.

    polib, msgmerge and editors wrap long comments; a line that does not start with one of
    the tool's prefixes continues the comment before it.
    """
    items: list[str] = []
    for line in comment.splitlines():
        line = line.strip()
        if not line:
            continue
        if f"{line} " in _ALL_PREFIXES:  # an empty value ("back-translation: " stripped)
            line = f"{line} "
        if items and not line.startswith(_ALL_PREFIXES):
            items[-1] = f"{items[-1]} {line}"
        else:
            items.append(line)
    return items


def strip_prefixed(comment: str, prefixes: tuple[str, ...]) -> list[str]:
    """The lines of a comment block that do not start with any of ``prefixes``."""
    return [line for line in split_comment_lines(comment) if not line.startswith(prefixes)]
