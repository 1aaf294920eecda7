"""Which models translate, where they are, and fetching them from the Hugging Face hub.

A model is named by a hub id (``Helsinki-NLP/opus-mt-en-ru``) or a local directory.
:func:`locate_model` turns either into a :class:`LocalModel`, a checked directory with the
files an engine needs, downloading hub models into the Hugging Face cache when they are not
there yet (never when ``HF_HUB_OFFLINE`` is set). huggingface_hub is imported only by the
functions that talk to the hub or scan its cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .config import Config
from .errors import ModelError
from .memo import add_to_memo, read_memo

DEFAULT_FORWARD = "Helsinki-NLP/opus-mt-en-{lang}"
DEFAULT_BACKWARD = "Helsinki-NLP/opus-mt-{lang}-en"
DEFAULT_LANGS = ("ru",)

# Files fetched from the hub: configuration and tokenizer, plus safetensors weights; the
# pickled pytorch_model.bin only for repositories that have no safetensors.
BASE_PATTERNS = (
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "tokenizer.json",
    "vocab.json",
    "target_vocab.json",
    "merges.txt",
    "*.spm",
    "*.model",
)
SAFETENSORS_PATTERNS = ("*.safetensors", "*.safetensors.index.json")
BIN_PATTERNS = ("pytorch_model.bin", "pytorch_model*.bin", "pytorch_model.bin.index.json")

_WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$|^[A-Za-z0-9][\w.-]*$")


@dataclass(frozen=True)
class LocalModel:
    """A model ready to load: what the user named, the directory, and its revision.

    ``revision`` is the hub commit for a hub snapshot, or ``local:<12 hex>`` (SHA-256 over
    the config, tokenizer and weight files) for a directory given by the user.
    """

    spec: str
    path: Path
    revision: str | None
    from_hub: bool

    @property
    def has_safetensors(self) -> bool:
        return any(self.path.glob("*.safetensors"))

    @property
    def max_positions(self) -> int | None:
        """``max_position_embeddings`` from config.json, None when absent or unreadable."""
        try:
            data = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        value = data.get("max_position_embeddings") if isinstance(data, dict) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else None


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


# -- names ----------------------------------------------------------------------------------


def default_models(lang: str) -> tuple[str | None, str | None]:
    """The default (forward, backward) hub ids for ``lang`` (its language profile's; None
    where opus-mt has no model)."""
    from .languages import default_models as profile_models

    return profile_models(lang)


def resolve_models(
    lang: str,
    config: Config | None = None,
    model_override: str | None = None,
    back_override: str | None = None,
) -> tuple[str, str]:
    """(forward, backward) model for ``lang``: CLI override, else l10n.toml, else default."""
    forward, backward = default_models(lang)
    if config is not None and lang in config.models:
        configured = config.models[lang]
        forward = configured.forward or forward
        backward = configured.backward or backward
    forward, backward = model_override or forward, back_override or backward
    if forward is None or backward is None:
        from .languages import missing_models_error

        raise missing_models_error([lang])
    return forward, backward


def configured_langs(config: Config | None) -> list[str]:
    """Target languages named in the config's ``[models.*]`` tables, else the defaults."""
    if config is not None and config.models:
        return list(config.models)
    return list(DEFAULT_LANGS)


def is_local_spec(spec: str) -> bool:
    """Whether ``spec`` names a directory rather than a hub id."""
    if Path(spec).expanduser().exists():
        return True
    if spec.startswith((".", "/", "~")) or "\\" in spec or spec.count("/") > 1:
        return True
    return not _HUB_ID.match(spec)


# -- environment ----------------------------------------------------------------------------


