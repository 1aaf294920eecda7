"""Word documents (``.docx``) with python-docx: paragraphs, headings, list items, table cells
(nested tables too), headers and footers, in document order (headers, body, footers).

A paragraph's runs become :mod:`pipeline.inline` leaves. The run properties all its runs share
are the paragraph's own (not in the msgid); runs formatted otherwise are spans (``<b1>``
bold, ``<i1>``, ``<u1>``, ``<s1>``, ``<sup1>``, ``<sub1>``, ``<g1>`` anything else);
hyperlinks are ``<a1>`` spans, tracked insertions and smart tags ``<g1>``. What a run holds
besides text (tabs ``<x1/>``, breaks ``<br1/>``, drawings ``<img1/>``, fields) and
paragraph-level objects (bookmarks, simple fields, deletions) are placeholders, copied as
they are. White space is kept exactly (``Block.exact_space``): a run of spaces stays in the
msgid, and a ``w:t`` is read as Word shows it (:func:`shown_text`). The line of a segment is
the number of its paragraph (1-based, empty paragraphs counted); a paragraph of a footnote,
endnote, comment or text box also has its part and its number there (``Block.part_line``),
its ``#:`` reference. ``write`` replaces the runs of each translated paragraph with new runs
carrying copies of the original run properties, so styles, run properties and links are all
kept.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Block, BlockKind, Document, SourceLine
from ..errors import InputError
from ..inline import Leaf, Nested, Placeholder, Span, nest, plain_text

# Reading python-docx (and its lxml) is kept out of start-up: only .docx sources need it.

# Inline elements whose runs are translated, kept around them as codes.
CONTAINERS = {"hyperlink": "a", "smartTag": "g", "customXml": "g", "sdt": "g"}
# Tracked changes are read as accepted: the runs of an insertion (or a move's new place) as
# if never marked, a deletion (or a move's old place) not at all; ``build`` writes the
# accepted text, so no built document mixes translated text with source-language revisions.
_ACCEPTED = frozenset({"ins", "moveTo"})
_REJECTED = frozenset({"del", "moveFrom"})
_REVISIONS = _ACCEPTED | _REJECTED
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DROPPED = ("proofErr", "lastRenderedPageBreak", "noProof")
_FORMAT_KINDS = (
    ("b", ("b", "bCs")),
    ("i", ("i", "iCs")),
    ("u", ("u",)),
    ("s", ("strike", "dstrike")),
)


@dataclass(frozen=True)
class RunFormat:
    """The run properties (``w:rPr``) of a formatting span; None is no properties."""

    rpr: Any


@dataclass(frozen=True)
class Container:
    """An inline container (hyperlink, tracked insertion, smart tag…) without its runs, and
    the run properties all its runs share."""

    element: Any
    rpr: Any


@dataclass(frozen=True)
class RunObject:
    """A placeholder: an element of a run (with the run's properties) or of the paragraph."""

    element: Any
    rpr: Any
    in_run: bool


@dataclass(frozen=True)
class ObjectGroup:
    """Objects with no text between them (a field's begin, instruction and separator; a
    bookmark's start and end), one placeholder for the translator."""

    objects: tuple[RunObject, ...]


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def open_docx(data: bytes, path: Path) -> Any:
    """The python-docx document; a corrupt, protected or foreign file is an InputError."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(
            "password-protected or legacy Word file (OLE container, not a .docx package); "
            "save it without a password as .docx",
            path=path,
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not a .docx file (not a ZIP package)", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except zipfile.BadZipFile as exc:
        raise InputError(f"corrupt .docx file ({exc})", path=path) from None
    check_package(entries, path)
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        raise InputError("not a .docx file (no Word document in the package)", path=path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(as_transitional(data)))
    except PackageNotFoundError:
        raise InputError("not a .docx file (no Word document in the package)", path=path) from None
    except Exception as exc:  # zipfile, lxml and python-docx errors alike: the file is broken
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"corrupt .docx file ({reason})", path=path) from None


# Strict OOXML (ISO/IEC 29500 Strict) names its namespaces and relationship types under
# purl.oclc.org; Transitional, which python-docx and every Word reads, under
# schemas.openxmlformats.org with the year, and a few names hyphenated.
_STRICT = re.compile(
    rb"http://purl\.oclc\.org/ooxml/"
    rb"(wordprocessingml|officeDocument|drawingml|schemaLibrary|spreadsheetml|presentationml)/"
)
_STRICT_NAMES = re.compile(rb"(?<=/2006/)(relationships/)?(extendedProperties|customProperties)")
_STRICT_CONFORMANCE = re.compile(rb'\s[\w]+:conformance="strict"')


def as_transitional(data: bytes) -> bytes:
    """A Strict OOXML package with its namespaces and relationship types as Transitional
    names them (the same vocabulary; a translated Strict document is written as
    Transitional); any other package as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if not any(
            b"purl.oclc.org/ooxml/" in package.read(name)
            for name in ("[Content_Types].xml", "_rels/.rels")
            if name in package.NameToInfo
        ):
            return data
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for entry in package.infolist():
                content = package.read(entry.filename)
                if entry.filename.endswith((".xml", ".rels")):
                    content = _STRICT.sub(rb"http://schemas.openxmlformats.org/\1/2006/", content)
                    content = _STRICT_NAMES.sub(_hyphenated, content)
                    content = _STRICT_CONFORMANCE.sub(b"", content)
                out.writestr(entry, content)
    return buffer.getvalue()


def _hyphenated(match: re.Match[bytes]) -> bytes:
    name = match.group(2).replace(b"Properties", b"-properties")
    return (match.group(1) or b"") + name


def check_package(entries: Sequence[zipfile.ZipInfo], path: Path) -> None:
    """Refuse a package with more parts, or more bytes decompressed, than the ``[limits]``
    allow, from its zip directory alone (a zip bomb is refused before it is inflated:
    zipfile stops every part at the size the directory declares for it)."""
    from .. import limits

    limits.check(
        "docx_parts",
        len(entries),
        what="too many parts in the .docx package",
        unit="parts",
        path=path,
    )
    limits.check(
        "docx_unpacked_size",
        sum(entry.file_size for entry in entries),
        what="the .docx package is too large decompressed",
        unit="bytes",
        path=path,
    )


# Relationship types of the parts whose notes are read (the end of the URI: Transitional
# and Strict OOXML differ only before it).
_NOTE_PARTS = {"footnotes": "footnote", "endnotes": "endnote"}
# Comments are read the same way (a comment after the paragraph that refers to it), on demand.
_COMMENT_PARTS = {"comments": "comment"}
# Notes Word keeps for its own layout (the separator line), not a reader's text.
_LAYOUT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})
# Elements that hold block content (paragraphs, tables) of their own, walked into.
_BLOCK_CONTAINERS = frozenset({"tbl", "tr", "tc", "sdt", "sdtContent", "customXml"})


