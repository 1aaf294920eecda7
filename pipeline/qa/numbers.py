"""The ``numbers`` check: the source and the target mention the same numbers.

Numbers are compared as values, as multisets: each number of the source must be matched by
a distinct number of the target with the same value, and the other way round.

* Digits with thousands separators and decimal marks: ``30,000`` (en), ``30.000`` (de),
  ``30 000`` with a space, NBSP, narrow NBSP or thin space (ru, fr), ``1,234.5`` and
  ``1.234,5``, ``3.2`` and ``3,2``. A single ``,`` or ``.`` followed by exactly three digits
  is ambiguous (``30,000`` may be 30000 or 30.0); such a number matches either value, the
  reading of the text's language (CLDR decimal symbol, from the language profile) first.
  Several ``.`` or ``,`` with groups other than three digits (``12.05.2024``, ``1.2.3``)
  are separate numbers. A plain space groups digits only in languages whose CLDR group
  symbol is a space
  (``2024 250`` stays two numbers in English); where that reading fails, the target is
  read again with plain spaces apart (``+7 495 123 45 67``).
* Magnitude words after a number multiply it. They are the language profile's: CLDR's
  compact decimal formats in every plural form plus a few press abbreviations
  (:meth:`~pipeline.languages.LanguageProfile.magnitude`), so ``5 billion`` = ``5 млрд``
  = ``5 миллиардами`` = ``5 Milliarden`` = ``5 Mrd.`` = ``5 milliards`` = ``5 mld`` =
  ``50亿`` = ``50億`` = 5e9 and ``150 thousand`` = ``15万``; inflected forms go through the
  language's lemmatiser (``миллиардами`` → ``миллиард``); chains multiply
  (``mil millones`` = 1e9); in Chinese and Japanese the word follows the digits without a
  space (``50亿元``), and a smaller amount may follow it (``1億2000万`` = 1.2e8,
  ``3万5000`` = 35000). German ``Billion`` is 1e12.
* Small numbers written as words (the profile's ``number_words``: one … ten, один … десять
  in any case form, полтора = 1.5, zwei … zehn, deux … dix, dos … diez; CLDR's spelled-out
  two … ten for a language whose row has none), with any magnitude word after them, are
  *optional*: they may stand for a digit of the other side (``2 plants`` ↔ ``два завода``)
  but are never reported when unmatched. Larger numbers written out are not recognised.
* Ordinals written as words, 1 … 100, in every gender, case and plural CLDR's spell-out
  rules have (``third``, ``terze``, ``तीसरे``, ``الثالثة``, ``세 번째``), are optional the same
  way: ``3rd place`` ↔ ``तीसरे स्थान``, ``the first quarter`` ↔ ``1분기``.
* Czech and Polish ordinals 1st … 10th in any case and gender (``třetím``, ``drudzy``: the
  forms simplemma's dictionary has, CLDR has none) are optional too, but stand only
  for an ordinal of the other side (``3rd``, written with the end of its spelled ordinal):
  ``druhý`` and ``drugi`` also mean *other*, so they never stand for a cardinal ``2``.
* A single letter of CLDR's short formats (``K``, ``M``, ``B``) is a magnitude next to a
  currency sign or ISO code (``$5M``, ``US$300k``, ``3 M€``, ``CHF 2M``); written onto a
  number elsewhere (``1.5m people``) it may be either (1.5 or 1.5e6); ``5 m`` is metres.
* Numeric dates (``12.03.2025``, ``03/12/2025``, ``2025-03-12``, ``3月``): the month is
  optional, since the other side may write it as a word; the day and the year are not.
* A magnitude word with no number before it (``a million doses``, ``миллион доз``,
  ``mil millones``) is one of that magnitude, optional.
* CJK numerals (``五十亿``, ``两千``, ``二〇二五``) in Chinese and Japanese are optional like
  other numbers written as words; their values come from Unicode's numeric property.
* Digits of any script are read as digits (``٥``, ``５``), the Arabic decimal and group
  separators as the language's; Indian grouping (``1,25,00,000``) is read as one number.
* A time of day written with a dot (``10.30 Uhr``) is read as hours and minutes where the
  decimal reading leaves a mismatch (``at 10:30`` = ``um 10.30 Uhr``).
* A source without any number: the target's numbers up to 12 and powers of ten are words
  written as digits (``1월`` for January, ``12時`` for noon, ``10進数`` for decimal,
  ``1000的5次方`` for quadrillion, ``10의21제곱`` for sextillion: with a power of ten, its
  exponent) and are not reported; others (a year) are.
* A zero of the source may be a word (``0 of 5 selected`` = ``none of 5``).
* A 12-hour time of day matches its 24-hour form: ``6 p.m.`` = ``18 Uhr`` = ``18:00``.
* Signs (``-5``) and the percent sign do not count: ``50%`` = ``50 %`` = ``50 процентов``.
  Words after a number (``метр``, ``метра``, ``метров``) are not numbers, whatever their
  inflection. Placeholders such as ``{0}``, ``%1$s`` and ``%(n)d`` are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from ..languages import normalize_word, profile
from ..languages.marks import LETTER
from . import QAFinding, QAItem, QAOptions, Severity, check, finding

_SPACES = " \u00a0\u202f\u2009"
_CONTEXT = 256  # characters before a number that its reading may depend on
_CODE_BEFORE = re.compile(r"(?<![^\W\d_])[A-Z]{3}$")
_CODE_AFTER = re.compile(r"[A-Z]{3}(?![^\W\d_])")
_ATTACHED_LETTER = re.compile(r"([^\W\d_])(?![^\W_])")
_SEPARATORS = _SPACES + ".,'\u2019"
_NUMBER = re.compile(rf"(?<!\d)\d+(?:[{_SEPARATORS}]\d+)*")
_PLACEHOLDER = re.compile(
    r"\{[^{}\s]*\}|%\(\w+\)[-+#0]*\d*[a-zA-Z]|%\d+\$[a-zA-Z]|%[-+#0]*\d*[dfsi]"
)
# Words with their combining marks (करोड़, কোটি); ``.`` or the Devanagari abbreviation sign
# ``॰`` ends an abbreviation (``Mrd.``, ``क॰``).
_ABBREVIATION = ".\u0970"
_WORD = re.compile(rf"{LETTER}+[{_ABBREVIATION}]?")


def _last_word(text: str) -> str | None:
    """The word ``text`` ends with (an abbreviation's ``.`` or ``॰`` after it left out), None
    if it ends with something else. Read backwards: a ``$``-anchored search tries every
    start position."""
    end = len(text) - 1 if text[-1:] and text[-1] in _ABBREVIATION else len(text)
    start = end
    while start > 0 and (
        (text[start - 1].isalpha()) or unicodedata.category(text[start - 1]).startswith("M")
    ):
        start -= 1
    return text[start:end] if start < end else None


_DATE = re.compile(
    r"(?<![\d.,/-])(?P<first>\d{1,2})(?P<sep>[./])(?P<second>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\d/]|[.,-]\d)"
    r"|(?<![\d.,/-])(?P<iso_year>\d{4})-(?P<iso_month>\d{2})-(?P<iso_day>\d{2})(?!\d|[.,-]\d)"
    r"|(?<![\d.,])(?P<cjk_month>\d{1,2})[月월]"
)
# The CJK numerals of running text (their values from Unicode, but 两, which has none).
# Ideographs such as 参 or 什 also have a numeric value but are mostly other words.
_CJK_NUMERAL_RUN = re.compile("[〇零一二两兩三四五六七八九十百千万萬亿億兆]+")

# A time of day written with a dot (10.30, 9.05): hours and minutes, read apart on a retry.
_TIME_WITH_DOT = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])\.(?=[0-5]\d(?![\d.,]\d))")
_FOLLOWING_WORD = re.compile(rf"[\s\u00a0\u202f\u2009\-]*({LETTER}+)([{_ABBREVIATION}]?)")
# The letters written onto digits of an ordinal (2nd, 1er, 2-й), not onto a number (1e6).
_ORDINAL_ENDING = re.compile(rf"[-\u2010\u2011]?{LETTER}+(?!\d)")


@dataclass(frozen=True)
class NumberMention:
    """A number in a text: as written, its possible values (preferred first).

    ``spelled`` mentions are optional: they may match a number of the other text but are
    never reported missing. They are numbers written as words (``two``, ``двух``, ``五十亿``)
    and the month of a numeric date (``03`` of ``12.03.2025``: a word on the other side).
    ``ordinal``: digits written as an ordinal (``2nd``); ``ordinal_only``: an optional
    mention that stands only for such a one (Czech ``druhý``, which also means *other*).
    """

    text: str
    values: tuple[Decimal, ...]
    spelled: bool = False
    ordinal: bool = False
    ordinal_only: bool = False

    def matches(self, other: NumberMention) -> bool:
        """Whether the two mentions can stand for the same value."""
        return any(value in other.values for value in self.values)


def _groups_with_space(lang: str) -> bool:
    return profile(lang).groups_with_space


def _decimal_symbol(lang: str) -> str:
    return profile(lang).decimal_symbol


def _split_digit_run(
    run: str, lang: str, plain_space_groups: bool = True
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Cut a run of digits and separators into numbers: ``(head, [(sep, group), ...])``.

    Space-like and apostrophe separators join only 3-digit groups after a head of 1–3
    digits (a plain space only in languages that group with spaces); anything else starts a
    new number.
    """
    parts = re.split(rf"([{_SEPARATORS}])", run)
    numbers: list[tuple[str, list[tuple[str, str]]]] = [(parts[0], [])]
    space_ok = plain_space_groups and _groups_with_space(lang)
    for index in range(1, len(parts), 2):
        separator, group = parts[index], parts[index + 1]
        head, rest = numbers[-1]
        if separator in ".,":
            rest.append((separator, group))
            continue
        seps = {sep for sep, _ in rest}
        joins = (
            len(group) == 3
            and 1 <= len(head) <= 3
            and seps <= {separator}
            and (separator != " " or space_ok)
        )
        if joins:
            rest.append((separator, group))
        else:
            numbers.append((group, []))
    return numbers


def _values(head: str, rest: list[tuple[str, str]], lang: str) -> list[tuple[Decimal, ...]]:
    """The possible values of one number; several numbers if it cannot be one."""
    grouped = head + "".join(group for sep, group in rest if sep not in ".,")
    punct = [(sep, group) for sep, group in rest if sep in ".,"]
    if not punct:
        return [(Decimal(grouped),)]
    kinds = {sep for sep, _ in punct}
    groups = [group for _, group in punct]
    if len(kinds) == 2:
        last_sep = punct[-1][0]
        body = punct[:-1]
        if all(sep != last_sep and len(group) == 3 for sep, group in body) and len(head) <= 3:
            integer = grouped + "".join(group for _, group in body)
            return [(Decimal(f"{integer}.{punct[-1][1]}"),)]
        return [(Decimal(head),), *[(Decimal(group),) for _, group in rest]]
    if len(punct) >= 2:
        if all(len(group) == 3 for group in groups) and len(head) <= 3:
            return [(Decimal(grouped + "".join(groups)),)]
        if kinds == {","} and _indian_grouping(head, groups):
            return [(Decimal(grouped + "".join(groups)),)]
        return [(Decimal(head),), *[(Decimal(group),) for _, group in rest]]
    separator, group = punct[0]
    as_decimal = Decimal(f"{grouped}.{group}")
    if len(group) != 3 or len(grouped) > 3 or grouped == "0" or grouped != head:
        return [(as_decimal,)]
    as_grouping = Decimal(grouped + group)
    if separator == _decimal_symbol(lang):
        return [(as_decimal, as_grouping)]
    return [(as_grouping, as_decimal)]


def _before(text: str, position: int, strip: str) -> str:
    """The text right before ``position`` without trailing ``strip`` characters: its last
    :data:`_CONTEXT` characters, all that the reading of a number looks at (the sign, code
    or word before it). Copying and searching the whole prefix for every number made a
    text with thousands of numbers quadratic."""
    end = position
    while end > 0 and text[end - 1] in strip:
        end -= 1
    return text[max(0, end - _CONTEXT) : end]


def _currency_before(text: str, position: int) -> bool:
    """A currency sign or ISO code stands right before ``position`` (``$5``, ``CHF 3``)."""
    before = _before(text, position, _SPACES)
    if before[-1:] and unicodedata.category(before[-1]) == "Sc":
        return True
    code = _CODE_BEFORE.search(before)
    return code is not None and code.group() in _currency_codes()


def _currency_after(text: str, position: int) -> bool:
    """A currency sign or ISO code follows ``position`` (``M€``, ``M EUR``)."""
    while position < len(text) and text[position] in _SPACES:
        position += 1
    if position < len(text) and unicodedata.category(text[position]) == "Sc":
        return True
    code = _CODE_AFTER.match(text, position)
    return code is not None and code.group() in _currency_codes()


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _indian_grouping(head: str, groups: list[str]) -> bool:
    """Lakh and crore grouping: ``1,25,00,000`` (two-digit groups before the last three)."""
    return (
        1 <= len(head) <= 2
        and len(groups[-1]) == 3
        and all(len(group) == 2 for group in groups[:-1])
    )


def _magnitude_after(
    text: str, position: int, lang: str, *, currency: bool = False
) -> tuple[Decimal, int]:
    """The product of the magnitude words right after ``position`` and where they end.

    In languages written without spaces the word is the start of the letters that follow
    (``50亿元``: 亿). A single-letter abbreviation (``K``, ``M``, ``B``: the profile's
    ``letter_magnitudes``) counts only next to a currency: ``currency`` (a sign or code
    before the number, ``$5M``) or one right after the letter (``3 M€``).
    """
    language = profile(lang)
    factor = Decimal(1)
    match = _FOLLOWING_WORD.match(text, position)
    if match and not language.unspaced:
        letter = language.letter_magnitudes.get(match.group(1).casefold())
        if letter is not None and (currency or _currency_after(text, match.end())):
            return letter, match.end()
    while True:
        match = _FOLLOWING_WORD.match(text, position)
        if not match:
            return factor, position
        if language.unspaced:
            found = language.magnitude_prefix(match.group(1))
            if found is None:
                return factor, position
            factor *= found[1]
            position = match.start(1) + len(found[0])
            continue
        word_factor = language.magnitude(match.group(1) + match.group(2))
        if word_factor is None:
            return factor, position
        factor *= word_factor
        position = match.end()


def _bare_magnitudes(text: str, lang: str) -> list[tuple[int, NumberMention]]:
    """Magnitude words with no number before them (``a million doses``, ``миллион доз``,
    ``mil millones``): one of that magnitude, optional like a number written as a word."""
    language = profile(lang)
    mentions: list[tuple[int, NumberMention]] = []
    consumed = 0
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".")
        # CLDR's forms only (миллион, миллиона, миллионов, Millionen): looking every word of
        # a text up in the lemmatiser would load it for English sources too.
        if match.start() < consumed or normalize_word(word) not in language.magnitudes:
            continue
        before = _before(text, match.start(), _SPACES + "-")
        previous = _last_word(before)
        if before[-1:].isdigit() or (
            previous is not None and language.number_word(previous) is not None
        ):
            consumed = _magnitude_after(text, match.start(), lang)[1]
            continue  # the magnitude of a number before it, read with that number
        factor, end = _magnitude_after(text, match.start(), lang)
        consumed = end
        written = " ".join(text[match.start() : end].split())
        mentions.append((match.start(), NumberMention(written, (factor,), spelled=True)))
    return mentions


