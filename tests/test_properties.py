"""Properties that must hold for any text: nothing lost or duplicated, msgids read back."""

from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalog import Template, TemplateEntry
from pipeline.formats import parse_document
from pipeline.pofile import template_catalog, write_catalog
from pipeline.segment import segment_document
from pipeline.sentences import normalize_space, sentence_spans

sentence_chars = st.sampled_from(
    list("abcXYZ Ёжик.,!?…\"'“”«»()%{}\\\t\n-0123456789")
    + ["Mr.", "e.g.", "U.S.", "3.2", " ", "  ", "\u00a0", "\u200f"]
)
texts = st.lists(sentence_chars, max_size=80).map("".join)


@given(texts)
@settings(max_examples=300)
def test_segments_rejoin_to_the_normalised_paragraph(text: str) -> None:
    spans = sentence_spans(text)
    pieces = [text[a:b] for a, b in spans]
    assert " ".join(normalize_space(p) for p in pieces) == normalize_space(text)
    assert all(p.strip() == p and p for p in pieces)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


@given(st.lists(texts, min_size=1, max_size=5))
@settings(max_examples=100)
def test_document_paragraphs_are_kept(paragraphs: list[str]) -> None:
    cleaned = [" ".join(p.split()) for p in paragraphs]
    cleaned = [p for p in cleaned if p]
    document = parse_document("\n\n".join(cleaned), doc_id="d", path="d.txt", markdown=False)
    segments = segment_document(document).segments
    rebuilt: dict[int, list[str]] = {}
    for segment in segments:
        rebuilt.setdefault(segment.paragraph, []).append(segment.text)
    assert [" ".join(v) for _, v in sorted(rebuilt.items())] == cleaned


msgids = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")


@given(st.lists(msgids, min_size=1, max_size=8, unique=True))
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_msgids_read_back_identical(tmp_path_factory, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    path = Path(tmp_path_factory.mktemp("po")) / "t.pot"
    template = Template("t", "t.txt", [TemplateEntry(v, "en", [("t.txt", 1)]) for v in values])
    write_catalog(template_catalog(template), path, template=True)
    assert [e.msgid for e in polib.pofile(str(path))] == values
