"""English source terms split by a coordination ("rare and hereditary diseases")."""

from __future__ import annotations

import pytest

from pipeline.glossary import Glossary, GlossaryTerm, hint_comment


def _term(name: str, **fields: object) -> GlossaryTerm:
    return GlossaryTerm(name, "de", ("x",), **fields)  # type: ignore[arg-type]


GLOSSARY = Glossary(
    [
        _term("rare disease"),
        _term("hereditary disease"),
        _term("orphan disease"),
        _term("special economic zone"),
        _term("investment project"),
        _term("Gaucher disease"),
        _term("high-tech"),
        _term("clinical trial"),
        _term("primary packaging"),
        _term("secondary packaging"),
        _term("vital and essential drugs"),
        _term("Ministry of Health"),
    ]
)


def _found(text: str) -> list[str]:
    return [match.term.term for match in GLOSSARY.find_in_source(text, "de")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The plant makes drugs for rare and hereditary diseases.",
            ["rare disease", "hereditary disease"],
        ),
        (
            "Its portfolio covers orphan and other rare diseases.",
            ["orphan disease", "rare disease"],
        ),
        (
            "Rare, hereditary and orphan diseases affect millions.",
            ["rare disease", "hereditary disease", "orphan disease"],
        ),
        (
            "Treatments for rare, hereditary, and orphan diseases.",
            ["rare disease", "hereditary disease", "orphan disease"],
        ),
        ("Therapies for rare and/or hereditary diseases.", ["rare disease", "hereditary disease"]),
        ("Drugs for Gaucher and Fabry diseases.", ["Gaucher disease"]),
        (
            "Rare and often hereditary diseases are hard to diagnose.",
            ["rare disease", "hereditary disease"],
        ),
        (
            "The site will handle primary and secondary packaging.",
            ["primary packaging", "secondary packaging"],
        ),
        ("Both clinical and preclinical trials are planned.", ["clinical trial"]),
        ("RARE AND HEREDITARY DISEASES", ["rare disease", "hereditary disease"]),
        ("Orphan & rare diseases", ["orphan disease", "rare disease"]),
    ],
)
def test_a_term_split_by_a_coordination_is_found(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A coordination after the term's last word splits nothing.
        ("Residents of special economic zones and technoparks.", ["special economic zone"]),
        # The words of a term apart, not coordinated before its noun.
        ("The disease is rare and hereditary.", []),
        ("Rare and expensive drugs for several diseases.", []),
        ("Special and economic reasons for the zone.", []),
        ("A rare event and a disease.", []),
        # Hyphenated terms are one word: they never split.
        ("high and low tech production", []),
        # A term that contains "and" still matches as written.
        ("the list of vital and essential drugs", ["vital and essential drugs"]),
        ("the Ministry of Health and Social Development", ["Ministry of Health"]),
    ],
)
def test_no_false_coordination(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_a_split_term_is_reported_by_its_own_words() -> None:
    text = "Drugs for rare and hereditary diseases."
    rare, hereditary = GLOSSARY.find_in_source(text, "de")
    assert (rare.text, text[rare.start : rare.end]) == ("rare", "rare")
    assert hereditary.text == "hereditary diseases"
    assert rare.end <= hereditary.start  # matches never share characters


def test_case_sensitive_terms_split_in_their_own_case_only() -> None:
    glossary = Glossary([_term("Gaucher disease", case_sensitive=True)])
    assert len(glossary.find_in_source("Gaucher and Fabry diseases", "de")) == 1
    assert glossary.find_in_source("gaucher and Fabry diseases", "de") == []


def test_the_hint_names_every_coordinated_term() -> None:
    hint = hint_comment(GLOSSARY.find_in_source("Orphan and other rare diseases.", "de"))
    assert hint == "glossary: orphan disease → x; rare disease → x"
