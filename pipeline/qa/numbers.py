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
  space (``50亿元``). German ``Billion`` is 1e12.
* Small numbers written as words (the profile's ``number_words``: one … ten, один … десять
  in any case form, zwei … zehn, deux … dix, dos … diez), with any magnitude word after
  them, are *optional*: they may
  stand for a digit of the other side (``2 plants`` ↔ ``два завода``) but are never
  reported when unmatched. Larger numbers written out are not recognised.
* Signs (``-5``) and the percent sign do not count: ``50%`` = ``50 %`` = ``50 процентов``.
  Words after a number (``метр``, ``метра``, ``метров``) are not numbers, whatever their
  inflection. Placeholders such as ``{0}``, ``%1$s`` and ``%(n)d`` are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..languages import profile
from . import QAFinding, QAItem, QAOptions, Severity, check, finding

_SPACES = " \u00a0\u202f\u2009"
_SEPARATORS = _SPACES + ".,'\u2019"
_NUMBER = re.compile(rf"(?<!\d)\d+(?:[{_SEPARATORS}]\d+)*")
_PLACEHOLDER = re.compile(
    r"\{[^{}\s]*\}|%\(\w+\)[-+#0]*\d*[a-zA-Z]|%\d+\$[a-zA-Z]|%[-+#0]*\d*[dfsi]"
)
_WORD = re.compile(r"[^\W\d_]+\.?")
_FOLLOWING_WORD = re.compile(r"[\s\u00a0\u202f\u2009\-]*([^\W\d_]+)(\.?)")


@dataclass(frozen=True)
class NumberMention:
    """A number in a text: as written, its possible values (preferred first).

    ``spelled`` mentions (``two``, ``двух``) are optional: they may match a number of the
    other text but are never reported missing.
    """

    text: str
    values: tuple[Decimal, ...]
    spelled: bool = False

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
        return [(Decimal(head),), *[(Decimal(group),) for _, group in rest]]
    separator, group = punct[0]
    as_decimal = Decimal(f"{grouped}.{group}")
    if len(group) != 3 or len(grouped) > 3 or grouped == "0" or grouped != head:
        return [(as_decimal,)]
    as_grouping = Decimal(grouped + group)
    if separator == _decimal_symbol(lang):
        return [(as_decimal, as_grouping)]
    return [(as_grouping, as_decimal)]


def _magnitude_after(text: str, position: int, lang: str) -> tuple[Decimal, int]:
    """The product of the magnitude words right after ``position`` and where they end.

    In languages written without spaces the word is the start of the letters that follow
    (``50亿元``: 亿).
    """
    language = profile(lang)
    factor = Decimal(1)
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
        word_factor = language.magnitude(match.group(1))
        if word_factor is None:
            return factor, position
        factor *= word_factor
        position = match.end()


def _blank_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub(lambda match: " " * len(match.group()), text)


def extract_numbers(
    text: str, lang: str, *, plain_space_groups: bool = True
) -> list[NumberMention]:
    """The numbers of a text in language ``lang``, in text order.

    ``plain_space_groups=False`` reads an ASCII space between digits as a break between two
    numbers even in languages that group digits with spaces.
    """
    text = _blank_placeholders(text)
    mentions: list[tuple[int, NumberMention]] = []
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
                factor, end = _magnitude_after(text, match.end(), lang)
                if factor != 1:
                    start, last = mentions[-1]
                    written = " ".join((last.text + text[match.end() : end]).split())
                    scaled = tuple(value * factor for value in last.values)
                    mentions[-1] = (start, NumberMention(written, scaled))
    if profile(lang).number_words:
        for match in _WORD.finditer(text):
            word = match.group().rstrip(".")
            value = profile(lang).number_word(word)
            if value is None:
                continue
            factor, end = _magnitude_after(text, match.start() + len(word), lang)
            written = " ".join(text[match.start() : max(end, match.start() + len(word))].split())
            mentions.append(
                (match.start(), NumberMention(written, (Decimal(value) * factor,), spelled=True))
            )
    mentions.sort(key=lambda item: item[0])
    return [mention for _, mention in mentions]


def _format(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _maximum_matching(
    left: Sequence[NumberMention], right: Sequence[NumberMention]
) -> dict[int, int]:
    """A maximum matching of mentions with a common value: right index → left index."""
    matched: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, candidate in enumerate(right):
            if j in seen or not left[i].matches(candidate):
                continue
            seen.add(j)
            if j not in matched or augment(matched[j], seen):
                matched[j] = i
                return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return matched


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
    available = list(optional)
    left: list[NumberMention] = []
    for mention in required:
        partner = next((o for o in available if mention.matches(o)), None)
        if partner is None:
            left.append(mention)
        else:
            available.remove(partner)
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
    "numbers written as words are accepted for digits)",
)
def check_numbers(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """Every number of the source in the target and no other, compared as values."""
    source = extract_numbers(item.source, item.source_lang)
    target = extract_numbers(item.target, item.lang)
    missing, extra = compare_numbers(source, target)
    if missing or extra:
        # "+7 495 123 45 67": digits apart, not a grouped number.
        ungrouped = extract_numbers(item.target, item.lang, plain_space_groups=False)
        if ungrouped != target and compare_numbers(source, ungrouped) == ([], []):
            return []
    problems: list[str] = []
    if missing:
        problems.append(f"missing in the target: {', '.join(map(_describe, missing))}")
    if extra:
        problems.append(f"not in the source: {', '.join(map(_describe, extra))}")
    return [finding("numbers", "; ".join(problems))] if problems else []
