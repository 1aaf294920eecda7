"""What the pipeline knows about one target language: :class:`LanguageProfile`.

A profile row (:mod:`pipeline.languages.table`) names the things no library holds (which
analyser serves the language, its default models, press-style abbreviations, small number
words); everything else comes from Babel's CLDR data for the language code: decimal and
group symbols, magnitude words (compact decimal formats), the word of ``and``/``or`` (list
patterns), the script (likely subtags), the writing direction (``character_order``) and the
plural forms of its catalogs; and from CLDR's delimiters, which Babel lacks, the quotation
marks (:mod:`.quotes`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from babel import Locale

from . import spelled, tags
from .marks import LETTER
from .quotes import QuotationMarks, cldr_quotes
from .words import (
    AffixWords,
    CharacterWords,
    SimplemmaWords,
    SurfaceWords,
    Words,
    normalize_word,
)

_HUB = "Helsinki-NLP/opus-mt-{source}-{target}"
# A word an ordinal is read from: letters with their marks, hyphenated (``twenty-first``).
_ORDINAL_TOKEN = re.compile(rf"{LETTER}+(?:[-\u2010\u2011]{LETTER}+)*")
_SPACES = " \u00a0\u202f\u2009"
_BIDI_MARKS = "\u200e\u200f\u061c"
# The quotation marks of a language CLDR has no delimiters for: English's.
_DEFAULT_QUOTES = QuotationMarks("\u201c", "\u201d", "\u2018", "\u2019")


@dataclass(frozen=True, eq=False)
class LanguageProfile:
    """One language: its analysers, number conventions, punctuation and defaults.

    ``words``: the analyser kind, ``pymorphy3``, ``simplemma``, ``characters`` (no word
    boundaries), ``surface``, or ``auto`` (simplemma where it has the language, else
    surface); ``forward_model``/``backward_model``: whether
    ``Helsinki-NLP/opus-mt-en-XX`` / ``-XX-en`` exist on the hub (``hub_code`` is XX);
    ``length_band``: the expected target/source character ratio from English;
    ``space_before``: punctuation written after a
    (narrow) no-break space (French); ``sentence_separator``: what joins the sentences of a
    paragraph; ``extra_magnitudes``: press abbreviations of 10**n that CLDR lacks;
    ``number_words``: lemmas of small numbers written out; ``ordinal_lemmas``: the dictionary
    forms of the ordinals 1st … 10th where CLDR's spell-out has none (Czech, Polish): their
    inflected forms are simplemma's (:attr:`declined_ordinals`);
    ``extra_conjunctions``: words of coordination besides CLDR's ``and``/``or``;
    ``postposed_modifiers``: adjectives usually follow their noun (``maladie rare``), so
    coordinated ones split a term after its noun («maladies orphelines et rares»);
    ``modifiers_either_side``: an adjective may also stand on the other side of its noun
    (Polish ``rzadkie choroby`` for ``choroba rzadka``), so a two-word term matches with its
    words the other way round; ``allowed_doubles``: words that may be written twice in a row;
    ``function_words``: frequent words that identify the language in Latin script;
    ``letters``: letters only this language uses in its script;
    ``variants``: the OpenCC conversion folding character variants before matching
    (``t2s`` for Chinese: Traditional and Simplified spellings match each other);
    ``compound_links``: the linking elements of closed compounds, where the language writes
    them (German, Dutch), so that a one-word term is found inside one
    (``Sonderwirtschaftszonen-`` of ``Sonderwirtschaftszonengesetz``); ``min_stem``: the
    shortest lemma that may differ from another in its last letter and be the same word
    (5; 3 in Arabic and Hebrew, written without short vowels); ``conjunction_prefixes``:
    ``and`` written onto the next word (Arabic ``و``, Hebrew ``ו``); ``prefixes`` and
    ``suffixes``: the clitics, article and inflectional endings the lemmatiser may leave on a
    word (Arabic ``ال``, ``ب``, dual ``تين``; Hindi oblique plural ``ों``; Italian plural
    ``i``): a word also counts as its stem with one of each taken off (keeping ``min_stem``
    letters), so ``تجربتين`` is a form of ``تجربة`` and ``परीक्षणों`` of ``परीक्षण``;
    ``spaced_variants``: an unspaced language that also writes a term with spaces
    (Korean ``임상 시험`` for ``임상시험``): spaces are left out when phrases are compared.
    """

    code: str
    words: str = "auto"
    forward_model: bool = False
    backward_model: bool = False
    hub_code: str = ""
    length_band: tuple[float, float] = (0.5, 2.0)
    space_before: str = ""
    sentence_separator: str = " "
    extra_magnitudes: Mapping[str, int] = field(default_factory=dict)
    number_words: Mapping[str, Decimal] = field(default_factory=dict)
    ordinal_lemmas: Mapping[str, Decimal] = field(default_factory=dict)
    extra_conjunctions: tuple[str, ...] = ()
    postposed_modifiers: bool = False
    modifiers_either_side: bool = False
    allowed_doubles: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    letters: str = ""
    full_width: bool = False
    variants: str = ""
    compound_links: tuple[str, ...] | None = None
    min_stem: int = 5
    conjunction_prefixes: tuple[str, ...] = ()
    question_mark: str = "?"
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    spaced_variants: bool = False

    # -- analysers ------------------------------------------------------------------------

    @cached_property
    def analyzer(self) -> Words:
        """The word analyser, created on first use (its library imported only then)."""
        if self.words == "pymorphy3":
            from .pymorphy import PymorphyWords

            return PymorphyWords(self.code)
        if self.words == "simplemma" or (self.words == "auto" and simplemma_has(self.code)):
            return SimplemmaWords(
                self.code, self.compound_links, self.min_stem, (self.prefixes, self.suffixes)
            )
        if self.words == "characters":
            return CharacterWords(self.variants, fold_spaces=self.spaced_variants)
        if self.suffixes or self.prefixes:
            return AffixWords((self.prefixes, self.suffixes), self.min_stem)
        return SurfaceWords()

    @property
    def unspaced(self) -> bool:
        """Written without spaces between words (Chinese, Japanese)."""
        return self.words == "characters"

    # -- CLDR -----------------------------------------------------------------------------

    @cached_property
    def locale(self) -> Locale | None:
        """Babel's locale of the language, None where CLDR has none."""
        return tags.locale_of(self.code)

    @property
    def name(self) -> str:
        """The English name of the language (the code where CLDR has none)."""
        return tags.english_name(self.code)

    @property
    def direction(self) -> str:
        """``rtl`` for right-to-left scripts (CLDR character order), else ``ltr``."""
        return tags.direction(self.code)

    @cached_property
    def quotation_marks(self) -> QuotationMarks:
        """CLDR's primary and alternate quotation marks (``„“ ‚‘`` in German, ``«» „“`` in
        Russian, ``「」 『』`` in Japanese); English's where CLDR has none."""
        return cldr_quotes(self.code) or _DEFAULT_QUOTES

    @property
    def quotes(self) -> tuple[str, str]:
        """The primary quotation marks, opening and closing (CLDR's ``quotationStart`` and
        ``quotationEnd``)."""
        return self.quotation_marks.start, self.quotation_marks.end

    def quotes_of(self, code: str) -> tuple[str, str]:
        """The primary quotation marks of a regional or script variant of the language
        (``zh_TW``: 「」, ``pt_PT``: «», ``de_CH``: „“), the language's where CLDR has none."""
        marks = cldr_quotes(code) if code != self.code else None
        return (marks.start, marks.end) if marks else self.quotes

    @property
    def alternate_quotes(self) -> tuple[str, str]:
        """The quotation marks of a quotation inside a quotation (CLDR's alternate ones)."""
        return self.quotation_marks.alternate_start, self.quotation_marks.alternate_end

    @property
    def decimal_symbol(self) -> str:
        return self.locale.number_symbols["latn"]["decimal"] if self.locale else "."

    @property
    def group_symbol(self) -> str:
        return self.locale.number_symbols["latn"]["group"] if self.locale else ","

    @property
    def native_digits(self) -> str:
        """CLDR's native numbering system (``arab``, ``deva``, ``beng``; ``latn`` for most):
        the numbers check reads the digits of every script, these included."""
        if self.locale is None:
            return "latn"
        return str(self.locale.other_numbering_systems.get("native", "latn"))

    @property
    def groups_with_space(self) -> bool:
        """Digits are grouped with a (no-break) space: ``30 000``."""
        return self.group_symbol in _SPACES

    @property
    def script(self) -> str | None:
        """The ISO 15924 script (``ru`` → ``Cyrl``, ``ja`` → ``Jpan``), from likely subtags."""
        return tags.likely_script(self.code)

    @cached_property
    def magnitudes(self) -> dict[str, Decimal]:
        """Magnitude words and abbreviations → the power of ten they stand for.

        From CLDR's compact decimal formats, long and short, every plural form (``Milliarde``,
        ``Milliarden``, ``Mrd.``; ``万``, ``亿``), keyed by the normalised word without a
        trailing dot, plus their lemmas (so inflected forms resolve through
        :meth:`magnitude`), plus :attr:`extra_magnitudes`. Single Latin letters (``K``,
        ``M``, ``B``) are left out: they are too often units.
        """
        found: dict[str, Decimal] = {}
        chains: list[tuple[list[str], Decimal]] = []
        for style in ("long", "short"):
            formats = self.locale.compact_decimal_formats.get(style, {}) if self.locale else {}
            for by_magnitude in formats.values():
                for magnitude, pattern in by_magnitude.items():
                    suffix, zeros = _pattern_suffix(pattern)
                    if not suffix or zeros == 0:
                        continue
                    factor = Decimal(int(magnitude)) / Decimal(10) ** (zeros - 1)
                    if len(suffix.split()) > 1:
                        if style == "long":  # short chains are abbreviations, some odd (bn)
                            chains.append(([normalize_word(w) for w in suffix.split()], factor))
                        continue  # chains ("mil millones") multiply word by word
                    if len(suffix) == 1 and suffix.isascii():
                        continue  # a unit as often (5 m, 3 K): see letter_magnitudes
                    found.setdefault(normalize_word(suffix), factor)
        # A chain's one unknown word is worth what the chain leaves of its magnitude:
        # Italian "mille miliardi" = 10^12 makes "mille" 1000.
        for words, factor in chains:
            unknown = [word for word in words if word not in found]
            if len(unknown) == 1 and len(words) == 2:
                known = found[words[0] if unknown[0] == words[1] else words[1]]
                rest = factor / known
                if rest >= 10 and rest == Decimal(10) ** int(rest.adjusted()):
                    found.setdefault(unknown[0], rest)
        for word, exponent in self.extra_magnitudes.items():
            found.setdefault(normalize_word(word), Decimal(10) ** exponent)
        return found

    @cached_property
    def prefix_magnitudes(self) -> dict[str, Decimal]:
        """Magnitude words written before the number (Swahili ``milioni 12`` = 12e6), from
        CLDR's compact decimal formats whose word precedes the digits."""
        found: dict[str, Decimal] = {}
        for style in ("long", "short"):
            formats = self.locale.compact_decimal_formats.get(style, {}) if self.locale else {}
            for by_magnitude in formats.values():
                for magnitude, pattern in by_magnitude.items():
                    word, zeros = _pattern_suffix(pattern, before=True)
                    if word and zeros and len(word.split()) == 1 and len(word) > 1:
                        factor = Decimal(int(magnitude)) / Decimal(10) ** (zeros - 1)
                        found.setdefault(normalize_word(word), factor)
        return found

    @cached_property
    def letter_magnitudes(self) -> dict[str, Decimal]:
        """The single-letter abbreviations of CLDR's short compact formats (``K``, ``M``,
        ``B``), case-folded: magnitudes only next to a currency (``$5M``, ``3 M€``)."""
        found: dict[str, Decimal] = {}
        formats = self.locale.compact_decimal_formats.get("short", {}) if self.locale else {}
        for by_magnitude in formats.values():
            for magnitude, pattern in by_magnitude.items():
                suffix, zeros = _pattern_suffix(pattern)
                if len(suffix) == 1 and suffix.isascii() and suffix.isalpha() and zeros:
                    factor = Decimal(int(magnitude)) / Decimal(10) ** (zeros - 1)
                    found.setdefault(suffix.casefold(), factor)
        return found

    @cached_property
    def _magnitude_lemmas(self) -> dict[str, Decimal]:
        by_lemma: dict[str, Decimal] = {}
        for word, factor in self.magnitudes.items():
            for lemma in self.analyzer.lemmas(word):
                by_lemma.setdefault(lemma, factor)
        return by_lemma

    def magnitude(self, word: str) -> Decimal | None:
        """The factor of a magnitude word in any inflection (``миллиардами`` → 10**9)."""
        surface = normalize_word(word).rstrip(".")
        factor = self.magnitudes.get(surface)
        if factor is not None or not surface or self.unspaced:
            return factor
        if not any(surface[:3] == known[:3] for known in self.magnitudes):
            return None  # spares the analyser the words that cannot be one
        for lemma in self.analyzer.lemmas(surface):
            if lemma in self._magnitude_lemmas:
                return self._magnitude_lemmas[lemma]
        return None

    def magnitude_prefix(self, text: str) -> tuple[str, Decimal] | None:
        """For unspaced languages: the magnitude word that ``text`` starts with (``亿元``).

        Character variants are folded first, so Traditional ``億``/``萬`` are Chinese
        ``亿``/``万``.
        """
        for word in sorted(self.magnitudes, key=len, reverse=True):
            start = normalize_word(text[: len(word)])
            if start == word or self.analyzer.fold_variants(start) == word:
                return text[: len(word)], self.magnitudes[word]
        return None

    @cached_property
    def spelled_numbers(self) -> Mapping[str, Decimal]:
        """Small numbers written as words: the row's :attr:`number_words`, else CLDR's
        cardinals 2 … 10 (:func:`~pipeline.languages.spelled.cardinal_words`)."""
        if self.number_words or self.unspaced:  # Chinese numerals are read on their own
            return self.number_words
        return spelled.cardinal_words(self.code)

    def number_word(self, word: str) -> Decimal | None:
        """The value of a small number written as a word (any inflection), if it is one."""
        if not self.spelled_numbers:
            return None
        surface = normalize_word(word)
        if surface in self.spelled_numbers:
            return self.spelled_numbers[surface]
        if self.words != "pymorphy3":
            return None
        values = {self.spelled_numbers.get(lemma) for lemma in self.analyzer.lemmas(surface)}
        values.discard(None)
        return values.pop() if len(values) == 1 else None

    @cached_property
    def ordinal_words(self) -> Mapping[str, Decimal]:
        """Ordinals written as words → value (``third``, ``तीसरा``, ``الثالثة``, ``세 번째``),
        from CLDR's spell-out rules (:func:`~pipeline.languages.spelled.ordinal_words`)."""
        return spelled.ordinal_words(self.code)

    @cached_property
    def _ordinal_stems(self) -> dict[str, Decimal | None]:
        """Ordinal words without their final combining marks (Hindi ``तीसरा``, ``तीसरे``,
        ``तीसरी``: the vowel sign inflects) → value, None where two values share a stem."""
        stems: dict[str, Decimal | None] = {}
        for word, value in self.ordinal_words.items():
            stem = _without_final_marks(word)
            stems[stem] = value if stems.get(stem, value) == value else None
        return stems

    @cached_property
    def _ordinal_length(self) -> int:
        """The most words an ordinal has (``세 번째``, ``wa tatu``: 2)."""
        return max((len(word.split()) for word in self.ordinal_words), default=0)

    @cached_property
    def _ordinal_pattern(self) -> re.Pattern[str]:
        """Languages without spaces: the ordinals as character runs (longest first)."""
        forms = sorted(self.ordinal_words, key=len, reverse=True)
        return re.compile("|".join(re.escape(f).replace(r"\ ", r"\s*") for f in forms), re.I)

    def ordinals_in(self, text: str) -> list[tuple[int, str, Decimal]]:
        """``(position, as written, value)`` of each ordinal word of ``text``: word by word,
        one to :attr:`_ordinal_length` words apart by white space only, with the row's
        prefixes (Arabic ``و``, ``ال``) taken off."""
        if not self.ordinal_words:
            return []
        if self.unspaced:
            found = []
            for match in self._ordinal_pattern.finditer(text):
                key = " ".join(normalize_word(match.group()).split())
                value = self.ordinal_words.get(key) or self.ordinal_words.get(key.replace(" ", ""))
                if value is None:
                    value = next(
                        (v for w, v in self.ordinal_words.items() if w.replace(" ", "") == key),
                        None,
                    )
                if value is not None:
                    found.append((match.start(), match.group(), value))
            return found
        tokens = [(m.start(), m.end()) for m in _ORDINAL_TOKEN.finditer(text)]
        found = []
        index = 0
        while index < len(tokens):
            for size in range(min(self._ordinal_length, len(tokens) - index), 0, -1):
                last = index + size - 1
                gaps = (text[tokens[k][1] : tokens[k + 1][0]] for k in range(index, last))
                if any(gap.strip() for gap in gaps):
                    continue
                written = text[tokens[index][0] : tokens[last][1]]
                value, cut = self._ordinal_value(written)
                if value is not None:
                    found.append((tokens[index][0] + cut, written[cut:], value))
                    index += size
                    break
            else:
                index += 1
        return found

    def _ordinal_value(self, written: str) -> tuple[Decimal | None, int]:
        """The value of a written ordinal and the length of the prefix before it."""
        key = " ".join(normalize_word(written).split())
        for prefix in ("", *self.conjunction_prefixes, *self.prefixes):
            if not key.startswith(prefix) or len(key) <= len(prefix):
                continue
            body = key[len(prefix) :]
            value = self.ordinal_words.get(body)
            if value is None:
                value = self._ordinal_stems.get(_without_final_marks(body))
            if value is not None:
                return value, len(prefix)
        return None, 0

    @cached_property
    def _ordinals_by_value(self) -> dict[Decimal, tuple[str, ...]]:
        """CLDR's ordinal words of each value (``2`` → ``second``)."""
        by_value: dict[Decimal, tuple[str, ...]] = {}
        for word, value in self.ordinal_words.items():
            by_value[value] = (*by_value.get(value, ()), word)
        return by_value

    def ordinal_ending(self, value: Decimal, ending: str) -> bool:
        """Whether digits of ``value`` followed by ``ending`` write an ordinal: ``ending`` is
        the end of CLDR's spelled ordinal of that value (``2nd``: second, ``21st``:
        twenty-first, ``1er``: premier). CLDR's ``digits-ordinal`` rules, which would say it
        directly, use plural selectors that unicode-rbnf cannot run. One letter is not
        enough (``3D``, ``5h`` would read as third, fifth) unless written after a hyphen
        (Russian ``2-й``: второй), which the caller marks by passing it."""
        ending = normalize_word(ending)
        hyphen = ending[:1] in "-\u2010\u2011"
        letters = ending.lstrip("-\u2010\u2011")
        if not letters or (len(letters) < 2 and not hyphen):
            return False
        return any(word.endswith(letters) for word in self._ordinals_by_value.get(value, ()))

    @cached_property
    def declined_ordinals(self) -> Mapping[str, Decimal]:
        """Every form of :attr:`ordinal_lemmas` (Czech ``třetím``, ``druzí``; Polish
        ``trzeciego``, ``drudzy``) → value: simplemma's, kept in ``data/ordinals.json``
        (:mod:`~pipeline.languages.ordinals`)."""
        if not self.ordinal_lemmas:
            return {}
        from .ordinals import ordinal_forms

        return ordinal_forms(self.code)

    def declined_ordinal(self, word: str) -> Decimal | None:
        """The value of a form of an ordinal of :attr:`ordinal_lemmas`, if ``word`` is one."""
        return self.declined_ordinals.get(normalize_word(word))

    def declined_ordinals_in(self, text: str) -> list[tuple[int, str, Decimal]]:
        """``(position, as written, value)`` of each word of ``text`` that
        :meth:`declined_ordinal` reads."""
        if not self.ordinal_lemmas:
            return []
        found = []
        for match in _ORDINAL_TOKEN.finditer(text):
            value = self.declined_ordinal(match.group())
            if value is not None:
                found.append((match.start(), match.group(), value))
        return found

    @cached_property
    def conjunctions(self) -> frozenset[str]:
        """Words of coordination: CLDR's list patterns for ``and`` and ``or``, and extras."""
        words = set(self.extra_conjunctions)
        patterns = self.locale.list_patterns if self.locale else {}
        for kind in ("standard", "or"):
            pattern = patterns.get(kind, {}).get("end", "")
            between = pattern.replace("{0}", " ").replace("{1}", " ")
            words.update(normalize_word(w) for w in re.findall(r"[^\W\d_]+", between))
        return frozenset(words)

    @property
    def plural_forms(self) -> str:
        """The gettext ``Plural-Forms`` header, from Babel's CLDR plural rules."""
        from babel.messages.plurals import get_plural

        return get_plural(self.code).plural_forms

    # -- models ---------------------------------------------------------------------------

    def default_models(self) -> tuple[str | None, str | None]:
        """``(forward, backward)`` default hub ids, None where opus-mt has no such model."""
        code = self.hub_code or self.code
        forward = _HUB.format(source="en", target=code) if self.forward_model else None
        backward = _HUB.format(source=code, target="en") if self.backward_model else None
        return forward, backward


