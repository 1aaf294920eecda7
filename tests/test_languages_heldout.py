"""Held-out sentences (tests/data/terms_heldout, written for this project) in eleven
languages: term recall and precision per language, and the numbers check's false alarms on
correct translations (wrong ones are still caught)."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from pipeline.glossary import GlossaryTerm, find_target_terms
from pipeline.qa.numbers import compare_numbers, extract_numbers

DATA = Path(__file__).parent / "data" / "terms_heldout"
LANGUAGES = ("it", "pt", "nl", "cs", "tr", "ko", "ar", "hi", "de", "es", "pl")


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _glossary() -> dict[str, list[GlossaryTerm]]:
    terms: dict[str, list[GlossaryTerm]] = defaultdict(list)
    for lang, term, translations in _rows("glossary.tsv"):
        terms[lang].append(GlossaryTerm(term, lang, tuple(translations.split("|"))))
    return terms


@cache
def term_scores() -> dict[str, tuple[int, int, int]]:
    """Per language: (terms found that are there, terms there, terms found)."""
    glossary = _glossary()
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for lang, expected_text, sentence in _rows("sentences.tsv"):
        expected = set() if expected_text == "-" else set(expected_text.split("; "))
        found = {term.term for term in find_target_terms(sentence, glossary[lang], lang)}
        score = scores[lang]
        score[0] += len(found & expected)
        score[1] += len(expected)
        score[2] += len(found)
    return {lang: (hit, there, found) for lang, (hit, there, found) in scores.items()}


def test_every_language_has_sentences_and_distractors() -> None:
    rows = _rows("sentences.tsv")
    for lang in LANGUAGES:
        assert sum(1 for row in rows if row[0] == lang and row[1] != "-") >= 6, lang
        assert sum(1 for row in rows if row[0] == lang and row[1] == "-") >= 2, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_term_recall_and_precision(lang: str) -> None:
    hit, there, found = term_scores()[lang]
    assert hit / there >= 0.97, (lang, hit, there)
    assert hit / found >= 0.99, (lang, hit, found)


@pytest.mark.parametrize("row", _rows("numbers.tsv"), ids=lambda row: f"{row[0]}:{row[1][:24]}")
def test_numbers_no_false_alarm_and_wrong_ones_caught(row: list[str]) -> None:
    lang, source, correct, *wrong = row
    source_numbers = extract_numbers(source, "en")
    assert compare_numbers(source_numbers, extract_numbers(correct, lang)) == ([], [])
    for text in wrong:
        missing, extra = compare_numbers(source_numbers, extract_numbers(text, lang))
        assert missing and extra, text
