"""Finding glossary terms in English source text.

A term matches its plural (``orphan diseases``, ``SEZs``, ``policies``) and possessive
(``SEZ's``, ``Generium-Next's``) forms; words of a term may be joined by spaces or hyphens in
the text (``Generium-Next`` matches ``Generium Next``). Case-sensitive terms match their
exact case only, the others any case. Matches never share characters: the longest wins,
then the leftmost, then the term listed first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from .terms import GlossaryTerm, SourceMatch

T = TypeVar("T")

# Characters that join the words of a term: white space and hyphens/dashes.
WORD_JOINERS = "\\s\\-\u2010\u2011\u2012\u2013"
_WORD_SPLIT = re.compile(f"[{WORD_JOINERS}]+")
_JOINER = f"[{WORD_JOINERS}]+"
_POSSESSIVE = "(?:['\u2019]s)?"
_VOWELS = "aeiouAEIOU"


@lru_cache(maxsize=4096)
def source_pattern(term: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """The regular expression that finds an English term and its plural/possessive forms."""
    words = [word for word in _WORD_SPLIT.split(term.strip()) if word]
    if not words:
        raise ValueError("empty term")
    parts = [re.escape(word) for word in words[:-1]]
    parts.append(_inflected_word(words[-1]))
    body = _JOINER.join(parts)
    if words[0][0].isalnum():
        body = r"(?<!\w)" + body
    if words[-1][-1].isalnum():
        body += _POSSESSIVE + r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def _inflected_word(word: str) -> str:
    """A pattern for the last word of a term with its plural endings (regular English)."""
    if not word[-1].isalpha():
        return re.escape(word)
    if word[-1] in "yY" and len(word) > 1 and word[-2].isalpha() and word[-2] not in _VOWELS:
        return re.escape(word[:-1]) + "(?:y|ies|Y|IES)"
    return re.escape(word) + "(?:e?s|E?S)?"


def select_longest(spans: Iterable[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """Keep spans that share no characters: longest first, then leftmost, then first given.

    Returns the kept spans ordered by start.
    """
    ordered = sorted(
        enumerate(spans), key=lambda item: (item[1][0] - item[1][1], item[1][0], item[0])
    )
    kept: list[tuple[int, int, T]] = []
    for _, (start, end, payload) in ordered:
        if start >= end:
            continue
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in kept):
            kept.append((start, end, payload))
    kept.sort(key=lambda span: span[0])
    return kept


def find_source_matches(text: str, terms: Sequence[GlossaryTerm]) -> list[SourceMatch]:
    """Every glossary term in an English text, non-overlapping, in text order."""
    candidates: list[tuple[int, int, GlossaryTerm]] = []
    for term in terms:
        pattern = source_pattern(term.term, term.case_sensitive)
        candidates.extend((match.start(), match.end(), term) for match in pattern.finditer(text))
    return [
        SourceMatch(term=term, start=start, end=end, text=text[start:end])
        for start, end, term in select_longest(candidates)
    ]


def contains_source_term(text: str, term: GlossaryTerm) -> bool:
    """Whether the English term (with its plural/possessive forms) occurs in ``text``."""
    return source_pattern(term.term, term.case_sensitive).search(text) is not None