def _magnitude_before(text: str, position: int, lang: str) -> Decimal:
    """The factor of a magnitude word written right before a number (Swahili ``milioni 12``:
    the profile's ``prefix_magnitudes``), 1 where there is none."""
    words = profile(lang).prefix_magnitudes
    if not words:
        return Decimal(1)
    previous = _last_word(_before(text, position, _SPACES))
    return words.get(normalize_word(previous), Decimal(1)) if previous else Decimal(1)


def _continues_amount(
    open_magnitude: tuple[int, Decimal, int],
    match: re.Match[str],
    pieces: list[tuple[str, list[tuple[str, str]]]],
    factor: Decimal,
) -> bool:
    """The number at ``match`` (with its own magnitude ``factor``) is the smaller rest of
    an amount whose magnitude ends right before it: ``2000万`` after ``1億``, ``5,000만``
    after ``1억 `` (Korean writes a space between the groups; then the rest needs a magnitude
    of its own, so that ``2억 3명`` stays two numbers)."""
    end, larger, _ = open_magnitude
    between = match.string[end : match.start()]
    if between.strip(_SPACES) or len(pieces) != 1 or (between and factor == 1):
        return False
    head, rest = pieces[0]
    if any(sep == "." for sep, _ in rest) or (rest and factor == 1):
        return False
    return Decimal(head + "".join(group for _, group in rest)) * factor < larger


