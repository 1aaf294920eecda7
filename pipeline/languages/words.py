"""Words and lemmas of a language, for glossary matching and number words.

Every kind of analyser answers the same questions (:class:`Words`): what a word's
lemmas are (:meth:`~Words.analyze`), which forms a glossary phrase takes in a text
(:meth:`~Words.inflect`, the phrase alone where nothing generates forms), whether the
language is written without spaces between words (:attr:`~Words.unspaced`), and how its
character variants fold into one spelling (:meth:`~Words.fold_variants`, the text as it is
where there are none), and whether a one-word term is part of a closed compound
(:meth:`~Words.in_compound`, only where the language writes them). The analysers:

* :class:`~pipeline.languages.pymorphy.PymorphyWords`: pymorphy3 (Russian, Ukrainian);
* :class:`SimplemmaWords`: simplemma's dictionaries (German, French, Spanish, Polish, …);
* :class:`CharacterWords`: languages without word boundaries (Chinese, Japanese), matched as
  character sequences after NFKC normalisation (full-width/half-width forms) and, where the
  profile names an OpenCC conversion, variant folding (Chinese: Traditional characters as
  Simplified, so 經濟特區 matches 经济特区; Japanese: old character forms as the current
  ones, 經濟 as 経済);
* :class:`SurfaceWords`: normalised surface forms, for any other language.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

# Invisible characters that may stand inside a word: soft hyphen, zero-width space, word joiner.
INVISIBLE_IN_WORDS = "\u00ad\u200b\u2060"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_IN_WORDS))


@lru_cache(maxsize=16384)
def normalize_word(word: str) -> str:
    """A word in the form used for comparison: NFKC, case-folded, Cyrillic ``ё`` as ``е``,
    without soft hyphens and zero-width spaces."""
    return unicodedata.normalize("NFKC", word.translate(_INVISIBLE)).casefold().replace("ё", "е")


@dataclass(frozen=True)
class WordAnalysis:
    """What an analyser says about one word.

    ``surface``: the normalised word; ``lemmas``: normal forms of all its readings;
    ``known``: the analyser's dictionary knows it (so lemmas may be compared); ``forms``: the
    word itself plus, for unknown words, the forms of paradigms guessed for it.
    """

    surface: str
    lemmas: frozenset[str]
    known: bool
    forms: frozenset[str]


class Words(Protocol):
    """The word-level knowledge of one language.

    ``lemma_slack``: how many final letters each of two lemmas may differ by and still be
    one word (0: lemmas must be equal); ``min_stem``: the length both must have for that.
    """

    unspaced: bool
    lemma_slack: int
    min_stem: int

    def analyze(self, word: str) -> WordAnalysis: ...

    def lemmas(self, word: str) -> frozenset[str]: ...

    def inflect(self, phrase: str) -> list[str]: ...

    def fold_variants(self, text: str) -> str: ...

    def in_compound(self, text_word: str, term_word: WordAnalysis) -> bool: ...


@lru_cache(maxsize=16384)
def word_matches(words: Words, text_word: str, term_word: WordAnalysis) -> bool:
    """Whether a text word is a form of a glossary word (same surface, or a shared lemma).

    A glossary writes its words in their dictionary form, so the glossary word itself also
    counts as one of its lemmas (simplemma lemmatises Polish ``badanie`` to ``badan``).
    Cached: the checks of a sentence's n-best list ask the same pairs again and again.
    """
    surface = normalize_word(text_word)
    if surface == term_word.surface:
        return True
    if term_word.known:
        lemmas = words.analyze(text_word).lemmas
        term_lemmas = term_word.lemmas | {term_word.surface}
        if not lemmas.isdisjoint(term_lemmas):
            return True
        return words.lemma_slack > 0 and any(
            _near(lemma, term_lemma, words.lemma_slack, words.min_stem)
            for lemma in lemmas
            for term_lemma in term_lemmas
        )
    return surface in term_word.forms


def _near(first: str, second: str, slack: int, min_stem: int) -> bool:
    """The lemmas differ only in at most ``slack`` final letters each (gender endings:
    ``farmaceutica``/``farmaceutico``), and both have at least ``min_stem`` letters."""
    if min(len(first), len(second)) < min_stem:
        return False
    common = len(os.path.commonprefix([first, second]))
    return len(first) - common <= slack and len(second) - common <= slack


class SurfaceWords:
    """No morphology: a word is its normalised surface form."""

    unspaced = False
    lemma_slack = 0
    min_stem = 5

    def analyze(self, word: str) -> WordAnalysis:
        surface = normalize_word(word)
        return WordAnalysis(surface, frozenset({surface}), False, frozenset({surface}))

    def lemmas(self, word: str) -> frozenset[str]:
        return frozenset({normalize_word(word)})

    def inflect(self, phrase: str) -> list[str]:
        return [phrase]

    def fold_variants(self, text: str) -> str:
        return text

    def in_compound(self, text_word: str, term_word: WordAnalysis) -> bool:
        return False


# Prefixes and suffixes a word may carry (see :func:`affix_stems`).
Affixes = tuple[tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=100_000)
def affix_stems(surface: str, affixes: Affixes, min_stem: int) -> frozenset[str]:
    """What is left of a normalised word with one of the prefixes and one of the suffixes
    taken off (either may be none), keeping at least ``min_stem`` letters: ``التجربة`` →
    ``تجربة``, ``تجرب``; ``परीक्षणों`` → ``परीक्षण``. The word itself is not included."""
    prefixes, suffixes = affixes
    stems: set[str] = set()
    for prefix in ("", *prefixes):
        if not surface.startswith(prefix):
            continue
        body = surface[len(prefix) :]
        if len(body) < min_stem:
            continue
        if prefix:
            stems.add(body)
        for suffix in suffixes:
            if body.endswith(suffix) and len(body) - len(suffix) >= min_stem:
                stems.add(body[: -len(suffix)])
    stems.discard(surface)
    return frozenset(stems)


class AffixWords(SurfaceWords):
    """No dictionary, only the language's affixes: a word's lemmas are the word and its
    stems (:func:`affix_stems`), so forms with the listed endings match each other."""

    def __init__(self, affixes: Affixes, min_stem: int) -> None:
        self.affixes = affixes
        self.min_stem = min_stem

    def analyze(self, word: str) -> WordAnalysis:
        surface = normalize_word(word)
        lemmas = frozenset({surface}) | affix_stems(surface, self.affixes, self.min_stem)
        return WordAnalysis(surface, lemmas, True, frozenset({surface}))

    def lemmas(self, word: str) -> frozenset[str]:
        return self.analyze(word).lemmas


class CharacterWords(SurfaceWords):
    """Languages written without spaces between words: phrases match as character runs.

    ``variants``: the OpenCC conversion that folds character variants into one spelling
    (``t2s``: Traditional Chinese to Simplified), empty for none; ``fold_spaces``: spaces
    do not count (Korean writes ``임상 시험`` and ``임상시험``).
    """

    unspaced = True

    def __init__(self, variants: str = "", *, fold_spaces: bool = False) -> None:
        self.variants = variants
        self.fold_spaces = fold_spaces

    def fold_variants(self, text: str) -> str:
        """``text`` with its character variants folded, one character for one character.

        OpenCC converts whole phrases; where that changes the length (it never does for
        Traditional → Simplified, but a conversion may), characters are converted one by one
        so that offsets into the text stay valid.
        """
        if not self.variants or text.isascii():
            return text
        converter = _opencc(self.variants)
        folded = converter.convert(text)
        if len(folded) == len(text):
            return folded
        singles = (converter.convert(ch) for ch in text)
        return "".join(new if len(new) == 1 else ch for new, ch in zip(singles, text, strict=True))


class SimplemmaWords:
    """Lemmas from simplemma's dictionary of one language (loaded on first use).

    simplemma gives some adjectives a lemma that keeps the gender ending of the form it was
    listed under (French ``spéciale`` → ``spéciale`` but ``spéciales`` → ``spécial``; Italian
    ``farmaceutica`` → ``farmaceutico`` but ``farmaceutiche`` → ``farmaceutica``), so lemmas
    that differ only in their last letter count as one word when both have ``min_stem``
    letters (5; fewer in scripts without written short vowels: Arabic ``خاص``/``خاصة``).
    """

    unspaced = False
    lemma_slack = 1

    def __init__(
        self,
        lang: str,
        compound_links: tuple[str, ...] | None = None,
        min_stem: int = 5,
        affixes: Affixes = ((), ()),
    ) -> None:
        self.lang = lang
        self.compound_links = compound_links
        self.min_stem = min_stem
        self.affixes = affixes

    def analyze(self, word: str) -> WordAnalysis:
        analysis = _simplemma_analysis(word, self.lang)
        if not any(self.affixes):
            return analysis
        stems = affix_stems(analysis.surface, self.affixes, self.min_stem)
        return WordAnalysis(analysis.surface, analysis.lemmas | stems, True, analysis.forms)

    def lemmas(self, word: str) -> frozenset[str]:
        return self.analyze(word).lemmas

    def inflect(self, phrase: str) -> list[str]:
        return [phrase]

    def fold_variants(self, text: str) -> str:
        return text

    def in_compound(self, text_word: str, term_word: WordAnalysis) -> bool:
        """Whether a one-word term begins or ends a closed compound (German, Dutch).

        ``compound_links`` are the language's linking elements (``s``, ``n``, ``en``: None
        where it does not write compounds). The term begins the compound when the rest,
        after a linking element, is a word of the dictionary
        (``Sonderwirtschaftszonen|verwaltung``); it ends the compound, in any inflection,
        when what comes before is one (``Groß|investitionsprojekte``). Terms under
        :data:`MIN_COMPOUND_TERM` letters and parts whose lemma is under
        :data:`MIN_COMPOUND_PART` letters are never split off (``Projekt|ionen``: ``Ion``).
        """
        if self.compound_links is None:
            return False
        surface = normalize_word(text_word)
        term = term_word.surface
        if len(term) < MIN_COMPOUND_TERM or len(surface) < len(term) + MIN_COMPOUND_PART:
            return False
        stems = {term, term[:-1]} if term.endswith("e") else {term}  # Schule → Schul|gebäude
        for stem in stems:
            if surface.startswith(stem):
                rest = surface[len(stem) :]
                if any(
                    rest.startswith(link) and self._is_part(rest[len(link) :])
                    for link in ("", *self.compound_links)
                ):
                    return True
        for start in range(MIN_COMPOUND_PART, len(surface) - len(term) + 2):
            if surface.startswith(term[:-1], start) and word_matches(
                self, surface[start:], term_word
            ):
                before = surface[:start]
                if self._is_part(before) or any(
                    before.endswith(link) and self._is_part(before[: -len(link)])
                    for link in self.compound_links
                    if link
                ):
                    return True
        return False

    def _is_part(self, word: str) -> bool:
        """A word of the dictionary whose lemma is long enough to be a part of a compound."""
        # simplemma is imported here: its dictionaries are needed only for its languages.
        import simplemma

        if len(word) < MIN_COMPOUND_PART:
            return False
        for spelling in (word, word[:1].upper() + word[1:]):
            if simplemma.is_known(spelling, lang=self.lang):
                return any(len(lemma) >= MIN_COMPOUND_PART for lemma in self.lemmas(spelling))
        return False


MIN_COMPOUND_TERM = 6
MIN_COMPOUND_PART = 4


@lru_cache(maxsize=100_000)
def _simplemma_analysis(word: str, lang: str) -> WordAnalysis:
    # simplemma is imported here: its dictionaries are needed only for its languages.
    import simplemma

    surface = normalize_word(word)
    # Nouns are capitalised in German: look the word up as written and in lower case.
    spellings = dict.fromkeys([word, surface, surface[:1].upper() + surface[1:]])
    lemmas = {normalize_word(simplemma.lemmatize(spelling, lang=lang)) for spelling in spellings}
    # Words outside the dictionary get simplemma's rule-based lemma, compared all the same.
    return WordAnalysis(surface, frozenset(lemmas), True, frozenset({surface}))


@lru_cache(maxsize=4)
def _opencc(conversion: str) -> Any:
    # OpenCC is imported here: only Chinese needs it, and its dictionaries load on first use.
    import opencc

    return opencc.OpenCC(f"{conversion}.json")
