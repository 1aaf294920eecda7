"""Words of Russian and Ukrainian with pymorphy3: lemma-level matching and inflection.

One :class:`PymorphyWords` per language (``ru`` with ``pymorphy3-dicts-ru``, ``uk`` with
``pymorphy3-dicts-uk``), whose analyser is built on first use and shared by the whole program
(glossary matching, enforcement and the ``numbers`` check).

Matching: a text word matches a glossary word when their normalised surfaces are equal
(see :func:`~pipeline.languages.words.normalize_word`), or — for a glossary word the
dictionary knows — when the lemma sets of all their pymorphy3 parses intersect
(``особой`` ~ ``особая``, ``Минздравом`` ~ ``Минздрав``). A glossary word the dictionary
does not know (``Некст``, ``муковисцидоз``) matches its own surface and, where pymorphy3
guesses a paradigm for it, the forms of that guessed paradigm (``муковисцидозом``).

Inflection: :func:`inflect_phrase` declines a term to the six cases, singular and plural,
making the adjectives before the head noun agree with it; words after the head (genitive
complements such as ``Гоше`` or ``Москвы``), quoted names, acronyms and words the analyser
cannot place are left as written.

Declined phrases are remembered in ``<l10n cache>/inflections-<key>.json``, the key naming
the language, pymorphy3, its dictionary and this module's code, so a glossary's terms are
declined once, not on every run.

pymorphy3 is imported here, and this module only when a language that uses it is looked at.
"""

from __future__ import annotations

import atexit
import hashlib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

import pymorphy3
from pymorphy3.analyzer import Parse
from pymorphy3.units import DictionaryAnalyzer

from ..cache_dirs import l10n_cache_dir
from ..memo import add_to_memo, read_memo
from .words import WordAnalysis, normalize_word

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
NUMBERS = ("sing", "plur")
GENDERS = ("masc", "femn", "neut")
_MODIFIER_POS = frozenset({"ADJF", "PRTF"})
_FUNCTION_POS = frozenset({"CONJ", "PREP", "PRCL", "INTJ", "ADVB", "NPRO"})
_OPENING_QUOTES = "«“„\"'‘‚"
_CLOSING_QUOTES = "»”“\"'’"


@cache
def morph_analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """The shared analyser of a language (built lazily; construction loads the dictionaries)."""
    return pymorphy3.MorphAnalyzer(lang=lang)


def _from_dictionary(parse: Parse) -> bool:
    return isinstance(parse.methods_stack[0][0], DictionaryAnalyzer)


@lru_cache(maxsize=100_000)
def analyze_word(word: str, lang: str) -> WordAnalysis:
    """Lemmas and, for words missing from the dictionary, guessed forms of a word."""
    surface = normalize_word(word)
    parses = morph_analyzer(lang).parse(surface)
    lemmas = frozenset(normalize_word(parse.normal_form) for parse in parses)
    known = any(_from_dictionary(parse) for parse in parses)
    forms = {surface}
    if not known:
        for parse in parses:
            if parse.tag.POS is not None:  # a guessed paradigm, not UNKN/LATN/NUMB
                forms.update(normalize_word(form.word) for form in parse.lexeme)
    return WordAnalysis(surface=surface, lemmas=lemmas, known=known, forms=frozenset(forms))


class PymorphyWords:
    """Words of one language with pymorphy3: analysis for matching, declension of terms."""

    unspaced = False
    lemma_slack = 0
    min_stem = 5

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def analyze(self, word: str) -> WordAnalysis:
        return analyze_word(word, self.lang)

    def lemmas(self, word: str) -> frozenset[str]:
        return analyze_word(word, self.lang).lemmas

    def inflect(self, phrase: str) -> list[str]:
        return inflect_phrase(phrase, self.lang)

    def fold_variants(self, text: str) -> str:
        return text

    def in_compound(self, text_word: str, term_word: WordAnalysis) -> bool:
        return False

    def decline(self, phrase: str) -> dict[tuple[str, ...], str]:
        return decline_phrase(phrase, self.lang)

    def analyzer(self) -> pymorphy3.MorphAnalyzer:
        return morph_analyzer(self.lang)


# --- inflection -------------------------------------------------------------------------


