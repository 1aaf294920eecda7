"""Markdown: blank-line paragraphs, headings and list items as blocks of their own (their
markers are not translated and come back in the built document), fenced code kept as it is."""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, BlockKind, SourceLine
from .text import _is_blank, decode_source, split_lines
from .text import write as write

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))[ \t]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def read(data: bytes, path: Path) -> tuple[Block, ...]:
    return tuple(parse(decode_source(data, path)))


def parse(text: str) -> list[Block]:
    return _markdown_blocks(split_lines(text))


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
