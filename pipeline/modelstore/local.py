"""Model directories: what a usable one holds, and its revision.

A model is named by a hub id (``Helsinki-NLP/opus-mt-en-ru``) or a local directory; a
:class:`LocalModel` is either, checked and ready to load (see :mod:`.hub` for fetching).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..cache_dirs import l10n_cache_dir
from ..errors import ModelError
from ..memo import add_to_memo, read_memo

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
    the config, tokenizer and weight files) for a directory given by the user. Its JSON
    files are read once per instance: a run locates each model once and asks it much.
    """

    spec: str
    path: Path
    revision: str | None
    from_hub: bool
    # config.json as check_model_dir read it (None: read on first use).
    known_config: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def has_safetensors(self) -> bool:
        return any(self.path.glob("*.safetensors"))

    @property
    def max_positions(self) -> int | None:
        """``max_position_embeddings`` from config.json, None when absent or unreadable."""
        value = self.config.get("max_position_embeddings")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @cached_property
    def config(self) -> dict[str, Any]:
        """``config.json`` as a dict (read once); empty when absent or unreadable."""
        if self.known_config is not None:
            return self.known_config
        return read_json_file(self.path / "config.json")

    @cached_property
    def tokenizer_config(self) -> dict[str, Any]:
        """``tokenizer_config.json`` as a dict; empty when absent or unreadable."""
        return read_json_file(self.path / "tokenizer_config.json")


def read_json_file(file: Path) -> dict[str, Any]:
    """The JSON object in ``file``; empty when the file is absent, unreadable or no object."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_local_spec(spec: str) -> bool:
    """Whether ``spec`` names a directory rather than a hub id."""
    if Path(spec).expanduser().exists():
        return True
    if spec.startswith((".", "/", "~")) or "\\" in spec or spec.count("/") > 1:
        return True
    return not _HUB_ID.match(spec)


def check_model_dir(path: Path, spec: str | None = None) -> dict[str, Any]:
    """Raise ModelError naming ``path`` and what is missing unless it holds a usable model;
    its ``config.json`` (read once here; :class:`LocalModel` takes it).

    Needs ``config.json``, tokenizer files (``tokenizer.json``, or SentencePiece models /
    vocabularies) and weights (safetensors or ``pytorch_model.bin``), and refuses models
    that need custom code (``auto_map``): l10n never runs code from a model repository.
    """
    name = spec or str(path)
    if not path.is_dir():
        raise ModelError(f"model directory {name} does not exist")
    missing: list[str] = []
    config_file = path / "config.json"
    config = _read_json(config_file, name)  # read once: type and auto_map
    if config is None:
        missing.append("config.json")
    names = {p.name for p in path.iterdir()}
    has_tokenizer = (
        "tokenizer.json" in names
        or any(n.endswith((".spm", ".model")) for n in names)
        or "vocab.json" in names
        or "vocab.txt" in names
    )
    if config is not None and config.get("model_type") == "marian":
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
    for file_name, data in (
        ("config.json", config),
        ("tokenizer_config.json", _read_json(path / "tokenizer_config.json", name)),
    ):
        if data is not None and data.get("auto_map"):
            raise ModelError(
                f"model {name} needs custom code ('auto_map' in {file_name}); l10n never runs "
                "code from a model repository (trust_remote_code is off)"
            )
    assert config is not None  # else reported missing above
    return config


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
