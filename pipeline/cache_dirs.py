"""Where the pipeline and the Hugging Face hub keep their caches, read from the environment
at call time (so tests and users can move them)."""

from __future__ import annotations

import os
from pathlib import Path


def _user_cache() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg).expanduser() if xdg else Path.home() / ".cache"


def l10n_cache_dir() -> Path:
    """The pipeline's own cache (``L10N_CACHE_DIR``, default ``~/.cache/l10n``)."""
    if os.environ.get("L10N_CACHE_DIR"):
        return Path(os.environ["L10N_CACHE_DIR"]).expanduser()
    return _user_cache() / "l10n"


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache: ``HF_HUB_CACHE``, ``HF_HOME/hub`` or the default."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    return _user_cache() / "huggingface" / "hub"


def ct2_cache_dir() -> Path:
    """Where converted CTranslate2 models are kept."""
    return l10n_cache_dir() / "ct2"