def _written_ordinal(text: str, position: int, lang: str, mention: NumberMention) -> bool:
    """Whether the digits of ``mention``, ending at ``position``, are written as an ordinal
    of ``lang``: followed by the end of its spelled ordinal (``2nd``, ``21st``, ``2-й``)."""
    ending = _ORDINAL_ENDING.match(text, position)
    if ending is None or len(mention.values) != 1:
        return False
    return profile(lang).ordinal_ending(mention.values[0], ending.group())


def _attached_letter(text: str, position: int, lang: str) -> Decimal | None:
    """The factor of a single-letter magnitude written onto the number (``5m``, ``300K``)
    with no currency near: it may as well be a unit, so it is one possible reading."""
    letter = _ATTACHED_LETTER.match(text, position)
    if letter is None or profile(lang).unspaced:
        return None
    return profile(lang).letter_magnitudes.get(letter.group(1).casefold())


def _blank_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub(lambda match: " " * len(match.group()), text)


def _ascii_digits(text: str, lang: str) -> str:
    """Decimal digits of any script as ASCII (``٥``, ``５`` → ``5``), and the Arabic decimal
    and group separators as the language's, character for character."""
    if text.isascii():
        return text
    language = profile(lang)
    marks = {"\u066b": language.decimal_symbol, "\u066c": language.group_symbol}
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else marks.get(ch, ch) for ch in text
    )


