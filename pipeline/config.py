"""The project configuration file ``l10n.toml``: models per language, limits, raw tables.

Example::

    [models.default]         # one multilingual model for every language, both directions
    model = "facebook/nllb-200-distilled-600M"

    [models.ru]              # a language's own models win over the default
    forward = "Helsinki-NLP/opus-mt-en-ru"
    backward = "Helsinki-NLP/opus-mt-ru-en"

    [limits]                 # size limits on inputs (pipeline/limits.py)
    po_line_length = 4_000_000

``[engine]`` is read by :func:`pipeline.engines.settings.engine_settings` and ``[cluster]``
by :mod:`pipeline.cluster`: this module imports nothing from the stages.
Other tables are kept in :attr:`Config.raw` for the stages that read them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .limits import Limits, parse_limits

CONFIG_FILE = "l10n.toml"
_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class LanguageModels:
    """Models configured for one target language (or ``default``); None means the default.

    ``model`` is a multilingual model for both directions; ``forward`` / ``backward`` win
    over it.
    """

    forward: str | None = None
    backward: str | None = None
    model: str | None = None


@dataclass(frozen=True)
class Config:
    """The parsed configuration; ``path`` is None when no file was read (all defaults)."""

    path: Path | None = None
    models: dict[str, LanguageModels] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    raw: dict[str, Any] = field(default_factory=dict)


def load_config(path: str | Path | None = None) -> Config:
    """Read ``path``, or ``./l10n.toml`` when it exists, or return the defaults.

    Raises InputError naming the file (and line, for TOML syntax errors) when the file is
    missing (explicit path only), unreadable or invalid.
    """
    if path is None:
        default = Path(CONFIG_FILE)
        if not default.is_file():
            return Config()
        path = default
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("configuration file not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read configuration file: {exc}", path=path) from None
    try:
        data = tomllib.loads(text)
    except RecursionError:  # tomllib recurses per nesting level: 100,000 levels overflow it
        raise InputError("invalid TOML: nested too deeply", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _LINE.search(message)
        reason = _LINE.sub("", message).strip()
        where = f"line {match.group(1)}: " if match else ""
        raise InputError(f"{where}invalid TOML: {reason}", path=path) from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Build a Config from parsed TOML ``data``; InputError (with ``path``) when invalid."""
    models_table = data.get("models", {})
    if not isinstance(models_table, dict):
        raise InputError("[models] must be a table of languages", path=path)
    models: dict[str, LanguageModels] = {}
    for lang, entry in models_table.items():
        if not isinstance(entry, dict):
            raise InputError(f"[models.{lang}] must be a table", path=path)
        unknown = set(entry) - {"forward", "backward", "model"}
        if unknown:
            raise InputError(
                f"[models.{lang}] unknown key {sorted(unknown)[0]!r} "
                "(known: model, forward, backward)",
                path=path,
            )
        for key in ("forward", "backward", "model"):
            value = entry.get(key)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise InputError(
                    f"[models.{lang}] {key} must be a hub id or a directory", path=path
                )
        forward, backward, model = entry.get("forward"), entry.get("backward"), entry.get("model")
        if path is not None:
            forward = _relative_to(forward, path)
            backward = _relative_to(backward, path)
            model = _relative_to(model, path)
        models[lang] = LanguageModels(forward=forward, backward=backward, model=model)
    return Config(
        path=path,
        models=models,
        limits=parse_limits(data.get("limits"), path),
        raw=dict(data),
    )


def _relative_to(model: str | None, config_path: Path) -> str | None:
    """A model directory written relative to the config file, as a path from here."""
    if model is None or not model.startswith(("./", "../")):
        return model
    return str(config_path.parent / model)
