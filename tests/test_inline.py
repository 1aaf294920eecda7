"""Inline codes: writing, checking, cutting into sentences, putting back, MT placement."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.inline import (
    Leaf,
    Placeholder,
    Sentence,
    Span,
    assemble,
    escape_text,
    markup_problems,
    mask_codes,
    nest,
    paragraph_pieces,
    restore_codes,
    split_wrapper,
    strip_codes,
    tokens,
    unescape_text,
)
from pipeline.sentences import normalize_space, split_sentences


def msgids(leaves: list[Leaf]) -> list[str]:
    return [p.msgid for p in paragraph_pieces(leaves) if isinstance(p, Sentence)]


def test_escape_round_trip_and_codes_are_not_confused_with_text() -> None:
    for text in ["a <b1> b", "x &lt; y", "&amp;lt;", "<b>not a code</b>", "1 < 2 > 0"]:
        escaped = escape_text(text)
        assert unescape_text(escaped) == text
        assert [t for t in tokens(escaped) if not isinstance(t, str)] == []
    assert escape_text("<b>tag</b>") == "<b>tag</b>"  # only code-shaped text is escaped


def test_markup_problems() -> None:
    source = "The <b1>SEZ</b1> was founded in <a2>2005</a2>.<x3/>"
    assert markup_problems(source, "<a2>В 2005</a2> году основана <b1>ОЭЗ</b1>.<x3/>") == []
    assert markup_problems(source, "ОЭЗ <b1>основана</b1> в 2005.<x3/>") == [
        "<a2> is missing",
        "</a2> is missing",
    ]
    assert "<x3/> appears 2 times" in markup_problems(
        source, "<b1>ОЭЗ</b1> <a2>2005</a2><x3/><x3/>"
    )
    assert "<i4> is not in the source" in markup_problems(
        source, "<b1>ОЭЗ</b1> <i4>в</i4> <a2>2005</a2><x3/>"
    )
    assert any("nest" in p for p in markup_problems(source, "<b1>ОЭЗ <a2>2005</b1></a2><x3/>"))
    assert any(
        "before its opening" in p
        for p in markup_problems(source, "</b1>ОЭЗ<b1> <a2>2005</a2><x3/>")
    )


def test_nested_spans_and_wrapper() -> None:
    bold, italic, link = Span("b"), Span("i"), Span("a")
    leaves = [
        Leaf("All linked: ", (link,)),
        Leaf("bold ", (link, bold)),
        Leaf("and italic", (link, bold, italic)),
        Leaf(" end.", (link,)),
    ]
    wrapper, inner = split_wrapper(leaves)
    assert wrapper == (link,)
    assert msgids(inner) == ["All linked: <b1>bold <i2>and italic</i2></b1> end."]


def test_span_across_a_sentence_boundary_is_split_and_joined_again() -> None:
    link = Span("a")
    leaves = [Leaf("See "), Leaf("the link. It spans", (link,)), Leaf(" two.")]
    pieces = paragraph_pieces(leaves)
    assert [p.msgid for p in pieces if isinstance(p, Sentence)] == [
        "See <a1>the link.</a1>",
        "<a1>It spans</a1> two.",
    ]
    rebuilt = nest(assemble(pieces, [p.msgid for p in pieces if isinstance(p, Sentence)], " ".join))
    assert rebuilt[0] == "See "
    assert rebuilt[1].span is link and rebuilt[1].children == ["the link. It spans"]
    assert rebuilt[2] == " two."


def test_white_space_moves_out_of_codes_and_empty_pairs_go() -> None:
    bold = Span("b")
    leaves = [Leaf("Plain"), Leaf(" bold ", (bold,)), Leaf("text.   "), Leaf("  ", (Span("i"),))]
    assert msgids(leaves) == ["Plain <b1>bold</b1> text."]


def test_placeholders_inside_and_at_the_edges() -> None:
    image, tab = Placeholder("img"), Placeholder("x")
    leaves = [Leaf(image), Leaf(" Logo"), Leaf(tab), Leaf("text. Next one."), Leaf(image)]
    pieces = paragraph_pieces(leaves)
    assert [p.msgid for p in pieces if isinstance(p, Sentence)] == ["Logo<x1/>text.", "Next one."]
    out = assemble(pieces, ["Лого<x1/>текст.", "Ещё."], " ".join)
    assert [leaf.content for leaf in out] == [image, " ", "Лого", tab, "текст.", " ", "Ещё.", image]


def test_join_decides_the_separator() -> None:
    leaves = [Leaf("One. Two.")]
    pieces = paragraph_pieces(leaves)
    out = assemble(pieces, ["一。", "二。"], "".join)
    assert "".join(leaf.text for leaf in out) == "一。二。"


# --- property: cutting and assembling with msgstr = msgid gives the paragraph back ------------

WORDS = st.sampled_from(["Alpha", "beta", "Gamma.", "delta,", "Eps!", "zeta", "3.2", "Mr.", "Co."])


@st.composite
def paragraphs(draw: st.DrawFn) -> list[Leaf]:
    spans = [Span(kind) for kind in ("b", "i", "a", "g")]
    leaves: list[Leaf] = []
    for _ in range(draw(st.integers(1, 12))):
        depth = draw(st.integers(0, 2))
        stack = tuple(draw(st.permutations(spans))[:depth])
        if draw(st.booleans()) and leaves and draw(st.booleans()):
            stack = leaves[-1].stack  # continue the same spans
        if draw(st.integers(0, 9)) == 0:
            leaves.append(Leaf(Placeholder("x"), stack))
        else:
            text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
            space = draw(st.sampled_from(["", " ", "  "]))
            leaves.append(Leaf(text + space, stack))
    if not any(leaf.text.strip() for leaf in leaves):
        leaves.append(Leaf("Omega."))
    return leaves


def flatten(nodes: list) -> list[tuple[str, tuple[int, ...]]]:
    """(character, ids of enclosing spans) for every non-space character and placeholder."""
    out: list[tuple[str, tuple[int, ...]]] = []

    def walk(items: list, path: tuple[int, ...]) -> None:
        for item in items:
            if isinstance(item, str):
                out.extend((ch, path) for ch in item if not ch.isspace())
            elif isinstance(item, Placeholder):
                out.append(("<obj>", path))
            else:
                walk(item.children, (*path, id(item.span)))

    walk(nodes, ())
    return out


@settings(max_examples=150, deadline=None)
@given(paragraphs())
def test_identity_assembly_keeps_text_and_formatting(leaves: list[Leaf]) -> None:
    wrapper, inner = split_wrapper(leaves)
    pieces = paragraph_pieces(inner)
    sentences = [p.msgid for p in pieces if isinstance(p, Sentence)]
    for msgid in sentences:
        assert markup_problems(msgid, msgid) == []
    plain = normalize_space("".join(leaf.text for leaf in leaves))
    assert [strip_codes(s) for s in sentences] == split_sentences(plain)
    rebuilt = [
        Leaf(leaf.content, wrapper + leaf.stack) for leaf in assemble(pieces, sentences, " ".join)
    ]
    assert flatten(nest(rebuilt)) == flatten(nest(leaves))


# --- MT: codes masked and put back -------------------------------------------------------------


def test_mask_gives_plain_text() -> None:
    masked = mask_codes("The <b1>SEZ</b1> was founded in <a2>2005</a2>.")
    assert masked.plain == "The SEZ was founded in 2005."
    assert mask_codes("No codes.").plain == "No codes."


def test_restore_places_codes_with_confidence_or_says_so() -> None:
    source = "The company <b1>Generium Next</b1> was founded in <a2>2005</a2>."
    text, sure = restore_codes(mask_codes(source), "Компания Generium Next основана в 2005 году.")
    assert sure and text == "Компания <b1>Generium Next</b1> основана в <a2>2005</a2> году."
    text, sure = restore_codes(mask_codes("The <b1>SEZ</b1> grows."), "ОЭЗ растёт.")
    assert not sure and markup_problems("The <b1>SEZ</b1> grows.", text) == []
    text, sure = restore_codes(mask_codes("<a1>All of it.</a1>"), "Всё.")
    assert sure and text == "<a1>Всё.</a1>"
    text, sure = restore_codes(mask_codes("<img1/>Logo and <x2/> tab."), "Лого и таб.")
    assert (
        not sure
        and text.startswith("<img1/>")
        and markup_problems("<img1/>Logo and <x2/> tab.", text) == []
    )


def test_restore_finds_glossary_translations_of_a_coded_term() -> None:
    masked = mask_codes("The <b1>SEZ</b1> grows.")
    forms = {"SEZ": ["ОЭЗ", "особая экономическая зона"]}
    assert restore_codes(masked, "ОЭЗ растёт.", forms) == ("<b1>ОЭЗ</b1> растёт.", True)
    assert restore_codes(masked, "ОЭЗ и ОЭЗ растут.", forms)[1] is False  # twice: not sure


def test_exact_space_keeps_runs_of_white_space_and_moves_them_out_of_codes() -> None:
    bold, tab = Span("b"), Placeholder("x")
    leaves = [Leaf("Total:  "), Leaf(" 5 ", (bold,)), Leaf(" items.  Next"), Leaf(tab)]
    leaves.append(Leaf("  one.\tEnd."))
    assert msgids(leaves) == ["Total: <b1>5</b1> items.", "Next<x1/> one.", "End."]
    pieces = paragraph_pieces(leaves, exact_space=True)
    sentences = [p.msgid for p in pieces if isinstance(p, Sentence)]
    assert sentences == ["Total:   <b1>5</b1>  items.", "Next<x1/>  one.", "End."]
    # The source's spacing between sentences comes back where the target joins with a space.
    rebuilt = assemble(pieces, sentences, " ".join)
    assert "".join(leaf.text or "|" for leaf in rebuilt) == "Total:   5  items.  Next|  one.\tEnd."