def _dates(text: str) -> tuple[str, list[tuple[int, NumberMention]]]:
    """Numeric dates: their day and year required, their month optional (it may be a word
    on the other side: ``12.03.2025`` = ``12 March 2025``); the text with them blanked.

    ``d.m.yyyy``, ``d/m/yyyy`` and ``m/d/yyyy`` (with a two-digit year too), ``yyyy-mm-dd``,
    and a number before ``月`` (Chinese, Japanese). A part of a slashed date up to 12 may be
    either, so both such parts are optional there.
    """
    mentions: list[tuple[int, NumberMention]] = []

    def part(start: int, digits: str, optional: bool) -> None:
        mentions.append((start, NumberMention(digits, (Decimal(digits),), spelled=optional)))

    def blank(match: re.Match[str]) -> str:
        groups = match.groupdict()
        if groups.get("iso_year"):
            part(match.start("iso_year"), groups["iso_year"], False)
            part(match.start("iso_month"), groups["iso_month"], True)
            part(match.start("iso_day"), groups["iso_day"], False)
        elif groups.get("cjk_month"):
            part(match.start("cjk_month"), groups["cjk_month"], True)
            return " " * len(groups["cjk_month"]) + match.group()[len(groups["cjk_month"]) :]
        else:
            first, second = groups["first"], groups["second"]
            slashed = groups["sep"] == "/"
            part(match.start("first"), first, slashed and int(first) <= 12)
            part(match.start("second"), second, not slashed or int(second) <= 12)
            part(match.start("year"), groups["year"], False)
        return " " * len(match.group())

    return _DATE.sub(blank, text), mentions


