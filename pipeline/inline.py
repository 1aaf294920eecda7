"""Inline codes: formatting inside a sentence, as the translator sees it in a msgid.

A paragraph of a rich document (``.docx``, ``.html``) is read as a list of :class:`Leaf`:
a piece of text (or a :class:`Placeholder`, an image or a tab) with the stack of
:class:`Span` objects (bold, a link…) that enclose it. In a msgid, spans become paired
codes and placeholders empty ones, numbered from 1 in each segment::

    The <b1>SEZ</b1> was founded in <a2>2005</a2>.<x3/>

The letters say what the code stands for (``b`` bold, ``i`` italic, ``u`` underline, ``s``
strike-through, ``a`` link, ``sup``/``sub``, ``g`` other formatting, ``x`` an object,
``br`` a line break, ``img`` an image); the number ties it to the source. Translators move
codes with the words they belong to and may not drop, duplicate or invent any. Text that
itself looks like a code is written with ``&lt;`` for its ``<``.

Formatting that covers a whole paragraph is not in the msgid (:func:`split_wrapper`).
Sentences are cut on the plain text with :func:`pipeline.sentences.sentence_spans`, so a
paragraph gives the sentences the plain-text reader would give; a span that crosses a
sentence boundary is closed at the end of one segment and reopened in the next, and
:func:`assemble` joins such halves again when the document is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .sentences import normalize_space, sentence_spans

CODE = re.compile(r"<(/?)([a-z]+)(\d+)(/?)>")
LINE_BREAK = "br"  # the kind of placeholder that separates sentences like white space


class MarkupError(ValueError):
    """A translation's inline codes do not fit its source (missing, unpaired, invented)."""


@dataclass(eq=False)
class Span:
    """Formatting or a link around text; ``ref`` is what the document format needs back."""

    kind: str
    ref: Any = None


@dataclass(eq=False)
class Placeholder:
    """An object inside text (image, tab, field…), kept as it is; ``ref`` as for Span."""

    kind: str
    ref: Any = None


@dataclass(frozen=True)
class Leaf:
    """Text or a placeholder, with the spans enclosing it (outermost first)."""

    content: str | Placeholder
    stack: tuple[Span, ...] = ()

    @property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else ""


@dataclass(eq=False)
class Nested:
    """A span with its children, as :func:`nest` rebuilds the tree from leaves."""

    span: Span
    children: list[Node] = field(default_factory=list)


Node = str | Placeholder | Nested


# --- text of codes ------------------------------------------------------------------------


_AMPERSAND_LT = re.compile(r"&((?:amp;)*lt;)")
_ESCAPED_AMPERSAND_LT = re.compile(r"&amp;((?:amp;)*lt;)")


def escape_text(text: str) -> str:
    """Text for a msgid: anything that looks like a code gets ``&lt;`` for its ``<`` (and
    text that looks like such an escape gets one more ``amp;``)."""
    if "<" not in text and "&" not in text:
        return text
    text = _AMPERSAND_LT.sub(r"&amp;\1", text)
    return CODE.sub(lambda m: "&lt;" + m.group(0)[1:], text)


def unescape_text(text: str) -> str:
    """The inverse of :func:`escape_text`."""
    if "&" not in text:
        return text
    return _ESCAPED_AMPERSAND_LT.sub(r"&\1", text.replace("&lt;", "<"))


@dataclass(frozen=True)
class Code:
    """One code as written in a msgid or msgstr."""

    kind: str
    number: int
    role: str  # "open" | "close" | "empty"

    def __str__(self) -> str:
        if self.role == "open":
            return f"<{self.kind}{self.number}>"
        if self.role == "close":
            return f"</{self.kind}{self.number}>"
        return f"<{self.kind}{self.number}/>"


def tokens(text: str) -> Iterator[str | Code]:
    """Text pieces (unescaped) and codes of a msgid or msgstr, in order."""
    position = 0
    for match in CODE.finditer(text):
        closing, kind, number, empty = match.groups()
        if closing and empty:
            continue  # "</b1/>" is not a code; leave it as text
        if match.start() > position:
            yield unescape_text(text[position : match.start()])
        role = "close" if closing else "empty" if empty else "open"
        yield Code(kind, int(number), role)
        position = match.end()
    if position < len(text):
        yield unescape_text(text[position:])


def has_codes(text: str) -> bool:
    return any(isinstance(token, Code) for token in tokens(text))


