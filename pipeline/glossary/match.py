"""Finding glossary terms in English source text.

A term matches its plural (``orphan diseases``, ``SEZs``, ``policies``) and possessive
(``SEZ's``, ``Generium-Next's``) forms; words of a term may be joined by spaces or hyphens in
the text (``Generium-Next`` matches ``Generium Next``). Case-sensitive terms match their
exact case only, the others any case. Matches never share characters: the longest wins,
then the leftmost, then the term listed first.

A multi-word term split by a coordination counts too: its first words, up to three more
comma-separated items, ``and``/``or`` (CLDR's English list patterns, also ``and/or`` and
``&``) with one or two words, then its remaining words — "rare and hereditary diseases" holds
*rare disease* (and *hereditary disease* as written), "orphan and other rare diseases"
*orphan disease*, "rare, hereditary and orphan diseases" all three. Such a match is reported
by its own words (``rare``), so that matches still never share characters. A coordination
after the term's last word ("special economic zones and technoparks") splits nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from ..languages import SOURCE_LANGUAGE, profile
from .terms import GlossaryTerm, SourceMatch

T = TypeVar("T")

# Characters that join the words of a term: white space and hyphens/dashes.
WORD_JOINERS = "\\s\\-\u2010\u2011\u2012\u2013"
_WORD_SPLIT = re.compile(f"[{WORD_JOINERS}]+")
_JOINER = f"[{WORD_JOINERS}]+"
_POSSESSIVE = "(?:['\u2019]s)?"
_VOWELS = "aeiouAEIOU"
# One coordinated word: letters, then letters, digits, hyphens or apostrophes.
_COORDINATED_WORD = r"[^\W\d_][\w\-\u2010\u2011'\u2019]*"
MAX_LISTED = 3  # comma-separated items before the "and"/"or" of a split term


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


@lru_cache(maxsize=1)
def _conjunction() -> str:
    """The pattern of an English ``and``/``or`` joining coordinated words."""
    words = sorted(profile(SOURCE_LANGUAGE).conjunctions, key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words)
    return rf"(?:(?:{alternatives})(?:/(?:{alternatives}))?|&)"


@lru_cache(maxsize=1)
def _coordinations() -> re.Pattern[str]:
    """Where an ``and``/``or`` (or ``&``) stands in lower-cased English text."""
    words = "|".join(re.escape(word) for word in profile(SOURCE_LANGUAGE).conjunctions)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)|&")


def _may_split(term: str, lowered: str, coordinations: list[tuple[int, int]]) -> bool:
    """Whether ``term`` may occur split by a coordination in a text (``lowered``, with
    ``coordinations`` where its ``and``/``or`` stand): one must stand after the term's first
    word and before its last (a quick test that saves compiling the split patterns)."""
    if not coordinations:
        return False
    fragments = _required_fragments(term)
    if not fragments:  # non-ASCII: no quick test
        return True
    first, last = lowered.find(fragments[0]), lowered.rfind(fragments[-1])
    return any(first < start and end <= last for start, end in coordinations)


def _outside(spans: list[tuple[int, int]], within: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``spans`` that lie inside none of ``within``."""
    if not within:
        return spans
    return [(s, e) for s, e in spans if not any(a <= s and e <= b for a, b in within)]


@lru_cache(maxsize=4096)
def split_patterns(term: str, case_sensitive: bool = False) -> tuple[re.Pattern[str], ...]:
    """Patterns of a multi-word term split by a coordination, one per place it can split.

    The group ``own`` holds the term's first words: "rare" of "rare and hereditary diseases".
    """
    # A term splits only where it has a space: "high-tech" is one word.
    chunks = [[w for w in _WORD_SPLIT.split(chunk) if w] for chunk in term.split()]
    words = [word for chunk in chunks for word in chunk]
    if len(chunks) < 2 or not all(word[0].isalnum() and word[-1].isalnum() for word in words):
        return ()
    listed = rf"(?:\s*,\s*{_COORDINATED_WORD}){{0,{MAX_LISTED}}}"
    coordinated = rf"\s*,?\s+{_conjunction()}\s+(?:{_COORDINATED_WORD}\s+)?{_COORDINATED_WORD}\s+"
    patterns = []
    for cut in range(1, len(chunks)):
        before = [word for chunk in chunks[:cut] for word in chunk]
        after = [word for chunk in chunks[cut:] for word in chunk]
        own = _JOINER.join(re.escape(word) for word in before)
        rest = [re.escape(word) for word in after[:-1]] + [_inflected_word(after[-1])]
        body = rf"(?<!\w)(?P<own>{own}){listed}{coordinated}{_JOINER.join(rest)}"
        body += _POSSESSIVE + r"(?!\w)"
        patterns.append(re.compile(body, 0 if case_sensitive else re.IGNORECASE))
    return tuple(patterns)


@lru_cache(maxsize=4096)
def _required_fragments(term: str) -> tuple[str, ...]:
    """Lower-case text that every match of ``term`` contains, plain or split (a quick test
    before the patterns): its words, the last without its final letter (policy → policies).
    Nothing for a non-ASCII term, whose case folding ``str.lower`` may not mirror."""
    if not term.isascii():
        return ()
    words = [word.lower() for word in _WORD_SPLIT.split(term.strip()) if word]
    if not words:
        return ()
    return (*words[:-1], words[-1][:-1])


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
    """Every glossary term in an English text, non-overlapping, in text order.

    A term split by a coordination is reported by its own words (``rare`` in "rare and
    hereditary diseases"), where they overlap no other match.
    """
    lowered = text.lower()
    terms = [
        term
        for term in terms
        if all(fragment in lowered for fragment in _required_fragments(term.term))
    ]
    candidates: list[tuple[int, int, GlossaryTerm]] = []
    for term in terms:
        pattern = source_pattern(term.term, term.case_sensitive)
        candidates.extend((match.start(), match.end(), term) for match in pattern.finditer(text))
    kept = select_longest(candidates)
    coordinations = [match.span() for match in _coordinations().finditer(lowered)]
    for term in terms:
        # The "and" of a term written in full ("vital and essential drugs") splits nothing.
        plain = [(start, end) for start, end, found in candidates if found is term]
        if not _may_split(term.term, lowered, _outside(coordinations, plain)):
            continue
        for pattern in split_patterns(term.term, term.case_sensitive):
            for match in pattern.finditer(text):
                start, end = match.span("own")
                if all(
                    end <= other_start or start >= other_end for other_start, other_end, _ in kept
                ):
                    kept.append((start, end, term))
    kept.sort(key=lambda span: span[0])
    return [
        SourceMatch(term=term, start=start, end=end, text=text[start:end])
        for start, end, term in kept
    ]


def contains_source_term(text: str, term: GlossaryTerm) -> bool:
    """Whether the English term (plural/possessive forms, split by a coordination) occurs."""
    if source_pattern(term.term, term.case_sensitive).search(text) is not None:
        return True
    return any(p.search(text) for p in split_patterns(term.term, term.case_sensitive))
