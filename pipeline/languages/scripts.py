"""Which script a letter is written in, and which language a script stands for.

One table for the whole pipeline (the ``untranslated`` check and the detection of a
segment's language both read it): the ISO 15924 code of a letter comes from the prefix of
its Unicode name (``CYRILLIC SMALL LETTER A`` → ``Cyrl``); the language a script stands for
when nothing else tells is CLDR's likely language of ``und_<script>`` (Cyrillic → ``ru``,
Han → ``zh``, Devanagari → ``hi``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Prefixes of Unicode character names → the ISO 15924 script of those letters.
_NAME_SCRIPTS = {
    "LATIN": "Latn",
    "CYRILLIC": "Cyrl",
    "GREEK": "Grek",
    "ARABIC": "Arab",
    "HEBREW": "Hebr",
    "HANGUL": "Hang",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "CJK": "Hani",
    "THAI": "Thai",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "ARMENIAN": "Armn",
    "GEORGIAN": "Geor",
    "ETHIOPIC": "Ethi",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "KANNADA": "Knda",
    "MALAYALAM": "Mlym",
    "GUJARATI": "Gujr",
    "GURMUKHI": "Guru",
    "KHMER": "Khmr",
    "LAO": "Laoo",
    "MYANMAR": "Mymr",
    "SINHALA": "Sinh",
}
# A language's script (likely subtags) → the scripts of the letters it is written with.
_WRITTEN_WITH = {
    "Hans": ("Hani",),
    "Hant": ("Hani",),
    "Jpan": ("Hira", "Kana", "Hani"),
    "Kore": ("Hang", "Hani"),
}
_LABELS = {"Hans": "Chinese", "Hant": "Chinese", "Jpan": "Japanese"}


@lru_cache(maxsize=8192)
def letter_script(ch: str) -> str | None:
    """The ISO 15924 script of a letter (``я`` → ``Cyrl``, ``語`` → ``Hani``), None if the
    table does not know it."""
    name = unicodedata.name(ch, "")
    return next((code for prefix, code in _NAME_SCRIPTS.items() if name.startswith(prefix)), None)


def letter_scripts(script: str) -> tuple[str, ...]:
    """The scripts of the letters text in ``script`` is written with (``Jpan`` → kana and
    Han); empty where the table does not know the script (nothing can be checked)."""
    if script in _WRITTEN_WITH:
        return _WRITTEN_WITH[script]
    return (script,) if script in _NAME_SCRIPTS.values() else ()


def has_letters_of(text: str, script: str) -> bool:
    """Whether ``text`` has a letter written in ``script``."""
    wanted = letter_scripts(script)
    return any(ch.isalpha() and letter_script(ch) in wanted for ch in text)


def script_label(script: str) -> str:
    """The script's English name for messages (``Cyrl`` → Cyrillic, ``Kore`` → Hangul)."""
    from babel import Locale

    if script in _LABELS:
        return _LABELS[script]
    names = Locale("en").scripts
    return names.get(letter_scripts(script)[0] if letter_scripts(script) else script, script)


@lru_cache(maxsize=64)
def script_language(script: str) -> str | None:
    """The language a script stands for when nothing else tells (CLDR's likely language
    of ``und_<script>``: ``Cyrl`` → ``ru``, ``Hani`` → ``zh``); None for Latin."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(f"und_{script}")
    if script == "Latn" or not likely:
        return None
    return likely.split("_", 1)[0]