@dataclass
class _Story:
    """A part read besides the document's body, headers and footers (footnotes,
    endnotes): its package part, its parsed XML, and its notes by id."""

    part: Any
    element: Any
    kind: str
    notes: dict[str, Any]


@dataclass(frozen=True)
class _Part:
    """A package part whose paragraphs are read: its name (``word/footnotes.xml``) and the
    root element of its XML."""

    name: str
    root: Any


@dataclass
class _Walk:
    """What a walk over a document has found so far: the stories of its notes, the notes
    and text boxes already read (each is read once, where it is first referred to), and
    the paragraphs of each part numbered as the part holds them (made when first asked)."""

    stories: dict[str, _Story]
    seen: set[int]
    numbers: dict[str, dict[Any, int]] = field(default_factory=dict)

    def number(self, part: _Part, paragraph: Any) -> int:
        """The 1-based number of ``paragraph`` among every paragraph of ``part``."""
        table = self.numbers.get(part.name)
        if table is None:
            table = {p: i for i, p in enumerate(part.root.iter(_qn("p")), start=1)}
            self.numbers[part.name] = table
        return table[paragraph]


@dataclass(frozen=True)
class _Found:
    """A paragraph in reading order: whether it is in a table, where it is when not in the
    running text (``text box``, ``footnote 2 (word/footnotes.xml)``) and then the part
    and the paragraph's number in it (its ``#:`` reference)."""

    paragraph: Any
    in_table: bool
    note: str
    part_line: tuple[str, int] | None


