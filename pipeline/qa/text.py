"""Checks on the text of a translation: ``untranslated``, ``length``, ``repetition``,
``quotes`` and ``punctuation``.

* ``untranslated``: the target equals the source (case and white space aside), or has no
  letter of the target language's script. The script comes from the language code with
  babel's likely subtags (``ru`` → Cyrillic, ``sr_Latn`` → Latin, ``ja`` → Japanese); for a
  Latin-script target (de, fr…) only the equality is checked. Skipped: sources without
  letters once do-not-translate glossary terms are taken out (``2024.``, ``Generium Next``),
  and a copy of a source already in the target language (``Ваш вопрос`` in a ru catalog).
* ``length``: target characters / source characters (white space runs counted as one) out of
  the band of the target language's profile (``length_band``: en→ru 0.8–1.8, en→de 0.8–1.9,
  en→zh 0.15–1.0, default 0.5–2.0) — with :data:`LENGTH_SLACK` characters of slack each
  way, since short sentences vary more; sources under :data:`MIN_LENGTH_SOURCE`
  characters, or not in English, are skipped.
* ``repetition``: runs of a word, or of a 2- or 3-word phrase, repeated right after itself
  (only white space between), case-insensitive; reported when the target has more such runs
  than the source. Doubled function words a language allows (``die die``, ``had had``: the
  profile's ``allowed_doubles``) are not counted.
* ``quotes``: for quotation marks («» “” „“ "" »«, and the target language's own, such as
  「」 in Japanese: one class, nesting allowed) and for ()
  and [], the number of marks left open and of closing marks without an opening one; a
  segment of a multi-sentence quotation legitimately opens without closing, so only a
  difference from the source's counts is reported. Whether a quotation mark opens or
  closes is read from its neighbours (after a space it opens, before one it closes).
* ``punctuation``: the end punctuation class (``.`` ``?`` ``!`` ``…`` ``:`` ``;`` ``,``
  dash, or none), read before closing quotes and brackets, with full-width and Greek forms
  mapped; ``...`` equals ``…``. Also the target language's conventions inside the text:
  the (narrow) no-break space French puts before ``; : ! ?`` (the profile's
  ``space_before``), and full-width punctuation after Chinese and Japanese text
  (``full_width``: ``，`` not ``,``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..languages import SOURCE_LANGUAGE, likely_script, primary_subtag, profile
from ..languages.marks import WORD_CHAR
from . import QAFinding, QAItem, QAOptions, Severity, check, finding

MIN_LENGTH_SOURCE = 20
# Characters of slack each way: short sentences vary more in ratio than long ones.
LENGTH_SLACK = 10
MAX_NGRAM = 3

# ISO 15924 script → prefixes of the Unicode character names of its letters.
_SCRIPT_NAMES: dict[str, tuple[str, ...]] = {
    "Cyrl": ("CYRILLIC",),
    "Grek": ("GREEK",),
    "Arab": ("ARABIC",),
    "Hebr": ("HEBREW",),
    "Hans": ("CJK",),
    "Hant": ("CJK",),
    "Jpan": ("CJK", "HIRAGANA", "KATAKANA"),
    "Kore": ("HANGUL", "CJK"),
    "Thai": ("THAI",),
    "Deva": ("DEVANAGARI",),
    "Beng": ("BENGALI",),
    "Armn": ("ARMENIAN",),
    "Geor": ("GEORGIAN",),
    "Ethi": ("ETHIOPIC",),
    "Taml": ("TAMIL",),
    "Telu": ("TELUGU",),
    "Knda": ("KANNADA",),
    "Mlym": ("MALAYALAM",),
    "Gujr": ("GUJARATI",),
    "Guru": ("GURMUKHI",),
    "Khmr": ("KHMER",),
    "Laoo": ("LAO",),
    "Mymr": ("MYANMAR",),
    "Sinh": ("SINHALA",),
}
_SCRIPT_LABELS = {"Cyrl": "Cyrillic", "Grek": "Greek", "Hans": "Chinese", "Hant": "Chinese"}

# Words with their combining marks: a Devanagari word is not cut at its vowel signs.
_WORD = re.compile(rf"{WORD_CHAR}+(?:[-'’]{WORD_CHAR}+)*")


def _language(lang: str) -> str:
    return primary_subtag(lang)


def target_script(lang: str) -> str | None:
    """The ISO 15924 script of a language code (``ru`` → ``Cyrl``), None if unknown."""
    return likely_script(lang)


def _in_script(ch: str, prefixes: tuple[str, ...]) -> bool:
    return unicodedata.name(ch, "").startswith(prefixes)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def _translatable_part(item: QAItem, options: QAOptions) -> str:
    """The source without its do-not-translate glossary terms (they stay as they are)."""
    if options.glossary is None:
        return item.source
    text = item.source
    for match in reversed(options.glossary.find_in_source(item.source, item.lang)):
        if match.term.dnt:
            text = text[: match.start] + text[match.end :]
    return text


@check(
    "untranslated",
    Severity.ERROR,
    "target equal to the source, or without any letter of the target language's script",
)
def check_untranslated(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """The target is a copy of the source, or has no text in the target script."""
    if not _has_letters(_translatable_part(item, options)):
        return []
    if _normalized(item.target) == _normalized(item.source):
        if _language(item.source_lang) == _language(item.lang):
            return []  # the segment already is in the target language
        return [finding("untranslated", "the translation is the same as the source")]
    script = target_script(item.lang)
    prefixes = _SCRIPT_NAMES.get(script or "")
    if prefixes and not any(ch.isalpha() and _in_script(ch, prefixes) for ch in item.target):
        label = _SCRIPT_LABELS.get(script or "", prefixes[0].title())
        return [finding("untranslated", f"the translation has no {label} text")]
    return []


def length_band(lang: str) -> tuple[float, float]:
    """The accepted target/source character ratio for English → ``lang``."""
    return profile(lang).length_band


@check(
    "length",
    Severity.WARNING,
    "target/source length in characters outside the target language's band (its profile: "
    "ru/uk 0.8–1.8, de/fr/es 0.8–1.9, zh/ja 0.15–1.0, default 0.5–2.0), ±10 characters of "
    "slack; sources under 20 characters skipped",
)
def check_length(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """Target length out of the expected band relative to the source."""
    source = " ".join(item.source.split())
    target = " ".join(item.target.split())
    if len(source) < MIN_LENGTH_SOURCE or _language(item.source_lang) != SOURCE_LANGUAGE:
        return []
    low, high = length_band(item.lang)
    shortest = low * len(source) - LENGTH_SLACK
    longest = high * len(source) + LENGTH_SLACK
    if shortest <= len(target) <= longest:
        return []
    ratio = len(target) / len(source)
    side = "short" if len(target) < shortest else "long"
    return [
        finding(
            "length",
            f"translation too {side}: {len(target)} characters for {len(source)} "
            f"(ratio {ratio:.2f}, expected {low:g}–{high:g})",
        )
    ]


@dataclass(frozen=True)
class Repetition:
    """A phrase of ``size`` words written ``count`` times in a row; ``text``: the whole run."""

    text: str
    size: int
    count: int


def find_repetitions(text: str, lang: str) -> list[Repetition]:
    """Words or 2–3 word phrases repeated right after themselves (white space between)."""
    matches = list(_WORD.finditer(text))
    words = [m.group().casefold() for m in matches]
    allowed = profile(lang).allowed_doubles

    def adjacent(first: int, last: int) -> bool:
        """Only white space between the words first..last."""
        return all(
            not text[matches[k].end() : matches[k + 1].start()].strip() for k in range(first, last)
        )

    found: list[Repetition] = []
    index = 0
    while index < len(words):
        advanced = False
        for size in range(1, MAX_NGRAM + 1):
            unit = words[index : index + size]
            if len(unit) < size or not any(ch.isalpha() for w in unit for ch in w):
                break
            count = 1
            while words[index + count * size : index + (count + 1) * size] == unit and adjacent(
                index, index + (count + 1) * size - 1
            ):
                count += 1
            if count >= 2 and not (size == 1 and count == 2 and unit[0] in allowed):
                last = matches[index + size * count - 1]
                run = text[matches[index].start() : last.end()]
                found.append(Repetition(run, size, count))
                index += size * count
                advanced = True
                break
        if not advanced:
            index += 1
    return found


@check(
    "repetition",
    Severity.WARNING,
    "a word or 2–3 word phrase repeated consecutively in the target more than in the source",
)
def check_repetition(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """MT stutter: more consecutive repetitions in the target than in the source."""
    target_runs = find_repetitions(item.target, item.lang)
    if len(target_runs) <= len(find_repetitions(item.source, item.source_lang)):
        return []
    described = ", ".join(f"«{run.text}»" for run in target_runs)
    return [finding("repetition", f"repeated words: {described}")]


# Quotation marks: what each one does when its neighbours do not tell (None: toggles).
_QUOTE_DEFAULT_OPENS: dict[str, bool | None] = {
    "«": True,
    "„": True,
    "»": False,
    "”": False,
    "“": None,
    '"': None,
}
_BRACKETS = {"(": ("brackets", True), ")": ("brackets", False)}
_BRACKETS |= {"[": ("square brackets", True), "]": ("square brackets", False)}
_OPEN_CONTEXT = "([{«„“\"'‘—–-/"
_CLOSE_CONTEXT = ".,;:!?)]}»”“\"'’…—–-/"
QUOTES = "quotation marks"


@lru_cache(maxsize=64)
def _quote_marks(lang: str) -> dict[str, bool | None]:
    """The common quotation marks plus the language's own (「」 in Japanese)."""
    opening, closing = (mark.strip() for mark in profile(lang).quotes)
    own = {mark: opens for mark, opens in ((opening, True), (closing, False)) if len(mark) == 1}
    return {**own, **_QUOTE_DEFAULT_OPENS}