def _truthy(value: str | None) -> bool:
    return (value or "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def hub_offline() -> bool:
    """Whether hub access is switched off (``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE``)."""
    return _truthy(os.environ.get("HF_HUB_OFFLINE")) or _truthy(
        os.environ.get("TRANSFORMERS_OFFLINE")
    )


def hub_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment at call time."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def l10n_cache_dir() -> Path:
    """The pipeline's own cache (``L10N_CACHE_DIR``, default ``~/.cache/l10n``)."""
    if os.environ.get("L10N_CACHE_DIR"):
        return Path(os.environ["L10N_CACHE_DIR"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "l10n"


def ct2_cache_dir() -> Path:
    """Where converted CTranslate2 models are kept."""
    return l10n_cache_dir() / "ct2"


# -- locating -------------------------------------------------------------------------------


def _unavailable(spec: str, lang_hint: str | None, reason: str) -> ModelError:
    pull = f"l10n models pull --to {lang_hint}" if lang_hint else "l10n models pull"
    return ModelError(
        f"model {spec} is not available locally and cannot be downloaded ({reason}); "
        f"run '{pull}' where there is network, or pass --model DIR with a local copy"
    )


def _lang_hint(spec: str) -> str | None:
    match = re.search(r"opus-mt-(?:en-([a-z]{2,3})|([a-z]{2,3})-en)$", spec)
    if not match:
        return None
    return match.group(1) or match.group(2)


def check_model_dir(path: Path, spec: str | None = None) -> None:
    """Raise ModelError naming ``path`` and what is missing unless it holds a usable model.

    Needs ``config.json``, tokenizer files (``tokenizer.json``, or SentencePiece models /
    vocabularies) and weights (safetensors or ``pytorch_model.bin``), and refuses models
    that need custom code (``auto_map``): l10n never runs code from a model repository.
    """
    name = spec or str(path)
    if not path.is_dir():
        raise ModelError(f"model directory {name} does not exist")
    missing: list[str] = []
    config_file = path / "config.json"
    if not config_file.is_file():
        missing.append("config.json")
    names = {p.name for p in path.iterdir()}
    has_tokenizer = (
        "tokenizer.json" in names
        or any(n.endswith((".spm", ".model")) for n in names)
        or "vocab.json" in names
        or "vocab.txt" in names
    )
    if config_file.is_file() and _model_type(config_file) == "marian":
        marian = [n for n in ("source.spm", "target.spm", "vocab.json") if n not in names]
        if marian:
            missing.append("tokenizer files (" + ", ".join(marian) + ")")
    elif not has_tokenizer:
        missing.append("tokenizer files (source.spm/target.spm/vocab.json or tokenizer.json)")
    has_weights = any(n in names for n in _WEIGHT_FILES) or any(
        n.endswith(".safetensors") or (n.startswith("pytorch_model") and n.endswith(".bin"))
        for n in names
    )
    if not has_weights:
        missing.append("weights (model.safetensors or pytorch_model.bin)")
    if missing:
        raise ModelError(f"model directory {name} is missing {', '.join(missing)}")
    for file_name in ("config.json", "tokenizer_config.json"):
        data = _read_json(path / file_name, name)
        if data is not None and data.get("auto_map"):
            raise ModelError(
                f"model {name} needs custom code ('auto_map' in {file_name}); l10n never runs "
                "code from a model repository (trust_remote_code is off)"
            )


def _model_type(config_file: Path) -> str | None:
    try:
        data = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("model_type") if isinstance(data, dict) else None


def _read_json(file: Path, name: str) -> dict[str, Any] | None:
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"model {name}: cannot read {file.name}: {exc}") from None
    if not isinstance(data, dict):
        raise ModelError(f"model {name}: {file.name} is not a JSON object")
    return data


def local_revision(path: Path) -> str:
    """``local:<12 hex>``: SHA-256 over config, tokenizer and weight files of a directory.

    Memoised on the files' names, sizes and modification times, in the process and in
    ``<l10n cache>/revisions.json``, so a directory is hashed once, not on every run.
    """
    wanted = [
        p
        for p in sorted(path.iterdir())
        if p.is_file()
        and (
            p.name in ("config.json", "vocab.json", "tokenizer.json", "target_vocab.json")
            or p.suffix in (".spm", ".model", ".safetensors", ".bin")
        )
    ]
    stamp = tuple((str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in wanted)
    return _hash_files(stamp)


# Revisions of local model directories already hashed, kept across runs (as git keeps file
# stats in its index): hashing opus-mt's 300 MB of weights costs a quarter of a second.
_REVISIONS_FILE = "revisions.json"
_REVISIONS_KEPT = 64


@lru_cache(maxsize=32)
def _hash_files(stamp: tuple[tuple[str, int, int], ...]) -> str:
    """The revision of the files in ``stamp``: from the on-disk memo when their names, sizes
    and modification times are unchanged, else hashed (and remembered)."""
    key = json.dumps(stamp)
    memo_file = l10n_cache_dir() / _REVISIONS_FILE
    known = read_memo(memo_file).get(key)
    if isinstance(known, str) and re.fullmatch(r"local:[0-9a-f]{12}", known):
        return known
    revision = _hash_contents(stamp)
    add_to_memo(memo_file, {key: revision}, keep=_REVISIONS_KEPT)
    return revision


def _hash_contents(stamp: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in stamp:
        file = Path(name)
        digest.update(file.name.encode() + b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return "local:" + digest.hexdigest()[:12]


def locate_model(spec: str, *, download: bool = True) -> LocalModel:
    """The local copy of model ``spec`` (hub id or directory), fetched if needed.

    Hub models are looked up in the Hugging Face cache and, unless offline or
    ``download=False``, fetched (config, tokenizer, safetensors weights; pytorch_model.bin
    only when the repository has no safetensors). Raises ModelError (exit 3) with one line
    naming the model and the remedies when it is not there and cannot be fetched.
    """
    if is_local_spec(spec):
        path = Path(spec).expanduser()
        check_model_dir(path, spec)
        return LocalModel(spec=spec, path=path, revision=local_revision(path), from_hub=False)
    path = _snapshot(spec, download=download)
    check_model_dir(path, spec)
    revision = path.name if path.parent.name == "snapshots" else None
    return LocalModel(spec=spec, path=path, revision=revision, from_hub=True)


def _snapshot(repo_id: str, *, download: bool) -> Path:
    """Snapshot directory of ``repo_id`` in the hub cache (downloading when allowed)."""
    if hub_offline():
        reason: str | None = "offline"
    elif not download:
        reason = "downloads not allowed here"
    elif not hub_reachable():
        reason = "no network"
    else:
        reason = None  # online
    path = _snapshot_download(repo_id, SAFETENSORS_PATTERNS, offline_reason=reason)
    if not any(path.glob("*.safetensors")):
        path = _snapshot_download(repo_id, BIN_PATTERNS, offline_reason=reason)
    return path


def _hub_timeout() -> float:
    try:
        return float(os.environ.get("L10N_HUB_TIMEOUT", "5"))
    except ValueError:
        return 5.0


def hub_reachable() -> bool:
    """Whether a TCP connection to the hub endpoint opens within ``L10N_HUB_TIMEOUT`` (5 s).

    huggingface_hub waits without a time limit for its first request, so a network that
    drops packets would hang a run; this probe lets such a run fall back to the cache at
    once. With a proxy configured the probe is skipped (the proxy decides).
    """
    if any(
        os.environ.get(name)
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY")
    ):
        return True
    endpoint = urlsplit(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    host = endpoint.hostname or "huggingface.co"
    port = endpoint.port or (80 if endpoint.scheme == "http" else 443)
    try:
        with socket.create_connection((host, port), timeout=_hub_timeout()):
            return True
    except OSError:
        return False


def _snapshot_download(repo_id: str, weights: Sequence[str], *, offline_reason: str | None) -> Path:
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import (
            GatedRepoError,
            HfHubHTTPError,
            HFValidationError,
            IncompleteSnapshotError,
            LocalEntryNotFoundError,
            RepositoryNotFoundError,
            RevisionNotFoundError,
        )
    except ImportError:  # pragma: no cover - huggingface_hub comes with transformers
        raise ModelError(
            "huggingface_hub is not installed; install the 'mt' extra: pip install "
            "'l10n-pipeline[mt]'"
        ) from None
    try:
        return Path(
            snapshot_download(
                repo_id,
                allow_patterns=[*BASE_PATTERNS, *weights],
                cache_dir=hub_cache_dir(),
                local_files_only=offline_reason is not None,
                etag_timeout=max(_hub_timeout(), 10.0),
            )
        )
    except GatedRepoError:
        raise ModelError(
            f"model {repo_id} is gated on the Hugging Face hub; accept its terms and log in "
            "(hf auth login), or pass --model DIR with a local copy"
        ) from None
    except RepositoryNotFoundError:
        raise _unavailable(repo_id, _lang_hint(repo_id), "not found on the hub") from None
    except RevisionNotFoundError:
        raise _unavailable(repo_id, _lang_hint(repo_id), "revision not found") from None
    except HFValidationError:
        raise ModelError(
            f"model {repo_id} is neither a directory nor a valid hub id (owner/name)"
        ) from None
    except IncompleteSnapshotError:
        reason = f"the cached copy is incomplete; {offline_reason or 'no network'}"
        raise _unavailable(repo_id, _lang_hint(repo_id), reason) from None
    except LocalEntryNotFoundError:
        raise _unavailable(repo_id, _lang_hint(repo_id), offline_reason or "no network") from None
    except HfHubHTTPError as exc:
        status = getattr(getattr(exc, "response", None), "status_code", None)
        reason = f"hub error {status}" if status else "hub error"
        raise _unavailable(repo_id, _lang_hint(repo_id), reason) from None
    except OSError as exc:  # connection errors, disk errors
        raise _unavailable(repo_id, _lang_hint(repo_id), type(exc).__name__) from None
    except Exception as exc:  # httpx errors that are not OSError (proxy, protocol)
        if type(exc).__module__.startswith(("httpx", "httpcore", "huggingface_hub")):
            raise _unavailable(repo_id, _lang_hint(repo_id), type(exc).__name__) from None
        raise


# -- pull / list ----------------------------------------------------------------------------


def pull_models(
    langs: Iterable[str],
    config: Config | None = None,
    *,
    model_override: str | None = None,
    back_override: str | None = None,
) -> list[LocalModel]:
    """Fetch forward and backward models of each language into the hub cache."""
    fetched: list[LocalModel] = []
    seen: set[str] = set()
    for lang in langs:
        for spec in resolve_models(lang, config, model_override, back_override):
            if spec in seen:
                continue
            seen.add(spec)
            fetched.append(locate_model(spec, download=True))
    return fetched


def list_models(langs: Iterable[str], config: Config | None = None) -> list[ModelStatus]:
    """What is available locally for ``langs``: one row per (language, direction). No network."""
    cached = _cached_repos()
    rows: list[ModelStatus] = []
    for lang in langs:
        forward, backward = resolve_models(lang, config)
        for direction, spec in (("forward", forward), ("backward", backward)):
            rows.append(_status(lang, direction, spec, cached))
    return rows


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