def note_stories(document: Any) -> dict[str, _Story]:
    """The footnotes and endnotes parts of a document, parsed, by their reference's tag
    (``footnoteReference``, ``endnoteReference``); the comments part too
    (``commentReference``) where ``[documents] word_comments`` is on."""
    from docx.oxml import parse_xml

    from .settings import current

    parts = {**_NOTE_PARTS, **(_COMMENT_PARTS if current().word_comments else {})}
    stories: dict[str, _Story] = {}
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        kind = parts.get(rel.reltype.rsplit("/", 1)[-1])
        if kind is None or f"{kind}Reference" in stories:
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        if element is None:
            element = parse_xml(part.blob)
        notes = {
            note.get(_qn("id")): note
            for note in element.iterchildren(_qn(kind))
            if note.get(_qn("type")) not in _LAYOUT_NOTES
        }
        stories[f"{kind}Reference"] = _Story(part, element, kind, notes)
    return stories


def _part_name(part: Any) -> str:
    return str(part.partname).lstrip("/")


def _paragraphs(document: Any, walk: _Walk) -> Iterator[_Found]:
    """Every paragraph element in document order (headers, body, footers). The paragraphs
    of a text box, footnote or endnote follow the paragraph that holds or refers to it."""
    seen: set[str] = set()
    headers: list[_Part] = []
    footers: list[_Part] = []
    for section in document.sections:
        for kind, bucket in (
            ("first_page_header", headers),
            ("header", headers),
            ("even_page_header", headers),
            ("first_page_footer", footers),
            ("footer", footers),
            ("even_page_footer", footers),
        ):
            header_or_footer = getattr(section, kind)
            if header_or_footer.is_linked_to_previous:
                continue
            definition = header_or_footer._get_or_add_definition()
            name = _part_name(definition)
            if name not in seen:
                seen.add(name)
                bucket.append(_Part(name, definition.element))
    body = _Part(_part_name(document.part), document.element)
    for part, container in (
        *((p, p.root) for p in headers),
        (body, document.element.body),
        *((p, p.root) for p in footers),
    ):
        yield from _walk(container, False, "", walk, part, own_reference=False)


def _walk(
    container: Any, in_table: bool, note: str, walk: _Walk, part: _Part, own_reference: bool
) -> Iterator[_Found]:
    """The paragraphs of ``container`` (in ``part``) and what they hold or refer to; with
    ``own_reference`` (a note, a text box) each names its part and number in it."""
    for child in container:
        name = _local(child)
        if name == "p":
            where = (part.name, walk.number(part, child)) if own_reference else None
            yield _Found(child, in_table, note, where)
            yield from _attached(child, walk, part)
        elif name in _BLOCK_CONTAINERS:
            yield from _walk(child, in_table or name == "tbl", note, walk, part, own_reference)


def _attached(paragraph: Any, walk: _Walk, part: _Part) -> Iterator[_Found]:
    """The paragraphs of the text boxes (DrawingML and VML), footnotes and endnotes a
    paragraph (of ``part``) holds or refers to, in the order it does."""
    tags = (_qn("txbxContent"), *(_qn(tag) for tag in walk.stories))
    for element in paragraph.iter(*tags):
        if id(element) in walk.seen:
            continue
        walk.seen.add(id(element))
        name = _local(element)
        if name == "txbxContent":
            yield from _walk(element, False, "text box", walk, part, own_reference=True)
            continue
        story = walk.stories[name]
        target = story.notes.get(element.get(_qn("id")))
        if target is None or id(target) in walk.seen:
            continue
        walk.seen.add(id(target))
        note_part = _Part(_part_name(story.part), story.element)
        where = f"{story.kind} {target.get(_qn('id'))} ({note_part.name})"
        yield from _walk(target, False, where, walk, note_part, own_reference=True)