def _quote_opens(text: str, index: int, depth: int, marks: dict[str, bool | None]) -> bool:
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    opens_by_context = before.isspace() or before in _OPEN_CONTEXT
    closes_by_context = after.isspace() or after in _CLOSE_CONTEXT
    if opens_by_context and not closes_by_context:
        return True
    if closes_by_context and not opens_by_context:
        return False
    default = marks[text[index]]
    return depth == 0 if default is None else default


def mark_balance(text: str, lang: str = SOURCE_LANGUAGE) -> dict[str, tuple[int, int]]:
    """Per class of marks: ``(left open, closed without opening)``; balanced classes omitted.

    Quotation marks are the common ones and those of ``lang``'s profile.
    """
    marks = _quote_marks(lang)
    depth: dict[str, int] = {}
    unopened: dict[str, int] = {}
    for index, ch in enumerate(text):
        if ch in marks:
            kind = QUOTES
            opens = _quote_opens(text, index, depth.get(QUOTES, 0), marks)
        elif ch in _BRACKETS:
            kind, opens = _BRACKETS[ch]
        else:
            continue
        if opens:
            depth[kind] = depth.get(kind, 0) + 1
        elif depth.get(kind, 0):
            depth[kind] -= 1
        else:
            unopened[kind] = unopened.get(kind, 0) + 1
    kinds = set(depth) | set(unopened)
    balance = {kind: (depth.get(kind, 0), unopened.get(kind, 0)) for kind in kinds}
    return {kind: counts for kind, counts in balance.items() if counts != (0, 0)}