def strip_codes(text: str) -> str:
    """The plain text of a coded string (codes removed, white space collapsed)."""
    return normalize_space("".join(t for t in tokens(text) if isinstance(t, str)))


def markup_problems(source: str, target: str) -> list[str]:
    """What is wrong with the codes of ``target`` given those of ``source`` (empty: fine).

    Every code of the source must be in the target exactly once, with the same role, and
    paired codes must open before they close and nest properly; no code may be invented.
    """
    expected = {(c.kind, c.number, c.role) for c in tokens(source) if isinstance(c, Code)}
    problems: list[str] = []
    seen: dict[tuple[str, int, str], int] = {}
    stack: list[Code] = []
    for token in tokens(target):
        if not isinstance(token, Code):
            continue
        key = (token.kind, token.number, token.role)
        seen[key] = seen.get(key, 0) + 1
        if key not in expected:
            problems.append(f"{token} is not in the source")
            continue
        if token.role == "open":
            stack.append(token)
        elif token.role == "close":
            if stack and (stack[-1].kind, stack[-1].number) == (token.kind, token.number):
                stack.pop()
            elif any((c.kind, c.number) == (token.kind, token.number) for c in stack):
                problems.append(f"{token} closes across another code (codes must nest)")
                while stack and (stack[-1].kind, stack[-1].number) != (token.kind, token.number):
                    stack.pop()
                stack.pop()
            else:
                problems.append(f"{token} comes before its opening code")
    roles = {"open": 0, "close": 1, "empty": 2}
    for key in sorted(expected, key=lambda k: (k[1], roles[k[2]])):
        count = seen.get(key, 0)
        if count == 0:
            problems.append(f"{Code(*key)} is missing")
        elif count > 1:
            problems.append(f"{Code(*key)} appears {count} times")
    return list(dict.fromkeys(problems))


# --- paragraphs: leaves, wrapper, sentences ------------------------------------------------


def _common_prefix(stacks: Sequence[tuple[Span, ...]]) -> tuple[Span, ...]:
    if not stacks:
        return ()
    prefix = stacks[0]
    for stack in stacks[1:]:
        length = 0
        while length < min(len(prefix), len(stack)) and prefix[length] is stack[length]:
            length += 1
        prefix = prefix[:length]
    return prefix


def plain_text(leaves: Sequence[Leaf]) -> str:
    return "".join(leaf.text for leaf in leaves)


def split_wrapper(leaves: Sequence[Leaf]) -> tuple[tuple[Span, ...], list[Leaf]]:
    """The spans around all the text of a paragraph, and the leaves without them."""
    stacks = [
        leaf.stack for leaf in leaves if isinstance(leaf.content, Placeholder) or leaf.text.strip()
    ]
    wrapper = _common_prefix(stacks)
    if not wrapper:
        return (), list(leaves)
    inner: list[Leaf] = []
    for leaf in leaves:
        if leaf.stack[: len(wrapper)] == wrapper:  # spans compare by identity
            inner.append(Leaf(leaf.content, leaf.stack[len(wrapper) :]))
        else:
            inner.append(Leaf(leaf.content, ()))  # white space outside
    return wrapper, inner


@dataclass
class Sentence:
    """One segment of a rich paragraph: its msgid and what each code number stands for."""

    msgid: str
    codes: dict[int, Span | Placeholder]


@dataclass
class Gap:
    """What lies between sentences (white space, objects at a sentence boundary);
    ``exact`` when its white space is the document's own (Word), kept as it is."""

    leaves: list[Leaf]
    exact: bool = False


Piece = Sentence | Gap


def _chars(leaves: Sequence[Leaf]) -> list[Leaf]:
    """One leaf per character (placeholders stay as they are)."""
    out: list[Leaf] = []
    for leaf in leaves:
        if isinstance(leaf.content, str):
            out.extend(Leaf(ch, leaf.stack) for ch in leaf.content)
        else:
            out.append(leaf)
    return out


