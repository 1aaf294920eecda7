"""The one segmenter: a document's translatable blocks cut into segments (msgids).

A plain block is cut by the sentence splitter (:mod:`pipeline.sentences`) over its text; a
rich block (HTML, DOCX: ``block.inline``) is cut over its inline pieces, so its segments keep
their inline codes (:mod:`pipeline.inline`). Each segment records its line, and its language
as the document declares it (``block.lang``) or, else, as detected.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Block, Document, Segment, SegmentedDocument
from .inline import Piece, Sentence, Span, paragraph_pieces, split_wrapper, strip_codes
from .languages.detect import detect_language
from .sentences import normalize_space, sentence_spans


@dataclass(frozen=True)
class RichParagraph:
    """A rich block cut into sentences: the spans around all of it, and its pieces."""

    wrapper: tuple[Span, ...]
    pieces: list[Piece]


def rich_paragraph(block: Block) -> RichParagraph:
    """The pieces of a rich block (sentences and the codes between them)."""
    wrapper, leaves = split_wrapper(block.inline)
    return RichParagraph(wrapper, paragraph_pieces(leaves, block.exact_space))


def segment_document(document: Document) -> SegmentedDocument:
    """Cut every translatable block of a document into segments, with language and line."""
    segments: list[Segment] = []
    paragraph = 0
    for block in document.blocks:
        if not block.translatable:
            continue
        sentences = block_sentences(block)
        for index, (sentence, line) in enumerate(sentences):
            segments.append(
                Segment(
                    doc_id=document.doc_id,
                    file_name=document.file_name,
                    paragraph=paragraph,
                    index=index,
                    text=sentence,
                    line=line,
                    lang=segment_language(block, sentence),
                    block_prefix=block.prefix,
                    note=block.note,
                    part_line=block.part_line,
                )
            )
        if sentences:
            paragraph += 1
    return SegmentedDocument(document=document, segments=tuple(segments))


def segment_language(block: Block, sentence: str) -> str:
    """The language of a segment of ``block``: as the document declares it, else detected
    (on a rich block's text without its inline codes)."""
    return block.lang or detect_language(strip_codes(sentence) if block.inline else sentence)


def block_sentences(block: Block) -> list[tuple[str, int]]:
    """The segments (msgids) of one block, each with the 1-based line it starts on."""
    if block.inline:
        line = block.first_line
        return [(p.msgid, line) for p in rich_paragraph(block).pieces if isinstance(p, Sentence)]
    text = block.text
    line_starts = [0]
    for source_line in block.lines[:-1]:
        line_starts.append(line_starts[-1] + len(source_line.text) + 1)
    result: list[tuple[str, int]] = []
    for start, end in sentence_spans(text):
        sentence = normalize_space(text[start:end])
        if not sentence:
            continue
        line_index = max(i for i, offset in enumerate(line_starts) if offset <= start)
        result.append((sentence, block.lines[line_index].number))
    return result