def _kind(paragraph: Any, in_table: bool) -> BlockKind:
    ppr = paragraph.find(_qn("pPr"))
    style = ""
    if ppr is not None:
        pstyle = ppr.find(_qn("pStyle"))
        style = (pstyle.get(_qn("val")) or "") if pstyle is not None else ""
        if ppr.find(_qn("numPr")) is not None:
            return BlockKind.LIST_ITEM
    if style.lower().startswith(("heading", "title", "subtitle")):
        return BlockKind.HEADING
    if "list" in style.lower():
        return BlockKind.LIST_ITEM
    return BlockKind.TABLE_CELL if in_table else BlockKind.PARAGRAPH


@dataclass
class _Atom:
    content: str | RunObject
    rpr: Any
    containers: tuple[Any, ...] = ()  # the inline containers it is in, outermost first

    @property
    def key(self) -> bytes:
        return _rpr_key(self.rpr)


def _rpr_key(rpr: Any) -> bytes:
    from lxml import etree

    return b"" if rpr is None else etree.tostring(rpr)


def _atoms(element: Any, containers: tuple[Any, ...] = ()) -> list[_Atom]:
    atoms: list[_Atom] = []
    for child in element:
        name = _local(child)
        if name == "pPr" or name in _DROPPED:
            continue
        if name == "r":
            atoms.extend(_run_atoms(child, containers))
        elif name in _ACCEPTED:
            atoms.extend(_atoms(child, containers))
        elif name in _REJECTED:
            continue
        elif name in CONTAINERS and any(t.text for t in child.iter(_qn("t"))):
            content = _content_of(child)
            if content is not None:
                atoms.extend(_atoms(content, (*containers, child)))
            else:
                atoms.append(_Atom(RunObject(child, None, False), None, containers))
        elif _is_go_back(child):
            continue
        else:
            atoms.append(_Atom(RunObject(child, None, False), None, containers))
    return atoms


def _content_of(container: Any) -> Any:
    """Where the runs of an inline container are: a content control (``w:sdt``) has
    them in its ``w:sdtContent``; the others directly."""
    if _local(container) == "sdt":
        return container.find(_qn("sdtContent"))
    return container


def _is_go_back(element: Any) -> bool:
    """Word's hidden bookmark of the last edit (``_GoBack``), which means nothing to a reader."""
    name = _local(element)
    if name == "bookmarkStart":
        return element.get(_qn("name")) == "_GoBack"
    if name == "bookmarkEnd":
        start = element.getparent().find(
            f"{_qn('bookmarkStart')}[@{_qn('id')}='{element.get(_qn('id'))}']"
        )
        return start is not None and start.get(_qn("name")) == "_GoBack"
    return False


def _run_atoms(run: Any, containers: tuple[Any, ...]) -> list[_Atom]:
    rpr = run.find(_qn("rPr"))
    atoms: list[_Atom] = []
    for child in run:
        name = _local(child)
        if name == "rPr" or name in _DROPPED:
            continue
        if name == "t":
            text = shown_text(child)
            if text:
                atoms.append(_Atom(text, rpr, containers))
        else:
            atoms.append(_Atom(RunObject(child, rpr, True), rpr, containers))
    return atoms


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def shown_text(text: Any) -> str:
    """The text Word shows for a ``w:t``: all of it under ``xml:space="preserve"`` (on it
    or, as XML inherits it, on an element around it), else without the white space at its
    ends, which Word drops; white space inside is shown either way."""
    content = text.text or ""
    element = text
    while element is not None:
        space = element.get(_XML_SPACE)
        if space is not None:
            return content if space == "preserve" else content.strip(" \t\r\n")
        element = element.getparent()
    return content.strip(" \t\r\n")


def _object_kind(obj: RunObject) -> str:
    name = _local(obj.element)
    if name in ("br", "cr"):
        return "br"
    if name in ("drawing", "pict", "object"):
        return "img"
    return "x"


