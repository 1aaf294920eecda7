"""Plural forms of a catalog: its ``Plural-Forms`` header parsed (:func:`parse_plural_forms`),
and the ``nplurals`` values CLDR's rules allow for a language (:func:`accepted_nplurals`).

The header is compared with the rules Babel reads from CLDR: gettext counts the categories
that integers reach, and catalogs made with CLDR's full rule set (Transifex, Weblate) also
count the category of fractions (``nplurals=4`` in Russian), so each of those counts is
accepted; the expected value named in a problem is Babel's ``Plural-Forms`` for the language.
The ``plurals`` check (:mod:`.plurals`) and the QA items (:func:`pipeline.qa.check_catalog`)
use them; this module imports nothing from the check registry.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# The numbers an expression is evaluated on: every n up to SAMPLE_LIMIT, and the millions
# CLDR gives a category of their own (French, Spanish "many").
SAMPLE_LIMIT = 1000
_SAMPLES = (*range(SAMPLE_LIMIT + 1), 10_000, 100_000, 1_000_000, 2_000_000, 10_000_000)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL = re.compile(r"plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)


@dataclass(frozen=True)
class PluralRule:
    """A catalog's ``Plural-Forms``: ``nplurals``, and for each form the sample numbers that
    select it (None where the expression is missing or does not compile)."""

    nplurals: int
    expression: str
    selects: tuple[tuple[int, ...], ...] | None
    problems: tuple[str, ...] = ()

    def single_value(self, index: int) -> bool:
        """Whether form ``index`` is selected by exactly one number (``n == 1``): such a
        form may leave the number's placeholder out, as msgfmt allows."""
        if self.selects is None or index >= len(self.selects):
            return False
        return len(self.selects[index]) == 1


def _compile(expression: str) -> Callable[[int], int] | None:
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return None


@lru_cache(maxsize=64)
def parse_plural_forms(header: str) -> PluralRule | None:
    """The rule of a ``Plural-Forms`` header value; None when the header is empty."""
    if not header.strip():
        return None
    count = _NPLURALS.search(header)
    found = _PLURAL.search(header.split(";", 1)[1] if ";" in header else "")
    expression = found.group(1).strip().rstrip(";").strip() if found else ""
    problems: list[str] = []
    if count is None:
        return PluralRule(0, expression, None, ("the Plural-Forms header has no nplurals",))
    nplurals = int(count.group(1))
    function = _compile(expression) if expression else None
    if function is None:
        problem = f"the Plural-Forms expression {expression!r} is not a valid C expression"
        return PluralRule(nplurals, expression, None, (problem,))
    selects: list[list[int]] = [[] for _ in range(nplurals)]
    beyond: list[int] = []
    for n in _SAMPLES:
        try:
            index = int(function(n))
        except (ZeroDivisionError, ArithmeticError):
            return PluralRule(nplurals, expression, None, ("the plural expression fails",))
        if 0 <= index < nplurals:
            selects[index].append(n)
        else:
            beyond.append(n)
    if beyond:
        problems.append(
            f"the plural expression selects form {int(function(beyond[0]))} for n={beyond[0]}, "
            f"beyond nplurals={nplurals}"
        )
    return PluralRule(nplurals, expression, tuple(map(tuple, selects)), tuple(problems))


@lru_cache(maxsize=64)
def accepted_nplurals(lang: str) -> tuple[frozenset[int], str, str]:
    """The ``nplurals`` values CLDR's rules allow for ``lang``, Babel's ``Plural-Forms`` for
    it, and a description of the categories (``one, few, many, other``)."""
    from babel.messages.plurals import get_plural

    from ..languages.tags import locale_of

    locale = locale_of(lang)
    if locale is None:
        return frozenset(), "", ""
    rule = locale.plural_form
    tags = [tag for tag in ("zero", "one", "two", "few", "many") if tag in rule.tags]
    small = {rule(n) for n in range(SAMPLE_LIMIT + 1)}
    integers = small | {rule(n) for n in _SAMPLES}
    gettext_rule = get_plural(locale)
    accepted = {len(small), len(integers), len(tags) + 1, gettext_rule.num_plurals}
    return frozenset(accepted), gettext_rule.plural_forms, ", ".join([*tags, "other"])


def header_problems(header: str, lang: str) -> list[str]:
    """What is wrong with a catalog's ``Plural-Forms`` for ``lang`` (empty when nothing)."""
    rule = parse_plural_forms(header)
    if rule is None:
        accepted, expected, _ = accepted_nplurals(lang)
        return (
            [f"the catalog has no Plural-Forms header; expected {expected!r}"] if expected else []
        )
    problems = list(rule.problems)
    accepted, expected, categories = accepted_nplurals(lang)
    if accepted and rule.nplurals and rule.nplurals not in accepted:
        values = " or ".join(str(n) for n in sorted(accepted))
        problems.append(
            f"the header says nplurals={rule.nplurals}, but CLDR's plural rules for {lang} "
            f"({categories}) give nplurals={values}; expected {expected!r}"
        )
    return problems