@dataclass
class _Chunk:
    """A white-space separated piece of a phrase: punctuation around a word."""

    before: str
    word: str
    after: str
    frozen: bool  # quoted, acronym, in brackets or not a word: never inflected

    def render(self, word: str | None = None) -> str:
        return f"{self.before}{self.word if word is None else word}{self.after}"


def _chunks(phrase: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    in_quotes = in_brackets = False
    for piece in phrase.split():
        start, end = 0, len(piece)
        while start < end and not piece[start].isalnum():
            start += 1
        while end > start and not piece[end - 1].isalnum():
            end -= 1
        before, word, after = piece[:start], piece[start:end], piece[end:]
        opens_quote = any(mark in before for mark in _OPENING_QUOTES)
        opens_bracket = "(" in before or "[" in before
        frozen = (
            in_quotes
            or in_brackets
            or opens_quote
            or opens_bracket
            or not word
            or not any(ch.isalpha() for ch in word)
            or (len(word) > 1 and word.isupper())
        )
        chunks.append(_Chunk(before, word, after, frozen))
        if opens_quote:
            in_quotes = True
        if opens_bracket:
            in_brackets = True
        if any(mark in after for mark in _CLOSING_QUOTES) and (in_quotes or opens_quote):
            in_quotes = False
        if ")" in after or "]" in after:
            in_brackets = False
    return chunks


def _parses(word: str, lang: str) -> list[Parse]:
    return [parse for parse in morph_analyzer(lang).parse(word) if parse.tag.POS is not None]


def _nominative(parses: list[Parse], pos: frozenset[str]) -> Parse | None:
    candidates = [p for p in parses if p.tag.POS in pos and p.tag.case == "nomn"]
    if not candidates:
        # pymorphy3-dicts-uk leaves some nominatives without a case (``зона``).
        candidates = [p for p in parses if p.tag.POS in pos and p.tag.case is None]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (_from_dictionary(p), p.score))


def _match_case(form: str, original: str) -> str:
    if "ё" not in original.lower():
        form = form.replace("ё", "е")
    if len(original) > 1 and original.isupper():
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _inflect(parse: Parse, grammemes: set[str], fallback: set[str] | None = None) -> str | None:
    for wanted in (grammemes, fallback):
        if wanted is None:
            continue
        inflected = parse.inflect(wanted)
        if inflected is None and "sing" in wanted:
            inflected = _singular_form(parse, wanted - {"sing"})
        if inflected is not None:
            return inflected.word
    return None


def _singular_form(parse: Parse, grammemes: set[str]) -> Parse | None:
    """A form with ``grammemes`` not in the plural: pymorphy3-dicts-uk does not tag ``sing``."""
    for form in parse.lexeme:
        if grammemes <= form.tag.grammemes and "plur" not in form.tag.grammemes:
            return form
    return None


def decline_phrase(phrase: str, lang: str) -> dict[tuple[str, ...], str]:
    """The phrase's forms keyed by grammemes, adjectives agreeing with the head noun.

    With a head noun the keys are ``(case, number)``, e.g. ``("ablt", "plur")`` →
    ``орфанными заболеваниями``; a phrase of adjectives alone is keyed ``(case, number,
    gender)`` in the singular, ``(case, "plur")`` in the plural, with the animacy added for
    the accusative. Forms pymorphy3 cannot build are left out.
    """
    chunks = _chunks(phrase)
    parses = [[] if chunk.frozen else _parses(chunk.word, lang) for chunk in chunks]
    head_index = _head_noun(chunks, parses)
    forms: dict[tuple[str, ...], str] = {}
    if head_index is None:
        for number in NUMBERS:
            for gender in GENDERS if number == "sing" else (None,):
                for case in CASES:
                    for animacy in ("inan", "anim") if case == "accs" else (None,):
                        words = [
                            _modifier_form(chunk, chunk_parses, case, number, gender, animacy)
                            for chunk, chunk_parses in zip(chunks, parses, strict=True)
                        ]
                        key = tuple(g for g in (case, number, gender, animacy) if g)
                        forms[key] = " ".join(words)
        return forms
    head = _nominative(parses[head_index], frozenset({"NOUN"}))
    assert head is not None
    for number in NUMBERS:
        for case in CASES:
            head_word = _inflect(head, {case, number})
            if head_word is None:
                continue
            gender = head.tag.gender if number == "sing" else None
            words: list[str] = []
            for index, chunk in enumerate(chunks):
                if index < head_index:
                    words.append(
                        _modifier_form(chunk, parses[index], case, number, gender, head.tag.animacy)
                    )
                elif index == head_index:
                    words.append(chunk.render(_match_case(head_word, chunk.word)))
                else:
                    words.append(chunk.render())
            forms[(case, number)] = " ".join(words)
    return forms


