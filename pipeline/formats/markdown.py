"""Markdown, parsed by markdown-it-py (CommonMark, with GFM tables and strike-through).

Every paragraph, heading, and table cell is a block; its container markers (``>``,
``- ``, ``1. ``, ``#``, the table's pipes) are not in the block and never change. Inline
markup is read from markdown-it-py's tokens: emphasis, strong emphasis, strike-through,
links and images are paired codes (their URL and title stay out of the msgid), code spans,
autolinks, inline HTML and GitHub's alert markers (``[!NOTE]``) placeholders, hard line
breaks line-break codes; backslash escapes and entities are read as the characters they
stand for. Fenced and indented code, HTML blocks, link reference definitions and YAML front
matter are kept as they are.

The built document is the source with each translated block's text replaced where it
stands (:func:`write`): everything else, white space included, is the source's bytes. A
block whose translation is its source text (white space aside) keeps its source lines as
they are; a translated block is written on one line (a hard break starts a new line with
the block's container markers), with its text escaped where Markdown would read it as
markup, emphasis as ``*``/``**``, and links and images inline (``[text](url "title")``,
also for the source's reference links: same URL, same rendering).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..document import Block, BlockKind, Document, SourceLine
from ..inline import Leaf, Nested, Placeholder, Span, nest, plain_text
from ..sentences import normalize_space
from .text import decode_source


def read(data: bytes, path: Path) -> tuple[Block, ...]:
    return tuple(parse(decode_source(data, path)))


def parse(text: str) -> list[Block]:
    """The blocks of a Markdown document, in document order."""
    return [located.block for located in _locate(text)]


def write(
    data: bytes, path: Path, document: Document, outputs: Sequence[object], lang: str = ""
) -> bytes:
    """The source with each translated block's text put where the block's text stands.

    ``outputs`` has one output per block of ``document`` (as :func:`read` gives them): the
    translated text of a plain block, the :class:`~pipeline.inline.Leaf` list of a block
    with inline markup, or None (or the raw text, for a block kept as it is)."""
    text = decode_source(data, path)
    located = _locate(text)
    lines, separators = _physical_lines(text)
    newline = next((s for s in separators if s), "\n")
    starts = [0]
    for line, separator in zip(lines, separators, strict=True):
        starts.append(starts[-1] + len(line) + len(separator))
    edits: list[tuple[int, int, str]] = []
    for place, block, output in zip(located, document.blocks, outputs, strict=True):
        if place.start is None or place.end is None or output is None:
            continue
        markdown = _changed_markdown(block, output)
        if markdown is None:
            continue
        markdown = markdown.replace("\n", newline + place.continuation)
        start = starts[place.start[0]] + place.start[1]
        end = starts[place.end[0]] + place.end[1]
        edits.append((start, end, markdown))
    parts: list[str] = []
    position = 0
    for start, end, markdown in edits:
        parts.append(text[position:start])
        parts.append(markdown)
        position = end
    parts.append(text[position:])
    built = "".join(parts).encode("utf-8")
    return codecs.BOM_UTF8 + built if data.startswith(codecs.BOM_UTF8) else built


def _changed_markdown(block: Block, output: object) -> str | None:
    """The Markdown of a block's translation, or None when it is the source's text (white
    space aside): the source's lines then stay as they are."""
    if isinstance(output, list):
        written = markdown_text(output)
        source = markdown_text(block.inline) if block.inline else None
    else:
        written = _escape(str(output))
        source = _escape(block.text)
    if source is not None and normalize_space(written) == normalize_space(source):
        return None
    return _escape_line_starts(written.strip(" \t"))


# --- where the blocks are ---------------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    """A block and where its text stands in the source: (line index, column) of its first
    and past its last character (None for a block kept as it is), what starts each of its
    lines after the first (the container markers)."""

    block: Block
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None
    continuation: str = ""


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _physical_lines(text: str) -> tuple[list[str], list[str]]:
    """The source's lines and the line ending after each ("" after the last)."""
    pieces = re.split(r"(\r\n|\r|\n)", text)
    return pieces[0::2], [*pieces[1::2], ""]


_FRONT_MATTER_END = ("---", "...")