def _without_final_marks(word: str) -> str:
    """``तीसरा`` → ``तीसर``: the word without the combining marks it ends with."""
    end = len(word)
    while end and unicodedata.category(word[end - 1]).startswith("M"):
        end -= 1
    return word[:end]


def simplemma_has(code: str) -> bool:
    """Whether simplemma has a dictionary for a language subtag."""
    # Imported here: simplemma is loaded only for the languages that use it.
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    return code in SUPPORTED_LANGUAGES


def _pattern_suffix(pattern: object, *, before: bool = False) -> tuple[str, int]:
    """The word of a compact decimal pattern and its number of zeros (``00 Mrd.`` → Mrd, 2).

    ``before``: the word written before the number instead (Swahili ``milioni 0``); a
    pattern whose word is on the other side gives ``("", zeros)``.
    """
    text = str(getattr(pattern, "pattern", pattern)).split(";")[0]  # the positive pattern
    text = text.replace("'", "")  # CLDR quotes literal dots: "0 Mio'.'"
    text = "".join(ch for ch in text if ch not in _BIDI_MARKS)  # Hebrew, Arabic: "\u200f0 K"
    zeros = text.count("0")
    head, _, tail = text.strip(_SPACES).partition("0")
    if before != bool(head.strip(_SPACES)):
        return "", zeros
    word = (head if before else tail).replace("0", "").strip(_SPACES).rstrip(".")
    return word, zeros