def _describe_balance(counts: tuple[int, int]) -> str:
    left_open, unopened = counts
    parts = []
    if left_open:
        parts.append(f"{left_open} not closed")
    if unopened:
        parts.append(f"{unopened} closed without opening")
    return " and ".join(parts) or "balanced"


@check(
    "quotes",
    Severity.WARNING,
    "unclosed or unopened quotation marks or brackets in the target where the source "
    "has not the same imbalance",
)
def check_quotes(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """Quotation marks or brackets unbalanced in the target unlike in the source."""
    source = mark_balance(item.source, item.source_lang)
    target = mark_balance(item.target, item.lang)
    findings: list[QAFinding] = []
    for kind in sorted(set(source) | set(target)):
        source_counts = source.get(kind, (0, 0))
        target_counts = target.get(kind, (0, 0))
        if source_counts != target_counts:
            findings.append(
                finding(
                    "quotes",
                    f"{kind}: {_describe_balance(target_counts)} in the target, "
                    f"{_describe_balance(source_counts)} in the source",
                )
            )
    return findings


# Closing quotes and brackets, German »…« and ›…‹ and the CJK ones included.
_CLOSERS = "\"'»”“’‘›«‹)]}」』）】〉》"
_END_CLASSES = {
    ".": ".",
    "。": ".",
    "．": ".",
    "?": "?",
    "？": "?",
    "؟": "?",
    "!": "!",
    "！": "!",
    "…": "…",
    ":": ":",
    "：": ":",
    ";": ";",
    "；": ";",
    ",": ",",
    "，": ",",
    "、": ",",
    "-": "—",
    "–": "—",
    "—": "—",
}


def end_punctuation(text: str, lang: str = SOURCE_LANGUAGE) -> str:
    """The end punctuation class of a text: ``.`` ``?`` ``!`` ``…`` ``:`` ``;`` ``,`` ``—``
    or ``""`` (none), read before closing quotes and brackets."""
    body = text.rstrip().rstrip(_CLOSERS + " \u00a0").rstrip()
    if body.endswith(("...", "…")):
        return "…"
    tail = body[-2:]
    if "?" in tail or "？" in tail:
        return "?"
    if not body:
        return ""
    last = body[-1]
    if last == profile(lang).question_mark:
        return "?"  # the Greek question mark is ";"
    return _END_CLASSES.get(last) or _end_class_by_name(last)


# Sentence ends of other scripts, by their Unicode names: the Devanagari danda ``।``, Urdu
# ``۔``, Ethiopic ``።`` and ``፧``, Armenian ``։``, Myanmar ``။``, Khmer ``។``.
_NAMED_ENDS = (
    ("QUESTION MARK", "?"),
    ("EXCLAMATION MARK", "!"),
    ("FULL STOP", "."),
    ("DANDA", "."),
    ("MYANMAR SIGN SECTION", "."),
    ("KHMER SIGN KHAN", "."),
)


@lru_cache(maxsize=256)
def _end_class_by_name(char: str) -> str:
    name = unicodedata.name(char, "")
    if "COMMA" in name:
        return ","
    return next((mark for part, mark in _NAMED_ENDS if part in name), "")


def _ending(mark: str) -> str:
    return f"ends with «{mark}»" if mark else "has no end punctuation"


_FULL_WIDTH_EXPECTED = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[,.;:!?](?!\d)")


def typography_problems(text: str, lang: str) -> list[str]:
    """The target language's punctuation conventions the text breaks."""
    language = profile(lang)
    problems: list[str] = []
    if language.space_before:
        pattern = (
            rf"(?<=[^\s\u00a0\u202f\u2009{re.escape(language.space_before)}])"
            rf"[{re.escape(language.space_before)}](?=\s|$)"
        )
        marks = dict.fromkeys(match.group() for match in re.finditer(pattern, text))
        if marks:
            listed = " ".join(f"«{mark}»" for mark in marks)
            problems.append(f"{language.name} puts a no-break space before {listed}")
    if language.full_width:
        marks = dict.fromkeys(match.group() for match in _FULL_WIDTH_EXPECTED.finditer(text))
        if marks:
            listed = " ".join(f"«{mark}»" for mark in marks)
            problems.append(f"{language.name} text takes full-width punctuation, not {listed}")
    return problems


@check(
    "punctuation",
    Severity.WARNING,
    "end punctuation (. ? ! … : ; none) differs from the source's, or the target breaks its "
    "language's conventions (French no-break space before ; : ! ?, full-width punctuation "
    "in Chinese and Japanese)",
)
def check_punctuation(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """The target ends with other punctuation than the source, or breaks its conventions."""
    source = end_punctuation(item.source, item.source_lang)
    target = end_punctuation(item.target, item.lang)
    findings = [
        finding("punctuation", problem) for problem in typography_problems(item.target, item.lang)
    ]
    if source != target:
        findings.insert(
            0,
            finding(
                "punctuation",
                f"the translation {_ending(target)}, the source {_ending(source)}",
            ),
        )
    return findings
