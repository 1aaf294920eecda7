"""Document formats: one module each, one row each in :data:`FORMATS`.

A format module provides ``read(data, path) -> tuple[Block, ...]`` (raising
:class:`~pipeline.errors.InputError` for bad input) and ``write(data, path, document,
outputs) -> bytes``, which writes the translated document from the source's bytes and one
output per block (``None`` for a block left as it is): the translated text of a plain block,
or the :class:`~pipeline.inline.Leaf` list of a rich block (one with ``inline`` content),
and the target language (a catalog's ``Language``, ``pt_BR``), which rich formats declare.
Ids and sources are shared and live here; segmentation is :mod:`pipeline.segment`'s.
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..document import Block, Document
from ..errors import InputError


@dataclass(frozen=True)
class DocumentFormat:
    """A document format: its name, file suffixes and the module of this package that reads
    and writes it, imported on first use (a run loads only the formats of its documents)."""

    name: str
    suffixes: tuple[str, ...]
    module: str

    def implementation(self) -> ModuleType:
        """The format's module."""
        return importlib.import_module(f"{__name__}.{self.module}")

    def read(self, data: bytes, path: Path) -> tuple[Block, ...]:
        """The blocks of a source document (an InputError for bad input)."""
        return self.implementation().read(data, path)

    def write(
        self, data: bytes, path: Path, document: Document, outputs: Sequence[object], lang: str
    ) -> bytes:
        """The translated document, from the source's bytes and one output per block."""
        return self.implementation().write(data, path, document, outputs, lang)


FORMATS: tuple[DocumentFormat, ...] = (
    DocumentFormat("text", (".txt",), "text"),
    DocumentFormat("markdown", (".md", ".markdown"), "markdown"),
    DocumentFormat("docx", (".docx",), "docx"),
    DocumentFormat("html", (".html", ".htm"), "html"),
)
DOCUMENT_SUFFIXES = tuple(suffix for fmt in FORMATS for suffix in fmt.suffixes)
# Files of the tool's own formats that are no source document, and what takes them instead.
NOT_DOCUMENTS: dict[str, tuple[str, str]] = {
    ".po": ("a PO catalog", "'l10n qa' checks it, 'l10n build' writes its document"),
    ".pot": ("a PO template", "'l10n translate' takes the English document it came from"),
    ".mo": ("a compiled catalog", "'l10n translate' takes the English document"),
    ".tmx": ("a TMX file", "'l10n memory import' learns its translations"),
    ".xlf": ("an XLIFF file", "'l10n import' brings it back into its catalog"),
    ".xliff": ("an XLIFF file", "'l10n import' brings it back into its catalog"),
    ".tbx": ("a TBX glossary", "'l10n glossary import' merges it into the glossary"),
}


def format_of(path: str | Path) -> DocumentFormat:
    """The format of a file by its suffix; anything unknown is read as plain text."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    return FORMATS[0]


def document_id(path: str | Path) -> str:
    """The document id: the file name without suffix, safe as a file name whatever the path."""
    import re

    stem = Path(str(path).replace("\\", "/")).name
    for suffix in DOCUMENT_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = unicodedata.normalize("NFC", stem)
    safe = re.sub(r"[^\w.-]+", "-", stem).strip(".-")
    return safe or "document"


def expand_sources(paths: list[str]) -> list[Path]:
    """Files named on the command line; a directory means every document in it (sorted).

    A catalog, TMX, XLIFF or TBX file named as a document is refused with the command that
    takes it (:data:`NOT_DOCUMENTS`).
    """
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
            if not found:
                raise InputError(
                    "directory contains no .txt or .md documents (nor .docx, .html or .htm)",
                    path=path,
                )
            files.extend(found)
        elif path.exists():
            if path.suffix.lower() in NOT_DOCUMENTS:
                what, hint = NOT_DOCUMENTS[path.suffix.lower()]
                raise InputError(
                    f"is {what}, not a source document ({', '.join(DOCUMENT_SUFFIXES)}); {hint}",
                    path=path,
                )
            files.append(path)
        else:
            raise InputError("no such file", path=path)
    return files


def read_source_bytes(path: str | Path) -> bytes:
    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory, not a document", path=path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None


def read_document(path: str | Path) -> Document:
    """Read and parse one source document in the format its suffix names."""
    path = Path(path)
    data = read_source_bytes(path)
    fmt = format_of(path)
    blocks = fmt.read(data, path)
    if fmt.name in ("docx", "html") and not any(block.text.strip() for block in blocks):
        raise InputError("no text to translate in the document", path=path)
    return Document(
        doc_id=document_id(path),
        path=str(path),
        file_name=path.name,
        blocks=blocks,
        format=fmt.name,
    )


def parse_document(source: str, *, doc_id: str, path: str, markdown: bool) -> Document:
    """A plain-text or Markdown document from decoded text (for tests and tools)."""
    fmt = FORMATS[1] if markdown else FORMATS[0]
    blocks = (markdown_blocks if markdown else text_blocks)(source)
    return Document(doc_id, path, Path(path).name, tuple(blocks), format=fmt.name)


def text_blocks(source: str) -> list[Block]:
    return FORMATS[0].implementation().parse(source)


def markdown_blocks(source: str) -> list[Block]:
    return FORMATS[1].implementation().parse(source)
