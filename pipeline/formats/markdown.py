"""Markdown: blank-line paragraphs, headings, list items and block quotes as blocks of their
own (their markers are not translated and come back in the built document), each table row
a block (the alignment row kept as it is), fenced code and YAML front matter kept as they
are."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..document import Block, BlockKind, Document, SourceLine
from ..inline import Leaf, Nested, Placeholder, Span, nest
from .text import _is_blank, decode_source, split_lines
from .text import write as write_text

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)]))[ \t]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^ {0,3}((?:>[ \t]?)+)")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
_TABLE_ALIGNMENT = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def read(data: bytes, path: Path) -> tuple[Block, ...]:
    return tuple(parse(decode_source(data, path)))


def parse(text: str) -> list[Block]:
    return [_with_inline(block) for block in _markdown_blocks(split_lines(text))]


def write(
    data: bytes, path: Path, document: Document, outputs: Sequence[object], lang: str = ""
) -> bytes:
    """The translated document: rich blocks' leaves written back as Markdown (each code's
    markup around its text), then as plain text blocks."""
    texts = [
        block.prefix + markdown_text(output)  # type: ignore[arg-type]
        if block.inline and isinstance(output, list)
        else output
        for block, output in zip(document.blocks, outputs, strict=True)
    ]
    return write_text(data, path, document, texts, lang)


# --- inline Markdown --------------------------------------------------------------------------


@dataclass(frozen=True)
class Markup:
    """The Markdown around a paired code's text (``**`` and ``**``; ``[`` and ``](url)``)."""

    open: str
    close: str


_SPANS = {"em": "i", "strong": "b", "s": "s"}
_INLINE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM})


def _with_inline(block: Block) -> Block:
    """The block with inline codes when its text has Markdown inline markup (emphasis,
    links, images, code, inline HTML) that written back gives the text exactly; else as
    it is (plain text, or markup this reader cannot write back as the source has it)."""
    if block.kind not in _INLINE_KINDS:
        return block
    leaves = inline_leaves(block.text)
    if leaves is None or all(isinstance(leaf.content, str) and not leaf.stack for leaf in leaves):
        return block
    if markdown_text(leaves) != block.text:
        return block
    return replace(block, inline=tuple(leaves))


def inline_leaves(text: str) -> list[Leaf] | None:
    """The leaves of Markdown inline text parsed by markdown-it-py (CommonMark): emphasis,
    strong emphasis and links are spans whose markup (the URL too) stays out of the text,
    an image a span around its alt text, code spans and inline HTML placeholders. None for
    what has no leaf form here (hard line breaks, autolinks)."""
    from markdown_it import MarkdownIt

    parsed = MarkdownIt("commonmark").parseInline(text)
    if not parsed or parsed[0].children is None:
        return None
    leaves: list[Leaf] = []
    if not _tokens_leaves(parsed[0].children, [], leaves):
        return None
    return leaves


def _tokens_leaves(tokens: Sequence[Any], stack: list[Span], leaves: list[Leaf]) -> bool:
    for token in tokens:
        kind = token.type
        if kind == "text":
            leaves.append(Leaf(token.content, tuple(stack)))
        elif kind == "softbreak":
            leaves.append(Leaf("\n", tuple(stack)))
        elif kind == "code_inline":
            leaves.append(
                Leaf(Placeholder("x", token.markup + token.content + token.markup), tuple(stack))
            )
        elif kind == "html_inline":
            leaves.append(Leaf(Placeholder("x", token.content), tuple(stack)))
        elif kind.endswith("_open") and kind[:-5] in _SPANS:
            stack.append(Span(_SPANS[kind[:-5]], Markup(token.markup, token.markup)))
        elif kind == "link_open" and not token.markup:
            stack.append(Span("a", Markup("[", f"]({_destination(token)})")))
        elif kind.endswith("_close") and kind[:-6] in (*_SPANS, "link"):
            stack.pop()
        elif kind == "image":
            span = Span("g", Markup("![", f"]({_destination(token, 'src')})"))
            stack.append(span)
            if not _tokens_leaves(token.children or [], stack, leaves):
                return False
            stack.pop()
        else:
            return False
    return True


def _destination(token: Any, name: str = "href") -> str:
    url = str(token.attrGet(name) or "")
    title = token.attrGet("title")
    return f'{url} "{title}"' if title else url


def markdown_text(leaves: Sequence[Leaf]) -> str:
    """Leaves written as Markdown: each span's markup around its text, placeholders as
    the source wrote them."""
    return "".join(_node_text(node) for node in nest(leaves))


def _node_text(node: Any) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, Placeholder):
        return str(node.ref)
    assert isinstance(node, Nested)
    markup = node.span.ref
    return markup.open + "".join(_node_text(child) for child in node.children) + markup.close


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
