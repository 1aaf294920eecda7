"""English source matching, language selection, hints and the shipped glossary."""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.formats import read_document
from pipeline.glossary import Glossary, GlossaryTerm, SourceMatch, hint_comment
from pipeline.glossary import match as match_module
from pipeline.glossary.match import find_source_matches
from pipeline.segment import segment_document

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "glossary" / "terms.csv"
RELEASE = ROOT / "examples" / "generium-next-release.txt"


def ru(term: str, translation: str = "x", **fields: object) -> GlossaryTerm:
    return GlossaryTerm(term=term, lang="ru", translations=(translation,), **fields)  # type: ignore[arg-type]


def found(text: str, *terms: GlossaryTerm) -> list[str]:
    return [match.text for match in Glossary(terms).find_in_source(text, "ru")]


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("orphan disease", "rare, so-called orphan diseases.", "orphan diseases"),
        ("orphan disease", "an Orphan Disease", "Orphan Disease"),
        ("SEZ", "the SEZ's residents", "SEZ's"),
        ("SEZ", "the SEZ’s residents", "SEZ’s"),
        ("SEZ", "two SEZs", "SEZs"),
        ("policy", "industrial policies", "policies"),
        ("Generium Next", "Generium-Next's plans", "Generium-Next's"),
        ("Generium-Next", "LLC Generium Next", "Generium Next"),
        ("high-tech", "a high tech production", "high tech"),
        ("dosage form", "finished dosage\nforms", "dosage\nforms"),
    ],
)
def test_english_term_matches_plural_possessive_and_hyphen_variants(
    term: str, text: str, expected: str
) -> None:
    assert found(text, ru(term)) == [expected]


def test_match_positions_point_into_the_text() -> None:
    text = "Resident of SEZ Technopolis Moscow"
    (match,) = Glossary([ru("SEZ")]).find_in_source(text, "ru")
    assert isinstance(match, SourceMatch)
    assert text[match.start : match.end] == match.text == "SEZ"


def test_words_must_be_whole() -> None:
    assert found("residential area, presidents", ru("resident")) == []
    assert found("SEZZ and XSEZ", ru("SEZ", case_sensitive=True)) == []


def test_case_sensitive_term_matches_exact_case_only() -> None:
    sez = ru("SEZ", case_sensitive=True)
    assert found("SEZ, Sez, sez", sez) == ["SEZ"]
    assert found("SEZ, Sez, sez", ru("SEZ")) == ["SEZ", "Sez", "sez"]


def test_longest_match_wins() -> None:
    long_term, short_term = ru("special economic zone"), ru("economic zone")
    matches = Glossary([short_term, long_term]).find_in_source(
        "the special economic zone and an economic zone", "ru"
    )
    assert [(m.term, m.text) for m in matches] == [
        (long_term, "special economic zone"),
        (short_term, "economic zone"),
    ]


def test_overlapping_terms_share_no_characters_leftmost_wins_on_equal_length() -> None:
    first, second = ru("alpha beta"), ru("beta gamma")
    matches = Glossary([second, first]).find_in_source("alpha beta gamma", "ru")
    assert [m.term for m in matches] == [first]


def test_overlap_prefers_the_longer_term_even_when_it_starts_later() -> None:
    matches = found(
        "Technopolis Moscow SEZ Alabushevo site",
        ru("SEZ Alabushevo"),
        ru("Technopolis Moscow SEZ"),
        ru("Alabushevo site"),
    )
    assert matches == ["Technopolis Moscow SEZ", "Alabushevo site"]


def test_terms_for_matches_language_and_its_regions() -> None:
    glossary = Glossary(
        [
            GlossaryTerm("SEZ", "ru", ("ОЭЗ",)),
            GlossaryTerm("SEZ", "ru-RU", ("ОЭЗ",)),
            GlossaryTerm("SEZ", "de", ("SWZ",)),
            GlossaryTerm("SEZ", "pt_PT", ("ZEE",)),
        ]
    )
    assert [t.lang for t in glossary.terms_for("ru")] == ["ru", "ru-RU"]
    assert [t.lang for t in glossary.terms_for("RU_ru")] == ["ru", "ru-RU"]
    assert glossary.terms_for("pt-BR") == []
    assert glossary.find_in_source("SEZ", "fr") == []


def test_hint_comment_lists_each_term_once_with_note_and_dnt() -> None:
    sez = GlossaryTerm("SEZ", "ru", ("ОЭЗ",), note="особая экономическая зона")
    orphan = GlossaryTerm("orphan disease", "ru", ("орфанное заболевание",))
    company = GlossaryTerm("Generium Next", "ru", ("Generium Next",), dnt=True)
    matches = Glossary([sez, orphan, company]).find_in_source(
        "Generium Next, SEZ, orphan diseases, SEZs", "ru"
    )
    assert hint_comment(matches) == (
        "glossary: Generium Next → (do not translate); SEZ → ОЭЗ (особая экономическая зона); "
        "orphan disease → орфанное заболевание"
    )
    assert hint_comment([]) == ""