def inflect_phrase(phrase: str, lang: str) -> list[str]:
    """The phrase in the six cases, singular and plural, adjectives agreeing with the head.

    The phrase as written comes first; duplicates are removed. A phrase with nothing to
    inflect gives just itself.
    """
    return list(_inflect_phrase(phrase, lang))


@lru_cache(maxsize=4096)
def _inflect_phrase(phrase: str, lang: str) -> tuple[str, ...]:
    # Memoised, in the process and on disk: a term recurs in many sentences and runs, and
    # declining it costs a dozen pymorphy3 inflections.
    remembered = _remembered_forms(lang)
    if phrase in remembered:
        return tuple(remembered[phrase])
    written = " ".join(chunk.render() for chunk in _chunks(phrase))
    forms = tuple(dict.fromkeys([written, *decline_phrase(phrase, lang).values()]))
    new_forms = _new_forms.setdefault(lang, {})
    new_forms[phrase] = list(forms)
    if sum(map(len, _new_forms.values())) == 1:
        atexit.register(_save_forms)
    return forms


_new_forms: dict[str, dict[str, list[str]]] = {}


@cache
def _forms_file(lang: str) -> Path:

    versions = [f"lang={lang}"]
    for package in ("pymorphy3", f"pymorphy3-dicts-{lang}"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=?")
    code = Path(__file__).read_bytes()
    key = hashlib.sha256("\n".join(versions).encode() + b"\0" + code).hexdigest()[:16]
    return l10n_cache_dir() / f"inflections-{key}.json"


@cache
def _remembered_forms(lang: str) -> dict[str, list[str]]:
    return {
        phrase: forms
        for phrase, forms in read_memo(_forms_file(lang)).items()
        if isinstance(forms, list) and forms and all(isinstance(f, str) for f in forms)
    }


def _save_forms() -> None:
    """Add the phrases declined in this process to the memo file (at exit)."""
    for lang, new_forms in _new_forms.items():
        if new_forms:
            add_to_memo(_forms_file(lang), new_forms)
    _new_forms.clear()


def _head_noun(chunks: list[_Chunk], parses: list[list[Parse]]) -> int | None:
    """Index of the head noun: the first noun that cannot also be read as an adjective."""
    fallback = None
    for index, (chunk, chunk_parses) in enumerate(zip(chunks, parses, strict=True)):
        if chunk.frozen or not chunk_parses or chunk_parses[0].tag.POS in _FUNCTION_POS:
            continue
        noun = _nominative(chunk_parses, frozenset({"NOUN"}))
        if noun is None or "Fixd" in noun.tag:
            continue
        if _nominative(chunk_parses, _MODIFIER_POS) is None:
            return index
        if fallback is None:
            fallback = index
    return fallback


def _modifier_form(
    chunk: _Chunk,
    parses: list[Parse],
    case: str,
    number: str,
    gender: str | None,
    animacy: str | None,
) -> str:
    """An adjective/participle agreeing in case, number and gender; other words unchanged."""
    if chunk.frozen:
        return chunk.render()
    modifier = _nominative(parses, _MODIFIER_POS)
    if modifier is None:
        return chunk.render()
    grammemes = {case, number}
    if gender is not None and number == "sing" and gender in GENDERS:
        grammemes.add(gender)
    fallback = set(grammemes)
    if case == "accs" and animacy in ("anim", "inan") and (number == "plur" or gender == "masc"):
        grammemes.add(animacy)
        if animacy == "inan":  # without an animacy tag: the inanimate accusative is the nominative
            fallback = (fallback - {"accs"}) | {"nomn"}
    word = _inflect(modifier, grammemes, fallback)
    return chunk.render(_match_case(word, chunk.word) if word else None)
