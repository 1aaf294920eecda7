"""Checks on the text of a translation: ``untranslated``, ``length``, ``repetition``,
``quotes`` and ``punctuation``.

* ``untranslated``: the target equals the source (white space aside; a case-only change is
  a person's deliberate edit), or has no letter of the target language's script. The script
  comes from the language code with babel's likely subtags (``ru`` → Cyrillic, ``sr_Latn``
  → Latin, ``ja`` → Japanese); for a Latin-script target (de, fr…) only the equality is
  checked. Reported only where an untranslated sentence is likely: the source has at least
  :data:`MIN_PROSE_WORDS` prose words (:func:`prose_words`: names, acronyms, mixed case,
  units, URLs, e-mail addresses, code, placeholders and numbers do not count), or the
  target is the untouched MT output and the source has one. Skipped: sources without
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
* ``quotes``: for quotation marks («» “” „“ "" »«, and the target language's own from CLDR
  (its regional variant's: 「」 in Japanese and in ``zh_TW``): one class, nesting allowed;
  a ``"`` between two Hebrew letters is a gershayim, ``ק"ב``) and for ()
  and [], the number of marks left open and of closing marks without an opening one; a
  segment of a multi-sentence quotation legitimately opens without closing, so only a
  difference from the source's counts is reported. Whether a quotation mark opens or
  closes is read from its neighbours (after a space it opens, before one it closes), else
  from the language's own marks where the text opens with one of them (Arabic ”…“, Swedish
  ”…” toggling), else as in English; except where the language fixes it: “ opens and ”
  closes in English and Chinese (which puts no space around quotes), 「」 in Japanese; not
  in German, where „ opens and “ closes.
* ``punctuation``: the end punctuation class (``.`` ``?`` ``!`` ``…`` ``:`` ``;`` ``,``
  dash, or none), read before closing quotes and brackets, with full-width and Greek forms
  mapped; ``...`` equals ``…``. The dot of an abbreviation or an ordinal (``Jan.`` =
  ``1月``, ``June`` = ``Haz.``, ``p.m.``, ``etc.``, ``1.`` = ``1st``) is no end
  punctuation. Also the target language's conventions inside the text: the (narrow)
  no-break space French puts before ``; : ! ?`` (the profile's ``space_before``), and
  full-width punctuation after Chinese and Japanese text (``full_width``: ``，`` not
  ``,``; a colon followed by a space, the technical writing convention, passes). Not for
  sources without a space or a letter (``yes,no,maybe``: data, not prose).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..languages import SOURCE_LANGUAGE, likely_script, primary_subtag, profile
from ..languages.marks import WORD_CHAR
from ..languages.scripts import has_letters_of, letter_scripts, script_label
from . import QAFinding, QAItem, QAOptions, Severity, check, finding

MIN_LENGTH_SOURCE = 20
# Characters of slack each way: short sentences vary more in ratio than long ones.
LENGTH_SLACK = 10
MAX_NGRAM = 3


# Words with their combining marks: a Devanagari word is not cut at its vowel signs.
_WORD = re.compile(rf"{WORD_CHAR}+(?:[-'’]{WORD_CHAR}+)*")


def _language(lang: str) -> str:
    return primary_subtag(lang)


def target_script(lang: str) -> str | None:
    """The ISO 15924 script of a language code (``ru`` → ``Cyrl``), None if unknown."""
    return likely_script(lang)


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


# What is no prose word of a source: URLs, e-mail addresses, placeholders (printf, Python,
# brace), inline code, tags and entities, paths and file names, options.
_NOT_PROSE = re.compile(
    r"""(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+
    |%\(\w+\)[-#0 +]?\d*(?:\.\d+)?[a-zA-Z]|%(?:\d+\$)?[-#0 +]?[\d*]*(?:\.\d+)?[a-zA-Z%]
    |\{[^{}\s]*\}|`[^`]*`|<[^<>]*>|&\#?\w+;|\S*[/\\]\S*|\S+\.[A-Za-z]{1,4}\b|--?\w[\w-]*
    """,
    re.VERBOSE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)$")
# Prose words a copy needs before it is likely an untranslated sentence; untouched MT
# output equal to its source needs one.
MIN_PROSE_WORDS = 3


def prose_words(text: str) -> list[str]:
    """The words of ``text`` that would need translating: no names (capitalised inside a
    sentence), acronyms, mixed case (``IPv4``, ``LaTeX``), words with digits, code, URLs,
    e-mail addresses, placeholders or file names."""
    rest = _NOT_PROSE.sub(" ", text)
    words: list[str] = []
    for match in _WORD.finditer(rest):
        word = match.group()
        if not word.isalpha() or any(ch.isupper() for ch in word[1:]):
            continue
        if word[0].isupper() and not _SENTENCE_START.search(rest[: match.start()]):
            continue  # a name inside a sentence
        if len(word) > 1 or word.lower() in {"a", "i"}:
            words.append(word)
    return words


def _likely_untranslated(item: QAItem, options: QAOptions) -> bool:
    """Whether a target that is the source, or has no letter of its script, is likely an
    untranslated sentence rather than a name, acronym, unit, code or a word both languages
    share: enough prose words, or the untouched MT output."""
    words = prose_words(_translatable_part(item, options))
    machine = item.context is not None and item.context.machine
    return len(words) >= (1 if machine else MIN_PROSE_WORDS)


@check(
    "untranslated",
    Severity.ERROR,
    "target equal to the source, or without any letter of the target language's script, "
    "where an untranslated sentence is likely: at least 3 prose words (names, acronyms, "
    "units, URLs, e-mail addresses, code, placeholders and numbers not counted; a case-only "
    "change is a person's edit), or the untouched MT output with a word to translate",
)
def check_untranslated(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """The target is a copy of the source, or has no text in the target script."""
    if not _has_letters(_translatable_part(item, options)):
        return []
    if _normalized(item.target) == _normalized(item.source):
        if _language(item.source_lang) == _language(item.lang):
            return []  # the segment already is in the target language
        if " ".join(item.target.split()) != " ".join(item.source.split()):
            return []  # only the case changed: a person's deliberate edit (salt → Salt)
        if not _likely_untranslated(item, options):
            return []
        return [finding("untranslated", "the translation is the same as the source")]
    script = target_script(item.lang) or ""
    if letter_scripts(script) and not has_letters_of(item.target, script):
        if not _likely_untranslated(item, options):
            return []
        return [finding("untranslated", f"the translation has no {script_label(script)} text")]
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
    """The common quotation marks plus the language's own (CLDR's: 「」 in Japanese)."""
    return {**_own_quotes(lang), **_QUOTE_DEFAULT_OPENS}


@lru_cache(maxsize=64)
def _own_quotes(lang: str) -> dict[str, bool | None]:
    """The language's primary quotation marks and what each does (True: opens): one mark
    that both opens and closes (Swedish ”…”) toggles."""
    opening, closing = (mark.strip() for mark in profile(lang).quotes_of(lang))
    if len(opening) != 1 or len(closing) != 1:
        return {}
    return {opening: None} if opening == closing else {opening: True, closing: False}


def _text_quote_marks(text: str, lang: str) -> dict[str, bool | None]:
    """The quotation marks of ``text``: where the first of the language's own marks in it is
    its opening one, they do what the language says (Arabic ”…“ opens with ”, German „…“
    closes with “), else what they do in English (“/about/” copied from the source)."""
    own = _own_quotes(lang)
    first = next((ch for ch in text if ch in own), None)
    if first is None or own[first] is False:
        return _quote_marks(lang)
    return {**_quote_marks(lang), **own}


@lru_cache(maxsize=64)
def _directed_quotes(lang: str) -> dict[str, bool]:
    """Marks whose direction the language fixes, whatever their neighbours (True: opens):
    “ ” where “ opens (English, Chinese…; German's „…“ closes with “), and the language's
    own 「」. Chinese and Japanese put no space around quotes (禁用“ Referer”头,
    例如：“/about/”), so the neighbours do not tell there."""
    language = profile(lang)
    opening, closing = (mark.strip() for mark in language.quotes_of(lang))
    directed: dict[str, bool] = {}
    if opening == "“" or (language.full_width and opening != "„"):
        directed |= {"“": True, "”": False}
    if opening in "「『" and closing in "」』":
        directed |= {opening: True, closing: False}
    return directed


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


# Letters of the Hebrew script, which writes an abbreviation's gershayim (״) between two of
# them, often typed as ": ק"ב (KB), דוא"ל (e-mail).
_HEBREW_LETTER = re.compile("[\u05d0-\u05ea]")


def _gershayim(text: str, index: int) -> bool:
    """Whether the ``"`` at ``text[index]`` is a gershayim: between two Hebrew letters."""
    return 0 < index < len(text) - 1 and all(
        _HEBREW_LETTER.match(text[i]) for i in (index - 1, index + 1)
    )


def mark_balance(text: str, lang: str = SOURCE_LANGUAGE) -> dict[str, tuple[int, int]]:
    """Per class of marks: ``(left open, closed without opening)``; balanced classes omitted.

    Quotation marks are the common ones and those of ``lang``'s profile.
    """
    marks = _text_quote_marks(text, lang)
    directed = _directed_quotes(lang)
    if "„" in text:  # „…“ closes with “: the neighbours tell
        directed = {mark: opens for mark, opens in directed.items() if mark not in "“”"}
    depth: dict[str, int] = {}
    unopened: dict[str, int] = {}
    for index, ch in enumerate(text):
        if ch == '"' and _gershayim(text, index):
            continue
        if ch in marks:
            kind = QUOTES
            if ch in directed:
                opens = directed[ch]
            else:
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


# Half-width punctuation after CJK text; a colon followed by a space (or ending the text) is
# the technical writing convention (``エラー: %s``, ``操作:``) and passes.
_FULL_WIDTH_EXPECTED = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])(?:[,.;!?](?!\d)|:(?!\s|$|%|\{))"
)
# The last word of a text before a final dot, for abbreviations and ordinals.
_LAST_DOTTED = re.compile(r"(?:^|[\s(])([^\s(]+)\.$")
# Abbreviations that end a sentence with their own dot (the dot is no end punctuation).
_COMMON_ABBREVIATIONS = frozenset(
    {"etc", "usw", "bzw", "ggf", "vb", "vs", "car", "cf", "ca", "approx", "ecc", "др"}
)
MAX_ABBREVIATION = 5
# Sentences Chinese and Japanese (。) and Korean (declarative 다.) close even where English
# leaves a message without a period.
_SENTENCE_CLOSED = re.compile(r"(?:。|다\.)\s*$")
_ORDINAL_NUMBER = re.compile(r"\d+|\{\w*\}|%\(?\w*\)?[ds]")


def abbreviation_dot(text: str) -> bool:
    """Whether the final dot of ``text`` belongs to an abbreviation or an ordinal rather
    than ending a sentence: ``p.m.``, ``z.B.``, a short word alone (``Jan.``, ``nachm.``,
    ``avr.``), a common abbreviation (``etc.``, ``car.)``), a number (``1.`` for 1st)."""
    body = text.rstrip().rstrip(_CLOSERS + " \u00a0").rstrip()
    if body.endswith("..") or not body.endswith("."):
        return False
    match = _LAST_DOTTED.search(body)
    if match is None:
        return False
    word = match.group(1)
    if _ORDINAL_NUMBER.fullmatch(word) or word.casefold() in _COMMON_ABBREVIATIONS:
        return True  # 1. = 1st, {}. = {}th, %d. = %dth
    if "." in word:
        return True
    return word.isalpha() and len(word) <= MAX_ABBREVIATION and len(body.split()) <= 2


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
    "end punctuation (. ? ! … : ; none) differs from the source's (the dot of an "
    "abbreviation or ordinal is none: Jan. = 1月), or the target breaks its language's "
    "conventions (French no-break space before ; : ! ?, full-width punctuation in Chinese "
    "and Japanese; a colon and a space pass)",
)
def check_punctuation(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """The target ends with other punctuation than the source, or breaks its conventions."""
    source = end_punctuation(item.source, item.source_lang)
    target = end_punctuation(item.target, item.lang)
    findings: list[QAFinding] = []
    if _has_letters(item.source) and any(ch.isspace() for ch in item.source.strip()):
        # Not for a list of marks or a token such as ``yes,no,maybe`` (data, not prose).
        findings = [
            finding("punctuation", problem)
            for problem in typography_problems(item.target, item.lang)
        ]
    if {source, target} == {".", ""} and (
        abbreviation_dot(item.source) or abbreviation_dot(item.target)
    ):
        return findings  # an abbreviation's or ordinal's dot: Jan. = 1月, June = Haz.
    if source == "" and target == "." and _SENTENCE_CLOSED.search(item.target):
        return findings  # 日期超出范围。, 결과가 없습니다.: a sentence there always ends
    if source != target:
        findings.insert(
            0,
            finding(
                "punctuation",
                f"the translation {_ending(target)}, the source {_ending(source)}",
            ),
        )
    return findings
