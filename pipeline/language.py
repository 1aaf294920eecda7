"""Language identification of segments, by writing system and English function words.

The pipeline translates English; what it must never do is send a segment in another
language to MT. Script decides for non-Latin text (Cyrillic → ``ru``/``uk``/…, Greek,
CJK, Arabic, Hebrew…); Latin-script text is English unless it has the function words or
letters of another Latin-script language and none of English's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SCRIPT_LANGUAGE = {
    "CYRILLIC": "ru",
    "GREEK": "el",
    "ARABIC": "ar",
    "HEBREW": "he",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "THAI": "th",
    "DEVANAGARI": "hi",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
}
_UKRAINIAN_LETTERS = set("іїєґІЇЄҐ")

_FUNCTION_WORDS = {
    "en": set(
        """the and of to in is are was were for with that this which on by from be it""".split()
    ),
    "de": set("""der die das und ist nicht ein eine mit für von zu den dem des auf sich""".split()),
    "fr": set("""le la les et est une des du pour dans avec sur qui que au aux ne pas""".split()),
    "es": set("""el la los las y es una del para con por que en se al no como más""".split()),
    "it": set("""il lo la gli le e è una del della per con che di non sono""".split()),
    "pt": set("""o os a as e é um uma do da dos das para com que em não""".split()),
    "nl": set("""de het een en is van voor met op dat niet zijn te""".split()),
}
_SAMPLE_CHARS = 2000  # a sentence's language shows in its first characters
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=4096)
def _script(ch: str) -> str | None:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    for script in _SCRIPT_LANGUAGE:
        if name.startswith(script):
            return script
    if "LATIN" in name:
        return "LATIN"
    return None


def detect_language(text: str, default: str = "en") -> str:
    """Best guess of the language of a short text (an ISO 639-1 code)."""
    text = text[:_SAMPLE_CHARS]
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = _script(ch)
            if script:
                counts[script] = counts.get(script, 0) + 1
    if not counts:
        return default
    script = max(counts, key=lambda s: counts[s])
    if script != "LATIN":
        language = _SCRIPT_LANGUAGE[script]
        if language == "ru" and any(ch in _UKRAINIAN_LETTERS for ch in text):
            return "uk"
        return language
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return default
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    if best != "en" and scores[best] >= 2 and scores[best] > 2 * scores["en"]:
        return best
    return default