def _switched_on(rpr: Any) -> set[str]:
    """The names of the properties a ``w:rPr`` sets (``<w:b w:val="0"/>`` switches bold off)."""
    if rpr is None:
        return set()
    off = ("0", "false", "off", "none")
    return {_local(e) for e in rpr if (e.get(_qn("val")) or "").lower() not in off}


def _format_kind(rpr: Any, default: Any) -> str:
    present = _switched_on(rpr)
    before = _switched_on(default)
    for kind, names in _FORMAT_KINDS:
        if any(name in present and name not in before for name in names):
            return kind
    if rpr is not None:
        align = rpr.find(_qn("vertAlign"))
        if align is not None and align.get(_qn("val")) in ("superscript", "subscript"):
            return "sup" if align.get(_qn("val")) == "superscript" else "sub"
    return "g"


def _common_properties(atoms: Sequence[_Atom]) -> Any:
    """The run properties every text run of ``atoms`` has (None when they share none):
    the formatting of the whole paragraph (or link), which stays out of the msgid."""
    from lxml import etree

    texts = [a for a in atoms if isinstance(a.content, str)]
    if not texts or texts[0].rpr is None:
        return None
    common = set.intersection(*(set(_property_set(a.rpr, seen_only=False)) for a in texts))
    if not common:
        return None
    first = texts[0].rpr
    if _property_set(first, seen_only=False) == common:
        return first
    result = etree.Element(first.tag, nsmap=first.nsmap)
    for child in first:
        if etree.tostring(child) in common:
            result.append(copy.deepcopy(child))
    return result


# Run properties that change nothing a reader sees: Word splits runs on them (a pasted word,
# the spelling checker), and they must not make codes in the msgid.
_UNSEEN_PROPERTIES = frozenset({"lang", "noProof", "specVanish"})


def _property_set(rpr: Any, seen_only: bool = True) -> frozenset[bytes]:
    """The run properties of a ``w:rPr`` (by default only those a reader sees), each as
    its XML."""
    from lxml import etree

    if rpr is None:
        return frozenset()
    return frozenset(etree.tostring(c) for c in rpr if not (seen_only and _unseen(c)))


def _unseen(property_element: Any) -> bool:
    name = _local(property_element)
    if name == "rFonts":  # only a hint of which font slot to use
        return set(property_element.attrib) <= {_qn("hint")}
    return name in _UNSEEN_PROPERTIES


def paragraph_leaves(paragraph: Any) -> tuple[list[Leaf], Any]:
    """The leaves of a paragraph element and its base run properties.

    A run whose properties add to those of the run before it (bold, then bold italic)
    gets a span nested in that run's span.
    """
    atoms = _atoms(paragraph)
    base = _common_properties([a for a in atoms if not a.containers] or atoms)
    spans: dict[int, Span] = {}
    leaves: list[Leaf] = []
    formats: list[tuple[Span, frozenset[bytes]]] = []
    inside: tuple[Any, ...] = ()
    for atom in atoms:
        outer: list[Span] = []
        default = base
        for element in atom.containers:
            span = spans.get(id(element))
            if span is None:
                rpr = _common_properties([a for a in atoms if element in a.containers])
                shell = copy.deepcopy(element)
                content = _content_of(shell)
                for grandchild in list(content):
                    content.remove(grandchild)
                span = Span(CONTAINERS[_local(element)], Container(shell, rpr))
                spans[id(element)] = span
            outer.append(span)
            default = span.ref.rpr
        if atom.containers != inside:
            formats, inside = [], atom.containers
        in_run = not isinstance(atom.content, RunObject) or atom.content.in_run
        if in_run:
            wanted = _property_set(atom.rpr)
            if wanted == _property_set(default):
                formats = []
            else:
                while formats and not formats[-1][1] < wanted and formats[-1][1] != wanted:
                    formats.pop()
                if not formats or formats[-1][1] != wanted:
                    before = formats[-1][0].ref.rpr if formats else default
                    kind = _format_kind(atom.rpr, before)
                    formats.append((Span(kind, RunFormat(atom.rpr)), wanted))
        stack = (*outer, *(span for span, _ in formats))
        content: str | Placeholder = atom.content  # type: ignore[assignment]
        if isinstance(atom.content, RunObject):
            content = Placeholder(_object_kind(atom.content), atom.content)
        leaves.append(Leaf(content, stack))
    return _group_objects(leaves), base