def test_hint_comment_shortens_long_notes_to_one_line() -> None:
    term = GlossaryTerm("SEZ", "ru", ("ОЭЗ",), note="word\nword " * 20)
    hint = hint_comment([term])
    assert "\n" not in hint and hint.endswith("…)")
    assert len(hint) < 100


def test_shipped_glossary_covers_the_sample_release() -> None:
    glossary = Glossary.load(SHIPPED)
    segments = segment_document(read_document(RELEASE)).segments
    terms = {m.term.term for s in segments for m in glossary.find_in_source(s.text, "ru")}
    assert {
        "SEZ",
        "special economic zone",
        "Technopolis Moscow",
        "orphan disease",
        "Gaucher disease",
        "cystic fibrosis",
        "bronchial asthma",
        "Alabushevo site",
        "Alabushevo",
        "Generium Next",
        "secondary packaging",
        "Russian Ministry of Health",
        "Zelenograd",
        "Department for Investment and Industrial Policy of Moscow",
        "resident",
        "finished dosage form",
        "vital and essential drugs",
        "genetically engineered",
    } <= terms


def test_shipped_glossary_russian_terms() -> None:
    glossary = Glossary.load(SHIPPED)
    by_term = {t.term: t for t in glossary.terms_for("ru")}
    assert by_term["SEZ"].preferred == "ОЭЗ" and "СЭЗ" in by_term["SEZ"].forbidden
    assert by_term["Technopolis Moscow"].preferred == "«Технополис Москва»"
    assert by_term["orphan disease"].preferred == "орфанное заболевание"
    assert "сиротское заболевание" in by_term["orphan disease"].forbidden
    assert by_term["Gaucher disease"].preferred == "болезнь Гоше"
    assert by_term["cystic fibrosis"].preferred == "муковисцидоз"
    assert by_term["bronchial asthma"].preferred == "бронхиальная астма"
    assert by_term["Alabushevo site"].preferred == "площадка «Алабушево»"
    assert by_term["Generium Next"].preferred == "«Генериум-Некст»"
    assert by_term["secondary packaging"].preferred == "вторичная упаковка"
    assert by_term["Ministry of Health"].preferred == "Минздрав"


_TERM_WORDS = sorted(
    {w for t in Glossary.load(SHIPPED).terms for w in t.term.replace("-", " ").split()}
    | {"and", "or", "AND", "and/or", "&", "other", ",", "policy", "policies", "the"}
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_TERM_WORDS),
            st.sampled_from(["", "s", "es", "'s", "’s"]),
            st.sampled_from([" ", "-", "  ", ", "]),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_quick_word_test_never_hides_a_match(words: list[tuple[str, str, str, bool]]) -> None:
    """Skipping terms whose words are absent, and split patterns where no coordination
    stands between a term's words, gives the same matches as trying every pattern."""
    text = "".join(
        (word.upper() if upper else word) + ending + joiner for word, ending, joiner, upper in words
    )
    terms = Glossary.load(SHIPPED).terms_for("ru")
    quick = find_source_matches(text, terms)
    with (
        patch.object(match_module, "_required_fragments", lambda term: ()),
        patch.object(match_module, "_may_split", lambda *arguments: True),
    ):
        every = find_source_matches(text, terms)
    assert quick == every


_CONJOINED_TERM_WORDS = ["vital", "and", "essential", "drugs", "drug", "or", "other", "&", "Vital"]


@settings(max_examples=300, deadline=None)
@example([("vital", " "), ("and", " "), ("other", " "), ("vital", " "), ("and", " ")])
@given(
    st.lists(
        st.tuples(st.sampled_from(_CONJOINED_TERM_WORDS), st.sampled_from([" ", ", ", "-"])),
        max_size=14,
    )
)
def test_the_and_of_a_term_written_in_full_splits_nothing(words: list[tuple[str, str]]) -> None:
    """A term with an "and" of its own ("vital and essential drugs"): that "and", inside
    the term written in full, is no reason to try the split patterns; any other may be.
    Texts made of the term's words find what trying every pattern finds."""
    text = "".join(word + joiner for word, joiner in words) + "essential drugs"
    terms = [GlossaryTerm("vital and essential drugs", "ru", ("ЖНВЛП",))]
    quick = find_source_matches(text, terms)
    with patch.object(match_module, "_may_split", lambda *arguments: True):
        every = find_source_matches(text, terms)
    assert quick == every