def paragraph_pieces(leaves: Sequence[Leaf], exact_space: bool = False) -> list[Piece]:
    """Cut a paragraph (wrapper removed) into sentences and the gaps between them.

    With ``exact_space`` (a format whose every space is shown, as Word's) white space
    inside a sentence is kept as the source has it instead of collapsed, and so is white
    space between sentences in a build.
    """
    items = _chars(leaves)
    # A line break counts as white space between sentences.
    text_positions = [
        i
        for i, item in enumerate(items)
        if isinstance(item.content, str) or item.content.kind == LINE_BREAK
    ]
    plain = "".join(items[i].text or "\n" for i in text_positions)
    pieces: list[Piece] = []
    cursor = 0
    for start, end in sentence_spans(plain):
        first, last = text_positions[start], text_positions[end - 1] + 1
        if first > cursor:
            pieces.append(Gap(items[cursor:first], exact_space))
        pieces.append(coded_sentence(items[first:last], exact_space))
        cursor = last
    if cursor < len(items):
        pieces.append(Gap(items[cursor:], exact_space))
    return [p for p in pieces if not isinstance(p, Sentence) or p.msgid]


def coded_sentence(items: Sequence[Leaf], exact_space: bool = False) -> Sentence:
    """The msgid of a run of leaves, white space collapsed (kept as it is with
    ``exact_space``), codes numbered from 1."""
    stream: list[str | tuple[str, Span | Placeholder]] = []
    stack: tuple[Span, ...] = ()
    for item in items:
        common = 0
        while common < min(len(stack), len(item.stack)) and stack[common] is item.stack[common]:
            common += 1
        for span in reversed(stack[common:]):
            stream.append(("close", span))
        for span in item.stack[common:]:
            stream.append(("open", span))
        stack = item.stack
        if isinstance(item.content, Placeholder):
            stream.append(("empty", item.content))
        else:
            stream.append(item.content)
    for span in reversed(stack):
        stream.append(("close", span))
    stream = _tidy(stream, exact_space)
    numbers: dict[int, int] = {}
    codes: dict[int, Span | Placeholder] = {}
    parts: list[str] = []
    for token in stream:
        if isinstance(token, str):
            parts.append(escape_text(token))
            continue
        role, obj = token
        if role == "close":
            number = numbers.pop(id(obj))
        else:
            number = len(codes) + 1
            codes[number] = obj
            if role == "open":
                numbers[id(obj)] = number
        parts.append(str(Code(obj.kind, number, role)))
    return Sentence("".join(parts), codes)


# White space that may break a line; no-break spaces (U+00A0, U+2007, U+202F) are text
# the source chose ("5 billion", "10 %") and stay in the msgid.
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
_LEADING_SPACE = re.compile(r"^[^\S\u00a0\u2007\u202f]+")
_TRAILING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+$")


def _tidy(stream: list, exact_space: bool = False) -> list:
    """Collapse white space across codes (with ``exact_space``, only join it), keep it
    outside codes at the edges, drop empty pairs."""
    collapse = _representable if exact_space else _collapse_space
    out: list = []
    for token in stream:
        if isinstance(token, str):
            token = collapse(token)
            if not token:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = collapse(out[-1] + token)
                continue
        out.append(token)
    changed = True
    while changed:
        changed = False
        # An empty pair: an opening code right before its own closing code.
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if (
                not isinstance(a, str)
                and not isinstance(b, str)
                and a[0] == "open"
                and b[0] == "close"
                and a[1] is b[1]
            ):
                del out[i : i + 2]
                changed = True
                break
        # White space that is the only text of a pair moves out (then the pair is empty).
        for i in range(len(out) - 2):
            a, b, c = out[i], out[i + 1], out[i + 2]
            if (
                isinstance(b, str)
                and not b.strip()
                and not isinstance(a, str)
                and not isinstance(c, str)
                and a[0] == "open"
                and c[0] == "close"
                and a[1] is c[1]
            ):
                out[i : i + 3] = [b]
                changed = True
                break
    # White space just inside a code moves out of it: "a<b1> b</b1>" → "a <b1>b</b1>".
    moved = True
    while moved:
        moved = False
        for i, token in enumerate(out):
            if not isinstance(token, str) or not token:
                continue
            after_open = i > 0 and not isinstance(out[i - 1], str) and out[i - 1][0] == "open"
            before_close = (
                i + 1 < len(out) and not isinstance(out[i + 1], str) and out[i + 1][0] == "close"
            )
            lead = _LEADING_SPACE.match(token) if exact_space else None
            trail = _TRAILING_SPACE.search(token) if exact_space else None
            if after_open and lead:
                out[i] = token[lead.end() :]
                _move_outside(out, i - 1, lead.group(), before=True)
            elif before_close and trail:
                out[i] = token[: trail.start()]
                _move_outside(out, i + 1, trail.group(), before=False)
            elif after_open and not exact_space and token.startswith(" "):
                out[i] = token[1:]
                _space_outside(out, i - 1, before=True)
            elif before_close and not exact_space and token.endswith(" "):
                out[i] = token[:-1]
                _space_outside(out, i + 1, before=False)
            else:
                continue
            out = [t for t in out if not isinstance(t, str) or t]
            moved = True
            break
    # Space at the very start and end of the sentence goes.
    texts = [i for i, t in enumerate(out) if isinstance(t, str)]
    if texts:
        out[texts[0]] = out[texts[0]].lstrip(" ")
        out[texts[-1]] = out[texts[-1]].rstrip(" ")
    return [t for t in out if not isinstance(t, str) or t]


