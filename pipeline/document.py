"""Reading source documents (plain text and Markdown) into blocks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .errors import InputError
from .model import Block, BlockKind, Document, SourceLine

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown")
_MARKDOWN_SUFFIXES = (".md", ".markdown")

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))[ \t]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_UNSAFE_ID_CHARS = re.compile(r"[^\w.-]+")


def document_id(path: str | Path) -> str:
    """The document id: the file name without suffix, safe as a file name whatever the path."""
    stem = Path(str(path).replace("\\", "/")).name
    for suffix in DOCUMENT_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = unicodedata.normalize("NFC", stem)
    safe = _UNSAFE_ID_CHARS.sub("-", stem).strip(".-")
    return safe or "document"


def expand_sources(paths: list[str]) -> list[Path]:
    """Files named on the command line; a directory means every document in it (sorted)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
            )
            if not found:
                raise InputError("directory contains no .txt or .md documents", path=path)
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file", path=path)
    return files


def _looks_binary(data: bytes) -> bool:
    controls = sum(1 for byte in data if byte < 32 and byte not in b"\t\n\r\f")
    return controls > max(8, len(data) // 10)


def decode_source(data: bytes, path: str | Path) -> str:
    """Decode a source file: UTF-8 with or without BOM; anything else is an error.

    A file is taken for binary when more than a tenth of its bytes (and more than 8) are
    control characters; stray control characters and NULs in text are tolerated.
    """
    if not data.strip():
        raise InputError("empty document", path=path)
    if _looks_binary(data):
        raise InputError("binary file, not a text document (control bytes)", path=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in data:
            raise InputError("binary file, not a text document (NUL bytes)", path=path) from None
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} on line {line}); "
            "convert it with iconv -t UTF-8",
            path=path,
        ) from None
    if not text.strip():
        raise InputError("empty document", path=path)
    return text


def read_document(path: str | Path) -> Document:
    """Read and parse one source document."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a directory, not a document", path=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    text = decode_source(data, path)
    markdown = path.suffix.lower() in _MARKDOWN_SUFFIXES
    return parse_document(text, doc_id=document_id(path), path=str(path), markdown=markdown)


def parse_document(text: str, *, doc_id: str, path: str, markdown: bool) -> Document:
    """Split decoded text into blocks: blank-line paragraphs, and for Markdown also
    headings, list items and fenced code."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks = _markdown_blocks(lines) if markdown else _plain_blocks(lines)
    return Document(
        doc_id=doc_id,
        path=path,
        file_name=Path(path).name,
        blocks=tuple(blocks),
        markdown=markdown,
    )


def _is_blank(line: str) -> bool:
    return not line.strip()


def _plain_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: list[SourceLine] = []
    for number, line in enumerate(lines, start=1):
        if _is_blank(line):
            if current:
                blocks.append(_paragraph(current))
                current = []
        else:
            current.append(SourceLine(number, line))
    if current:
        blocks.append(_paragraph(current))
    return blocks


def _paragraph(lines: list[SourceLine]) -> Block:
    return Block(BlockKind.PARAGRAPH, tuple(lines), raw="\n".join(x.text for x in lines))


def _markdown_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: list[SourceLine] = []
    kind = BlockKind.PARAGRAPH
    prefix = ""
    raw: list[str] = []

    def flush() -> None:
        nonlocal current, kind, prefix, raw
        if current:
            blocks.append(Block(kind, tuple(current), prefix=prefix, raw="\n".join(raw)))
        current, kind, prefix, raw = [], BlockKind.PARAGRAPH, "", []

    number = 0
    while number < len(lines):
        line = lines[number]
        lineno = number + 1
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker = fence.group(1)
            code = [SourceLine(lineno, line)]
            number += 1
            while number < len(lines):
                code.append(SourceLine(number + 1, lines[number]))
                if lines[number].strip().startswith(marker[0] * len(marker)):
                    number += 1
                    break
                number += 1
            blocks.append(Block(BlockKind.CODE, tuple(code), raw="\n".join(x.text for x in code)))
            continue
        number += 1
        if _is_blank(line):
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            content = line[heading.end() :].rstrip()
            content = re.sub(r"[ \t]+#+[ \t]*$", "", content)  # closing hashes
            if content.strip():
                blocks.append(
                    Block(
                        BlockKind.HEADING,
                        (SourceLine(lineno, content),),
                        prefix=heading.group(1) + " ",
                        raw=line,
                    )
                )
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            kind = BlockKind.LIST_ITEM
            prefix = item.group(1).strip() + " "
            current.append(SourceLine(lineno, line[item.end() :]))
            raw.append(line)
            continue
        current.append(SourceLine(lineno, line))
        raw.append(line)
    flush()
    return [b for b in blocks if b.kind is BlockKind.CODE or b.text.strip()]
