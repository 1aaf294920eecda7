"""Fetching models from the Hugging Face hub into its cache, and finding them there.

huggingface_hub is imported only by the functions that talk to the hub.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..cache_dirs import hub_cache_dir
from ..errors import ModelError
from .local import LocalModel, check_model_dir, is_local_spec, local_revision

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


def _truthy(value: str | None) -> bool:
    return (value or "").strip().upper() in {"1", "ON", "YES", "TRUE"}


def hub_offline() -> bool:
    """Whether hub access is switched off (``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE``)."""
    return _truthy(os.environ.get("HF_HUB_OFFLINE")) or _truthy(
        os.environ.get("TRANSFORMERS_OFFLINE")
    )


def _unavailable(spec: str, reason: str, *, pulling: bool = False) -> ModelError:
    """The one-line error of a model that is neither here nor downloadable, with the remedy
    that fits: ``models pull`` (not while pulling), and the option that names a local copy
    (``--back-model`` for a backward opus-mt pair such as ``opus-mt-ru-en``, else
    ``--model``)."""
    forward, backward = _pair_languages(spec)
    local = f"or pass {'--back-model' if backward else '--model'} DIR with a local copy"
    if pulling:
        remedy = (
            "unset HF_HUB_OFFLINE/TRANSFORMERS_OFFLINE"
            if reason == "offline"
            else "check the network (HF_ENDPOINT, HTTPS_PROXY) and the model id"
        )
        return ModelError(f"model {spec} cannot be downloaded ({reason}); {remedy}, {local}")
    lang_hint = forward or backward
    pull = f"l10n models pull --to {lang_hint}" if lang_hint else "l10n models pull"
    return ModelError(
        f"model {spec} is not available locally and cannot be downloaded ({reason}); "
        f"run '{pull}' where there is network, {local}"
    )


class _Unavailable(Exception):
    """A model is not in the cache and cannot be fetched; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _pair_languages(spec: str) -> tuple[str | None, str | None]:
    """The target language of a forward opus-mt pair (``opus-mt-en-ru``: ``ru``, None) or
    the source language of a backward one (``opus-mt-ru-en``: None, ``ru``)."""
    match = re.search(r"opus-mt-(?:en-([a-z]{2,3})|([a-z]{2,3})-en)$", spec)
    if not match:
        return None, None
    return match.group(1), match.group(2)


def locate_model(
    spec: str,
    *,
    download: bool = True,
    progress: bool = False,
    pulling: bool = False,
) -> LocalModel:
    """The local copy of model ``spec`` (hub id or directory), fetched if needed.

    Hub models are looked up in the Hugging Face cache and, unless offline or
    ``download=False``, fetched (config, tokenizer, safetensors weights; pytorch_model.bin
    only when the repository has no safetensors), with huggingface_hub's progress bars when
    ``progress`` is true. Raises ModelError (exit 3) with one line
    naming the model and the remedies when it is not there and cannot be fetched: the
    option that names a local copy instead (``--back-model`` for a backward opus-mt pair),
    and ``l10n models pull`` unless this is that command (``pulling``).
    """
    if is_local_spec(spec):
        path = Path(spec).expanduser()
        config = check_model_dir(path, spec)
        revision = local_revision(path)
        return LocalModel(
            spec=spec, path=path, revision=revision, from_hub=False, known_config=config
        )
    try:
        path = _snapshot(spec, download=download, progress=progress)
    except _Unavailable as exc:
        raise _unavailable(spec, exc.reason, pulling=pulling) from None
    config = check_model_dir(path, spec)
    revision = path.name if path.parent.name == "snapshots" else None
    return LocalModel(spec=spec, path=path, revision=revision, from_hub=True, known_config=config)


def _snapshot(repo_id: str, *, download: bool, progress: bool = False) -> Path:
    """Snapshot directory of ``repo_id`` in the hub cache (downloading when allowed)."""
    if hub_offline():
        reason: str | None = "offline"
    elif not download:
        reason = "downloads not allowed here"
    elif not hub_reachable():
        reason = "no network"
    else:
        reason = None  # online
    path = _snapshot_download(
        repo_id, SAFETENSORS_PATTERNS, offline_reason=reason, progress=progress
    )
    if not any(path.glob("*.safetensors")):
        path = _snapshot_download(repo_id, BIN_PATTERNS, offline_reason=reason, progress=progress)
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


def _snapshot_download(
    repo_id: str, weights: Sequence[str], *, offline_reason: str | None, progress: bool = False
) -> Path:
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
    if progress and offline_reason is None:
        from huggingface_hub.utils import enable_progress_bars

        enable_progress_bars()  # transformers switches them off when it is imported
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
        raise _Unavailable("not found on the hub") from None
    except RevisionNotFoundError:
        raise _Unavailable("revision not found") from None
    except HFValidationError:
        raise ModelError(
            f"model {repo_id} is neither a directory nor a valid hub id (owner/name)"
        ) from None
    except IncompleteSnapshotError:
        reason = f"the cached copy is incomplete; {offline_reason or 'no network'}"
        raise _Unavailable(reason) from None
    except LocalEntryNotFoundError:
        raise _Unavailable(offline_reason or "no network") from None
    except HfHubHTTPError as exc:
        status = getattr(getattr(exc, "response", None), "status_code", None)
        reason = f"hub error {status}" if status else "hub error"
        raise _Unavailable(reason) from None
    except OSError as exc:  # connection errors, disk errors
        raise _Unavailable(type(exc).__name__) from None
    except Exception as exc:  # httpx errors that are not OSError (proxy, protocol)
        if type(exc).__module__.startswith(("httpx", "httpcore", "huggingface_hub")):
            raise _Unavailable(type(exc).__name__) from None
        raise
