"""Finding glossary terms in translated (target-language) text and checking a translation.

The text is cut into words (runs of letters and digits); a term matches a run of
consecutive words separated only by white space, hyphens, quotes or brackets, so quotes
(«» “” "" „), hyphen/space variants (``Генериум-Некст`` / ``Генериум Некст``) and case
never matter, and ``ё`` counts as ``е``.

* Russian (``ru``): each word is compared at lemma level with pymorphy3 (see
  :mod:`pipeline.glossary.russian`), so ``особой экономической зоны`` matches
  ``особая экономическая зона`` and ``Минздравом`` matches ``Минздрав``.
* Other languages: words are compared by their normalised surface form only (no
  morphology). Languages written without spaces (Chinese, Japanese, Thai, Lao, Khmer,
  Burmese) are matched as case-folded substrings instead.

Do-not-translate terms are looked for in the target as the English term itself, in its
exact case (plural/possessive endings and hyphen/space variants allowed, as in
:mod:`pipeline.glossary.match`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .match import select_longest, source_pattern
from .russian import WordAnalysis, analyze_word, normalize_word, word_matches
from .store import Glossary
from .terms import GlossaryTerm, TermCheck, primary_language

_WORD = re.compile(r"[^\W_]+")
# What may stand between two words of one term: spaces, hyphens/dashes, quotes, brackets.
_WORD_GAP = re.compile(r"[\s\-\u2010-\u2015«»“”„‟\"'‘’‚‹›()\[\]]*")
_UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    surface: str  # normalised


def _words(text: str) -> list[_Word]:
    return [
        _Word(match.start(), match.end(), normalize_word(match.group()))
        for match in _WORD.finditer(text)
    ]


@lru_cache(maxsize=8192)
def _russian_phrase(phrase: str) -> tuple[WordAnalysis, ...]:
    return tuple(analyze_word(match.group()) for match in _WORD.finditer(phrase))


@lru_cache(maxsize=8192)
def _surface_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(normalize_word(match.group()) for match in _WORD.finditer(phrase))


class TargetText:
    """A target-language text, cut into words once, in which phrases can be looked up."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = primary_language(lang)
        self.words = _words(text)

    def phrase_spans(self, phrase: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every occurrence of a glossary phrase (any inflection for ru)."""
        if self.lang in _UNSPACED_LANGUAGES:
            return self._substring_spans(phrase)
        if self.lang == "ru":
            pattern: tuple[WordAnalysis | str, ...] = _russian_phrase(phrase)
        else:
            pattern = _surface_phrase(phrase)
        if not pattern:
            return []
        spans: list[tuple[int, int]] = []
        width = len(pattern)
        for first in range(len(self.words) - width + 1):
            if self._matches_at(first, pattern):
                spans.append((self.words[first].start, self.words[first + width - 1].end))
        return spans

    def _matches_at(self, first: int, pattern: tuple[WordAnalysis | str, ...]) -> bool:
        for offset, expected in enumerate(pattern):
            word = self.words[first + offset]
            if offset and not _WORD_GAP.fullmatch(
                self.text, self.words[first + offset - 1].end, word.start
            ):
                return False
            if isinstance(expected, WordAnalysis):
                if not word_matches(word.surface, expected):
                    return False
            elif word.surface != expected:
                return False
        return True

    def _substring_spans(self, phrase: str) -> list[tuple[int, int]]:
        needle = phrase.strip()
        if not needle:
            return []
        pattern = re.compile(re.escape(needle), re.IGNORECASE)
        return [(match.start(), match.end()) for match in pattern.finditer(self.text)]


def _required_spans(target: TargetText, term: GlossaryTerm) -> list[tuple[int, int]]:
    if term.dnt:
        pattern = source_pattern(term.term, case_sensitive=True)  # verbatim, case included
        return [(match.start(), match.end()) for match in pattern.finditer(target.text)]
    return [span for phrase in term.translations for span in target.phrase_spans(phrase)]


def _forbidden_found(
    target: TargetText, term: GlossaryTerm, allowed: list[tuple[int, int]]
) -> tuple[str, ...]:
    """Forbidden variants in the text, ignoring any inside an allowed translation."""
    found: list[str] = []
    for variant in term.forbidden:
        for start, end in target.phrase_spans(variant):
            if not any(a <= start and end <= b for a, b in allowed):
                found.append(variant)
                break
    return tuple(found)


def check_term(target: TargetText, term: GlossaryTerm) -> TermCheck:
    """Whether one required term is rendered correctly in a target text."""
    spans = _required_spans(target, term)
    forbidden = _forbidden_found(target, term, spans)
    problems: list[str] = []
    if not spans:
        problems.append("missing")
    problems.extend(f"forbidden variant «{variant}» used" for variant in forbidden)
    if not problems:
        return TermCheck(term=term, ok=True, message=f"{term.label}: ok")
    name = term.label if not spans else term.term
    return TermCheck(
        term=term, ok=False, found_forbidden=forbidden, message=f"{name}: {'; '.join(problems)}"
    )


def check_target(text: str, terms: Sequence[GlossaryTerm], lang: str) -> list[TermCheck]:
    """One check per required term (duplicates merged): translation present, nothing forbidden.

    For Russian, presence is decided at lemma level; for do-not-translate terms the English
    term must appear as it is.
    """
    target = TargetText(text, lang)
    return [check_term(target, term) for term in dict.fromkeys(terms)]


def find_target_terms(
    text: str, glossary: Glossary | Iterable[GlossaryTerm], lang: str
) -> list[GlossaryTerm]:
    """Glossary terms whose translation occurs in a target text, in text order.

    Occurrences never overlap: where two terms cover the same words (``Минздрав России`` and
    ``Минздрав``) the longer occurrence wins. Do-not-translate terms count when the English
    term appears.
    """
    terms = glossary.terms_for(lang) if isinstance(glossary, Glossary) else list(glossary)
    target = TargetText(text, lang)
    candidates = [
        (start, end, term) for term in terms for start, end in _required_spans(target, term)
    ]
    return list(dict.fromkeys(term for _, _, term in select_longest(candidates)))