def _group_objects(leaves: list[Leaf]) -> list[Leaf]:
    """Consecutive ``x`` placeholders under the same spans become one."""
    grouped: list[Leaf] = []
    for leaf in leaves:
        previous = grouped[-1].content if grouped else None
        if (
            isinstance(leaf.content, Placeholder)
            and leaf.content.kind == "x"
            and isinstance(previous, Placeholder)
            and previous.kind == "x"
            and grouped[-1].stack == leaf.stack
        ):
            before = (
                previous.ref.objects if isinstance(previous.ref, ObjectGroup) else (previous.ref,)
            )
            grouped[-1] = Leaf(
                Placeholder("x", ObjectGroup((*before, leaf.content.ref))), leaf.stack
            )
        else:
            grouped.append(leaf)
    return grouped


@dataclass(frozen=True)
class _Paragraph:
    element: Any
    block: Block | None
    base: Any


def _paragraph_blocks(document: Any, stories: dict[str, _Story]) -> list[_Paragraph]:
    found: list[_Paragraph] = []
    walk = _Walk(stories, set())
    for number, found_at in enumerate(_paragraphs(document, walk), start=1):
        paragraph, note = found_at.paragraph, found_at.note
        leaves, base = paragraph_leaves(paragraph)
        if _has_revisions(paragraph):
            note = f"{note}; " if note else ""
            note += "tracked changes, read as accepted"
        text = " ".join(plain_text(leaves).split())
        block = None
        if text:
            block = Block(
                _kind(paragraph, found_at.in_table),
                (SourceLine(number, text),),
                raw=text,
                inline=tuple(leaves),
                note=note,
                exact_space=True,
                part_line=found_at.part_line,
            )
        found.append(_Paragraph(paragraph, block, base))
    return found


def _has_revisions(paragraph: Any) -> bool:
    """Whether a paragraph's own content (not a text box's in it) has tracked changes."""
    for child in paragraph:
        if _local(child) in _REVISIONS:
            return True
        if _local(child) in CONTAINERS:
            content = _content_of(child)
            if _has_revisions(child if content is None else content):
                return True
    return False


def _accept_revisions(paragraph: Any) -> None:
    """Accept the tracked changes of a paragraph that is not translated (one whose text is
    all deleted): deletions go, insertions lose their mark."""
    for child in list(paragraph):
        name = _local(child)
        if name in _REJECTED:
            paragraph.remove(child)
        elif name in _ACCEPTED:
            position = paragraph.index(child)
            for grandchild in reversed(list(child)):
                paragraph.insert(position + 1, grandchild)
            paragraph.remove(child)


def read(data: bytes, path: Path) -> tuple[Block, ...]:
    """The paragraphs with text of a .docx, in document order."""
    document = open_docx(data, path)
    blocks = _paragraph_blocks(document, note_stories(document))
    return tuple(p.block for p in blocks if p.block is not None)


