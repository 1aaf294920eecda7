"""Translation models on disk: choosing, locating, fetching and listing them.

* :mod:`.choice`: which model translates a language (command line, ``l10n.toml``, default);
* :mod:`.local`: what a usable model directory holds, and its revision;
* :mod:`.hub`: fetching from the Hugging Face hub into its cache (offline when told);
* :mod:`.listing`: what ``l10n models pull`` / ``list`` fetch and show.

Cache locations live in :mod:`pipeline.cache_dirs`. Nothing here imports torch,
transformers or ctranslate2; huggingface_hub only when the hub or its cache is used.
"""

from __future__ import annotations

from .choice import configured_langs, default_models, resolve_models
from .hub import hub_offline, hub_reachable, locate_model
from .listing import (
    CachedModel,
    ConvertedModel,
    ModelStatus,
    format_size,
    list_cached,
    list_converted,
    list_models,
    pull_models,
)
from .local import LocalModel, check_model_dir, is_local_spec, local_revision

__all__ = [
    "CachedModel",
    "ConvertedModel",
    "LocalModel",
    "ModelStatus",
    "check_model_dir",
    "configured_langs",
    "default_models",
    "format_size",
    "hub_offline",
    "hub_reachable",
    "is_local_spec",
    "list_cached",
    "list_converted",
    "list_models",
    "local_revision",
    "locate_model",
    "pull_models",
    "resolve_models",
]
