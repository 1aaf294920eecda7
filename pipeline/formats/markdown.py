"""Markdown: blank-line paragraphs, headings, list items and block quotes as blocks of their
own (their markers are not translated and come back in the built document), each table row
a block (the alignment row kept as it is), fenced code and YAML front matter kept as they
are."""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, BlockKind, SourceLine
from .text import _is_blank, decode_source, split_lines
from .text import write as write

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))[ \t]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}((?:>[ \t]?)+)")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
_TABLE_ALIGNMENT = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


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

    def verbatim(code: list[SourceLine]) -> None:
        blocks.append(Block(BlockKind.CODE, tuple(code), raw="\n".join(x.text for x in code)))

    number = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            verbatim([SourceLine(i + 1, lines[i]) for i in range(end + 1)])
            number = end + 1
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
        if _TABLE_ROW.match(line):
            flush()
            if _TABLE_ALIGNMENT.match(line):
                verbatim([SourceLine(lineno, line)])
            else:
                blocks.append(Block(BlockKind.TABLE_CELL, (SourceLine(lineno, line),), raw=line))
            continue
        quote = _QUOTE.match(line)
        if quote:
            marker = quote.group(1).replace(" ", "").replace("\t", "")
            marker = " ".join(marker) + " "
            if not line[quote.end() :].strip():  # ">" alone: a paragraph break in the quote
                flush()
                continue
            if kind is not BlockKind.PARAGRAPH or prefix != marker or not raw:
                flush()
                prefix = marker
            current.append(SourceLine(lineno, line[quote.end() :]))
            raw.append(line)
            continue
        if prefix.startswith(">"):
            flush()
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
