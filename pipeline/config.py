"""The project configuration file ``l10n.toml``: engine settings, models per language, limits.

Example::

    [engine]
    kind = "ct2"            # or "transformers"; ct2 is the default (see the benchmark)
    beam_size = 4
    num_hypotheses = 4
    max_length = 512
    batch_size = 16
    device = "auto"          # auto | cpu | cuda
    compute_type = "auto"    # ct2 only: auto (int8 on CPU) | int8 | int8_float32 | float32 …
    prefer_bias = 2.0
    back_beam_size = 1       # beam of the back-translation (1 = greedy, the default)

    [models.default]         # one multilingual model for every language, both directions
    model = "facebook/nllb-200-distilled-600M"

    [models.ru]              # a language's own models win over the default
    forward = "Helsinki-NLP/opus-mt-en-ru"
    backward = "Helsinki-NLP/opus-mt-ru-en"

    [limits]                 # size limits on inputs (pipeline/limits.py)
    po_line_length = 4_000_000

Other tables are kept in :attr:`Config.raw` for the stages that read them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .engines import normalize_engine_name
from .engines.options import EngineOptions, check_bound
from .errors import InputError
from .limits import Limits, parse_limits

# The default engine: CTranslate2 int8 is the fastest on CPU (benchmarks/run.py).
DEFAULT_ENGINE = "ctranslate2"

CONFIG_FILE = "l10n.toml"
_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")
_ENGINE_OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "beam_size": (int,),
    "num_hypotheses": (int,),
    "max_length": (int,),
    "min_length": (int,),
    "batch_size": (int,),
    "device": (str,),
    "compute_type": (str,),
    "prefer_bias": (int, float),
}


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
    engine_kind: str = DEFAULT_ENGINE
    engine_options: EngineOptions = field(default_factory=EngineOptions)
    back_beam_size: int = 1
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
    engine = data.get("engine", {})
    if not isinstance(engine, dict):
        raise InputError("[engine] must be a table", path=path)
    kind = engine.get("kind", DEFAULT_ENGINE)
    try:
        if not isinstance(kind, str):
            raise ValueError(f"unknown engine {kind!r}")
        kind = normalize_engine_name(kind)
    except ValueError as exc:
        raise InputError(f"[engine] kind: {exc}", path=path) from None
    known = {f.name for f in fields(EngineOptions)}
    values: dict[str, Any] = {}
    back_beam_size = engine.get("back_beam_size", 1)
    try:
        check_bound("beam_size", back_beam_size)
    except ValueError as exc:
        raise InputError(f"[engine] back_{exc}", path=path) from None
    for key, value in engine.items():
        if key in ("kind", "back_beam_size"):
            continue
        if key not in known:
            listed = ", ".join(sorted(known | {"back_beam_size"}))
            raise InputError(f"[engine] unknown key {key!r} (known: kind, {listed})", path=path)
        types = _ENGINE_OPTION_TYPES[key]
        if isinstance(value, bool) or not isinstance(value, types):
            raise InputError(
                f"[engine] {key} must be {' or '.join(t.__name__ for t in types)}, not {value!r}",
                path=path,
            )
        values[key] = float(value) if key == "prefer_bias" else value
    try:
        options = EngineOptions(**values)
    except ValueError as exc:
        raise InputError(f"[engine] {exc}", path=path) from None

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
        engine_kind=kind,
        engine_options=options,
        back_beam_size=back_beam_size,
        models=models,
        limits=parse_limits(data.get("limits"), path),
        raw=dict(data),
    )


def _relative_to(model: str | None, config_path: Path) -> str | None:
    """A model directory written relative to the config file, as a path from here."""
    if model is None or not model.startswith(("./", "../")):
        return model
    return str(config_path.parent / model)