def write(
    data: bytes, path: Path, document: Document, outputs: Sequence[object], lang: str = ""
) -> bytes:
    """The source .docx with the runs of every translated paragraph replaced. In a
    paragraph whose text changed, the runs' proofing language (``w:lang``, where the source
    sets one) becomes the target language, and into a right-to-left language the paragraph
    becomes right-to-left (``w:bidi``)."""
    from ..languages import profile

    right_to_left = bool(lang) and profile(lang).direction == "rtl"
    proofing = _proofing_attribute(lang) if lang else None
    docx_document = open_docx(data, path)
    stories = note_stories(docx_document)
    found = _paragraph_blocks(docx_document, stories)
    for paragraph in found:
        if paragraph.block is None:
            _accept_revisions(paragraph.element)
    paragraphs = [p for p in found if p.block is not None]
    # Last first: the paragraphs of a text box are translated before the paragraph that
    # holds the text box copies it.
    pairs = zip(paragraphs, outputs, document.blocks, strict=True)
    for paragraph, output, source_block in reversed(list(pairs)):
        if output is None:
            _accept_revisions(paragraph.element)
            continue
        assert paragraph.block is not None
        here = _object_map(source_block.inline, paragraph.block.inline)
        element = paragraph.element
        text = " ".join(plain_text(output).split())  # type: ignore[arg-type]
        changed = paragraph.block is not None and text != paragraph.block.text
        if right_to_left and changed:
            _set_right_to_left(element)
        for child in list(element):
            if _local(child) != "pPr":
                element.remove(child)
        _emit(element, nest(output), paragraph.base, here)  # type: ignore[arg-type]
        if proofing is not None and changed:
            for run_lang in element.iter(_qn("lang")):
                if _local(run_lang.getparent().getparent()) != "pPr":
                    run_lang.set(_qn(proofing[0]), proofing[1])
    for story in stories.values():
        if getattr(story.part, "element", None) is None:  # a part python-docx keeps as bytes
            from docx.opc.oxml import serialize_part_xml

            story.part._blob = serialize_part_xml(story.element)
    buffer = io.BytesIO()
    docx_document.save(buffer)
    return buffer.getvalue()


# The elements that follow w:bidi in a w:pPr (ECMA-376 CT_PPrBase order).
_AFTER_BIDI = (
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def _proofing_attribute(lang: str) -> tuple[str, str]:
    """The ``w:lang`` attribute Word reads for text in ``lang`` (``val``, ``eastAsia`` for
    Chinese, Japanese and Korean, ``bidi`` for right-to-left scripts) and its value."""
    from ..languages import bcp47, profile

    language = profile(lang)
    if language.direction == "rtl":
        return "bidi", bcp47(lang)
    if language.script in ("Hans", "Hant", "Hani", "Jpan", "Kore"):
        return "eastAsia", bcp47(lang)
    return "val", bcp47(lang)


def _set_right_to_left(paragraph: Any) -> None:
    from docx.oxml import OxmlElement

    ppr = paragraph.get_or_add_pPr()
    if ppr.find(_qn("bidi")) is None:
        ppr.insert_element_before(OxmlElement("w:bidi"), *(f"w:{n}" for n in _AFTER_BIDI))


def _objects(leaves: Sequence[Leaf]) -> list[RunObject]:
    found: list[RunObject] = []
    for leaf in leaves:
        if isinstance(leaf.content, Placeholder):
            ref = leaf.content.ref
            found.extend(ref.objects if isinstance(ref, ObjectGroup) else (ref,))
    return found


def _object_map(source: Sequence[Leaf], here: Sequence[Leaf]) -> dict[int, RunObject]:
    """``id`` of each object of a paragraph as ``build`` read it → the same object of the
    document being written, which holds what was translated inside it (a text box)."""
    return {id(a): b for a, b in zip(_objects(source), _objects(here), strict=True)}


def _emit(
    container: Any, nodes: Sequence[Any], rpr: Any, here: dict[int, RunObject] | None = None
) -> None:
    from docx.oxml import OxmlElement

    for node in nodes:
        if isinstance(node, str):
            run = OxmlElement("w:r")
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            text = OxmlElement("w:t")
            text.text = node
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(text)
            container.append(run)
        elif isinstance(node, Placeholder):
            group = node.ref.objects if isinstance(node.ref, ObjectGroup) else (node.ref,)
            for obj in (here.get(id(item), item) if here else item for item in group):
                if obj.in_run:
                    run = OxmlElement("w:r")
                    if obj.rpr is not None:
                        run.append(copy.deepcopy(obj.rpr))
                    run.append(copy.deepcopy(obj.element))
                    container.append(run)
                else:
                    container.append(copy.deepcopy(obj.element))
        elif isinstance(node, Nested):
            ref = node.span.ref
            if isinstance(ref, Container):
                link = copy.deepcopy(ref.element)
                container.append(link)
                _emit(_content_of(link), node.children, ref.rpr, here)
            else:
                _emit(container, node.children, ref.rpr, here)
