"""The language table of docs/languages.md, written from the profiles (a test keeps the page
equal to :func:`languages_markdown`)."""

from __future__ import annotations

from .profile import LanguageProfile, simplemma_has
from .table import PROFILES

# Languages without a row shown in the table: what CLDR alone gives them.
CLDR_ONLY = ("tr", "sw", "vi", "bn", "ur", "id")
_SYMBOL_NAMES = {
    "\u00a0": "NBSP",
    "\u202f": "narrow NBSP",
    " ": "space",
    "\u2019": "’",
    "\u066b": "٫",
    "\u066c": "٬",
}


def _lemmatiser(language: LanguageProfile) -> str:
    kind = language.words
    if kind == "auto":
        kind = "simplemma" if simplemma_has(language.code) else "surface"
    if kind == "surface" and (language.prefixes or language.suffixes):
        return "row's endings"
    return {"characters": "character sequences"}.get(kind, kind)


def _inflection(language: LanguageProfile) -> str:
    parts = []
    if language.words == "pymorphy3":
        parts.append("case forms")
    if language.prefixes:
        parts.append(f"{len(language.prefixes)} prefixes")
    if language.suffixes:
        parts.append(f"{len(language.suffixes)} endings")
    if language.compound_links is not None:
        parts.append("compounds")
    if language.variants:
        parts.append(f"variants ({language.variants})")
    if language.spaced_variants:
        parts.append("spacing folded")
    return ", ".join(parts) or "—"


def _symbol(symbol: str) -> str:
    return _SYMBOL_NAMES.get(symbol, f"`{symbol}`")


def _numbers(language: LanguageProfile) -> str:
    words = list(language.magnitudes) + list(language.prefix_magnitudes)
    shown = ", ".join(words[:3]) + (f" +{len(words) - 3}" if len(words) > 3 else "")
    native = language.native_digits
    parts = [f"{_symbol(language.decimal_symbol)} / {_symbol(language.group_symbol)}"]
    if native != "latn":
        parts.append(f"digits {native}")
    if shown:
        parts.append(shown)
    if language.ordinal_words or language.ordinal_lemmas:
        parts.append("ordinals")
    return "; ".join(parts)


def _models(language: LanguageProfile) -> str:
    forward, backward = language.default_models()
    names = [name.split("/")[-1] if name else "—" for name in (forward, backward)]
    return " / ".join(names)


def _row(language: LanguageProfile, row: bool) -> str:
    name = f"`{language.code}` {language.name}" + ("" if row else " (no row)")
    cells = [
        name,
        _lemmatiser(language),
        _inflection(language),
        _numbers(language),
        f"{language.quotes[0].strip()}…{language.quotes[1].strip()}",
        "space" if language.sentence_separator else "none",
        language.direction,
        _models(language),
    ]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def languages_markdown() -> str:
    """The language table of docs/languages.md: the rows, then languages CLDR alone serves."""
    from . import profile

    header = [
        "| language | lemmatiser | inflection | numbers (decimal / group; digits; magnitude "
        "words; spelled ordinals) | quotes | joins | dir | default models (forward / backward) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    rows = [_row(language, True) for language in PROFILES]
    rows += [_row(profile(code), False) for code in CLDR_ONLY]
    return "\n".join(header + rows)
