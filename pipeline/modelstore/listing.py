"""What ``l10n models`` shows and fetches: the models of each language, local or not."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache_dirs import ct2_cache_dir, hub_cache_dir
from ..errors import ModelError
from ..languages import SOURCE_LANGUAGE
from .choice import resolve_models
from .hub import locate_model
from .local import LocalModel, check_model_dir, is_local_spec

if TYPE_CHECKING:
    from ..config import Config


@dataclass(frozen=True)
class ModelStatus:
    """One row of ``l10n models list``."""

    lang: str
    direction: str  # "forward" | "backward"
    spec: str
    found: bool
    revision: str | None = None
    size: int | None = None
    path: Path | None = None
    detail: str = ""
    family: str | None = None
    languages: tuple[str, ...] = ()  # BCP-47 tags a multilingual model serves
    serves: bool = True  # whether the model has the row's languages (known for multilingual)


def pull_models(
    langs: Iterable[str],
    config: Config | None = None,
    *,
    model_override: str | None = None,
    back_override: str | None = None,
) -> list[LocalModel]:
    """Fetch forward and backward models of each language into the hub cache, each model
    once (a multilingual model serves every language both ways), with progress bars.

    Raises UnknownLanguage (exit 3) when a fetched model lacks the language it is for."""
    from ..engines.families import family_of

    fetched: dict[str, LocalModel] = {}
    for lang in langs:
        forward, backward = resolve_models(lang, config, model_override, back_override)
        for spec, source, target in (
            (forward, SOURCE_LANGUAGE, lang),
            (backward, lang, SOURCE_LANGUAGE),
        ):
            if spec not in fetched:
                fetched[spec] = locate_model(spec, download=True, progress=True, pulling=True)
            family_of(fetched[spec]).direction(source, target)
    return list(fetched.values())


def list_models(langs: Iterable[str], config: Config | None = None) -> list[ModelStatus]:
    """What is available locally for ``langs``: one row per (language, direction). No network."""
    cached = _cached_repos()
    rows: list[ModelStatus] = []
    for lang in langs:
        forward, backward = resolve_models(lang, config)
        for direction, spec in (("forward", forward), ("backward", backward)):
            rows.append(_with_languages(_status(lang, direction, spec, cached)))
    return rows


@dataclass(frozen=True)
class CachedModel:
    """A usable model in the Hugging Face cache, its family and the languages it serves."""

    spec: str
    revision: str | None
    size: int | None
    family: str
    languages: tuple[str, ...]  # empty for a single-pair model


def list_cached() -> list[CachedModel]:
    """Every usable model in the Hugging Face cache (configured or not). No network."""
    from ..engines.families import family_of

    cached = _cached_repos()
    found: list[CachedModel] = []
    for spec in sorted(cached):
        row = _status("", "", spec, cached)
        if not row.found or row.path is None:
            continue
        family = family_of(LocalModel(spec, row.path, row.revision, True))
        found.append(
            CachedModel(spec, row.revision, row.size, family.name, tuple(family.languages()))
        )
    return found


def _with_languages(row: ModelStatus) -> ModelStatus:
    """``row`` with its model's family, the languages it serves, and whether it serves the
    row's direction (read from the model's files; no torch)."""
    if not row.found or row.path is None:
        return row
    from dataclasses import replace

    from ..engines.families import UnknownLanguage, family_of

    local = LocalModel(row.spec, row.path, row.revision, not is_local_spec(row.spec))
    family = family_of(local)
    source, target = (
        (SOURCE_LANGUAGE, row.lang) if row.direction == "forward" else (row.lang, SOURCE_LANGUAGE)
    )
    try:
        family.direction(source, target)
        serves, detail = True, row.detail
    except UnknownLanguage:
        serves, detail = False, f"no language code for '{row.lang}'"
    return replace(
        row,
        family=family.name,
        languages=tuple(family.languages()),
        serves=serves,
        detail=detail,
    )


def _status(lang: str, direction: str, spec: str, cached: dict[str, Any]) -> ModelStatus:
    if is_local_spec(spec):
        path = Path(spec).expanduser()
        try:
            check_model_dir(path, spec)
        except ModelError as exc:
            return ModelStatus(lang, direction, spec, False, path=path, detail=str(exc))
        size = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        return ModelStatus(lang, direction, spec, True, size=size, path=path, detail="directory")
    repo = cached.get(spec)
    if repo is None:
        return ModelStatus(lang, direction, spec, False, detail="not in the Hugging Face cache")
    revisions = sorted(repo.revisions, key=lambda r: r.last_modified, reverse=True)
    chosen = next((r for r in revisions if "main" in r.refs), revisions[0] if revisions else None)
    if chosen is None:
        return ModelStatus(lang, direction, spec, False, detail="cache entry without snapshot")
    path = Path(chosen.snapshot_path)
    try:
        check_model_dir(path, spec)
    except ModelError as exc:
        return ModelStatus(
            lang, direction, spec, False, chosen.commit_hash, chosen.size_on_disk, path, str(exc)
        )
    return ModelStatus(
        lang, direction, spec, True, chosen.commit_hash, chosen.size_on_disk, path, "hub cache"
    )


def _cached_repos() -> dict[str, Any]:
    cache = hub_cache_dir()
    if not cache.is_dir():
        return {}
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        info = scan_cache_dir(cache)
    except (CacheNotFound, OSError):
        return {}
    return {repo.repo_id: repo for repo in info.repos if repo.repo_type == "model"}


@dataclass(frozen=True)
class ConvertedModel:
    """A CTranslate2 conversion in the cache, with what its metadata says."""

    key: str
    path: Path
    size: int
    model: str | None = None
    revision: str | None = None
    quantization: str | None = None


def list_converted() -> list[ConvertedModel]:
    """The CTranslate2 conversions in :func:`ct2_cache_dir`."""
    root = ct2_cache_dir()
    if not root.is_dir():
        return []
    entries: list[ConvertedModel] = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name.startswith(".") or not (path / "model.bin").is_file():
            continue
        meta: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError):
            meta = json.loads((path / "l10n.json").read_text(encoding="utf-8"))
        size = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        entries.append(
            ConvertedModel(
                key=path.name,
                path=path,
                size=size,
                model=meta.get("model"),
                revision=meta.get("revision"),
                quantization=meta.get("quantization"),
            )
        )
    return entries


def format_size(size: int | None) -> str:
    """``12.3 MB`` style size, ``-`` for None."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"  # pragma: no cover