def _front_matter_lines(lines: list[str]) -> int:
    """How many lines of YAML front matter (``---`` … ``---``) open the document."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _FRONT_MATTER_END:
            return index + 1
    return 0


def _locate(text: str) -> list[_Located]:
    lines, _ = _physical_lines(text)
    located: list[_Located] = []
    front = _front_matter_lines(lines)
    if front:
        code = tuple(SourceLine(i + 1, lines[i]) for i in range(front))
        located.append(_Located(_code_block(code)))
    # The front matter as blank lines: markdown-it's line numbers stay the source's.
    body = "\n".join([""] * front + lines[front:])
    tokens = _parser().parse(body)
    containers: list[str] = []
    row: tuple[int, int] | None = None
    cell_column = 0
    heading = ""
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("blockquote_open", "list_item_open"):
            containers.append(kind)
        elif kind in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "heading_open":
            heading = token.markup
        elif kind == "tr_open":
            row, cell_column = token.map, 0
        elif kind in ("fence", "code_block", "html_block") and token.map:
            first, last = token.map
            code = tuple(SourceLine(i + 1, lines[i]) for i in range(first, last))
            located.append(_Located(_code_block(code)))
        elif kind == "inline" and token.map:
            parent = tokens[index - 1].type
            if parent in ("th_open", "td_open") and row is not None:
                place, cell_column = _cell(lines, row[0], cell_column, token)
            elif parent == "heading_open" and heading.startswith("#"):
                place = _atx_heading(lines, token, heading)
            else:
                last = token.map[1] - (1 if parent == "heading_open" else 0)
                place = _paragraph(lines, token.map[0], last, token, containers, parent)
            if place is not None:
                located.append(place)
    return located


def _code_block(lines: tuple[SourceLine, ...]) -> Block:
    return Block(BlockKind.CODE, lines, raw="\n".join(line.text for line in lines))


def _block(
    kind: BlockKind, first: int, lines: list[str], leaves: list[Leaf], raw: range
) -> Block | None:
    """A block from its leaves (plain when it has no inline markup), None without text."""
    text = plain_text(leaves)
    if not text.strip():
        return None
    plain = all(isinstance(leaf.content, str) and not leaf.stack for leaf in leaves)
    source_lines = tuple(SourceLine(first + 1 + i, part) for i, part in enumerate(text.split("\n")))
    return Block(
        kind,
        source_lines,
        raw="\n".join(lines[i] for i in raw),
        inline=() if plain else tuple(leaves),
    )


def _paragraph(
    lines: list[str],
    first: int,
    last: int,
    token: Any,
    containers: list[str],
    parent: str,
) -> _Located | None:
    """A paragraph or a setext heading: its content lines are the ends of its source lines
    (markdown-it strips the container markers, the indent and the outer white space)."""
    parts = token.content.split("\n")
    if len(parts) != last - first:
        return None
    columns: list[int] = []
    for offset, part in enumerate(parts):
        line = lines[first + offset]
        if offset == len(parts) - 1:
            line = line.rstrip()
            part = part.rstrip()
        if not line.endswith(part):
            return None
        columns.append(len(line) - len(part))
    end_line = lines[last - 1].rstrip()
    kind = BlockKind.HEADING if parent == "heading_open" else BlockKind.PARAGRAPH
    if kind is BlockKind.PARAGRAPH and containers and containers[-1] == "list_item_open":
        kind = BlockKind.LIST_ITEM
    alert = bool(containers) and containers[-1] == "blockquote_open"
    leaves = inline_leaves(token.children or [], alert=alert)
    block = _block(kind, first, lines, leaves, range(first, last))
    if block is None:
        return None
    continuation = lines[first + 1][: columns[1]] if len(columns) > 1 else ""
    return _Located(
        block, (first, columns[0]), (last - 1, len(end_line)), continuation=continuation
    )


def _atx_heading(lines: list[str], token: Any, markup: str) -> _Located | None:
    first = token.map[0]
    line = lines[first]
    column = line.find(token.content, line.find(markup) + len(markup))
    if column < 0 or not token.content:
        return None
    leaves = inline_leaves(token.children or [])
    block = _block(BlockKind.HEADING, first, lines, leaves, range(first, first + 1))
    if block is None:
        return None
    return _Located(block, (first, column), (first, column + len(token.content)))


def _cell(lines: list[str], first: int, column: int, token: Any) -> tuple[_Located | None, int]:
    """A table cell: found after the previous cell of its row (a ``|`` in its text may
    be written ``\\|`` in the source)."""
    line = lines[first]
    content = token.content
    if not content:
        return None, column
    found = -1
    for written in (content.replace("|", "\\|"), content):
        found = line.find(written, column)
        if found >= 0:
            content = written
            break
    if found < 0:
        return None, column
    end = found + len(content)
    leaves = inline_leaves(token.children or [])
    block = _block(BlockKind.TABLE_CELL, first, lines, leaves, range(first, first + 1))
    if block is None:
        return None, end
    return _Located(block, (first, found), (first, end)), end


# --- inline Markdown --------------------------------------------------------------------------


@dataclass(frozen=True)
class Markup:
    """The Markdown around a paired code's text (``**`` and ``**``; ``[`` and ``](url)``)."""

    open: str
    close: str


_SPANS = {"em": ("i", "*"), "strong": ("b", "**"), "s": ("s", "~~")}
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]")


