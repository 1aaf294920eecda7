"""Plain text: UTF-8 (with or without BOM, LF or CRLF), paragraphs separated by blank lines.

A line that starts with a bullet (``- ``, ``• ``…), or a numbered line (``1. ``, ``2) ``)
after a line ending with a colon or another such line, is a list item: a paragraph of its
own, so that list items are never run together into one segment. The translated document
keeps the source's line layout: paragraphs on consecutive lines stay on consecutive lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..document import Block, BlockKind, Document, SourceLine
from ..errors import InputError


def read(data: bytes, path: Path) -> tuple[Block, ...]:
    """The blank-line paragraphs of a text file."""
    return tuple(parse(decode_source(data, path)))


def parse(text: str) -> list[Block]:
    return _plain_blocks(split_lines(text))


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def write(
    data: bytes, path: Path, document: Document, outputs: Sequence[object], lang: str = ""
) -> bytes:
    """The translated blocks (Markdown: markers put back), separated as in the source: a
    line break between blocks on consecutive lines, else a blank line."""
    parts: list[str] = []
    last_line: int | None = None
    for block, output in zip(document.blocks, outputs, strict=True):
        if output is None:
            continue
        if last_line is not None:
            parts.append("\n" if block.first_line == last_line + 1 else "\n\n")
        parts.append(str(output))
        last_line = block.lines[-1].number
    return ("".join(parts) + "\n").encode("utf-8")


def looks_binary(data: bytes) -> bool:
    controls = sum(1 for byte in data if byte < 32 and byte not in b"\t\n\r\f")
    return controls > max(8, len(data) // 10)


def decode_source(data: bytes, path: str | Path) -> str:
    """Decode a source file: UTF-8 with or without BOM; anything else is an error.

    A file is taken for binary when more than a tenth of its bytes (and more than 8) are
    control characters; stray control characters and NULs in text are tolerated.
    """
    if not data.strip():
        raise InputError("empty document", path=path)
    if looks_binary(data):
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


def _is_blank(line: str) -> bool:
    return not line.strip()


_BULLET = re.compile(r"^\s*[-*+•‣◦▪]\s+\S")  # not dashes: "— a remark" in wrapped prose
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s+\S")


def starts_list_item(line: str, previous: str | None) -> bool:
    """Whether ``line`` opens a list item of its own, after the line ``previous`` of the
    same paragraph (None at a paragraph's start)."""
    if previous is None:
        return False
    if _BULLET.match(line):
        return True
    return bool(_NUMBERED.match(line)) and (
        previous.rstrip().endswith(":")
        or _BULLET.match(previous) is not None
        or _NUMBERED.match(previous) is not None
    )


def _plain_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: list[SourceLine] = []
    for number, line in enumerate(lines, start=1):
        if _is_blank(line):
            if current:
                blocks.append(_paragraph(current))
                current = []
        else:
            if current and starts_list_item(line, current[-1].text):
                blocks.append(_paragraph(current))
                current = []
            current.append(SourceLine(number, line))
    if current:
        blocks.append(_paragraph(current))
    return blocks


def _paragraph(lines: list[SourceLine]) -> Block:
    return Block(BlockKind.PARAGRAPH, tuple(lines), raw="\n".join(x.text for x in lines))
