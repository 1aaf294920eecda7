"""Language tags: the one parser of language codes, and what CLDR says about a tag.

Every language code the tool reads — an option (``--to``, ``--lang``), a catalog's
``Language`` header, a glossary row, a TMX or XLIFF attribute, a model's vocabulary code —
goes through :func:`parse_language` (or its lenient twin :func:`read_language`). The code is
read with Babel's CLDR data: CLDR's language aliases turn ISO 639-3 and retired codes into
the BCP-47 language (``por`` → ``pt``, ``rus`` → ``ru``, ``iw`` → ``he``, ``sh`` →
``sr_Latn``), and the result is written the gettext way, which is how catalog directories
are named: subtags joined by ``_``, language lower case, script title case, region upper case
(``pt-br`` → ``pt_BR``, ``zh-TW`` → ``zh_TW``, ``sr-latn`` → ``sr_Latn``). The subtags given
are kept as given: ``zh_TW`` stays ``zh_TW`` (Babel itself would say ``zh_Hant_TW``).

An empty, malformed or unknown code is an :class:`~pipeline.errors.InputError` (exit 2)
with one line naming the code and where it came from.

The other tag operations live here too, so that nothing else in the pipeline parses a tag:
the primary subtag, CLDR's likely subtags (the script and region a code implies), the
script, the writing direction and the English name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..errors import InputError

# The language every document is written in and every glossary term: the source of all
# translation. Written once here; nothing else spells it out.
SOURCE_LANGUAGE = "en"

# language (2-3 letters; 4-8 are registered-but-unused in BCP 47), then script, region and
# variant subtags, then a gettext modifier (``sr@latin``).
_WELL_FORMED = re.compile(
    r"(?P<language>[A-Za-z]{2,3})"
    r"(?P<rest>(?:[-_][A-Za-z0-9]{1,8})*)"
    r"(?:@(?P<modifier>[A-Za-z0-9]{1,16}))?"
)
_MALFORMED = "!malformed"
# gettext modifiers that name a script (``sr@latin``).
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}
# Codes CLDR knows that name no language.
_NO_LANGUAGE = frozenset({"und", "root", "mis", "mul", "zxx"})


class Subtags(NamedTuple):
    """A tag with CLDR's likely subtags filled in: ``zh_TW`` → ``("zh", "Hant", "TW")``.

    ``region`` is ``""`` where neither the tag nor CLDR names one; ``explicit_region`` says
    whether the tag itself named it.
    """

    language: str
    script: str
    region: str
    explicit_region: bool


def parse_language(code: object, *, where: object | None = None) -> str:
    """``code`` as a gettext language code (``pt_BR``, ``zh_TW``, ``sr_Latn``, ``pt`` for ``por``).

    Raises :class:`InputError` (exit 2) for an empty, malformed or unknown code, one line
    naming the code, prefixed with ``where`` (an option name, a file) when given.
    """
    text = code.strip() if isinstance(code, str) else ""
    if not text:
        raise InputError("empty language code", path=where)
    parsed = _parse(text)
    if not parsed.startswith("!"):
        return parsed
    problem = "malformed" if parsed == _MALFORMED else "unknown"
    raise InputError(f"{problem} language code {_quoted(text)}", path=where)


def read_language(code: str, *, unknown: bool = False) -> str | None:
    """:func:`parse_language` without the error: the gettext code, None where it is none.

    ``unknown``: a well-formed code of a language CLDR lacks is returned too, spelled the
    same way (a model's vocabulary may name such languages: ``tlh``, ``ace_Arab``).
    """
    if not isinstance(code, str) or not code.strip():
        return None
    parsed = _parse(code.strip())
    if parsed.startswith("!unknown:") and unknown:
        return parsed.removeprefix("!unknown:")
    return None if parsed.startswith("!") else parsed


def is_language(code: str) -> bool:
    """Whether ``code`` is a language code CLDR knows (``ru``, ``pt-BR``, ``por``)."""
    return read_language(code) is not None


@lru_cache(maxsize=4096)
def _parse(text: str) -> str:
    """The gettext code of a stripped code, or ``!malformed`` / ``!unknown``."""
    match = _WELL_FORMED.fullmatch(text)
    if match is None:
        return _MALFORMED
    language = match["language"].lower()
    script = region = ""
    variants: list[str] = []
    for subtag in filter(None, re.split(r"[-_]", match["rest"])):
        if len(subtag) == 4 and subtag.isalpha() and not (script or region or variants):
            script = subtag.title()
        elif (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            if region or variants:
                return _MALFORMED
            region = subtag.upper()
        elif len(subtag) >= 5 or (len(subtag) == 4 and subtag[0].isdigit()):
            variants.append(subtag.upper())
        else:
            return _MALFORMED
    alias = get_global("language_aliases").get(language)
    if alias:
        parts = alias.split("_")
        language = parts[0]
        # ``sh`` → ``sr_Latn``: the script an alias names is part of what it means
        if len(parts) > 1 and len(parts[1]) == 4 and not script:
            script = parts[1]
    result = "_".join(filter(None, [language, script, region, *variants]))
    if match["modifier"]:
        result += "@" + match["modifier"].lower()
    if (
        language in _NO_LANGUAGE
        or not _known_language(language)
        or (script and script not in _names("scripts"))
        or (region and region not in _names("territories"))
    ):
        return "!unknown:" + result
    return result


@lru_cache(maxsize=1024)
def _known_language(language: str) -> bool:
    try:
        return Locale.parse(language).language == language
    except (UnknownLocaleError, ValueError):
        return False


@lru_cache(maxsize=4)
def _names(kind: str) -> frozenset[str]:
    return frozenset(getattr(Locale("en"), kind))


def _quoted(text: str) -> str:
    """A code as one printable line: control characters escaped, long ones cut."""
    shown = text.encode("unicode_escape").decode("ascii").replace("'", "\\'")
    return "'" + (shown if len(shown) <= 40 else shown[:40] + "...") + "'"


# -- what a tag says -------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def primary_subtag(code: str) -> str:
    """The language subtag: ``pt-BR``/``pt_BR``/``por`` → ``pt``. Never raises: a code the
    parser refuses gives its first subtag, lower case."""
    parsed = read_language(code)
    if parsed is not None:
        return parsed.split("_", 1)[0].split("@", 1)[0]
    return re.split(r"[-_@.]", code.strip(), maxsplit=1)[0].lower()


@lru_cache(maxsize=1024)
def locale_of(code: str) -> Locale | None:
    """Babel's locale for a code: the most specific CLDR has (``de_IT`` → ``de``), None
    where the code is not a language."""
    parsed = read_language(code)
    if parsed is None:
        return None
    parts = parsed.split("@", 1)[0].split("_")
    for end in range(len(parts), 0, -1):
        try:
            return Locale.parse("_".join(parts[:end]))
        except (UnknownLocaleError, ValueError):
            continue
    return None


@lru_cache(maxsize=1024)
def likely_subtags(code: str) -> Subtags | None:
    """Language, script and region of a code, the missing ones filled in from CLDR's likely
    subtags (``zh`` → ``zh Hans CN``, ``zh_TW`` → ``zh Hant TW``, ``sr_Latn`` → Latin);
    None where the code is not a language."""
    parsed = read_language(code)
    if parsed is None:
        return None
    tag, _, modifier = parsed.partition("@")
    parts = tag.split("_")
    language = parts[0]
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    script = script or _MODIFIER_SCRIPTS.get(modifier, "")
    region = next((p for p in parts[1:] if _is_region(p)), "")
    likely = get_global("likely_subtags")
    for key in (
        f"{language}_{script}_{region}",
        f"{language}_{region}",
        f"{language}_{script}",
        language,
    ):
        if "__" in key or key.endswith("_") or key not in likely:
            continue
        filled = likely[key].split("_")
        script = script or next((p for p in filled[1:] if len(p) == 4), "")
        found = next((p for p in filled[1:] if _is_region(p)), "")
        return Subtags(language, script, region or found, bool(region))
    return Subtags(language, script, region, bool(region))


def _is_region(subtag: str) -> bool:
    return (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit())


def likely_script(code: str) -> str | None:
    """The ISO 15924 script a code is written in (``ru`` → ``Cyrl``, ``sr_Latn`` → ``Latn``,
    ``zh_TW`` → ``Hant``, ``ja`` → ``Jpan``), None where CLDR does not say."""
    subtags = likely_subtags(code)
    return (subtags.script or None) if subtags else None


def direction(code: str) -> str:
    """``rtl`` for a right-to-left language (CLDR's character order), else ``ltr``."""
    locale = locale_of(code)
    order = locale.character_order if locale else "left-to-right"
    return "rtl" if order == "right-to-left" else "ltr"


def english_name(code: str) -> str:
    """The language's English name (``pt_BR`` → ``Portuguese (Brazil)``); the code where
    CLDR has none."""
    locale = locale_of(code)
    return (locale.english_name if locale else None) or code


def same_language(unit_lang: str, catalog_lang: str) -> bool:
    """Whether text in ``unit_lang`` may serve ``catalog_lang``: the same code, or the same
    language and script where at most one of them names a region (``ru_RU`` serves ``ru``;
    ``pt_PT`` does not serve ``pt_BR``, nor ``zh_TW`` ``zh``)."""
    if unit_lang == catalog_lang:
        return True
    a, b = likely_subtags(unit_lang), likely_subtags(catalog_lang)
    if a is None or b is None or a[:2] != b[:2]:
        return False
    return a.region == b.region or not (a.explicit_region and b.explicit_region)


def split_tag(code: str) -> tuple[str, str, str] | None:
    """Language, script and region as written (``""`` where absent) of a well-formed code,
    languages CLDR lacks included (``zho_Hant`` → ``("zh", "Hant", "")``); None if malformed."""
    parsed = read_language(code, unknown=True)
    if parsed is None:
        return None
    parts = parsed.split("@", 1)[0].split("_")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next((p for p in parts[1:] if _is_region(p)), "")
    return parts[0], script, region


def bcp47(code: str) -> str:
    """A gettext code written as a BCP-47 tag, as HTML, XLIFF and TMX want it
    (``pt_BR`` → ``pt-BR``, ``sr@latin`` → ``sr-Latn``); the code itself where it is none."""
    parsed = read_language(code, unknown=True)
    if parsed is None:
        return code
    tag, _, modifier = parsed.partition("@")
    if modifier in _MODIFIER_SCRIPTS and "_" not in tag:
        tag = f"{tag}_{_MODIFIER_SCRIPTS[modifier]}"
    return tag.replace("_", "-")
