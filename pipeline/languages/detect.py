"""Language identification of segments, by writing system and English function words.

The pipeline translates English; what it must never do is send a segment in another
language to MT. Script decides for non-Latin text (Cyrillic → ``ru``/``uk``/…, Greek,
CJK, Arabic, Hebrew…), a language's own letters (the profile's ``letters``: Ukrainian
і ї є ґ) picking it among those of its script; Latin-script text is English unless it has
the function words (the profiles' ``function_words``) of another Latin-script language and
few of English's.
"""

from __future__ import annotations

import re
from functools import cache

from .scripts import letter_script, script_language
from .table import PROFILES


@cache
def _function_words() -> dict[str, frozenset[str]]:
    return {p.code: p.function_words for p in PROFILES if p.function_words}


@cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Each function word → the languages it is a function word of, in profile order."""
    index: dict[str, tuple[str, ...]] = {}
    for language, words in _function_words().items():
        for word in words:
            index[word] = (*index.get(word, ()), language)
    return index


@cache
def _profile_order() -> dict[str, int]:
    return {language: position for position, language in enumerate(_function_words())}


@cache
def _own_letters() -> dict[str, str]:
    return {p.code: p.letters for p in PROFILES if p.letters}


_SAMPLE_CHARS = 2000  # a sentence's language shows in its first characters
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, default: str = "en") -> str:
    """Best guess of the language of a short text (an ISO 639-1 code)."""
    text = text[:_SAMPLE_CHARS]
    if text.isascii():  # the usual case: Latin letters only, no need to count scripts
        if _WORD.search(text) is None:
            return default
        script = "Latn"
    else:
        counts: dict[str, int] = {}
        for ch in text:
            if ch.isalpha():
                found = letter_script(ch)
                if found:
                    counts[found] = counts.get(found, 0) + 1
        if not counts:
            return default
        script = max(counts, key=lambda s: counts[s])
    if script != "Latn":
        lowered = text.lower()
        for language, letters in _own_letters().items():
            if letter_script(letters[0]) == script and any(ch in letters for ch in lowered):
                return language
        return script_language(script) or default
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return default
    vocabularies = _function_words()
    own = vocabularies.get(default, frozenset())
    # A word both languages use ("a" in English and Portuguese) tells them apart no more
    # than a noun does: it counts for neither.
    scores: dict[str, int] = {}
    for word in words:
        if word not in own:
            for lang in _languages_of_word().get(word, ()):
                scores[lang] = scores.get(lang, 0) + 1
    scores.pop(default, None)
    if not scores:
        return default
    order = _profile_order()
    best = max(scores, key=lambda lang: (scores[lang], -order[lang]))  # ties: profile order
    rival = vocabularies[best]
    default_score = sum(w in own and w not in rival for w in words)
    if scores[best] >= 2 and scores[best] > 2 * default_score:
        return best
    return default
