"""Finding glossary terms in translated (target-language) text and checking a translation.

The text is cut into words (runs of letters and digits); a term matches a run of
consecutive words separated only by white space, hyphens, quotes or brackets, so quotes
(«» “” "" „), hyphen/space variants (``Генериум-Некст`` / ``Генериум Некст``) and case
never matter, and words are compared NFKC-normalised (``ё`` counts as ``е``).

Words are compared as the target language's profile says (:mod:`pipeline.languages`):

* at lemma level where it has a lemmatiser — pymorphy3 for Russian and Ukrainian
  (``особой экономической зоны`` ~ ``особая экономическая зона``, ``Минздравом`` ~
  ``Минздрав``), simplemma for German, French, Spanish, Polish and the others it covers
  (``Sonderwirtschaftszonen`` ~ ``Sonderwirtschaftszone``, ``projets d'investissement`` ~
  ``projet d'investissement``);
* by normalised surface form otherwise;
* in languages written without spaces (Chinese, Japanese) as NFKC-normalised,
  case-folded character sequences, character variants folded as the profile says
  (Traditional Chinese as Simplified: 經濟特區 ~ 经济特区).

A term whose words are split by a coordination also counts: its first words, then the
language's ``and``/``or`` (CLDR list patterns) with up to :data:`MAX_COORDINATED` other
words, then its remaining words — «орфанных и других редких заболеваний» holds
«орфанное заболевание», "seltene und erbliche Erkrankungen" holds "seltene Erkrankung";
in languages whose adjectives follow the noun, the coordinated words may also stand
before the term's last words («maladies orphelines et rares» holds «maladie rare»).
Where the profile says so, a two-word term also matches the other way round (Polish
``rzadkie choroby`` ~ ``choroba rzadka``), and a one-word term is found inside a closed,
hyphenated or suspended compound (``Sonderwirtschaftszonengesetz``,
``Sonderwirtschafts-Zone``, ``Primär- und Sekundärverpackung``).

Do-not-translate terms are looked for in the target as the English term itself, in its
exact case (plural/possessive endings and hyphen/space variants allowed, as in
:mod:`pipeline.glossary.match`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..languages import LanguageProfile, WordAnalysis, normalize_word, profile, word_matches
from ..languages.marks import MARKS
from ..languages.words import Words
from .match import select_longest, source_pattern
from .store import Glossary
from .terms import GlossaryTerm, TermCheck

# A word: letters and digits, with soft hyphens or zero-width spaces inside it; the
# modifier-letter apostrophe (Ukrainian здоровʼя) separates like any apostrophe.
# Combining marks belong to their word (Devanagari vowel signs: परीक्षणों).
_LETTER = rf"(?:[^\W_\u02bc]|[{MARKS}])"
_WORD = re.compile(rf"{_LETTER}+(?:[\u00ad\u200b\u2060]+{_LETTER}+)*")
# What may stand between two words of one term: spaces, hyphens/dashes, quotes, brackets.
_WORD_GAP = re.compile(r"[\s\-\u2010-\u2015«»“”„‟\"'‘’‚‹›\u02bc()\[\]「」『』]*")
# What may stand between the coordinated words of a split term: spaces, commas, hyphens.
_COORDINATION_SEPARATOR = re.compile(r"\s*,?\s*|-")
MAX_COORDINATED = 4
# After the first part of a suspended compound: a hyphen, then a space (and a comma in a list).
_HYPHENS = frozenset("-\u2010\u2011")
_SUSPENDING_HYPHEN = re.compile(r"[\-\u2010\u2011]\s*,?\s+")
_APOSTROPHES = frozenset("'\u2019\u02bc")
_HALF_WIDTH_MARKS = "\uff9e\uff9f"  # halfwidth katakana voiced and semi-voiced sound marks


class _Word(NamedTuple):  # a tuple: thousands are made per n-best list
    start: int
    end: int
    text: str  # as written


def _words(text: str, words: Words | None = None) -> list[_Word]:
    """The words of a text. With the language's analyser (``words``), two words joined by an
    apostrophe are one word, written with ``'``, when the analyser knows the whole as a word
    of its own: Ukrainian ``об’єктів`` is a form of ``об'єкт``, French ``aujourd'hui`` one
    word, but ``l'utilisateur`` the article and ``utilisateur``."""
    found = [_Word(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]
    if words is None or words.unspaced:
        return found
    joined: list[_Word] = []
    index = 0
    while index < len(found):
        word = found[index]
        if index + 1 < len(found):
            following = found[index + 1]
            if text[word.end : following.start] in _APOSTROPHES:
                whole = f"{word.text}'{following.text}"
                if _one_word(words, whole, following.text):
                    joined.append(_Word(word.start, following.end, whole))
                    index += 2
                    continue
        joined.append(word)
        index += 1
    return joined


@lru_cache(maxsize=65536)
def _one_word(words: Words, whole: str, second: str) -> bool:
    """Whether ``first'second`` is a word of its own: the analyser knows it, and it is not
    an elision (its lemmas are not those of ``second`` alone)."""
    analysis = words.analyze(whole)
    return analysis.known and analysis.lemmas != words.lemmas(second)


@lru_cache(maxsize=8192)
def _phrase_words(phrase: str, lang: str) -> tuple[WordAnalysis, ...]:
    analyzer = profile(lang).analyzer
    return tuple(analyzer.analyze(word.text) for word in _words(phrase, analyzer))


def _folded(text: str, words: Words) -> tuple[str, list[int]]:
    """NFKC-normalised, case-folded, variant-folded text and, per character of it, its
    offset in ``text``.

    A character is normalised together with the marks that follow it, so half-width
    katakana with their sound marks (ﾌﾟ) become one full-width character (プ); character
    variants are folded as the language's analyser says (Traditional Chinese as Simplified).
    """
    chars: list[str] = []
    offsets: list[int] = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and (
            text[end] in _HALF_WIDTH_MARKS or unicodedata.combining(text[end])
        ):
            end += 1
        for folded in unicodedata.normalize("NFKC", text[index:end]).casefold():
            if folded.isspace() and getattr(words, "fold_spaces", False):
                continue  # Korean 임상 시험 = 임상시험
            chars.append(folded)
            offsets.append(index)
        index = end
    offsets.append(len(text))
    return words.fold_variants("".join(chars)), offsets


class _WordIndex:
    """The positions of a text's words by normalised surface and by lemma, so that the
    words matching a glossary word (:func:`word_matches` with no lemma slack) are looked up
    instead of compared one by one: an n-best list asks for dozens of phrases per text."""

    def __init__(self, words: Sequence[_Word], analyzer: Words) -> None:
        self.by_surface: dict[str, list[int]] = {}
        self.by_lemma: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            self.by_surface.setdefault(normalize_word(word.text), []).append(position)
            for lemma in analyzer.analyze(word.text).lemmas:
                self.by_lemma.setdefault(lemma, []).append(position)

    def forms_of(self, term_word: WordAnalysis) -> set[int]:
        """Positions of the words that :func:`word_matches` ``term_word`` (no lemma slack):
        the same surface; for a word the analyser knows, a shared lemma (the term word
        itself counting as one); else one of its guessed forms."""
        found = set(self.by_surface.get(term_word.surface, ()))
        if term_word.known:
            for lemma in term_word.lemmas | {term_word.surface}:
                found.update(self.by_lemma.get(lemma, ()))
        else:
            for form in term_word.forms:
                found.update(self.by_surface.get(form, ()))
        return found


class TargetText:
    """A target-language text, cut into words once, in which phrases can be looked up."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.profile: LanguageProfile = profile(lang)
        self.words = _words(text, self.profile.analyzer)
        self._folded: tuple[str, list[int]] | None = None
        # Spans of terms split by a coordination → the span of their own words, those not
        # shared with the coordinated terms (``seltene`` of "seltene und erbliche
        # Erkrankungen", ``rares`` of «maladies orphelines et rares»).
        self.split_own: dict[tuple[int, int], tuple[int, int]] = {}
        self._index: _WordIndex | None = None

    def phrase_spans(self, phrase: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every occurrence of a glossary phrase, in any inflection."""
        if self.profile.unspaced:
            return self._character_spans(phrase)
        pattern = _phrase_words(phrase, self.profile.code)
        if not pattern:
            return []
        spans: list[tuple[int, int]] = []
        analyzer, head, single = self.profile.analyzer, pattern[0], len(pattern) == 1
        for first in self._starts(pattern):
            word = self.words[first]
            match = None
            # _match_from's own first test, inlined: most words are not the phrase's head.
            if word_matches(analyzer, word.text, head) or (
                single and analyzer.in_compound(word.text, head)
            ):
                match = self._match_from(first, pattern)
            if match is None and len(pattern) == 1:
                match = self._hyphenated_compound(first, pattern[0])
            if match is None and len(pattern) == 1:
                match = self._suspended_compound(first, pattern[0])
            if match is None and len(pattern) == 2 and self.profile.modifiers_either_side:
                # "rzadkie choroby" for "choroba rzadka": the two words the other way round.
                reversed_match = self._match_from(first, pattern[::-1])
                if reversed_match is not None and reversed_match[1] is None:
                    match = reversed_match
            if match is not None:
                last, own = match
                span = (self.words[first].start, self.words[last].end)
                spans.append(span)
                if own is not None:
                    self.split_own[span] = (self.words[own[0]].start, self.words[own[1]].end)
        return spans

    def _starts(self, pattern: tuple[WordAnalysis, ...]) -> Iterable[int]:
        """Where a match of ``pattern`` may start: every word, or, where the language
        compares words by surface and lemma only (no near lemmas, no compounds), just the
        words that are forms of its first word (or of its second, where a two-word term
        may stand the other way round), looked up in an index of the text's words."""
        if self.profile.compound_links is not None or self.profile.analyzer.lemma_slack:
            return range(len(self.words))
        if self._index is None:
            self._index = _WordIndex(self.words, self.profile.analyzer)
        heads = [pattern[0]]
        if len(pattern) == 2 and self.profile.modifiers_either_side:
            heads.append(pattern[1])
        return sorted({position for head in heads for position in self._index.forms_of(head)})

    def _match_from(
        self, first: int, pattern: tuple[WordAnalysis, ...]
    ) -> tuple[int, tuple[int, int] | None] | None:
        """``(last word, own words of a split term or None)`` of a match at ``first``."""
        analyzer = self.profile.analyzer
        position = first
        own: tuple[int, int] | None = None
        for offset, expected in enumerate(pattern):
            if position >= len(self.words):
                return None
            adjacent = not offset or _WORD_GAP.fullmatch(
                self.text, self.words[position - 1].end, self.words[position].start
            )
            if not adjacent or not (
                word_matches(analyzer, self.words[position].text, expected)
                or (len(pattern) == 1 and analyzer.in_compound(self.words[position].text, expected))
            ):
                if not offset or own is not None:
                    return None
                resumed = self._after_coordination(position, expected)
                if resumed is not None:
                    own = (first, position - 1)
                else:
                    resumed = self._within_postposed_coordination(
                        position, expected, last_expected=offset == len(pattern) - 1
                    )
                    if resumed is None:
                        return None
                    own = (resumed, resumed + len(pattern) - 1 - offset)
                position = resumed
            position += 1
        return position - 1, own

    def _hyphenated_compound(self, first: int, expected: WordAnalysis) -> tuple[int, None] | None:
        """A one-word term written as a hyphenated compound ("Sonderwirtschafts-Zone" for
        Sonderwirtschaftszone), in languages that write closed compounds: ``(last word,
        None)`` of the match, the parts joined by hyphens only."""
        if self.profile.compound_links is None:
            return None
        joined = self.words[first].text
        for last in range(first + 1, min(first + 3, len(self.words))):
            if self._separator(last) not in _HYPHENS:
                return None
            joined += self.words[last].text.lower()
            if word_matches(self.profile.analyzer, joined, expected):
                return last, None
        return None

    def _suspended_compound(
        self, first: int, expected: WordAnalysis
    ) -> tuple[int, tuple[int, int]] | None:
        """A one-word term whose head is left to a later compound of a coordination
        (German "Primär- und Sekundärverpackung" holds Primärverpackung), in languages
        that write closed compounds: ``(last word, (first, first))`` of the match.

        Word ``first`` ends with a hyphen; up to :data:`MAX_COORDINATED` more such words
        may follow after commas; then ``and``/``or`` and a compound whose head, joined to
        word ``first``, is a form of the term.
        """
        if self.profile.compound_links is None:
            return None
        analyzer = self.profile.analyzer
        index = first
        for _ in range(MAX_COORDINATED):
            if index + 1 >= len(self.words):
                return None
            separator = self._separator(index + 1)
            if not _SUSPENDING_HYPHEN.fullmatch(separator):
                return None
            index += 1
            if not separator.rstrip().endswith(","):
                break  # the hyphen and no comma: what follows is the "and"/"or"
        if not self._is_conjunction(index) or index + 1 >= len(self.words):
            return None
        if not self._separator(index + 1).isspace():
            return None
        head_word = self.words[index + 1].text
        start = self.words[first].text
        for cut in range(1, len(head_word) - 2):
            if word_matches(analyzer, start + head_word[cut:].lower(), expected):
                return index + 1, (first, first)
        return None

    def _separator(self, index: int) -> str:
        """The text between word ``index - 1`` and word ``index``."""
        return self.text[self.words[index - 1].end : self.words[index].start]

    def _is_conjunction(self, index: int) -> bool:
        return normalize_word(self.words[index].text) in self.profile.conjunctions

    def _after_coordination(self, position: int, expected: WordAnalysis) -> int | None:
        """Where a split term resumes after coordinated words before its last words.

        The words from ``position`` on must be a coordination: words each after a comma,
        then the language's ``and``/``or`` and one or two words (``, наследственных и
        других редких``), at most :data:`MAX_COORDINATED` in all, followed by a word
        matching ``expected``.
        """
        seen_conjunction = False
        after_conjunction = 0
        last = min(position + MAX_COORDINATED, len(self.words) - 1)
        for index in range(position, last):
            separator = self._separator(index)
            if not _COORDINATION_SEPARATOR.fullmatch(separator):
                return None
            if self._is_conjunction(index) and not seen_conjunction:
                seen_conjunction = True
                continue
            if not seen_conjunction and "," not in separator and "-" not in separator:
                return None  # a word before the conjunction is one of a comma list
            if seen_conjunction:
                after_conjunction += 1
                if after_conjunction > 2:
                    return None
                following = self.words[index + 1]
                gap = self.text[self.words[index].end : following.start]
                if _WORD_GAP.fullmatch(gap) and word_matches(
                    self.profile.analyzer, following.text, expected
                ):
                    return index + 1
        return None

    def _within_postposed_coordination(
        self, position: int, expected: WordAnalysis, *, last_expected: bool
    ) -> int | None:
        """Where a split term resumes among coordinated modifiers after the noun.

        Only in languages whose profile puts modifiers after the noun
        (``postposed_modifiers``): the term's first words, then one to
        :data:`MAX_COORDINATED` coordinated words (the first after a space or comma, the
        others after commas), then the language's ``and``/``or`` and a word matching
        ``expected`` («maladies orphelines et rares» holds «maladie rare»). A last word of
        the term may also stand inside the list, after a comma, when the list goes on to
        its ``and``/``or`` («maladies orphelines, héréditaires et rares» holds «maladie
        héréditaire»).
        """
        if not self.profile.postposed_modifiers:
            return None
        analyzer = self.profile.analyzer
        for index in range(position, min(position + MAX_COORDINATED + 1, len(self.words))):
            skipped = index - position  # every word so far was a coordinated modifier
            separator = self._separator(index)
            if not _COORDINATION_SEPARATOR.fullmatch(separator):
                return None
            if self._is_conjunction(index):
                following = index + 1
                if (
                    skipped
                    and following < len(self.words)
                    and self._separator(following).isspace()
                    and word_matches(analyzer, self.words[following].text, expected)
                ):
                    return following
                return None
            if skipped and self._joined_by_prefix(index, expected):
                return index
            if skipped and "," not in separator:
                return None
            if (
                skipped
                and last_expected
                and word_matches(analyzer, self.words[index].text, expected)
                and self._list_goes_on(index)
            ):
                return index
        return None

    def _joined_by_prefix(self, index: int, expected: WordAnalysis) -> bool:
        """Word ``index`` is ``and`` written onto a word matching ``expected`` (``ותורשתיות``)."""
        word = self.words[index].text
        for prefix in self.profile.conjunction_prefixes:
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                analyzer = self.profile.analyzer
                if word_matches(analyzer, word[len(prefix) :], expected):
                    return True
        return False

    def _list_goes_on(self, index: int) -> bool:
        """Word ``index`` is followed by more list items and an ``and``/``or`` item."""
        for following in range(index + 1, min(index + MAX_COORDINATED, len(self.words) - 1)):
            separator = self._separator(following)
            if self._is_conjunction(following):
                return bool(_COORDINATION_SEPARATOR.fullmatch(separator))
            if "," not in separator or not _COORDINATION_SEPARATOR.fullmatch(separator):
                return False
        return False

    def _character_spans(self, phrase: str) -> list[tuple[int, int]]:
        needle, _ = _folded(phrase.strip(), self.profile.analyzer)
        if not needle:
            return []
        if self._folded is None:
            self._folded = _folded(self.text, self.profile.analyzer)
        haystack, offsets = self._folded
        spans: list[tuple[int, int]] = []
        start = haystack.find(needle)
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(needle) - 1] + 1))
            start = haystack.find(needle, start + 1)
        return spans