def _cjk_numeral_value(char: str) -> float:
    return 2.0 if char == "两" else unicodedata.numeric(char)


def _cjk_numerals(text: str) -> list[tuple[int, NumberMention]]:
    """Numbers written with CJK numerals (``五十亿`` = 5e9, ``三千`` = 3000), optional like
    other numbers written as words; values from Unicode's numeric property."""
    mentions: list[tuple[int, NumberMention]] = []
    for match in _CJK_NUMERAL_RUN.finditer(text):
        if match.start() and text[match.start() - 1] in "0123456789.,":
            continue  # the magnitude word of a number in digits (50亿): read with it
        values = [Decimal(str(_cjk_numeral_value(ch))).normalize() for ch in match.group()]
        if all(value < 10 for value in values):  # digit by digit: 二〇二五
            if len(values) == 1 or all(v == int(v) for v in values):
                number = Decimal("".join(str(int(value)) for value in values))
            else:
                continue
        else:
            total = section = digit = Decimal(0)
            for value in values:
                if value < 10:
                    digit = value
                elif value < 10_000:  # 十, 百, 千 multiply the digit before (一 if none)
                    section += (digit or 1) * value
                    digit = Decimal(0)
                elif section or digit:  # 万, 亿, 兆 close a section
                    total += (section + digit) * value
                    section = digit = Decimal(0)
                else:  # 万亿: the larger unit multiplies what came before
                    total = (total or 1) * value
            number = total + section + digit
        written = match.group()
        mentions.append((match.start(), NumberMention(written, (number,), spelled=True)))
    return mentions


