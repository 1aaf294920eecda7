"""The document model the stages pass along: documents, blocks and segments.

Kept free of file formats (readers and writers are in :mod:`pipeline.formats`, catalogs
in ``pofile``) and of the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from .languages.tags import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from .inline import Leaf


class BlockKind(StrEnum):
    """What a block of a document is; decides whether and how it is translated."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    ATTRIBUTE = "attribute"  # an HTML alt or title text
    CODE = "code"


@dataclass(frozen=True)
class SourceLine:
    """One physical line of a block: its 1-based number in the file and its text."""

    number: int
    text: str


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of a document.

    ``prefix`` is the Markdown marker that is not translated (``"## "``, ``"- "``, ``"1. "``);
    ``raw`` is the block exactly as in the file (used to rebuild code blocks verbatim).
    ``inline`` is the content of a block of a rich document (``.docx``, ``.html``) with
    its formatting, as :mod:`pipeline.inline` leaves; ``lines`` then hold its plain text.
    ``lang`` is the language the document declares for the block (an HTML ``lang``
    attribute inside the page), empty when it declares none. ``note`` says where text that
    is not the running text comes from (``<img alt>``, ``<option>``), for translators.
    ``exact_space``: every white space character of ``inline`` is shown (Word, unlike
    HTML), so segments keep runs of spaces as they are instead of collapsing them.
    ``part_line``: for text a document keeps in a part of its own (a Word footnote, text
    box or comment), the part's name and the block's number in it; the block's ``#:``
    reference is then ``FILE/PART:N`` (``report.docx/word/footnotes.xml:3``), its
    ``lines`` still numbered in reading order.
    """

    kind: BlockKind
    lines: tuple[SourceLine, ...]
    prefix: str = ""
    raw: str = ""
    inline: tuple[Leaf, ...] = ()
    lang: str = ""
    note: str = ""
    exact_space: bool = False
    part_line: tuple[str, int] | None = None

    @property
    def translatable(self) -> bool:
        return self.kind is not BlockKind.CODE

    @property
    def text(self) -> str:
        """The block's text with its lines joined by newlines (prefix removed)."""
        return "\n".join(line.text for line in self.lines)

    @property
    def first_line(self) -> int:
        return self.lines[0].number


@dataclass(frozen=True)
class Document:
    """A source document: its id (safe as a file name), where it came from, its blocks."""

    doc_id: str
    path: str
    file_name: str
    blocks: tuple[Block, ...]
    format: str = "text"  # the name of its format in pipeline.formats.FORMATS


@dataclass(frozen=True)
class Segment:
    """One sentence to translate.

    ``paragraph`` counts translatable blocks (0-based), ``index`` the sentence within it;
    ``line`` is the 1-based line of the file where the sentence starts; ``note`` is its
    block's (where it comes from, when not the running text), and so is ``part_line``
    (the part of the file it is in, and its number there, when it has a part of its own).
    """

    doc_id: str
    file_name: str
    paragraph: int
    index: int
    text: str
    line: int
    lang: str = SOURCE_LANGUAGE
    block_prefix: str = ""
    note: str = ""
    part_line: tuple[str, int] | None = None

    @property
    def reference(self) -> tuple[str, int]:
        """Its ``#:`` reference: the file and line, or ``FILE/PART`` and its number in the
        part (no white space in the part's name, so PO readers see one reference)."""
        if self.part_line is not None:
            part, number = self.part_line
            return (f"{self.file_name}/{part}", number)
        return (self.file_name, self.line)


@dataclass(frozen=True)
class SegmentedDocument:
    """A document with its segments, in document order."""

    document: Document
    segments: tuple[Segment, ...] = field(default_factory=tuple)
