"""Machine-translation engines: the registry, and building an engine for a model.

:data:`ENGINES` declares every engine once (name → class, imported only when an engine is
built, since the classes import torch, transformers or ctranslate2); :data:`ENGINE_ALIASES`
holds short names. The interface every engine implements is
:class:`~.base.TranslationEngine`; how languages are put to a model is its family's
business (:mod:`.families`). Adding an engine is one module with a ``TranslationEngine``
subclass and one row in :data:`ENGINES`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .base import Hypothesis, TermLists, TranslationEngine, input_limit
from .devices import resolve_compute_type, resolve_ct2_device
from .options import COMPUTE_TYPES, EngineOptions
from .signature import EngineSignature, make_signature, max_decoder_tokens

if TYPE_CHECKING:
    from ..modelstore import LocalModel
    from .families import LanguageTokens, ModelFamily

# name → "module:Class" (relative to this package).
ENGINES: dict[str, str] = {
    "transformers": ".transformers_engine:TransformersEngine",
    "ctranslate2": ".ctranslate2_engine:CTranslate2Engine",
}
ENGINE_ALIASES: dict[str, str] = {"ct2": "ctranslate2"}
ENGINE_KINDS = tuple(ENGINES)


def engine_names() -> list[str]:
    """Every name an engine answers to (the CLI's ``--engine`` choices, ``none`` aside)."""
    return [*ENGINES, *ENGINE_ALIASES]


def normalize_engine_name(name: str) -> str:
    """The canonical engine name for ``name`` (``ct2`` → ``ctranslate2``); ValueError if unknown."""
    key = name.strip().lower()
    key = ENGINE_ALIASES.get(key, key)
    if key not in ENGINES:
        choices = ", ".join(sorted(engine_names()))
        raise ValueError(f"unknown engine {name!r} (choose from {choices})")
    return key


def engine_class(name: str) -> type[TranslationEngine]:
    """The engine class registered as ``name`` (canonical or alias), imported now."""
    module_name, _, class_name = ENGINES[normalize_engine_name(name)].partition(":")
    cls: type[TranslationEngine] = getattr(
        importlib.import_module(module_name, __name__), class_name
    )
    return cls


def _canonical(kind: str) -> str:
    from ..errors import InputError

    try:
        return normalize_engine_name(kind)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _prepare(
    model: str, source_lang: str, target_lang: str, download: bool
) -> tuple[LocalModel, ModelFamily, LanguageTokens]:
    """The model, its family, and the language tokens of the direction (UnknownLanguage,
    exit 3, when the model lacks one of the languages)."""
    from ..modelstore import locate_model
    from .families import family_of

    local = locate_model(model, download=download)
    family = family_of(local)
    return local, family, family.direction(source_lang, target_lang)


def check_languages(model: str, source_lang: str, target_lang: str) -> None:
    """Raise UnknownLanguage (exit 3) when ``model`` lacks one of the languages, if the model
    is here; one that is not is left for loading to report (it may not be needed at all)."""
    from ..errors import ModelError

    try:
        _prepare(model, source_lang, target_lang, False)
    except ModelError as exc:
        from .families import UnknownLanguage

        if isinstance(exc, UnknownLanguage):
            raise


def engine_signature(
    kind: str,
    model: str,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions | None = None,
    download: bool = True,
) -> EngineSignature:
    """The signature :func:`load_engine` would give, without loading the model.

    Locates the model (fetching it when missing and ``download`` is true, as loading would)
    to learn its revision and family, and checks that it knows both languages, but imports
    neither torch nor transformers; for ``ct2`` with ``compute_type="auto"`` it imports
    ctranslate2 to see whether CUDA is there.
    """
    name = _canonical(kind)
    options = options or EngineOptions()
    local, family, tokens = _prepare(model, source_lang, target_lang, download)
    compute_type = None
    if name == "ctranslate2":
        compute_type = resolve_compute_type(
            options.compute_type,
            resolve_ct2_device(options.device) if options.compute_type == "auto" else "cpu",
        )
    return make_signature(
        name,
        local,
        source_lang=source_lang,
        target_lang=target_lang,
        options=options,
        family=family.name,
        tokens=tokens,
        compute_type=compute_type,
    )


def load_engine(
    kind: str,
    model: str,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions | None = None,
) -> TranslationEngine:
    """Build the engine ``kind`` (a name or alias in :data:`ENGINES`) for ``model``.

    ``model`` is a hub id or a local directory; hub models are fetched into the Hugging Face
    cache when missing (unless offline). Raises :class:`~pipeline.errors.ModelError` when the
    model cannot be found, fetched or loaded, or lacks one of the languages.
    """
    name = _canonical(kind)
    local, family, tokens = _prepare(model, source_lang, target_lang, True)
    return engine_class(name).load(
        local,
        family,
        tokens,
        source_lang=source_lang,
        target_lang=target_lang,
        options=options or EngineOptions(),
    )


__all__ = [
    "COMPUTE_TYPES",
    "ENGINES",
    "ENGINE_ALIASES",
    "ENGINE_KINDS",
    "check_languages",
    "EngineOptions",
    "EngineSignature",
    "Hypothesis",
    "TermLists",
    "TranslationEngine",
    "engine_class",
    "engine_names",
    "engine_signature",
    "input_limit",
    "load_engine",
    "make_signature",
    "max_decoder_tokens",
    "normalize_engine_name",
    "resolve_compute_type",
    "resolve_ct2_device",
]
