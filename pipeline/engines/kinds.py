"""The engine registry: every kind of engine ``l10n translate`` can run, one row each.

A row names the kind, its aliases, where its :class:`~.base.TranslationEngine` subclass lives
(imported only when an engine is built: the classes import torch, transformers or
ctranslate2), the library whose version the MT signature records, and the signature fields
the kind adds from its options. ``none`` is a row too: it translates nothing (catalogs for
human translation). Adding an engine is one module and one row in :data:`KINDS`; nothing
outside the engine's own module branches on its name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .devices import ct2_signature_fields
from .options import EngineOptions


def _no_fields(options: EngineOptions) -> list[str]:
    return []


@dataclass(frozen=True)
class EngineKind:
    """One kind of engine.

    ``engine`` is ``"module:Class"`` relative to :mod:`pipeline.engines`, None for a kind
    that translates nothing. ``signature_fields`` gives the ``key:value`` fields the kind
    adds to the MT signature for ``options`` (resolved without loading a model).
    """

    name: str
    engine: str | None
    description: str
    aliases: tuple[str, ...] = ()
    library: str | None = None
    signature_fields: Callable[[EngineOptions], list[str]] = field(default=_no_fields)

    @property
    def translates(self) -> bool:
        """Whether the kind runs a model (``none`` does not)."""
        return self.engine is not None


KINDS: dict[str, EngineKind] = {
    kind.name: kind
    for kind in (
        EngineKind(
            "ctranslate2",
            ".ctranslate2_engine:CTranslate2Engine",
            "a converted model on CTranslate2 (int8 on CPU; the fastest)",
            aliases=("ct2",),
            library="ctranslate2",
            signature_fields=ct2_signature_fields,
        ),
        EngineKind(
            "transformers",
            ".transformers_engine:TransformersEngine",
            "the model run by Hugging Face transformers (torch)",
            library="transformers",
        ),
        EngineKind("none", None, "no MT: catalogs for human translation (memory still used)"),
    )
}

# The default: CTranslate2 int8 is the fastest on CPU (benchmarks/run.py).
DEFAULT_KIND = "ctranslate2"


def _aliases() -> dict[str, str]:
    return {alias: kind.name for kind in KINDS.values() for alias in kind.aliases}


def kind_names() -> list[str]:
    """Every name a kind answers to (the CLI's ``--engine`` choices), aliases included."""
    return [*KINDS, *_aliases()]


def engine_kind(name: str) -> EngineKind:
    """The kind ``name`` (canonical or alias, any case); ValueError naming the choices."""
    key = name.strip().lower()
    key = _aliases().get(key, key)
    if key not in KINDS:
        choices = ", ".join(sorted(kind_names()))
        raise ValueError(f"unknown engine {name!r} (choose from {choices})")
    return KINDS[key]