def _space_outside(out: list, index: int, before: bool) -> None:
    """Make sure there is a space before (or after) the code at ``index``."""
    neighbour = index - 1 if before else index + 1
    if 0 <= neighbour < len(out) and isinstance(out[neighbour], str):
        text = out[neighbour]
        if before and not text.endswith(" "):
            out[neighbour] = text + " "
        elif not before and not text.startswith(" "):
            out[neighbour] = " " + text
    elif before:
        out.insert(index, " ")
    else:
        out.insert(index + 1, " ")


def _move_outside(out: list, index: int, space: str, before: bool) -> None:
    """Put ``space`` (the white space moved out of a code) just before (or after) the
    code at ``index``, joined to the text there."""
    neighbour = index - 1 if before else index + 1
    if 0 <= neighbour < len(out) and isinstance(out[neighbour], str):
        out[neighbour] = out[neighbour] + space if before else space + out[neighbour]
    else:
        out.insert(index if before else index + 1, space)


def _representable(text: str) -> str:
    """Text without the characters no PO file can hold (NUL, and EOT, gettext's context
    separator), white space as it is."""
    return text.replace("\x00", "").replace("\x04", "")


def _collapse_space(text: str) -> str:
    """Runs of breaking white space as one space (ends kept as a single space)."""
    text = _representable(text)
    collapsed = _BREAKING_SPACE.sub(" ", text)
    core = collapsed.strip(" ")
    if not core:
        return " " if text else ""
    lead = " " if collapsed.startswith(" ") else ""
    trail = " " if collapsed.endswith(" ") else ""
    return lead + core + trail


# --- back from a translation ----------------------------------------------------------------


def sentence_leaves(text: str, codes: dict[int, Span | Placeholder]) -> list[Leaf]:
    """The leaves of a translated segment; raises MarkupError if its codes do not fit."""
    leaves: list[Leaf] = []
    stack: list[Span] = []
    open_numbers: list[int] = []
    for token in tokens(text):
        if isinstance(token, str):
            leaves.append(Leaf(token, tuple(stack)))
            continue
        obj = codes.get(token.number)
        if obj is None or obj.kind != token.kind:
            raise MarkupError(f"{token} is not a code of the source")
        if token.role == "empty":
            if not isinstance(obj, Placeholder):
                raise MarkupError(f"{token} must be a pair")
            leaves.append(Leaf(obj, tuple(stack)))
        elif not isinstance(obj, Span):
            raise MarkupError(f"{token}: this code has no closing form")
        elif token.role == "open":
            stack.append(obj)
            open_numbers.append(token.number)
        else:
            if not open_numbers or open_numbers[-1] != token.number:
                raise MarkupError(f"{token} does not close the code opened last")
            stack.pop()
            open_numbers.pop()
    if open_numbers:
        raise MarkupError(f"code {open_numbers[-1]} is never closed")
    return leaves


def assemble(
    pieces: Sequence[Piece],
    translations: Sequence[str],
    join: Callable[[list[str]], str],
) -> list[Leaf]:
    """The leaves of a translated paragraph (wrapper not included).

    ``translations`` has one coded string per :class:`Sentence` of ``pieces``; ``join``
    joins plain sentences as the plain-text build does, and the separators it puts
    between them are used between the translated sentences. Objects in the gaps stay.
    """
    sentences = [p for p in pieces if isinstance(p, Sentence)]
    if len(sentences) != len(translations):
        raise ValueError("one translation per sentence expected")
    per_sentence = [
        sentence_leaves(t, s.codes) for s, t in zip(sentences, translations, strict=True)
    ]
    separators = _separators([plain_text(leaves) for leaves in per_sentence], join)
    out: list[Leaf] = []
    index = 0
    separated = False  # the gap before this sentence put its own separator
    for piece in pieces:
        if isinstance(piece, Sentence):
            if index > 0 and not separated:
                out.append(Leaf(separators[index - 1]))
            out.extend(per_sentence[index])
            index += 1
            separated = False
        elif index == 0 or index == len(sentences):
            out.extend(_edge_gap(piece.leaves, leading=index == 0))
        elif any(isinstance(leaf.content, Placeholder) for leaf in piece.leaves):
            if piece.exact and separators[index - 1] == " ":  # the source's own spacing
                out.extend(piece.leaves)
            else:
                out.extend(_inner_gap(piece.leaves, separators[index - 1]))
            separated = True
        elif separators[index - 1] == " " and plain_text(piece.leaves).strip() == "":
            # The source's own white space between the sentences ("end.  Next").
            out.extend(leaf for leaf in piece.leaves if leaf.text)
            separated = bool(plain_text(piece.leaves))
    return _spaces_inside(out)


