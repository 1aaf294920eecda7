"""Markdown, parsed by markdown-it-py (CommonMark, GFM tables and strike-through, footnotes
with mdit-py-plugins): :func:`markdown_parser`.

Every paragraph, heading, table cell and footnote is a block; its container markers
(``>``, ``- ``, ``1. ``, ``#``, ``[^1]:``, the table's pipes) are not in the block and never
change. Inline markup is read from markdown-it-py's tokens: emphasis, strong emphasis,
strike-through, links and images are paired codes (their URL and title stay out of the
msgid; a title is a block of its own), code spans, autolinks, bare URLs, footnote
references, inline HTML and GitHub's alert markers (``[!NOTE]``) placeholders, hard line
breaks line-break codes; backslash escapes and entities are read as the characters they
stand for. The text of an HTML block is read between its tags, and its tags'
translatable attributes (``alt``, ``title``…) as blocks of their own (:func:`_html_runs`).
Fenced and indented code, link reference definitions and YAML front matter are kept as
they are.

The built document is the source with each translated block's text replaced where it
stands (:func:`write`): everything else, white space included, is the source's bytes. A
block whose every msgstr is its msgid keeps its source lines as they are; a translated
block is written on one line (a hard break starts a new line with the block's container
markers), with its text escaped where Markdown would read it as markup, emphasis as
``*``/``**`` (HTML where Markdown would not read that as emphasis), and links and images
inline (``[text](url "title")``, also for the source's reference links: same URL, same
rendering).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from ..document import Block, BlockKind, Document, SourceLine
from ..inline import Leaf, Placeholder, Span, plain_text
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

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0]] + position[1]

    titles = _translated_titles(document.blocks, outputs)
    tags = {
        (offset(start), offset(end)): tag
        for (start, end), tag in _translated_tags(located, document.blocks, outputs, lang).items()
    }
    edits: list[tuple[int, int, str]] = []  # in the order of the file
    for place, block, output in zip(located, document.blocks, outputs, strict=True):
        if place.start is None or place.end is None or output is None or place.attribute:
            continue
        markdown = _changed_markdown(block, output, place.html, lang, titles)
        if markdown is None:
            continue
        start, end = offset(place.start), offset(place.end)
        for tag_start, tag_end in list(tags):  # the tags in the run as translated
            if start <= tag_start and tag_end <= end:
                old_tag, new_tag, _ = tags.pop((tag_start, tag_end))
                markdown = markdown.replace(old_tag, new_tag)
        edits.append((start, end, markdown.replace("\n", newline + place.continuation)))
    for (start, end), (_, new_tag, continuation) in tags.items():  # tags outside any run
        edits.append((start, end, new_tag.replace("\n", newline + continuation)))
    parts: list[str] = []
    position = 0
    for start, end, markdown in sorted(edits):
        parts.append(text[position:start])
        parts.append(markdown)
        position = end
    parts.append(text[position:])
    built = "".join(parts).encode("utf-8")
    return codecs.BOM_UTF8 + built if data.startswith(codecs.BOM_UTF8) else built


Position = tuple[int, int]  # (line index, column)


def _translated_tags(
    located: Sequence[_Located], blocks: Sequence[Block], outputs: Sequence[object], lang: str
) -> dict[tuple[Position, Position], tuple[str, str, str]]:
    """The tags of HTML blocks whose translatable attributes were translated, by where they
    start and end in the source: each as written, as translated, and the continuation of
    its lines (the container markers)."""
    from html import escape

    changed: dict[tuple[Position, Position], tuple[_Located, list[tuple[int, int, str]]]] = {}
    for place, block, output in zip(located, blocks, outputs, strict=True):
        attribute = place.attribute
        if attribute is None or output is None or place.start is None:
            continue
        value = " ".join(str(output).split())
        if value == " ".join(str(_identity_output(block, lang)).split()):
            continue
        written = escape(value, quote=True).replace("|", "&#124;")  # no table's cell end
        if not attribute.quoted:
            written = f'"{written}"'
        changed.setdefault((place.start, place.end), (place, []))[1].append(
            (attribute.value_start, attribute.value_end, written)
        )
    tags: dict[tuple[Position, Position], tuple[str, str, str]] = {}
    for place, values in changed.values():
        assert place.attribute is not None and place.start is not None and place.end is not None
        tag = new = place.attribute.tag
        for value_start, value_end, written in sorted(values, reverse=True):
            new = new[:value_start] + written + new[value_end:]
        tags[(place.start, place.end)] = (tag, new, place.continuation)
    return tags


def _translated_titles(blocks: Sequence[Block], outputs: Sequence[object]) -> dict[int, str]:
    """The translated title of each link or image whose title changed (by its span's id):
    a title block's output is its text inside the span of the link it belongs to."""
    titles: dict[int, str] = {}
    for block, output in zip(blocks, outputs, strict=True):
        if block.kind is BlockKind.ATTRIBUTE and isinstance(output, list):
            span = next((leaf.stack[0] for leaf in output if leaf.stack), None)
            title = " ".join(plain_text(output).split())
            if span is not None and title != " ".join(str(span.ref.title).split()):
                titles[id(span)] = title
    return titles


def _changed_markdown(
    block: Block, output: object, html: bool, lang: str, titles: Mapping[int, str]
) -> str | None:
    """The Markdown (or, in an HTML block, HTML) of a block's translation (its links'
    titles as ``titles`` has them), or None when it is what every msgstr equal to its msgid
    gives: the source's lines then stay as they are."""
    table = block.kind is BlockKind.TABLE_CELL

    def text(leaves: Sequence[Leaf], titles: Mapping[int, str] = {}) -> str:
        return html_text(leaves) if html else _inline_markdown(leaves, titles, table)

    def escape(plain: str) -> str:
        return _escape_html(plain) if html else _escape(plain, table)

    if isinstance(output, list):
        written = text(output, titles)
        words = normalize_space(plain_text(output))
    else:
        written = escape(re.sub(r"[\r\n]+", " ", str(output)))
        words = normalize_space(str(output))
    # Other words: changed for sure, no need to build what the identity would give.
    if words == normalize_space(block.text):
        identity = _identity_output(block, lang)
        source = text(identity) if isinstance(identity, list) else escape(str(identity))
        if written == source:
            return None
    return written if html else _escape_line_starts(written.strip(" \t"))


def _identity_output(block: Block, lang: str) -> object:
    """What the build gives for a block when every msgstr is its msgid."""
    from ..build import join_sentences
    from ..inline import Sentence, assemble, with_wrapper
    from ..segment import block_sentences, rich_paragraph

    def join(sentences: list[str]) -> str:
        return join_sentences(sentences, lang)

    if block.inline:
        paragraph = rich_paragraph(block)
        msgids = [piece.msgid for piece in paragraph.pieces if isinstance(piece, Sentence)]
        return with_wrapper(paragraph.wrapper, assemble(paragraph.pieces, msgids, join))
    return join([sentence for sentence, _ in block_sentences(block)])


# --- where the blocks are ---------------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    """A block and where its text stands in the source: (line index, column) of its first
    and past its last character (None for a block kept as it is, or written by another:
    a link's title), what starts each of its lines after the first (the container
    markers), whether it is text of an HTML block (written as HTML)."""

    block: Block
    start: tuple[int, int] | None = None
    end: tuple[int, int] | None = None
    continuation: str = ""
    html: bool = False
    attribute: _HtmlAttribute | None = None


@cache
def markdown_parser() -> Any:
    """The parser Markdown is read with: markdown-it-py's CommonMark with GFM tables,
    strike-through and footnotes (mdit-py-plugins; GitHub's ``[^1]``, not the inline
    ``^[…]`` GitHub does not have)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser.use(footnote_plugin, inline=False)


def _physical_lines(text: str) -> tuple[list[str], list[str]]:
    """The source's lines and the line ending after each ("" after the last)."""
    pieces = re.split(r"(\r\n|\r|\n)", text)
    return pieces[0::2], [*pieces[1::2], ""]


_FRONT_MATTER_END = ("---", "...")


# The first line of YAML front matter: a key (``title:``), a comment, or a list item.
_YAML_START = re.compile(r"""^(?:[\w"'][^:]*:(?:\s|$)|#|- )""")


def _front_matter_lines(lines: list[str]) -> int:
    """How many lines of YAML front matter (``---`` … ``---``, its first line YAML's) open
    the document; a document that opens with a thematic break has none."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _FRONT_MATTER_END:
            inside = [line for line in lines[1:index] if line.strip()]
            return index + 1 if not inside or _YAML_START.match(inside[0]) else 0
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
    tokens = markdown_parser().parse(body)
    containers: list[str] = []
    footnote = ""  # the label of the footnote being read
    row: tuple[int, int] | None = None
    cell_column = 0
    heading = ""
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("blockquote_open", "list_item_open", "footnote_open"):
            containers.append(kind)
            if kind == "footnote_open":
                footnote = str(token.meta.get("label", ""))
        elif kind in ("blockquote_close", "list_item_close", "footnote_close"):
            containers.pop()
        elif kind == "heading_open":
            heading = token.markup
        elif kind == "tr_open":
            row, cell_column = token.map, 0
        elif kind == "html_block" and token.map:
            located.extend(_html_block(lines, *token.map, token.content))
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
                first, last = token.map  # a setext heading's: without its underline
                note = f"footnote [^{footnote}]" if "footnote_open" in containers else ""
                # The first paragraph of a list item may open with a task's box.
                task = index > 1 and tokens[index - 2].type == "list_item_open"
                place = _paragraph(lines, first, last, token, containers, parent, note, task)
            if place is not None:
                located.append(place)
                located.extend(_title_blocks(place.block))
                located.extend(_inline_html_attributes(lines, place))
    # Footnotes come last from the parser: in the catalog, as in the file, where written.
    return sorted(located, key=lambda place: place.block.first_line)


def _title_blocks(block: Block) -> list[_Located]:
    """A block of its own for the title of each link and image in ``block`` (a tooltip):
    its text inside the link's span, which ties it to the link when the document is
    written; not placed in the source (the link's block writes it)."""
    located: list[_Located] = []
    seen: set[int] = set()
    for leaf in block.inline:
        for span in leaf.stack:
            title = getattr(span.ref, "title", None)
            if id(span) in seen or not title or not title.strip():
                continue
            seen.add(id(span))
            what = "image" if span.kind == "g" else "link"
            located.append(
                _Located(
                    Block(
                        BlockKind.ATTRIBUTE,
                        (SourceLine(block.first_line, title),),
                        raw=title,
                        inline=(Leaf(title, (span,)),),
                        note=f"{what} title",
                    )
                )
            )
    return located


class _InlineHtml(str):
    """A tag of inline HTML, as written (the ``ref`` of its placeholder)."""


def _inline_html_attributes(lines: list[str], place: _Located) -> list[_Located]:
    """A block of its own for each translatable attribute of the inline HTML tags of a
    located block (``Press <img alt="the key"> twice``), where the tag is written in the
    block's source (a tag on one line; one written over several, or also written in a code
    span of the block, is kept as it is)."""
    if place.start is None or place.end is None:
        return []
    (first, low), (last, high) = place.start, place.end
    # Each line of the block: its number and the columns its text is between.
    ranges = [
        (number, low if number == first else 0, high if number == last else len(lines[number]))
        for number in range(first, last + 1)
    ]
    counts = Counter(
        leaf.content.ref
        for leaf in place.block.inline
        if isinstance(leaf.content, Placeholder) and isinstance(leaf.content.ref, _InlineHtml)
    )
    tags = [
        tag
        for tag in sorted(counts)
        if "\n" not in tag
        and _TAG_NAME.match(tag)
        and sum(lines[n].count(tag, a, b) for n, a, b in ranges) == counts[tag]
    ]
    located: list[_Located] = []
    for tag in tags:
        events = _HtmlEvents(tag).events
        if not events or events[0][0] not in ("start", "empty"):
            continue
        name, attrs = events[0][1], events[0][3]
        for number, a, b in ranges:
            column = lines[number].find(tag, a, b)
            while column >= 0:
                for attribute in _tag_attributes(name, tag, column, attrs):
                    block = Block(
                        BlockKind.ATTRIBUTE,
                        (SourceLine(number + 1, attribute.value),),
                        raw=tag,
                        note=f"<{name} {attribute.name}>",
                    )
                    end = (number, column + len(tag))
                    located.append(_Located(block, (number, column), end, attribute=attribute))
                column = lines[number].find(tag, column + len(tag), b)
    return sorted(located, key=lambda found: found.start or (0, 0))


def _code_block(lines: tuple[SourceLine, ...]) -> Block:
    return Block(BlockKind.CODE, lines, raw="\n".join(line.text for line in lines))


_SHOWN_SPACE = re.compile(r"[^\S \t\n\r\f\v]")


def _block(
    kind: BlockKind, first: int, lines: list[str], leaves: list[Leaf], raw: range, note: str = ""
) -> Block | None:
    """A block from its leaves (plain when it has no inline markup), None without text."""
    text = plain_text(leaves)
    if not text.strip():
        return None
    plain = all(isinstance(leaf.content, str) and not leaf.stack for leaf in leaves)
    # A no-break or other non-collapsing space: kept by the inline codes' white space rule,
    # which the plain-text segmenter would turn into a space.
    plain = plain and not _SHOWN_SPACE.search(text)
    source_lines = tuple(SourceLine(first + 1 + i, part) for i, part in enumerate(text.split("\n")))
    return Block(
        kind,
        source_lines,
        raw="\n".join(lines[i] for i in raw),
        inline=() if plain else tuple(leaves),
        note=note,
    )


def _paragraph(
    lines: list[str],
    first: int,
    last: int,
    token: Any,
    containers: list[str],
    parent: str,
    note: str = "",
    task: bool = False,
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
            part = part.lstrip(" ")  # spaces markdown-it-py put for the rest of a tab
            if not line.endswith(part):
                return None
        columns.append(len(line) - len(part))
    end_line = lines[last - 1].rstrip()
    kind = BlockKind.HEADING if parent == "heading_open" else BlockKind.PARAGRAPH
    if kind is BlockKind.PARAGRAPH and containers and containers[-1] == "list_item_open":
        kind = BlockKind.LIST_ITEM
    alert = bool(containers) and containers[-1] == "blockquote_open"
    leaves = inline_leaves(token.children or [], alert=alert, task=task)
    block = _block(kind, first, lines, leaves, range(first, last), note)
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


def _in_table(leaf: Leaf) -> Leaf:
    """A leaf of a table cell: a ``|`` in a code span or inline HTML written ``\\|``, which
    the table does not split on (GFM takes the backslash out before reading the cell)."""
    content = leaf.content
    if isinstance(content, Placeholder) and "|" in str(content.ref):
        ref = type(content.ref)(str(content.ref).replace("|", "\\|"))
        return Leaf(Placeholder(content.kind, ref), leaf.stack)
    return leaf


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
    leaves = [_in_table(leaf) for leaf in inline_leaves(token.children or [])]
    block = _block(BlockKind.TABLE_CELL, first, lines, leaves, range(first, first + 1))
    if block is None:
        return None, end
    return _Located(block, (first, found), (first, end)), end


# --- HTML blocks ------------------------------------------------------------------------------


class _HtmlEvents:
    """The tags, text, character references and other markup of an HTML fragment, each
    with its offset in the fragment, as the standard library's tokenizer sees them (it
    builds no tree: a fragment's unclosed and stray tags stay as they are)."""

    def __init__(self, text: str) -> None:
        from html.parser import HTMLParser

        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        events: list[tuple[str, str, int, dict[str, str | None]]] = []

        class Parser(HTMLParser):
            def _add(self, kind: str, name: str, attrs: Any = ()) -> None:
                line, column = self.getpos()
                events.append((kind, name, starts[line - 1] + column, dict(attrs)))

            def handle_starttag(self, tag: str, attrs: Any) -> None:
                self._add("start", tag, attrs)

            def handle_startendtag(self, tag: str, attrs: Any) -> None:
                self._add("empty", tag, attrs)

            def handle_endtag(self, tag: str) -> None:
                self._add("end", tag)

            def handle_data(self, data: str) -> None:
                self._add("text", "")

            def handle_entityref(self, name: str) -> None:
                self._add("reference", name)

            def handle_charref(self, name: str) -> None:
                self._add("reference", name)

            def handle_comment(self, data: str) -> None:
                self._add("other", "")

            def handle_decl(self, decl: str) -> None:
                self._add("other", "")

            def handle_pi(self, data: str) -> None:
                self._add("other", "")

            def unknown_decl(self, data: str) -> None:
                self._add("other", "")

        parser = Parser(convert_charrefs=False)
        parser.feed(text)
        parser.close()
        ends = [event[2] for event in events[1:]] + [len(text)]
        self.events = [(*event, end) for event, end in zip(events, ends, strict=True)]
        for index, (kind, _, start, _, _) in enumerate(self.events):
            if kind == "text" and re.match(r"<[A-Za-z/!?]", text[start : start + 2]):
                # A tag the fragment leaves unfinished, which the tokenizer gives back as
                # text when it is closed: markup to the end.
                self.events[index:] = [("other", "", start, {}, len(text))]
                break


@dataclass(frozen=True)
class _HtmlRun:
    """Text of an HTML block between two block tags: its leaves, where it starts and
    ends in the fragment, and the element it is in."""

    leaves: list[Leaf]
    start: int
    end: int
    tag: str


@dataclass(frozen=True)
class _HtmlAttribute:
    """A translatable attribute of an HTML tag (of an HTML block, or inline HTML): the tag
    as written and where it is in its fragment or line, the attribute's name and value
    (decoded), and where the value is written in the tag (inside its quotes; ``quoted``
    False for a value without any)."""

    tag: str
    start: int
    end: int
    name: str
    value: str
    value_start: int
    value_end: int
    quoted: bool


_TAG_NAME = re.compile(r"<[^\s/>]+")
_TAG_ATTRIBUTE = re.compile(r"""[\s/]*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def _tag_attributes(
    name: str, raw: str, start: int, attrs: dict[str, str | None]
) -> list[_HtmlAttribute]:
    """The attributes of a start tag a reader sees or hears (those the HTML reader
    translates: ``alt``, ``title``, ``placeholder``, ``aria-label``…, the ``value`` of a
    button-like ``<input>``), with where each value is written."""
    from html import unescape

    from .html import translatable_attribute_names

    wanted = set(translatable_attribute_names(name, attrs))
    found: list[_HtmlAttribute] = []
    match = _TAG_NAME.match(raw)
    position = match.end() if match else len(raw)
    while position < len(raw):
        attribute = _TAG_ATTRIBUTE.match(raw, position)
        if attribute is None or attribute.end() == position:
            break
        position = attribute.end()
        key, value = attribute.group(1).lower(), attribute.group(2)
        if key not in wanted or value is None:
            continue
        quoted = value[:1] in ("'", '"')
        value_start = attribute.start(2) + quoted
        value_end = attribute.end(2) - quoted
        decoded = unescape(raw[value_start:value_end])
        if decoded.strip():
            found.append(
                _HtmlAttribute(
                    raw, start, start + len(raw), key, decoded, value_start, value_end, quoted
                )
            )
    return found


_HTML_SPACE = " \t\n\f"
# The void elements of the WHATWG HTML standard (html5lib's list predates <wbr>).
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _element_end(events: list[Any], index: int, name: str) -> int | None:
    """The index past the end tag that closes the element whose start tag is at
    ``index``, None when the fragment does not close it."""
    depth = 1
    for other in range(index + 1, len(events)):
        kind, other_name = events[other][:2]
        if other_name == name and kind in ("start", "end"):
            depth += 1 if kind == "start" else -1
            if depth == 0:
                return other + 1
    return None


def _html_runs(text: str) -> tuple[list[_HtmlRun], list[_HtmlAttribute]]:
    """The runs of text of an HTML fragment: block elements (HTML's, as the HTML reader
    has them) end a run; inline elements are spans (their tags as written); objects
    (``code``, ``img``, ``br``…), comments, stray end tags and inline elements with
    ``translate="no"`` placeholders; a ``pre`` or a block with ``translate="no"`` is skipped.
    With them, the translatable attributes of the tags not skipped."""
    from html import unescape

    from .html import BLOCKS, INLINE_OBJECTS, INLINE_SPANS

    events = _HtmlEvents(text).events
    runs: list[_HtmlRun] = []
    attributes: list[_HtmlAttribute] = []
    leaves: list[Leaf] = []
    spans: list[tuple[str, Span, int]] = []  # open spans: name, span, leaves before it
    bounds: list[int] = []  # where the run starts and ends
    last_text = [False]  # whether the run's last leaf is text as written
    block = ""

    def extend(start: int, end: int) -> None:
        if not bounds:
            bounds.extend((start, end))
        bounds[1] = end

    def add(content: str | Placeholder, start: int, end: int, text: bool = False) -> None:
        if text and not bounds:  # the white space before the text is not the run's
            start += len(content) - len(content.lstrip(_HTML_SPACE))  # type: ignore[union-attr]
            content = content.lstrip(_HTML_SPACE)  # type: ignore[union-attr]
            if not content:
                return
        extend(start, end)
        leaves.append(Leaf(content, stack()))
        last_text[0] = text

    def stack() -> tuple[Span, ...]:
        return tuple(span for _, span, _ in spans)

    def close(open_name: str, span: Span, before: int, closing: str) -> None:
        inside = leaves[before:]
        if any(isinstance(leaf.content, Placeholder) or leaf.text.strip() for leaf in inside):
            span.ref = Markup(span.ref.open, closing)
            return
        # No text in it (``<a href="x"></a>``, an element around a space): one object.
        depth = len(spans) + 1
        written = html_text([Leaf(leaf.content, leaf.stack[depth:]) for leaf in inside])
        del leaves[before:]
        leaves.append(Leaf(Placeholder("x", span.ref.open + written + closing), stack()))

    def flush(tag: str) -> None:
        nonlocal leaves, block
        while spans:  # opened, never closed here: the tag stays as it is
            close(*spans.pop(), "")
        if leaves and plain_text(leaves).strip():
            last = leaves[-1]
            if last_text[0] and isinstance(last.content, str) and not last.stack:
                content = last.content  # nor is the white space after the text
                bounds[1] -= len(content) - len(content.rstrip(_HTML_SPACE))
                leaves[-1] = Leaf(content.rstrip(_HTML_SPACE))
            runs.append(_HtmlRun(leaves, bounds[0], bounds[1], block))
        leaves, block = [], tag
        bounds.clear()

    index = 0
    while index < len(events):
        kind, name, start, attrs, end = events[index]
        raw = text[start:end]
        untranslated = (attrs.get("translate") or "").strip().lower() == "no"
        if kind in ("start", "empty") and not untranslated and name != "pre":
            attributes.extend(_tag_attributes(name, raw, start, attrs))
        whole = None
        whole_element = name == "pre" or untranslated or name in INLINE_OBJECTS
        if kind == "start" and name not in _VOID and whole_element:
            whole = _element_end(events, index, name)
        if whole is not None:
            whole_end = events[whole - 1][4]
            index = whole
            if name == "pre" or (untranslated and name in BLOCKS):
                flush("")
            else:
                add(Placeholder("x", text[start:whole_end]), start, whole_end)
            continue
        index += 1
        if name in BLOCKS and kind != "text":
            flush(name if kind == "start" else "")
        elif kind in ("start", "empty") and name in INLINE_OBJECTS:
            add(Placeholder("br" if name == "br" else "x", raw), start, end)
        elif kind == "start" and name not in _VOID:
            extend(start, end)
            spans.append((name, Span(INLINE_SPANS.get(name, "g"), Markup(raw, "")), len(leaves)))
        elif kind == "end" and any(open_name == name for open_name, _, _ in spans):
            extend(start, end)
            while True:
                open_name, span, before = spans.pop()
                close(open_name, span, before, raw if open_name == name else "")
                if open_name == name:
                    break
        elif kind == "text":
            add(raw, start, end, text=True)
        elif kind == "reference":
            add(unescape(raw), start, end)
        else:  # a comment, a declaration, a stray end tag, a void element: kept as it is
            add(Placeholder("x", raw), start, end)
    flush("")
    return runs, attributes


_HTML_KINDS = {
    **dict.fromkeys("h1 h2 h3 h4 h5 h6".split(), BlockKind.HEADING),
    **dict.fromkeys("li dt dd".split(), BlockKind.LIST_ITEM),
    **dict.fromkeys("td th caption".split(), BlockKind.TABLE_CELL),
}


def _html_block(lines: list[str], first: int, last: int, content: str) -> list[_Located]:
    """The block as code (for the record), then the runs of text of the HTML block as
    blocks. In a quote or a list item, its lines are the ends of its source lines."""
    code = tuple(SourceLine(i + 1, lines[i]) for i in range(first, last))
    located = [_Located(_code_block(code))]
    if re.match(r"\s*<(?:\?|![^-])", content):
        return located  # a processing instruction, a declaration, CDATA: no text in them
    parts = content.split("\n")[: last - first]
    columns: list[int] = []
    for offset, part in enumerate(parts):
        line = lines[first + offset]
        if not line.endswith(part):
            part = part.lstrip(" ")  # spaces markdown-it-py put for the rest of a tab
            if not line.endswith(part):
                return located
        columns.append(len(line) - len(part))
    fragment = "\n".join(lines[first + i][column:] for i, column in enumerate(columns))
    starts = list(
        accumulate((len(lines[first + i]) - c + 1 for i, c in enumerate(columns)), initial=0)
    )

    def place(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return first + line, columns[line] + offset - starts[line]

    continuation = lines[first + 1][: columns[1]] if len(columns) > 1 else ""
    runs, attributes = _html_runs(fragment)
    for run in runs:
        start, end = place(run.start), place(run.end)
        kind = _HTML_KINDS.get(run.tag, BlockKind.PARAGRAPH)
        block = _block(kind, start[0], lines, run.leaves, range(start[0], end[0] + 1))
        if block is not None:
            located.append(_Located(block, start, end, continuation, html=True))
    for attribute in attributes:
        start, end = place(attribute.start), place(attribute.end)
        tag = _TAG_NAME.match(attribute.tag)
        note = f"<{tag.group()[1:].lower() if tag else ''} {attribute.name}>"
        block = Block(
            BlockKind.ATTRIBUTE,
            (SourceLine(start[0] + 1, attribute.value),),
            raw=attribute.tag,
            note=note,
        )
        located.append(_Located(block, start, end, continuation, html=True, attribute=attribute))
    return located


def _escape_html(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


def html_text(leaves: Sequence[Leaf]) -> str:
    """Leaves of an HTML block written as HTML: text escaped, each element's tags as the
    source wrote them around its text, objects as written."""
    return _written(leaves, _escape_html, lambda span: span.ref.open, lambda span: span.ref.close)


def _spaces_outside(leaves: Sequence[Leaf]) -> list[Leaf]:
    """Leaves whose white space is in a span only where the text on both sides is: a
    translation that moved words away from the source's ``[ link ](url)`` space does not
    split the link in two."""
    out = list(leaves)
    shown = [
        i for i, leaf in enumerate(out) if not isinstance(leaf.content, str) or leaf.content.strip()
    ]
    for i, leaf in enumerate(out):
        if not isinstance(leaf.content, str) or leaf.content.strip() or not leaf.stack:
            continue
        at = bisect_right(shown, i)  # the shown leaves around this one
        neighbours = [out[j].stack for j in shown[max(at - 1, 0) : at + 1]]
        common = leaf.stack
        for stack in neighbours:
            depth = 0
            while depth < min(len(common), len(stack)) and common[depth] is stack[depth]:
                depth += 1
            common = common[:depth]
        out[i] = Leaf(leaf.content, common if neighbours else ())
    return out


def _written(
    leaves: Sequence[Leaf],
    text: Callable[[str], str],
    opening: Callable[[Span], str],
    closing: Callable[[Span], str],
) -> str:
    """Leaves written out: each span's opening and closing around the leaves in it, text
    through ``text``, placeholders as their ``ref``. A loop, not a recursion: any depth of
    nesting."""
    parts: list[str] = []
    spans: list[Span] = []
    for leaf in _spaces_outside(leaves):
        if leaf.content == "":
            continue
        common = 0
        while common < min(len(spans), len(leaf.stack)) and spans[common] is leaf.stack[common]:
            common += 1
        parts.extend(closing(span) for span in reversed(spans[common:]))
        del spans[common:]
        for span in leaf.stack[common:]:
            parts.append(opening(span))
            spans.append(span)
        content = leaf.content
        parts.append(str(content.ref) if isinstance(content, Placeholder) else text(content))
    parts.extend(closing(span) for span in reversed(spans))
    return "".join(parts)


# --- inline Markdown --------------------------------------------------------------------------


@dataclass(frozen=True)
class Markup:
    """The Markdown around a paired code's text (``**`` and ``**``; ``[`` and ``](url)``);
    for a link or an image, its destination as Markdown and its title (None: none)."""

    open: str
    close: str
    destination: str = ""
    title: str | None = None

    def closing(self, title: str) -> str:
        """The close of a link or an image with another title."""
        return _link_close(self.destination, title)


_SPANS = {"em": ("i", "*"), "strong": ("b", "**"), "s": ("s", "~~")}
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]")


def inline_leaves(tokens: Sequence[Any], alert: bool = False, task: bool = False) -> list[Leaf]:
    """The leaves of markdown-it-py's inline tokens: emphasis, strong emphasis,
    strike-through and links are spans whose markup (the URL too) stays out of the text,
    an image a span around its alt text; code spans, autolinks and inline HTML
    placeholders, hard breaks line breaks; so is a bare URL (``https://…``, ``www.…``),
    which GitHub shows as a link. With ``alert``, a GitHub alert marker (``[!NOTE]``) that
    opens the text is a placeholder; with ``task``, a task list item's box (``[ ]``,
    ``[x]``)."""
    leaves: list[Leaf] = []
    _tokens_leaves(list(tokens), [], leaves)
    leaves = [piece for leaf in _joined_text(leaves) for piece in _bare_urls(leaf)]
    if task and leaves and isinstance(leaves[0].content, str) and not leaves[0].stack:
        box = _TASK_BOX.match(leaves[0].content)
        if box:
            rest = leaves[0].content[box.end() :]
            leaves[:1] = [Leaf(Placeholder("x", box.group())), Leaf(rest)]
    if alert and leaves and isinstance(leaves[0].content, str) and not leaves[0].stack:
        marker = _ALERT.fullmatch(leaves[0].content)
        if marker and len(leaves) > 1 and leaves[1].content == "\n":
            # The marker and its line end: the alert's text must start on the next line.
            leaves[:2] = [Leaf(Placeholder("x", marker.group() + "\n"))]
    return leaves


_TASK_BOX = re.compile(r"\[[ xX]\](?=[ \t])")


def _joined_text(leaves: list[Leaf]) -> list[Leaf]:
    """Leaves with consecutive text in the same spans joined (markdown-it-py gives a
    bracket that opens no link as a text token of its own)."""
    out: list[Leaf] = []
    for leaf in leaves:
        previous = out[-1] if out else None
        if (
            previous is not None
            and isinstance(leaf.content, str)
            and isinstance(previous.content, str)
            and leaf.content != "\n"
            and previous.content != "\n"
            and len(leaf.stack) == len(previous.stack)
            and all(a is b for a, b in zip(leaf.stack, previous.stack, strict=True))
        ):
            out[-1] = Leaf(previous.content + leaf.content, leaf.stack)
        else:
            out.append(leaf)
    return out


_BARE_URL = re.compile(r"(?<![\w/.@-])(?:(?:https?|ftp)://|www\.)[^\s<>]+", re.IGNORECASE)


def _bare_urls(leaf: Leaf) -> list[Leaf]:
    """A text leaf with each bare URL in it a placeholder (ended as GitHub ends one: not
    on trailing punctuation, nor on a closing parenthesis it does not open)."""
    if (
        not isinstance(leaf.content, str)
        or "://" not in leaf.content
        and "www." not in leaf.content
    ):
        return [leaf]
    text = leaf.content
    out: list[Leaf] = []
    position = 0
    for match in _BARE_URL.finditer(text):
        url = match.group()
        while url and (
            url[-1] in "?!.,:*_~'\";" or url[-1] == ")" and url.count(")") > url.count("(")
        ):
            url = url[:-1]
        if "." not in url.split("//")[-1]:
            continue
        if match.start() > position:
            out.append(Leaf(text[position : match.start()], leaf.stack))
        out.append(Leaf(Placeholder("x", _escape(url)), leaf.stack))
        position = match.start() + len(url)
    if position < len(text):
        out.append(Leaf(text[position:], leaf.stack))
    return out


def _tokens_leaves(tokens: list[Any], stack: list[Span], leaves: list[Leaf]) -> None:
    opened: list[int] = []  # how many leaves there were when each span of ``stack`` opened
    opened.extend(len(leaves) for _ in stack)

    def open_span(span: Span) -> None:
        stack.append(span)
        opened.append(len(leaves))

    def close_span() -> None:
        span, start = stack.pop(), opened.pop()
        inside = leaves[start:]
        if any(isinstance(leaf.content, Placeholder) or leaf.text.strip() for leaf in inside):
            return
        # Nothing to translate in it (an image without alt text, a link around a space):
        # the whole span is one object.
        del leaves[start:]
        written = markdown_text(
            [Leaf(leaf.content, leaf.stack[len(stack) + 1 :]) for leaf in inside]
        )
        leaves.append(
            Leaf(Placeholder("x", span.ref.open + written + span.ref.close), tuple(stack))
        )

    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        index += 1
        if kind == "text":
            leaves.append(Leaf(token.content, tuple(stack)))
        elif kind == "softbreak":
            leaves.append(Leaf("\n", tuple(stack)))
        elif kind == "footnote_ref":
            label = f"[^{token.meta.get('label', '')}]"
            leaves.append(Leaf(Placeholder("x", label), tuple(stack)))
        elif kind == "hardbreak":
            leaves.append(Leaf(Placeholder("br", "\\\n"), tuple(stack)))
        elif kind == "code_inline":
            leaves.append(Leaf(Placeholder("x", _code_span(token.content)), tuple(stack)))
        elif kind == "html_inline":
            leaves.append(Leaf(Placeholder("x", _InlineHtml(token.content)), tuple(stack)))
        elif kind.endswith("_open") and kind[:-5] in _SPANS:
            code, markup = _SPANS[kind[:-5]]
            open_span(Span(code, Markup(markup, markup)))
        elif kind.endswith("_close") and kind[:-6] in (*_SPANS, "link"):
            close_span()
        elif kind == "link_open" and token.markup == "autolink":
            while index < len(tokens) and tokens[index].type != "link_close":
                index += 1
            index += 1
            leaves.append(Leaf(Placeholder("x", _autolink(token)), tuple(stack)))
        elif kind == "link_open":
            open_span(Span("a", _link_markup(token, "[", "href")))
        elif kind == "image":
            open_span(Span("g", _link_markup(token, "![", "src")))
            _tokens_leaves(list(token.children or []), stack, leaves)
            close_span()
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


def _link_markup(token: Any, opening: str, name: str) -> Markup:
    """The markup of a link or an image: its destination as Markdown (its URL as
    markdown-it-py normalised it, which renders the same) and its title."""
    url = str(token.attrGet(name) or "")
    if not url or re.search(r"[\s()<>]", url):
        url = "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
    else:
        url = _ENTITY_LIKE.sub(r"\\&", url)
    title = token.attrGet("title")
    title = str(title) if title else None
    return Markup(opening, _link_close(url, title), url, title)


def _link_close(destination: str, title: str | None) -> str:
    if not title:
        return f"]({destination})"
    title = _ENTITY_LIKE.sub(r"\\&", re.sub(r'(["\\])', r"\\\1", title))
    return f']({destination} "{title.replace("|", "&#124;")}")'


# Characters Markdown may read as inline markup; ``#`` may close
# a heading, ``!`` before a link makes it an image.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<~#]|!$)")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# What opens a block at the start of a line: a heading, a quote, a list item, a
# thematic break or a setext underline.
_LINE_START = re.compile(r"^([ \t]*)([#>+=-])", re.MULTILINE)
_NUMBERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.MULTILINE)


def _escape(text: str, table: bool = False) -> str:
    """Text as Markdown that reads as that text: inline markup characters escaped; ``|``
    as ``\\|`` in a table cell, else as ``&#124;``, which no table reads as a cell's end
    (a setext heading's text with a ``\\|`` over its ``---`` would be a table's header)."""
    escaped = _ENTITY_LIKE.sub(r"\\&", _INLINE_MARKUP.sub(r"\\\1", text))
    return escaped.replace("|", "\\|" if table else "&#124;")


def _escape_line_starts(markdown: str) -> str:
    """Markdown whose lines do not start a block where the source had text."""
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", markdown))


def markdown_text(
    leaves: Sequence[Leaf],
    html_emphasis: bool = False,
    titles: Mapping[int, str] = {},
    table: bool = False,
) -> str:
    """Leaves written as Markdown: text escaped (line breaks as spaces), each span's markup
    around its text (emphasis as ``<em>``, ``<strong>``, ``<del>`` with ``html_emphasis``;
    a link's or image's title as ``titles`` has it for the span's id), placeholders as their
    Markdown; ``table``: in a table cell."""

    def markup(span: Span) -> tuple[str, str]:
        opening, closing = span.ref.open, span.ref.close
        if html_emphasis and opening in _HTML_EMPHASIS:
            return _HTML_EMPHASIS[opening]
        if id(span) in titles and span.ref.title is not None:
            return opening, span.ref.closing(titles[id(span)])
        return opening, closing

    return _written(
        leaves,
        lambda text: _escape(re.sub(r"[\r\n]+", " ", text), table),
        lambda span: markup(span)[0],
        lambda span: markup(span)[1],
    )


_HTML_EMPHASIS = {
    "*": ("<em>", "</em>"),
    "**": ("<strong>", "</strong>"),
    "~~": ("<del>", "</del>"),
}


def _inline_markdown(
    leaves: Sequence[Leaf], titles: Mapping[int, str] = {}, table: bool = False
) -> str:
    """Leaves as Markdown (links' titles from ``titles``, ``table``: in a table cell);
    where Markdown would not read the emphasis as such (a translation's
    ``word**"quoted"**``, emphasis in emphasis), emphasis as HTML."""
    written = markdown_text(leaves, titles=titles, table=table)
    if _emphasis_in(leaves) != _emphasis_read(written):
        written = markdown_text(leaves, html_emphasis=True, titles=titles, table=table)
    return written


def _emphasis_in(leaves: Sequence[Leaf]) -> list[str]:
    """The emphasis markup of the spans of ``leaves``, in document order."""
    found: list[str] = []

    def opening(span: Span) -> str:
        if span.ref.open in _HTML_EMPHASIS:
            found.append(span.ref.open)
        return ""

    _written(leaves, lambda text: "", opening, lambda span: "")
    return found


_EMPHASIS_TOKENS = {"em_open": "*", "strong_open": "**", "s_open": "~~"}


def _emphasis_read(markdown: str) -> list[str]:
    """The emphasis markdown-it-py reads in inline Markdown, in document order."""
    parsed = markdown_parser().parseInline(markdown)
    tokens = parsed[0].children or [] if parsed else []
    found: list[str] = []
    for token in tokens:
        if token.type in _EMPHASIS_TOKENS:
            found.append(_EMPHASIS_TOKENS[token.type])
        for child in token.children or []:  # an image's alt text
            if child.type in _EMPHASIS_TOKENS:
                found.append(_EMPHASIS_TOKENS[child.type])
    return found
