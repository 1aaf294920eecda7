"""Sentence segmentation, in the manner of a CAT tool's SRX rules.

A break is a run of white space after sentence-final punctuation (``. ! ? …``, optionally
followed by closing quotes or brackets) when the next word starts a sentence (an upper-case
letter, a digit, or an opening quote/bracket before one). Exceptions, tried first, keep
abbreviations, initials and numbers together. The splitter returns spans over the original
text, so every character is kept and line numbers can be recovered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .language import detect_language
from .model import Block, Document, Segment, SegmentedDocument

# Abbreviations that are always followed by more of the same sentence (titles, "No. 5").
_PREFIX_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof st no nos nr mt ft gen col lt sgt capt cmdr adm gov sen rep pres
    rev hon fr vs v cf e.g i.e viz approx ca fig figs vol vols p pp art sec ch eq ref
    tel dept est op ed eds jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Abbreviations that may also end a sentence ("... founded by Acme Inc. The company ...").
_SUFFIX_ABBREVIATIONS = frozenset(
    """inc ltd corp co llc plc jr sr etc al u.s u.k u.n e.u a.m p.m bros""".split()
)
# Words that, capitalised after a suffix abbreviation, are taken to start a new sentence.
_SENTENCE_STARTERS = frozenset(
    """the this that these those it its he she they we i you our their his her a an in on at as
    for from by with after before during since when while if but and however also there
    all some many most each every one two three according other another today yesterday
    last next meanwhile moreover furthermore""".split()
)

_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"
_TERMINATORS = ".!?…"

# Candidate: terminator run, optional closers, then white space.
_CANDIDATE = re.compile(rf"([{re.escape(_TERMINATORS)}]+)([{re.escape(_CLOSERS)}]*)(\s+)")
_WORD_BEFORE = re.compile(r"([\w.'’-]*\w)$")
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*([\w'’-]*)")


_UNREPRESENTABLE = {0: None, 4: None}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text``, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _CANDIDATE.finditer(text):
        end = match.start(3)
        if end <= start:
            continue
        if _is_break(text, start, match):
            spans.append((start, end))
            start = match.end()
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def normalize_space(text: str) -> str:
    """Collapse runs of white space to one space, strip the ends, and drop NUL and EOT
    (a PO file cannot hold NUL; EOT is gettext's context separator)."""
    return " ".join(text.translate(_UNREPRESENTABLE).split())


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, white space collapsed."""
    return [normalize_space(text[a:b]) for a, b in sentence_spans(text)]


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_break(text: str, sentence_start: int, match: re.Match[str]) -> bool:
    terminators, closers = match.group(1), match.group(2)
    following = text[match.end() : match.end() + 256]
    next_match = _NEXT_WORD.match(following)
    opener = following[: next_match.start(1)] if next_match else ""
    next_word = next_match.group(1) if next_match else ""
    first = next_word[:1] or following[len(opener) : len(opener) + 1]
    if not first:
        return False
    # The next sentence must start like one: upper case, a digit, or a non-cased script.
    if not (first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())):
        return False
    if terminators != "." or closers:
        # "!", "?", "…", "..." and a full stop inside quotes always end a sentence here.
        return True
    before = text[max(sentence_start, match.start(1) - 64) : match.start(1)]
    word_match = _WORD_BEFORE.search(before)
    if not word_match:
        return True
    word = word_match.group(1)
    key = word.lower().lstrip("-'’")
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "A. Prokhorov", "J. K. Rowling"
    if key in _PREFIX_ABBREVIATIONS:
        return False
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", key):
        # Dotted abbreviations (U.S., e.g., a.m.) end a sentence only before a sentence starter.
        return next_word.lower() in _SENTENCE_STARTERS
    if key in _SUFFIX_ABBREVIATIONS:
        return next_word.lower() in _SENTENCE_STARTERS
    return True


def segment_document(document: Document) -> SegmentedDocument:
    """Cut every translatable block of a document into segments, with language and line."""
    segments: list[Segment] = []
    paragraph = 0
    for block in document.blocks:
        if not block.translatable:
            continue
        block_segments = list(_block_segments(document, block, paragraph))
        if block_segments:
            segments.extend(block_segments)
            paragraph += 1
    return SegmentedDocument(document=document, segments=tuple(segments))


def block_sentences(block: Block) -> list[tuple[str, int]]:
    """The sentences of one block with the 1-based line each starts on."""
    text = block.text
    line_starts = [0]
    for line in block.lines[:-1]:
        line_starts.append(line_starts[-1] + len(line.text) + 1)
    result: list[tuple[str, int]] = []
    for start, end in sentence_spans(text):
        sentence = normalize_space(text[start:end])
        if not sentence:
            continue
        line_index = max(i for i, offset in enumerate(line_starts) if offset <= start)
        result.append((sentence, block.lines[line_index].number))
    return result


def _block_segments(document: Document, block: Block, paragraph: int) -> Iterator[Segment]:
    for index, (sentence, line) in enumerate(block_sentences(block)):
        yield Segment(
            doc_id=document.doc_id,
            file_name=document.file_name,
            paragraph=paragraph,
            index=index,
            text=sentence,
            line=line,
            lang=detect_language(sentence),
            block_prefix=block.prefix,
        )