def _inner_gap(leaves: Sequence[Leaf], separator: str) -> list[Leaf]:
    """A gap with objects between two sentences: the objects where they were, each run of
    white space as the target language's separator (none where the source had none, as
    around a line break: ``one.<br1/>Two.``)."""
    out: list[Leaf] = []
    for leaf in leaves:
        if isinstance(leaf.content, Placeholder):
            out.append(leaf)
        elif leaf.content.strip() == "" and separator:
            previous = out[-1] if out else None
            if previous is None or not (
                isinstance(previous.content, str) and previous.content == separator
            ):
                out.append(Leaf(separator, leaf.stack))
    return out


def _edge_gap(leaves: Sequence[Leaf], leading: bool) -> list[Leaf]:
    """A gap before the first or after the last sentence, as the source has it: its objects
    and its white space (the indent of a table cell, a no-break or ideographic space at
    the edge of a block, the line breaks of the markup), which no translation changes."""
    return [
        leaf for leaf in leaves if not isinstance(leaf.content, str) or leaf.content.strip() == ""
    ]


def _separators(plain: list[str], join: Callable[[list[str]], str]) -> list[str]:
    """What ``join`` puts between consecutive sentences (a space, or nothing)."""
    joined = join(plain)
    separators: list[str] = []
    position = len(plain[0]) if plain and joined.startswith(plain[0]) else None
    for sentence in plain[1:]:
        found = joined.find(sentence, position) if position is not None else -1
        if found < 0:
            separators.append(" ")
            position = None
            continue
        separators.append(joined[position:found])
        position = found + len(sentence)
    return separators


def _spaces_inside(leaves: list[Leaf]) -> list[Leaf]:
    """A separator between two leaves in the same span goes into that span (one link
    across two sentences stays one link)."""
    out = list(leaves)
    for i in range(1, len(out) - 1):
        leaf = out[i]
        if isinstance(leaf.content, str) and not leaf.content.strip() and not leaf.stack:
            common = _common_prefix([out[i - 1].stack, out[i + 1].stack])
            if common:
                out[i] = Leaf(leaf.content, common)
    return out


def nest(leaves: Sequence[Leaf]) -> list[Node]:
    """The tree of leaves: consecutive leaves in the same span share one :class:`Nested`."""
    root: list[Node] = []
    path: list[Nested] = []
    for leaf in leaves:
        common = 0
        while common < min(len(path), len(leaf.stack)) and path[common].span is leaf.stack[common]:
            common += 1
        del path[common:]
        for span in leaf.stack[common:]:
            node = Nested(span)
            (path[-1].children if path else root).append(node)
            path.append(node)
        target = path[-1].children if path else root
        if isinstance(leaf.content, str):
            if not leaf.content:
                continue
            if target and isinstance(target[-1], str):
                target[-1] += leaf.content
            else:
                target.append(leaf.content)
        else:
            target.append(leaf.content)
    return root


def with_wrapper(wrapper: tuple[Span, ...], leaves: Sequence[Leaf]) -> list[Leaf]:
    """Put the paragraph-wide spans back around every leaf."""
    return [Leaf(leaf.content, wrapper + leaf.stack) for leaf in leaves]


# --- MT: codes out of the model's way --------------------------------------------------------


@dataclass(frozen=True)
class MaskedText:
    """A coded source without its codes, and what :func:`restore_codes` needs."""

    plain: str
    source: str


_OBJECT_BETWEEN_WORDS = re.compile(r"(?<=\w)\x00+(?=\w)")


