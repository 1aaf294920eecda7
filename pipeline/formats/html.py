"""HTML pages (``.html``, ``.htm``), parsed with html5lib (the HTML5 parsing algorithm) into
an lxml tree.

Block elements (``p``, ``h1``–``h6``, ``li``, ``td``, ``div``, ``title``…) are paragraphs; the
text directly in a block and in its inline elements (``a``, ``b``, ``strong``, ``em``,
``span``…) is one block, its inline elements spans (``<a1>``, ``<b1>``, ``<i1>``, ``<u1>``,
``<s1>``, ``<sup1>``, ``<sub1>``, ``<g1>`` for the rest) and its objects placeholders
(``<img1/>``, ``<br1/>``, ``<x1/>`` for inline ``code``, form fields…). ``alt`` and
``title`` attributes are blocks of their own. Not translated: ``script``, ``style``,
``code``, ``pre``, ``textarea``, ``template``, ``svg``, ``math`` and everything under
``translate="no"``. The line of a segment is the source line where its block starts.
The source must be UTF-8; the translated page is written as UTF-8 with the source's
markup, only the translated text (and attributes) changed.
"""

from __future__ import annotations

import copy
import re
import sys
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Block, BlockKind, Document, SourceLine
from ..errors import InputError
from ..inline import Leaf, Nested, Placeholder, Span, nest, plain_text
from .text import decode_source, looks_binary

# html5lib and lxml are imported in the functions: only HTML sources need them.

