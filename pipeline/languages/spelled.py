"""Numbers written as words, from CLDR's rule-based number formatting.

CLDR's RBNF rules (read with ``unicode-rbnf``, which ships them: no network, no ICU) spell
numbers out in every language they cover, with each rule set a language has: genders,
cases, plurals (Russian ``третий``, ``третьего``…; Italian ``terzo``, ``terza``, ``terzi``,
``terze``; Hindi ``तीसरा``, ``तीसरी``; Arabic ``الثالث``, ``الثالثة``). Babel has no spell-out.

* :func:`ordinal_words`: the ordinals 1 … :data:`ORDINAL_LIMIT` (``third`` = 3), which the
  numbers check reads as optional numbers, like small numbers written out: ``3rd`` ↔
  ``المرتبة الثالثة``, ``the first quarter`` ↔ ``1분기``.
* :func:`cardinal_words`: the cardinals 2 … 10, the small numbers written out of a language
  whose table row lists none (one is left out: it is the indefinite article in many
  languages, ``un``, ``ein``, ``bir``).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any

ORDINAL_LIMIT = 100
CARDINALS = range(2, 11)


@lru_cache(maxsize=64)
def _engine(language: str) -> Any | None:
    """The RBNF engine of a language subtag, None where CLDR has no rules for it."""
    try:
        from unicode_rbnf import RbnfEngine
    except ImportError:  # pragma: no cover - a core dependency
        return None
    try:
        return RbnfEngine.for_language(language)
    except (ValueError, KeyError, OSError):
        return None


def _spelled(language: str, purpose: str, numbers: range) -> MappingProxyType[str, Decimal]:
    engine = _engine(language)
    found: dict[str, Decimal] = {}
    if engine is None:
        return MappingProxyType(found)
    from unicode_rbnf import FormatPurpose

    for number in numbers:
        try:
            result = engine.format_number(number, getattr(FormatPurpose, purpose))
        except (ValueError, KeyError, IndexError, RecursionError):
            return MappingProxyType(found)  # no rule set of this kind in the language
        for text in result.text_by_ruleset.values():
            word = " ".join(text.casefold().split())
            if word and not any(ch.isdigit() for ch in word):
                found.setdefault(word, Decimal(number))
    return MappingProxyType(found)


@lru_cache(maxsize=64)
def ordinal_words(language: str) -> MappingProxyType[str, Decimal]:
    """Ordinal words of a language subtag (every gender, case and plural CLDR spells) →
    their value, 1 … :data:`ORDINAL_LIMIT`; empty where CLDR has no ordinal rules."""
    return _spelled(language, "ORDINAL", range(1, ORDINAL_LIMIT + 1))


@lru_cache(maxsize=64)
def cardinal_words(language: str) -> MappingProxyType[str, Decimal]:
    """Cardinal words 2 … 10 of a language subtag → their value (every rule set)."""
    return _spelled(language, "CARDINAL", CARDINALS)