def mask_codes(text: str) -> MaskedText:
    """The plain text to send to MT instead of a coded source. An object between two
    words (a tab, a line break: ``line<x1/>with``) separates them like a space."""
    if not has_codes(text):
        return MaskedText(text, text)
    marked = "".join(
        t if isinstance(t, str) else "\x00" if t.role == "empty" else "" for t in tokens(text)
    )
    return MaskedText(normalize_space(_OBJECT_BETWEEN_WORDS.sub(" ", marked)), text)


def restore_codes(
    masked: MaskedText, translation: str, aliases: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, bool]:
    """Put the source's codes into a machine translation of its plain text.

    A paired code is placed with confidence when it encloses the whole source, or when
    what it encloses is found exactly once in the translation (names, numbers,
    do-not-translate terms) — or, for a glossary term, one of its translations' forms given
    in ``aliases`` (term → forms); an empty code when it is at the very start or end of the
    source. The others go to the end of the translation (paired codes left empty) for the
    reviewer to move. Returns the coded translation and whether every code was placed
    with confidence.
    """
    if masked.plain == masked.source:
        return translation, True
    source_tokens = list(tokens(masked.source))
    whole = strip_codes(masked.source)
    result = escape_text(translation)
    confident = True
    placed: list[tuple[int, int]] = []
    inserts: list[tuple[int, tuple[int, int], str]] = []  # (position, rank, code text)
    for order, token in enumerate(source_tokens):
        if not isinstance(token, Code) or token.role == "close":
            continue
        if token.role == "empty":
            edge = _source_edge(source_tokens, order)
            confident = confident and edge is not None
            inserts.append((0 if edge == "start" else len(result), (2, order), str(token)))
            continue
        close = Code(token.kind, token.number, "close")
        inner = _enclosed(source_tokens, order)
        found: tuple[int, int] | None
        if inner == whole:
            found = (0, len(result))
        else:
            found = _find_once(result, escape_text(inner)) if inner else None
            if found is None and inner and aliases:
                found = _find_alias(result, inner, aliases)
            if found is not None and any(_crosses(found, other) for other in placed):
                found = None
        if found is None:
            confident = False
            inserts.append((len(result), (3, order), f"{token}{close}"))
            continue
        placed.append(found)
        inserts.append((found[0], (1, order), str(token)))
        inserts.append((found[1], (0, -order), str(close)))
    parts: list[str] = []
    position = 0
    for where, _, code in sorted(inserts, key=lambda x: (x[0], x[1])):
        parts.append(result[position:where])
        parts.append(code)
        position = where
    parts.append(result[position:])
    return "".join(parts), confident


def _enclosed(source_tokens: list[str | Code], index: int) -> str:
    """The plain text between the opening code at ``index`` and its closing code."""
    opening = source_tokens[index]
    assert isinstance(opening, Code)
    inner: list[str] = []
    for token in source_tokens[index + 1 :]:
        if isinstance(token, Code):
            if (token.kind, token.number, token.role) == (opening.kind, opening.number, "close"):
                break
            continue
        inner.append(token)
    return normalize_space("".join(inner))


def _find_once(text: str, needle: str) -> tuple[int, int] | None:
    first = text.find(needle)
    if first < 0 or text.find(needle, first + 1) >= 0:
        return None
    return first, first + len(needle)


def _find_alias(
    text: str, inner: str, aliases: Mapping[str, Sequence[str]]
) -> tuple[int, int] | None:
    """Where one form of the translation of the glossary term ``inner`` is, if only once."""
    for term, forms in aliases.items():
        if term.casefold() != inner.casefold():
            continue
        for form in sorted(set(forms), key=len, reverse=True):
            pattern = re.compile(rf"(?<!\w){re.escape(escape_text(form))}(?!\w)", re.IGNORECASE)
            matches = list(pattern.finditer(text))
            if len(matches) == 1:
                return matches[0].start(), matches[0].end()
    return None


def _crosses(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two ranges overlap without one containing the other."""
    (s1, e1), (s2, e2) = a, b
    return s1 < s2 < e1 < e2 or s2 < s1 < e2 < e1


def _source_edge(source_tokens: list[str | Code], index: int) -> str | None:
    """``start`` if no text comes before the token at ``index``, ``end`` if none after."""
    if not any(isinstance(t, str) and t.strip() for t in source_tokens[:index]):
        return "start"
    if not any(isinstance(t, str) and t.strip() for t in source_tokens[index + 1 :]):
        return "end"
    return None