def _required_spans(target: TargetText, term: GlossaryTerm) -> list[tuple[int, int]]:
    if term.dnt:
        if target.profile.unspaced:
            pattern = _embedded_pattern(term.term)
        else:
            pattern = source_pattern(term.term, case_sensitive=True)  # verbatim, case included
        return [(match.start(), match.end()) for match in pattern.finditer(target.text)]
    return [span for phrase in term.translations for span in target.phrase_spans(phrase)]


@lru_cache(maxsize=1024)
def _embedded_pattern(term: str) -> re.Pattern[str]:
    """A Latin-script term inside text without spaces (``Generium Next公司``): verbatim,
    bounded only by other Latin letters and digits."""
    words = [re.escape(word) for word in re.split(r"[\s\-]+", term.strip()) if word]
    body = r"[\s\-]+".join(words)
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])")


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

    Presence is decided as the language's profile compares words (lemma level where it has
    a lemmatiser); for do-not-translate terms the English term must appear as it is.
    """
    target = TargetText(text, lang)
    return [check_term(target, term) for term in dict.fromkeys(terms)]


def find_target_terms(
    text: str, glossary: Glossary | Iterable[GlossaryTerm], lang: str
) -> list[GlossaryTerm]:
    """Glossary terms whose translation occurs in a target text, in text order.

    Occurrences never overlap: where two terms cover the same words (``Минздрав России`` and
    ``Минздрав``) the longer occurrence wins. A term split by a coordination counts when its
    own words (those it does not share with the coordinated terms) overlap no other
    occurrence: «редких, наследственных и орфанных заболеваний» holds rare, hereditary and
    orphan disease, «maladies orphelines et rares» orphan and rare disease. Do-not-translate
    terms count when the English term appears.
    """
    terms = glossary.terms_for(lang) if isinstance(glossary, Glossary) else list(glossary)
    target = TargetText(text, lang)
    candidates = [
        (start, end, term) for term in terms for start, end in _required_spans(target, term)
    ]
    split = target.split_own
    kept = select_longest(c for c in candidates if (c[0], c[1]) not in split)
    found = {term for _, _, term in kept}
    occupied = [(start, end) for start, end, _ in kept]
    for start, end, term in sorted(candidates, key=lambda c: split.get((c[0], c[1]), c)[0]):
        own = split.get((start, end))
        if own is None or term in found:
            continue
        if all(own[1] <= other_start or own[0] >= other_end for other_start, other_end in occupied):
            occupied.append(own)
            kept.append((own[0], own[1], term))
            found.add(term)
    kept.sort(key=lambda span: span[0])  # split terms by their own words: text order
    return list(dict.fromkeys(term for _, _, term in kept))