def extract_numbers(
    text: str, lang: str, *, plain_space_groups: bool = True
) -> list[NumberMention]:
    """The numbers of a text in language ``lang``, in text order.

    ``plain_space_groups=False`` reads an ASCII space between digits as a break between two
    numbers even in languages that group digits with spaces.
    """
    text, mentions = _dates(_ascii_digits(_blank_placeholders(text), lang))
    if profile(lang).unspaced:
        mentions.extend(_cjk_numerals(text))
    # In Chinese and Japanese a smaller amount may follow a magnitude: 1億2000万 = 1.2e8.
    open_magnitude: tuple[int, Decimal, int] | None = None  # (end, factor, mention index)
    for match in _NUMBER.finditer(text):
        pieces = _split_digit_run(match.group(), lang, plain_space_groups)
        for index, (head, rest) in enumerate(pieces):
            readings = _values(head, rest, lang)
            if len(readings) == 1:
                surfaces = [head + "".join(sep + group for sep, group in rest)]
            else:
                surfaces = [head, *(group for _, group in rest)]
            for surface, values in zip(surfaces, readings, strict=True):
                mentions.append((match.start(), NumberMention(surface, values)))
            if index == len(pieces) - 1:
                currency = _currency_before(text, match.start())
                factor, end = _magnitude_after(text, match.end(), lang, currency=currency)
                if factor == 1 and len(pieces) == 1:
                    factor = _magnitude_before(text, match.start(), lang)
                if factor != 1:
                    start, last = mentions[-1]
                    written = " ".join((last.text + text[match.end() : end]).split())
                    scaled = tuple(value * factor for value in last.values)
                    mentions[-1] = (start, NumberMention(written, scaled))
                if open_magnitude and _continues_amount(open_magnitude, match, pieces, factor):
                    start, larger = mentions[open_magnitude[2]]
                    _, smaller = mentions.pop()
                    total = tuple(a + b for a in larger.values for b in smaller.values)
                    merged = NumberMention(larger.text + smaller.text, total)
                    index_of_amount = open_magnitude[2]
                    mentions[index_of_amount] = (start, merged)
                    open_magnitude = (end, factor, index_of_amount) if factor != 1 else None
                elif factor != 1 and profile(lang).unspaced:
                    open_magnitude = (end, factor, len(mentions) - 1)
                if factor != 1:
                    continue
                if _written_ordinal(text, match.end(), lang, mentions[-1][1]):
                    start, last = mentions[-1]
                    mentions[-1] = (start, replace(last, ordinal=True))
                    continue
                if letter := _attached_letter(text, match.end(), lang):
                    # "1.5m people": millions or metres; either value matches.
                    start, last = mentions[-1]
                    scaled = tuple(value * letter for value in last.values)
                    written = last.text + text[match.end()]
                    mentions[-1] = (start, NumberMention(written, last.values + scaled))
    if not profile(lang).unspaced:
        mentions.extend(_bare_magnitudes(text, lang))
    if profile(lang).spelled_numbers:
        for match in _WORD.finditer(text):
            word = match.group().rstrip(".")
            value = profile(lang).number_word(word)
            if value is None:
                continue
            factor, end = _magnitude_after(text, match.start() + len(word), lang)
            written = " ".join(text[match.start() : max(end, match.start() + len(word))].split())
            mentions.append(
                (match.start(), NumberMention(written, (value * factor,), spelled=True))
            )
    for start, written, value in profile(lang).ordinals_in(text):
        mentions.append((start, NumberMention(written, (value,), spelled=True)))
    for start, written, value in profile(lang).declined_ordinals_in(text):
        mention = NumberMention(written, (value,), spelled=True, ordinal_only=True)
        mentions.append((start, mention))
    mentions.sort(key=lambda item: item[0])
    return [mention for _, mention in mentions]


MAX_WORD_NUMBER = 12
_TWELVE_HOUR = re.compile(
    r"(?<![\d.:])(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.?\s?m\.?(?!\w)", re.I
)
_ZERO_MINUTES = re.compile(r"(?<=\d)[:.]00(?!\d)")


def _word_like(value: Decimal) -> bool:
    """A number a word of the source may stand for: 0–12 or a power of ten."""
    if value != value.to_integral_value() or value < 0:
        return False
    return value <= MAX_WORD_NUMBER or _power_of_ten(value)


def _power_of_ten(value: Decimal) -> bool:
    return value >= 10 and value == value.to_integral_value() and str(int(value)).rstrip("0") == "1"


def _as_24_hour(match: re.Match[str]) -> str:
    """A 12-hour time of day as the 24-hour hour (and minutes other than :00)."""
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
    minutes = match.group(2)
    return f"{hour}:{minutes}" if minutes and minutes != "00" else str(hour)