INLINE_SPANS = {
    "a": "a",
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "cite": "i",
    "dfn": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "sup": "sup",
    "sub": "sub",
    **dict.fromkeys(
        "abbr bdi bdo big button data font label mark q small span time tt acronym".split(), "g"
    ),
}
# Inline elements kept whole, as placeholders (never translated inside).
INLINE_OBJECTS = {
    "img": "img",
    "br": "br",
    **dict.fromkeys(
        "wbr code kbd samp var input select textarea svg math iframe object embed "
        "video audio canvas picture script style template meter progress output".split(),
        "x",
    ),
}
# Block-level elements whose content is never translated.
SKIPPED = frozenset("script style pre code textarea template svg math".split())
# Elements HTML lays out as blocks (flow content that is not phrasing content, table and list
# parts, the document's own). Every other element, unknown and custom ones (<nobr>,
# <my-icon>, <mjx-container>) included, is inline unless it holds one of these.
BLOCKS = frozenset(
    "address article aside blockquote body caption center col colgroup dd details dialog dir "
    "div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header "
    "hgroup hr html legend li listing main menu nav noscript ol optgroup option p plaintext "
    "pre search section summary table tbody td tfoot th thead title tr ul xmp".split()
)
# Attributes a reader sees or hears (the W3C ITS 2.0 defaults for HTML), on any element.
TRANSLATABLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description")
# The input types whose value is the text of a button.
_BUTTON_INPUTS = frozenset({"submit", "reset", "button"})
# <meta> whose content is shown by search engines and link previews (name or property).
_META_TEXT = frozenset(
    {"description", "og:title", "og:description", "og:site_name", "og:image:alt"}
    | {"twitter:title", "twitter:description", "twitter:image:alt"}
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6 title".split())
_LIST_ITEMS = frozenset("li dt dd".split())
_CELLS = frozenset("td th caption".split())
_XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"
# Void elements libxml2's HTML serialiser does not know, written with an end tag it drops.
_VOID_END_TAG = re.compile(r"(<(embed|source|track|wbr|keygen)\b[^>]*>)</\2>", re.IGNORECASE)
_TAG = re.compile(r"<(!doctype|[a-z][a-z0-9-]*)[\s/>]", re.IGNORECASE)
_NOT_XML_CHARACTER = re.compile("[\x01-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_XML_ROOT = re.compile(
    r"^\s*<\?xml[^>]*>(?:\s|<!--.*?-->|<![^>]*>|<\?.*?\?>)*<([\w:.-]+)", re.DOTALL
)


def _tag(element: Any) -> str:
    """The element's name in lower case, without the SVG or MathML namespace html5lib
    gives embedded ``<svg>`` and ``<math>``; ``""`` for comments."""
    if not isinstance(element.tag, str):
        return ""
    return element.tag.rsplit("}", 1)[-1].lower()


def _not_translated(element: Any) -> bool:
    return (element.get("translate") or "").strip().lower() == "no"


@dataclass
class _Run:
    """Inline content of a block: text after ``anchor`` (the parent's text when None, else
    that element's tail), through the inline ``members`` and their tails."""

    parent: Any
    anchor: Any
    members: list[Any] = field(default_factory=list)
    kind: BlockKind = BlockKind.PARAGRAPH


@dataclass
class _Attribute:
    element: Any
    name: str


Slot = _Run | _Attribute


def decode_page(data: bytes, path: Path) -> str:
    """The text of a page: UTF-8, or the encoding its ``<meta charset>`` (or
    ``http-equiv="Content-Type"``) declares, as the HTML standard's prescan finds it."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = declared_encoding(data)
        if declared is not None and declared.name != "utf-8" and not looks_binary(data):
            text = declared.codec_info.decode(data, "replace")[0]
            if text.strip():
                return text
    return decode_source(data, path)


def declared_encoding(data: bytes) -> Any:
    """The encoding a page's ``<meta>`` declares (a webencodings Encoding), or None."""
    from html5lib._inputstream import HTMLBinaryInputStream

    return HTMLBinaryInputStream(data, useChardet=False).detectEncodingMeta()


def parse_html(data: bytes, path: Path) -> Any:
    """The lxml tree of an HTML5 page; undecodable text or no markup at all is an
    InputError."""
    # A form feed is HTML white space; the other characters XML cannot hold would stop
    # lxml in the middle of parsing (html5lib itself replaces NUL).
    text = decode_page(data, path).replace("\f", " ")
    if bad := _NOT_XML_CHARACTER.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(
            f"line {line}: control character U+{ord(bad.group()):04X}, which an HTML page "
            "cannot hold; remove it",
            path=path,
        )
    if not _TAG.search(text):
        raise InputError("not an HTML document (no markup)", path=path)
    xml_root = _XML_ROOT.match(text)
    if xml_root and xml_root.group(1).lower() != "html":
        raise InputError(f"not an HTML document (XML with root <{xml_root.group(1)}>)", path=path)
    if not any(m.group(1).lower() in _html_elements() for m in _TAG.finditer(text)):
        raise InputError("not an HTML document (no HTML elements)", path=path)
    check_depth(text, path)
    import html5lib
    from html5lib.constants import DataLossWarning

    parser = html5lib.HTMLParser(tree=_line_numbering_builder(), namespaceHTMLElements=False)
    parser.tree.parser = parser
    with warnings.catch_warnings():
        # Names XML cannot hold (<o:p>, @click, xml:lang) are coerced by html5lib, and
        # written back by _restore_names; its warning about them is not the user's concern.
        warnings.simplefilter("ignore", DataLossWarning)
        tree = parser.parse(text)
    _check_tree_depth(tree, path)
    return tree


# What the depth estimate reads: comments and raw text skipped whole (to the end of the page
# when unclosed, as the parser does), start and end tags by name.
_DEPTH_TOKEN = re.compile(
    r"<!--(?:.*?-->|.*)"
    r"|<(script|style|textarea|title|xmp|iframe|noembed|noframes)\b[^>]*>"
    r"(?:.*?</\1\s*>|.*)"
    r"|<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>",
    re.DOTALL | re.IGNORECASE,
)
# Elements that never hold others, or that the parser closes by itself when a sibling starts
# (a list of a thousand <li> without </li> is flat): not counted.
_UNCOUNTED = frozenset(
    "area base br col embed hr img input link meta param source track wbr keygen basefont "
    "bgsound frame html head body p li dt dd option optgroup tr td th thead tbody tfoot "
    "colgroup caption rb rt rtc rp".split()
)


def check_depth(text: str, path: Path) -> None:
    """Refuse a page whose elements nest deeper than the ``html_depth`` limit, from its
    markup alone: html5lib takes time in the square of the depth (20,000 nested ``<div>``
    take minutes), so this runs before it. An end tag closes the innermost open element
    of its name and all inside it, as the parser's does; a stray one closes nothing."""
    stack: list[str] = []
    deepest = 0
    open_count: dict[str, int] = {}
    for match in _DEPTH_TOKEN.finditer(text):
        name = match.group(3)
        if name is None:
            continue
        name = name.lower()
        if name in _UNCOUNTED:
            continue
        if not match.group(2):
            if match.group(4):  # <x/>: empty in SVG and MathML, a start tag in HTML
                continue
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            deepest = max(deepest, len(stack))
        elif open_count.get(name):
            while stack:
                closed = stack.pop()
                open_count[closed] -= 1
                if closed == name:
                    break
    _too_deep(deepest, path)


def _check_tree_depth(tree: Any, path: Path) -> None:
    """The parsed page's depth against the limit (the estimate of :func:`check_depth` may
    fall short of what the parser builds), so nothing after this recurses too deep."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree.getroot(), events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    _too_deep(deepest - 2, path)  # <html> and <body> are not counted
    # Reading inline markup recurses once or twice a level: with the limit raised past
    # Python's default, the recursion limit follows (Python 3.11 calls use no C stack).
    needed = 3 * deepest + 1000
    if sys.getrecursionlimit() < needed:
        sys.setrecursionlimit(needed)


def _too_deep(depth: int, path: Path) -> None:
    from .. import limits

    limits.check("html_depth", depth, what="elements nested too deeply", unit="levels", path=path)


def _html_elements() -> frozenset[str]:
    """Names of HTML elements (html5lib's tables and the ones this reader knows)."""
    from html5lib import constants

    names = {"!doctype", *INLINE_SPANS, *INLINE_OBJECTS, *SKIPPED, *_HEADINGS, *_LIST_ITEMS}
    names |= _CELLS | {"p", "div", "main", "figcaption", "summary", "label", "option"}
    for table in (
        constants.specialElements,
        constants.formattingElements,
        constants.scopingElements,
        constants.voidElements,
    ):
        names.update(item[1] if isinstance(item, tuple) else item for item in table)
    return frozenset(names)


def _line_numbering_builder() -> type:
    """html5lib's lxml tree builder that records each element's source line, which html5lib
    does not do (the line of the tokenizer when the element is inserted)."""
    from html5lib.treebuilders import getTreeBuilder

    base = getTreeBuilder("lxml")

    class LineNumberingBuilder(base):  # type: ignore[misc, valid-type]
        parser: Any = None

        def insertElementNormal(self, token: Any) -> Any:  # noqa: N802 (html5lib's name)
            element = super().insertElementNormal(token)
            if self.parser is not None:
                element._element.sourceline = self.parser.tokenizer.stream.position()[0]
            return element

    return LineNumberingBuilder


def _slots(tree: Any) -> list[Slot]:
    root = tree.getroot()
    slots: list[Slot] = []
    head = root.find("head")
    if head is not None:
        title = head.find("title")
        if title is not None and not _not_translated(title):
            _walk(title, slots)
        for meta in head.iter("meta"):
            if not _not_translated(meta):
                _attributes(meta, slots)
    body = root.find("body")
    if body is not None:
        _walk(body, slots)
    return slots


def _is_block(tag: str) -> bool:
    return tag in BLOCKS or (tag in SKIPPED and tag not in INLINE_OBJECTS)


def _is_inline(element: Any) -> bool:
    """Whether an element is part of the running text around it: everything but HTML's
    blocks. An inline element that holds blocks (a link around a card's ``<div>`` and
    ``<p>``) is a container of blocks."""
    tag = _tag(element)
    if not tag or tag in INLINE_OBJECTS or _not_translated(element):
        return True
    return not _is_block(tag) and not _holds_blocks(element)


def _holds_blocks(element: Any) -> bool:
    for child in element:
        tag = _tag(child)
        if not tag or tag in INLINE_OBJECTS or _not_translated(child):
            continue
        if _is_block(tag) or _holds_blocks(child):
            return True
    return False


def _walk(top: Any, slots: list[Slot]) -> None:
    """The slots of ``top`` and the blocks in it, in document order. The walk keeps its own
    stack (of the blocks open, each with its children still to visit and its current run),
    so no depth of nesting can exhaust Python's."""
    stack: list[tuple[Iterator[Any], list[_Run]]] = []

    def enter(element: Any) -> None:
        if _tag(element) in SKIPPED or _not_translated(element):
            return
        _attributes(element, slots)
        stack.append((iter(element), [_Run(element, None, kind=_block_kind(element))]))

    enter(top)
    while stack:
        children, current = stack[-1]
        child = next(children, None)
        if child is None:
            _flush(current[0], slots)
            stack.pop()
        elif _is_inline(child):
            current[0].members.append(child)
        else:
            _flush(current[0], slots)
            current[0] = _Run(current[0].parent, child, kind=current[0].kind)
            enter(child)


def _block_kind(element: Any) -> BlockKind:
    tag = _tag(element)
    if tag in _HEADINGS:
        return BlockKind.HEADING
    if tag in _LIST_ITEMS:
        return BlockKind.LIST_ITEM
    if tag in _CELLS:
        return BlockKind.TABLE_CELL
    return BlockKind.PARAGRAPH


def translatable_attributes(element: Any) -> list[str]:
    """The names of the attributes of ``element`` that hold text to translate
    (:func:`translatable_attribute_names`)."""
    return translatable_attribute_names(_tag(element), element.attrib)


def translatable_attribute_names(tag: str, attributes: Mapping[str, str | None]) -> list[str]:
    """The names of the attributes of a ``tag`` element that hold text to translate: those
    of :data:`TRANSLATABLE_ATTRIBUTES`, the ``label`` of an option, option group or track,
    the ``value`` of a button-like input, the ``content`` of a description or link-preview
    ``<meta>``; only those with text. Also read for HTML in Markdown."""
    names = list(TRANSLATABLE_ATTRIBUTES)
    if tag in ("option", "optgroup", "track", "menu", "menuitem"):
        names.append("label")
    elif tag == "input" and (attributes.get("type") or "").strip().lower() in _BUTTON_INPUTS:
        names.append("value")
    elif tag == "meta":
        kind = (attributes.get("name") or attributes.get("property") or "").strip().lower()
        names = ["content"] if kind in _META_TEXT else []
    return [name for name in names if (attributes.get(name) or "").strip()]


def _attributes(element: Any, slots: list[Slot]) -> None:
    for name in translatable_attributes(element):
        slots.append(_Attribute(element, name))


def _flush(run: _Run, slots: list[Slot]) -> None:
    slots.append(run)
    for member in run.members:
        if not _tag(member) or _not_translated(member):
            continue
        if _tag(member) in INLINE_OBJECTS:
            _object_attributes(member, slots)
            continue
        for descendant in member.iter():
            if _tag(descendant) and not any(
                _not_translated(a) or _tag(a) in INLINE_OBJECTS
                for a in _ancestors(descendant, member)
            ):
                if _tag(descendant) in INLINE_OBJECTS and descendant is not member:
                    _object_attributes(descendant, slots)
                else:
                    _attributes(descendant, slots)


def _object_attributes(element: Any, slots: list[Slot]) -> None:
    """The alt and title texts of an object and of what it holds (the ``<img>`` of a
    ``<picture>``), apart from code, scripts and anything not to translate."""
    if _not_translated(element) or _tag(element) in SKIPPED:
        return
    _attributes(element, slots)
    if _tag(element) == "option" and "".join(element.itertext()).strip():
        slots.append(_Run(element, None, list(element)))  # the options of a <select>
        return
    for child in element:
        if _tag(child):
            _object_attributes(child, slots)


def _ancestors(element: Any, stop: Any) -> list[Any]:
    chain = []
    while element is not None:
        chain.append(element)
        if element is stop:
            break
        element = element.getparent()
    return chain[1:]


def _line(slot: Slot) -> int | None:
    """The source line where a block starts (as recorded while parsing)."""
    if isinstance(slot, _Attribute):
        return slot.element.sourceline
    if slot.anchor is None or not slot.members:
        return (slot.parent if slot.anchor is None else slot.anchor).sourceline
    return slot.members[0].sourceline if isinstance(slot.members[0].tag, str) else None


def run_leaves(run: _Run) -> list[Leaf]:
    """The leaves of a run: its text, spans and placeholders."""
    leaves: list[Leaf] = []
    first = run.parent.text if run.anchor is None else run.anchor.tail
    if first:
        leaves.append(Leaf(first))
    for member in run.members:
        _element_leaves(member, (), leaves)
        if member.tail:
            leaves.append(Leaf(member.tail))
    return leaves


def _element_leaves(element: Any, stack: tuple[Span, ...], leaves: list[Leaf]) -> None:
    tag = _tag(element)
    if not tag:  # a comment or processing instruction: kept where it is, as an object
        leaves.append(Leaf(Placeholder("x", element), stack))
        return
    empty = not "".join(element.itertext()).strip()  # <a id="top"></a>, a linked image
    if empty or tag in INLINE_OBJECTS or _not_translated(element):
        leaves.append(Leaf(Placeholder(INLINE_OBJECTS.get(tag, "x"), element), stack))
        return
    inner = (*stack, Span(INLINE_SPANS.get(tag, "g"), element))
    if element.text:
        leaves.append(Leaf(element.text, inner))
    for child in element:
        _element_leaves(child, inner, leaves)
        if child.tail:
            leaves.append(Leaf(child.tail, inner))


def declared_language(element: Any) -> str:
    """The primary language subtag of the nearest ``lang`` (or ``xml:lang``) attribute inside
    the page, ``""`` when none: a page's own ``<html lang>`` is often a template's, and
    the text is trusted over it."""
    while element is not None and _tag(element) not in ("html", ""):
        value = element.get("lang")
        if value is None:
            value = element.get(f"{{{_XML}}}lang", element.get("xmlU0003Alang"))
        if value is not None:
            from ..languages import primary_subtag

            return primary_subtag(value) if value.strip() else ""
        element = element.getparent()
    return ""


def _note(slot: Slot) -> str:
    """Where text a reader does not see in the running page comes from (an attribute, an
    option of a list, the page's description, ``<noscript>``), for the translator: ``""``
    for the running text."""
    if isinstance(slot, _Attribute):
        tag = _tag(slot.element)
        if tag == "meta":
            key = "name" if slot.element.get("name") is not None else "property"
            return f'<meta {key}="{slot.element.get(key).strip()}">'
        return f"<{tag} {slot.name}>"
    element = slot.parent
    if _tag(element) == "option":
        return "<option>"
    while element is not None:
        if _tag(element) == "noscript":
            return "<noscript>"
        element = element.getparent()
    return ""


def _blocks(tree: Any) -> list[tuple[Slot, Block]]:
    found: list[tuple[Slot, Block]] = []
    for slot in _slots(tree):
        number = _line(slot) or len(found) + 1
        if isinstance(slot, _Attribute):
            text = slot.element.get(slot.name)
            lang = declared_language(slot.element)
            block = Block(
                BlockKind.ATTRIBUTE,
                (SourceLine(number, text),),
                raw=text,
                lang=lang,
                note=_note(slot),
            )
        else:
            leaves = run_leaves(slot)
            text = " ".join(plain_text(leaves).split())
            if not text:
                continue
            block = Block(
                slot.kind,
                (SourceLine(number, text),),
                raw=text,
                inline=tuple(leaves),
                lang=declared_language(slot.parent),
                note=_note(slot),
            )
        found.append((slot, block))
    return found


def read(data: bytes, path: Path) -> tuple[Block, ...]:
    """The blocks of an HTML page, in document order."""
    return tuple(block for _, block in _blocks(parse_html(data, path)))


def write(
    data: bytes, path: Path, document: Document, outputs: Sequence[object], lang: str = ""
) -> bytes:
    """The source page with each translated block's text replaced. Once any text changed,
    ``<html>`` gets the target language as ``lang`` (and ``dir="rtl"`` for a right-to-left
    one); with every translation equal to its source the page comes back as it was."""
    from lxml import etree

    text = decode_page(data, path)
    tree = parse_html(data, path)
    pairs = list(zip(_blocks(tree), outputs, strict=True))
    for (slot, _), output in pairs:
        if isinstance(slot, _Attribute) and output is not None:
            slot.element.set(slot.name, str(output))
    runs = list(zip((pair for pair, _ in pairs), outputs, document.blocks, strict=True))
    # Last first: the options of a <select> are translated before the paragraph that holds
    # the list copies it.
    for (slot, block), output, source_block in reversed(runs):
        if isinstance(slot, _Run) and output is not None:
            # The output refers to the elements of the tree build_document read; map them
            # to this tree's, which has the translated attributes.
            elements = _element_map(source_block.inline, block.inline)
            _replace_run(slot, nest(output), elements)  # type: ignore[arg-type]
    if lang and _text_changed(document.blocks, outputs):
        _declare_language(tree.getroot(), lang)
    _declare_utf8(tree.getroot())
    _html_names(tree.getroot())
    _keep_as_written(tree.getroot())
    page = etree.tostring(tree.getroot(), method="html", encoding="unicode")
    page = _VOID_END_TAG.sub(r"\1", page)
    page = _restore_names(page)
    page = _MARKUP_TAG.sub(lambda m: _AS_WRITTEN.sub(r"\1", m.group(0)), page)
    # Comments outside <html> ("saved from url=…") are the document's, not the root's.
    root = tree.getroot()
    before = [
        etree.tostring(n, encoding="unicode", with_tail=False)
        for n in root.itersiblings(preceding=True)
    ]
    after = [etree.tostring(n, encoding="unicode", with_tail=False) for n in root.itersiblings()]
    page = "\n".join([*reversed(before), page, *after])
    doctype = re.match(r"\s*(<!doctype[^>]*>)", text, re.IGNORECASE)
    if doctype:
        page = f"{doctype.group(1)}\n{page}"
    return (page + "\n").encode("utf-8")


_MARKUP_TAG = re.compile(r"<[a-zA-Z/][^<>]*>")
# Attributes libxml2's HTML serialiser rewrites: boolean ones written bare
# (checked="checked" → checked) and URLs percent-encoded (a space in a mailto: subject).
# They are written under a name it does not know, then given their own back.
_BOOLEAN = frozenset(
    "checked compact declare defer disabled ismap multiple nohref noresize noshade nowrap "
    "readonly selected".split()
)
_URI = frozenset("href src action cite background longdesc usemap codebase profile name".split())
_AS_WRITTEN_PREFIX = "l10n-as-written-"
_AS_WRITTEN = re.compile(rf"(?<=\s){_AS_WRITTEN_PREFIX}([^\s=/>]+)(?==)")


def _keep_as_written(root: Any) -> None:
    """Rename the attributes the serialiser would rewrite (a boolean one with a value, a
    URL) so it writes them as they are; the names are put back in the written page."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        items = list(element.attrib.items())
        if not any((n in _BOOLEAN and v) or n in _URI for n, v in items):
            continue
        element.attrib.clear()
        for name, value in items:
            if (name in _BOOLEAN and value) or name in _URI:
                name = _AS_WRITTEN_PREFIX + name
            element.set(name, value)


_QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*')")
_COERCED = re.compile(r"U[0-9A-F]{5}")


def _restore_names(page: str) -> str:
    """Element and attribute names html5lib coerced to XML names (``oU0003Ap`` for ``o:p``,
    ``U00040click`` for ``@click``) back as the source wrote them."""
    if not _COERCED.search(page):
        return page
    from html5lib._ihatexml import InfosetFilter

    names = InfosetFilter()

    def tag(match: re.Match[str]) -> str:
        parts = _QUOTED.split(match.group(0))  # attribute values stay as they are
        return "".join(
            part if i % 2 else _COERCED.sub(lambda m: names.fromXmlName(m.group(0)), part)
            for i, part in enumerate(parts)
        )

    return _MARKUP_TAG.sub(tag, page)


def _html_names(root: Any) -> None:
    """Give embedded SVG and MathML elements (and xlink/xml attributes) the plain names
    HTML writes, which the HTML parser puts back in their namespaces; lxml would write
    them as ``<ns0:svg xmlns:ns0=…>``, which a browser does not draw."""
    from lxml import etree

    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag.startswith("{"):
            element.tag = element.tag.rsplit("}", 1)[-1]
        for name in [n for n in element.attrib if n.startswith("{")]:
            namespace, local = name[1:].split("}", 1)
            value = element.attrib.pop(name)
            prefix = {_XLINK: "xlink:", _XML: "xml:"}.get(namespace, "")
            if prefix == "xml:" and local == "lang":
                element.attrib.setdefault("lang", value)
            elif local not in element.attrib:
                element.attrib[local] = value  # SVG 2 reads href without xlink
    etree.cleanup_namespaces(root)


def _text_changed(blocks: Sequence[Block], outputs: Sequence[object]) -> bool:
    for block, output in zip(blocks, outputs, strict=True):
        if output is None:
            continue
        text = plain_text(output) if block.inline else str(output)  # type: ignore[arg-type]
        if " ".join(text.split()) != " ".join(block.text.split()):
            return True
    return False


def _declare_language(root: Any, lang: str) -> None:
    """``lang`` and ``dir`` of the page's root for the translation's language."""
    from ..languages import bcp47, profile

    root.set("lang", bcp47(lang))
    direction = profile(lang).direction
    if direction == "rtl" or root.get("dir"):
        root.set("dir", direction)


def _declare_utf8(root: Any) -> None:
    """The page is written as UTF-8, and says so: a ``<meta>`` that declares another
    encoding is changed, and a page that declares none gets ``<meta charset="utf-8">`` first
    in its ``<head>`` (without it a browser guesses windows-1252 and shows "CafÃ©")."""
    from lxml import etree
    from webencodings import lookup

    declared = False
    for meta in root.iter("meta"):
        charset = meta.get("charset")
        if charset is not None:
            declared = True
            encoding = lookup(charset.strip())
            if encoding is None or encoding.name != "utf-8":
                meta.set("charset", "utf-8")
        elif (meta.get("http-equiv") or "").strip().lower() == "content-type":
            content = meta.get("content") or ""
            found = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content, re.IGNORECASE)
            declared = declared or found is not None
            encoding = lookup(found.group(1)) if found else None
            if found and (encoding is None or encoding.name != "utf-8"):
                meta.set("content", content[: found.start(1)] + "utf-8" + content[found.end(1) :])
    head = root.find("head")
    if not declared and head is not None:
        meta = etree.Element("meta", charset="utf-8")
        meta.tail, head.text = head.text, None
        head.insert(0, meta)


def _element_map(source: Sequence[Leaf], here: Sequence[Leaf]) -> dict[int, Any]:
    """``id`` of each span or placeholder element of ``source`` → the same one of ``here``."""

    def objects(leaves: Sequence[Leaf]) -> list[Any]:
        found: dict[int, Any] = {}
        for leaf in leaves:
            for span in leaf.stack:
                found.setdefault(id(span), span.ref)
            if isinstance(leaf.content, Placeholder):
                found.setdefault(id(leaf.content), leaf.content.ref)
        return list(found.values())

    return {id(a): b for a, b in zip(objects(source), objects(here), strict=True)}


def _replace_run(run: _Run, nodes: Sequence[Any], elements: dict[int, Any]) -> None:
    parent = run.parent
    for member in run.members:
        parent.remove(member)
    position = 0 if run.anchor is None else parent.index(run.anchor) + 1
    if run.anchor is None:
        parent.text = None
    else:
        run.anchor.tail = None
    _fill(parent, position, run.anchor, nodes, elements)


def _fill(
    parent: Any, position: int, previous: Any, nodes: Sequence[Any], elements: dict[int, Any]
) -> None:
    """Insert ``nodes`` into ``parent`` at ``position``; text goes after ``previous``
    (the parent's text when None)."""
    from lxml import etree

    for node in nodes:
        if isinstance(node, str):
            if previous is None:
                parent.text = (parent.text or "") + node
            else:
                previous.tail = (previous.tail or "") + node
            continue
        if isinstance(node, Placeholder):
            element = copy.deepcopy(elements.get(id(node.ref), node.ref))
            element.tail = None
        else:
            assert isinstance(node, Nested)
            source = elements.get(id(node.span.ref), node.span.ref)
            element = etree.Element(source.tag, dict(source.attrib))
            _fill(element, 0, None, node.children, elements)
        parent.insert(position, element)
        position += 1
        previous = element