def inline_leaves(tokens: Sequence[Any], alert: bool = False) -> list[Leaf]:
    """The leaves of markdown-it-py's inline tokens: emphasis, strong emphasis,
    strike-through and links are spans whose markup (the URL too) stays out of the text,
    an image a span around its alt text; code spans, autolinks and inline HTML
    placeholders, hard breaks line breaks. With ``alert``, a GitHub alert marker
    (``[!NOTE]``) that opens the text is a placeholder."""
    leaves: list[Leaf] = []
    _tokens_leaves(list(tokens), [], leaves)
    if alert and leaves and isinstance(leaves[0].content, str) and not leaves[0].stack:
        marker = _ALERT.match(leaves[0].content)
        if marker:
            rest = leaves[0].content[marker.end() :]
            leaves[:1] = [Leaf(Placeholder("x", marker.group())), *([Leaf(rest)] if rest else [])]
    return leaves


def _tokens_leaves(tokens: list[Any], stack: list[Span], leaves: list[Leaf]) -> None:
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        index += 1
        if kind == "text":
            leaves.append(Leaf(token.content, tuple(stack)))
        elif kind == "softbreak":
            leaves.append(Leaf("\n", tuple(stack)))
        elif kind == "hardbreak":
            leaves.append(Leaf(Placeholder("br", "\\\n"), tuple(stack)))
        elif kind == "code_inline":
            leaves.append(Leaf(Placeholder("x", _code_span(token.content)), tuple(stack)))
        elif kind == "html_inline":
            leaves.append(Leaf(Placeholder("x", token.content), tuple(stack)))
        elif kind.endswith("_open") and kind[:-5] in _SPANS:
            code, markup = _SPANS[kind[:-5]]
            stack.append(Span(code, Markup(markup, markup)))
        elif kind.endswith("_close") and kind[:-6] in (*_SPANS, "link"):
            stack.pop()
        elif kind == "link_open" and token.markup == "autolink":
            while index < len(tokens) and tokens[index].type != "link_close":
                index += 1
            index += 1
            leaves.append(Leaf(Placeholder("x", _autolink(token)), tuple(stack)))
        elif kind == "link_open":
            stack.append(Span("a", Markup("[", f"]({_destination(token, 'href')})")))
        elif kind == "image":
            stack.append(Span("g", Markup("![", f"]({_destination(token, 'src')})")))
            _tokens_leaves(list(token.children or []), stack, leaves)
            stack.pop()
        else:  # no other inline token in this parser's rules; kept whole if one comes
            leaves.append(Leaf(Placeholder("x", token.content), tuple(stack)))


def _code_span(content: str) -> str:
    """A code span holding ``content`` (as markdown-it-py gives it: one space stripped
    at each end where both had one)."""
    runs = [len(run) for run in re.findall(r"`+", content)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = content.startswith("`") or content.endswith("`")
    pad = pad or (content.startswith(" ") and content.endswith(" ") and bool(content.strip()))
    return f"{fence} {content} {fence}" if pad else f"{fence}{content}{fence}"


def _autolink(token: Any) -> str:
    href = str(token.attrGet("href") or "")
    if href.startswith("mailto:") and token.info == "auto":
        return f"<{href[len('mailto:') :]}>"
    return f"<{href}>"


def _destination(token: Any, name: str) -> str:
    """A link's or image's destination and title as Markdown (its URL as markdown-it-py
    normalised it, which renders the same)."""
    url = str(token.attrGet(name) or "")
    if not url or re.search(r"[\s()<>]", url):
        url = "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
    else:
        url = _ENTITY_LIKE.sub(r"\\&", url)
    title = token.attrGet("title")
    if not title:
        return url
    title = _ENTITY_LIKE.sub(r"\\&", re.sub(r'(["\\])', r"\\\1", str(title)))
    return f'{url} "{title}"'


# Characters Markdown may read as inline markup; ``|`` ends a table cell.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<~|])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# What opens a block at the start of a line: a heading, a quote, a list item, a
# thematic break or a setext underline.
_LINE_START = re.compile(r"^([ \t]*)([#>+=-])", re.MULTILINE)
_NUMBERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.MULTILINE)


def _escape(text: str) -> str:
    """Text as Markdown that reads as that text (inline markup characters escaped; ``|``
    too, which ends a table cell, harmless elsewhere)."""
    return _ENTITY_LIKE.sub(r"\\&", _INLINE_MARKUP.sub(r"\\\1", text))


def _escape_line_starts(markdown: str) -> str:
    """Markdown whose lines do not start a block where the source had text."""
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", markdown))


def markdown_text(leaves: Sequence[Leaf]) -> str:
    """Leaves written as Markdown: text escaped, each span's markup around its text,
    placeholders as their Markdown."""
    return "".join(_node_text(node) for node in nest(leaves))


def _node_text(node: Any) -> str:
    if isinstance(node, str):
        return _escape(node.replace("\n", " "))
    if isinstance(node, Placeholder):
        return str(node.ref)
    assert isinstance(node, Nested)
    markup = node.span.ref
    inner = "".join(_node_text(child) for child in node.children)
    return markup.open + inner + markup.close
