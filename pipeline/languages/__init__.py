"""The language layer: one :class:`LanguageProfile` per language, looked up by BCP-47 code.

``profile("pt-BR")`` is Portuguese's profile, ``profile("zh-Hans")`` Chinese's; a language
without a row gets a profile of its own with the defaults (simplemma or surface matching,
CLDR numbers, the conventional opus-mt model names).
:mod:`.tags` is the one parser of language codes (:func:`parse_language`: ``por`` → ``pt``,
``pt-br`` → ``pt_BR``, exit 2 on an unknown one) and answers what a tag implies (primary
subtag, likely subtags, script, direction). This package is the only place that knows
about particular languages: the stages ask the profile (words and lemmas, term forms,
numbers, punctuation, sentence joining, direction, length ratio, default models) and never
test a language code.

Analysers load on first use: looking a profile up imports neither pymorphy3, simplemma
nor OpenCC.
"""

from __future__ import annotations

from functools import lru_cache

from ..errors import ModelError
from .profile import LanguageProfile
from .table import PROFILES
from .tags import (
    SOURCE_LANGUAGE,
    bcp47,
    direction,
    english_name,
    is_language,
    likely_script,
    likely_subtags,
    parse_language,
    primary_subtag,
    read_language,
    same_language,
    split_tag,
)
from .words import WordAnalysis, normalize_word, word_matches

__all__ = [
    "SOURCE_LANGUAGE",
    "LanguageProfile",
    "WordAnalysis",
    "bcp47",
    "default_models",
    "direction",
    "english_name",
    "is_language",
    "known_languages",
    "likely_script",
    "likely_subtags",
    "missing_models_error",
    "normalize_word",
    "parse_language",
    "primary_subtag",
    "profile",
    "read_language",
    "same_language",
    "split_tag",
    "word_matches",
]


_BY_CODE = {row.code: row for row in PROFILES}


@lru_cache(maxsize=256)
def profile(code: str) -> LanguageProfile:
    """The profile of a language code (its primary subtag's row, else a default profile).

    A language without a row has nothing known against the conventional opus-mt names, so
    its default models are ``opus-mt-en-XX`` / ``opus-mt-XX-en`` (a missing one is reported
    as any unavailable model is).
    """
    primary = primary_subtag(code)
    return _BY_CODE.get(primary) or LanguageProfile(
        primary, forward_model=True, backward_model=True
    )


def known_languages() -> tuple[LanguageProfile, ...]:
    """The languages with a row of their own, in table order."""
    return PROFILES


def default_models(code: str) -> tuple[str | None, str | None]:
    """``(forward, backward)`` default hub ids of a target language; None where none exists."""
    return profile(code).default_models()


def missing_models_error(codes: list[str]) -> ModelError:
    """The error for target languages that have no default model (exit 3)."""
    names = ", ".join(f"{code} ({profile(code).name})" for code in codes)
    example = codes[0]
    return ModelError(
        f"no default translation model for {names}; set one in l10n.toml: "
        f'[models.{example}] forward = "<hub id or directory>" '
        f'backward = "<hub id or directory>" (or pass --model/--back-model)'
    )