def _format(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _maximum_matching(
    left: Sequence[NumberMention], right: Sequence[NumberMention]
) -> dict[int, int]:
    """A maximum matching of mentions with a common value: right index → left index.

    Mentions with the same values are interchangeable, so this is a flow between groups of
    them (a thousand equal numbers are one group, not a million edges): a greedy pass, then
    augmenting paths found breadth-first, without recursion. Within a group the first
    mentions are the matched ones. Time is linear in the mentions when each value occurs in
    few groups, which is what text has; the former per-mention search was cubic on 800
    equal numbers (7 s) and overflowed the stack on 1,600.
    """
    left_groups, right_groups = _value_groups(left), _value_groups(right)
    left_keys, right_keys = list(left_groups), list(right_groups)
    groups_with: dict[Decimal, list[int]] = {}
    for r, key in enumerate(right_keys):
        for value in key:
            groups_with.setdefault(value, []).append(r)
    neighbours = [sorted({r for v in key for r in groups_with.get(v, ())}) for key in left_keys]
    supply = [len(left_groups[key]) for key in left_keys]
    room = [len(right_groups[key]) for key in right_keys]
    flow: list[dict[int, int]] = [{} for _ in left_keys]  # flow[l][r]
    sent_by: list[dict[int, int]] = [{} for _ in right_keys]  # sent_by[r][l] == flow[l][r]

    def push(group: int, target: int, amount: int) -> None:
        flow[group][target] = flow[group].get(target, 0) + amount
        sent_by[target][group] = flow[group][target]
        if not flow[group][target]:
            del flow[group][target], sent_by[target][group]

    for group, targets in enumerate(neighbours):
        for target in targets:
            amount = min(supply[group], room[target])
            if amount:
                push(group, target, amount)
                supply[group] -= amount
                room[target] -= amount
    progress = True
    while progress:
        progress = False
        for group in range(len(left_keys)):
            while supply[group] and _augment(group, neighbours, sent_by, supply, room, push):
                progress = True
    matching: dict[int, int] = {}
    left_next = dict.fromkeys(range(len(left_keys)), 0)
    right_next = dict.fromkeys(range(len(right_keys)), 0)
    for group in range(len(left_keys)):
        members = left_groups[left_keys[group]]
        for target, amount in sorted(flow[group].items()):
            partners = right_groups[right_keys[target]]
            for _ in range(amount):
                matching[partners[right_next[target]]] = members[left_next[group]]
                left_next[group] += 1
                right_next[target] += 1
    return matching


def _value_groups(mentions: Sequence[NumberMention]) -> dict[frozenset[Decimal], list[int]]:
    """The indices of the mentions by the set of values they can stand for, in order."""
    groups: dict[frozenset[Decimal], list[int]] = {}
    for index, mention in enumerate(mentions):
        groups.setdefault(frozenset(mention.values), []).append(index)
    return groups


def _augment(
    start: int,
    neighbours: list[list[int]],
    sent_by: list[dict[int, int]],
    supply: list[int],
    room: list[int],
    push: Callable[[int, int, int], None],
) -> bool:
    """Find one augmenting path from left group ``start`` (breadth-first) and send along it
    as much as it carries; False when there is none."""
    came_from: dict[int, tuple[int, int | None]] = {}  # right group → (left group, previous r)
    reached_via: dict[int, int | None] = {start: None}  # left group → right group it came by
    queue = deque([start])
    end: int | None = None
    while queue and end is None:
        group = queue.popleft()
        for target in neighbours[group]:
            if target in came_from:
                continue
            came_from[target] = (group, reached_via[group])
            if room[target]:
                end = target
                break
            for other in sent_by[target]:
                if other not in reached_via:
                    reached_via[other] = target
                    queue.append(other)
    if end is None:
        return False
    steps: list[tuple[int, int]] = []  # (left group, right group) forward edges of the path
    target: int | None = end
    while target is not None:
        group, previous = came_from[target]
        steps.append((group, target))
        target = previous
    # Backward edges: the left group of each step (but the first) gives up flow to the
    # right group it was reached by.
    amount = min(supply[start], room[end])
    for group, _ in steps:
        via = reached_via[group]
        if via is not None:
            amount = min(amount, sent_by[via][group])
    for group, target in steps:
        push(group, target, amount)
        via = reached_via[group]
        if via is not None:
            push(group, via, -amount)
    supply[start] -= amount
    room[end] -= amount
    return True


def compare_numbers(
    source: Sequence[NumberMention], target: Sequence[NumberMention]
) -> tuple[list[NumberMention], list[NumberMention]]:
    """``(missing, extra)``: source numbers the target lacks, target numbers not in the source."""
    source_required = [m for m in source if not m.spelled]
    target_required = [m for m in target if not m.spelled]
    matching = _maximum_matching(source_required, target_required)
    missing = [m for i, m in enumerate(source_required) if i not in matching.values()]
    extra = [m for j, m in enumerate(target_required) if j not in matching]
    target_optional = [m for m in target if m.spelled]
    source_optional = [m for m in source if m.spelled]
    missing = _unmatched(missing, target_optional)
    extra = _unmatched(extra, source_optional)
    return missing, extra


def _unmatched(required: list[NumberMention], optional: list[NumberMention]) -> list[NumberMention]:
    """The required mentions that no optional (spelled-out) mention stands for; each optional
    one is used once, the first that fits, an ``ordinal_only`` one only for an ``ordinal``
    one. Found through an index by value: linear, where trying every optional mention for
    every required one took 28 s for 4,000 of each."""
    waiting: dict[tuple[Decimal, bool], deque[int]] = {}
    for index, mention in enumerate(optional):
        for value in dict.fromkeys(mention.values):
            waiting.setdefault((value, mention.ordinal_only), deque()).append(index)
    used: set[int] = set()
    left: list[NumberMention] = []
    for mention in required:
        first: int | None = None
        kinds = (False, True) if mention.ordinal else (False,)
        for key in ((value, kind) for value in mention.values for kind in kinds):
            queue = waiting.get(key)
            while queue and queue[0] in used:
                queue.popleft()
            if queue and (first is None or queue[0] < first):
                first = queue[0]
        if first is None:
            left.append(mention)
        else:
            used.add(first)
    return left


def _describe(mention: NumberMention) -> str:
    value = _format(mention.values[0])
    if mention.text == value:
        return f"«{mention.text}»"
    return f"«{mention.text}» (= {value})"


@check(
    "numbers",
    Severity.ERROR,
    "every number of the source is in the target and no other (values compared, with the "
    "target language's CLDR decimal and group symbols and magnitude words in every plural "
    "form and inflection: 5 billion = 5 млрд = 5 Milliarden = 5.000 millones = 50亿; small "
    "numbers written as words are accepted for digits, and digits for words where the source "
    "has no number: January = 1월; 6 p.m. = 18 Uhr)",
)
def check_numbers(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """Every number of the source in the target and no other, compared as values."""
    source = extract_numbers(item.source, item.source_lang)
    target = extract_numbers(item.target, item.lang)
    missing, extra = compare_numbers(source, target)
    if not source:
        # A source without numbers: small ones and powers of ten in the target are words
        # written as digits (1월 for January, 12時 for noon, 10進数 for decimal, 1000的5次方
        # for quadrillion); a year or an amount is still reported.
        extra = [mention for mention in extra if not any(map(_word_like, mention.values))]
        if any(_power_of_ten(value) for mention in target for value in mention.values):
            extra = []  # 10의21제곱 for sextillion: a power of ten and its exponent
    # "0 of 5 selected" = "none of 5 selected": zero is often a word (ひとつも, لا شيء).
    missing = [mention for mention in missing if any(mention.values)]
    if (missing or extra) and _TWELVE_HOUR.search(item.source):
        # "6 p.m." = "18 Uhr" = "18:00", "6 a.m." = "6:00".
        source_24 = extract_numbers(_TWELVE_HOUR.sub(_as_24_hour, item.source), item.source_lang)
        target_24 = extract_numbers(_ZERO_MINUTES.sub("", item.target), item.lang)
        if compare_numbers(source_24, target_24) == ([], []):
            return []
    if missing or extra:
        # "+7 495 123 45 67": digits apart, not a grouped number.
        ungrouped = extract_numbers(item.target, item.lang, plain_space_groups=False)
        if ungrouped != target and compare_numbers(source, ungrouped) == ([], []):
            return []
        # "um 10.30 Uhr" for "at 10:30": a time of day, not a decimal.
        if _TIME_WITH_DOT.search(item.source) or _TIME_WITH_DOT.search(item.target):
            source_times = extract_numbers(
                _TIME_WITH_DOT.sub(r"\1 ", item.source), item.source_lang
            )
            target_times = extract_numbers(_TIME_WITH_DOT.sub(r"\1 ", item.target), item.lang)
            if compare_numbers(source_times, target_times) == ([], []):
                return []
    problems: list[str] = []
    if missing:
        problems.append(f"missing in the target: {', '.join(map(_describe, missing))}")
    if extra:
        problems.append(f"not in the source: {', '.join(map(_describe, extra))}")
    return [finding("numbers", "; ".join(problems))] if problems else []
