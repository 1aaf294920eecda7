"""Machine-translation engines: building an engine for a model, and its signature.

The registry of engine kinds is :mod:`.kinds` (one row per kind, ``none`` included; the
classes are imported only when an engine is built, since they import torch, transformers or
ctranslate2). The interface every engine implements is :class:`~.base.TranslationEngine`;
how languages are put to a model is its family's business (:mod:`.families`); how
``l10n.toml``'s ``[engine]`` table is read is :mod:`.settings`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import Hypothesis, TermLists, TranslationEngine, input_limit
from .devices import resolve_compute_type, resolve_ct2_device
from .kinds import DEFAULT_KIND, KINDS, EngineKind, engine_kind, kind_names
from .options import COMPUTE_TYPES, EngineOptions
from .signature import EngineSignature, make_signature, max_decoder_tokens

if TYPE_CHECKING:
    from ..modelstore import LocalModel
    from .families import LanguageTokens, ModelFamily

# name → "module:Class" (relative to this package) of every kind that translates.
ENGINES: dict[str, str] = {
    name: kind.engine for name, kind in KINDS.items() if kind.engine is not None
}
ENGINE_KINDS = tuple(ENGINES)


def engine_names() -> list[str]:
    """Every name an engine kind answers to (the CLI's ``--engine`` choices), ``none`` and
    aliases included."""
    return kind_names()


def normalize_engine_name(name: str) -> str:
    """The canonical kind name for ``name`` (``ct2`` → ``ctranslate2``); ValueError if unknown."""
    return engine_kind(name).name


def engine_class(name: str) -> type[TranslationEngine]:
    """The engine class of kind ``name`` (canonical or alias), imported now; ValueError for
    an unknown kind or one that translates nothing."""
    kind = engine_kind(name)
    if kind.engine is None:
        raise ValueError(f"engine {kind.name!r} translates nothing")
    module_name, _, class_name = kind.engine.partition(":")
    cls: type[TranslationEngine] = getattr(
        importlib.import_module(module_name, __name__), class_name
    )
    return cls


def _translating_kind(name: str) -> EngineKind:
    """The kind ``name``; InputError when unknown or when it translates nothing."""
    from ..errors import InputError

    try:
        kind = engine_kind(name)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not kind.translates:
        raise InputError(f"engine {kind.name!r} translates nothing; it has no model")
    return kind


@dataclass(frozen=True)
class PreparedModel:
    """A model located on disk with its family: what signing and loading an engine need.

    A run prepares each model once (:func:`prepare_model`) and asks it for every direction
    and engine; nothing here imports torch, transformers or ctranslate2."""

    local: LocalModel
    family: ModelFamily

    def direction(self, source_lang: str, target_lang: str) -> LanguageTokens:
        """The language tokens of a direction; UnknownLanguage (exit 3) when the model lacks
        one of the languages."""
        return self.family.direction(source_lang, target_lang)


def prepare_model(model: str, *, download: bool = True) -> PreparedModel:
    """Locate ``model`` (a hub id or directory; fetched when missing and ``download``) and
    recognise its family; ModelError (exit 3) when it is not there and cannot be fetched."""
    from ..modelstore import locate_model
    from .families import family_of

    local = locate_model(model, download=download)
    return PreparedModel(local, family_of(local))


def sign_engine(
    kind: str,
    prepared: PreparedModel,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions,
) -> EngineSignature:
    """The signature the engine ``kind`` running ``prepared`` for the direction will have,
    without loading it (the kind's own fields come from its registry row)."""
    row = _translating_kind(kind)
    return make_signature(
        row.name,
        prepared.local,
        source_lang=source_lang,
        target_lang=target_lang,
        options=options,
        family=prepared.family.name,
        tokens=prepared.direction(source_lang, target_lang),
        extra=row.signature_fields(options),
    )


def build_engine(
    kind: str,
    prepared: PreparedModel,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions,
) -> TranslationEngine:
    """Load the engine ``kind`` for ``prepared`` and the direction; ModelError when it
    cannot be loaded."""
    row = _translating_kind(kind)
    return engine_class(row.name).load(
        prepared.local,
        prepared.family,
        prepared.direction(source_lang, target_lang),
        source_lang=source_lang,
        target_lang=target_lang,
        options=options,
    )


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
    _translating_kind(kind)
    return sign_engine(
        kind,
        prepare_model(model, download=download),
        source_lang=source_lang,
        target_lang=target_lang,
        options=options or EngineOptions(),
    )


def load_engine(
    kind: str,
    model: str,
    *,
    source_lang: str,
    target_lang: str,
    options: EngineOptions | None = None,
) -> TranslationEngine:
    """Build the engine ``kind`` (a name or alias in :mod:`.kinds`) for ``model``.

    ``model`` is a hub id or a local directory; hub models are fetched into the Hugging Face
    cache when missing (unless offline). Raises :class:`~pipeline.errors.ModelError` when the
    model cannot be found, fetched or loaded, or lacks one of the languages.
    """
    _translating_kind(kind)
    return build_engine(
        kind,
        prepare_model(model),
        source_lang=source_lang,
        target_lang=target_lang,
        options=options or EngineOptions(),
    )


__all__ = [
    "COMPUTE_TYPES",
    "DEFAULT_KIND",
    "ENGINES",
    "ENGINE_KINDS",
    "KINDS",
    "EngineKind",
    "EngineOptions",
    "EngineSignature",
    "PreparedModel",
    "Hypothesis",
    "TermLists",
    "TranslationEngine",
    "engine_class",
    "engine_kind",
    "engine_names",
    "build_engine",
    "engine_signature",
    "input_limit",
    "load_engine",
    "make_signature",
    "max_decoder_tokens",
    "normalize_engine_name",
    "prepare_model",
    "resolve_compute_type",
    "resolve_ct2_device",
    "sign_engine",
]
