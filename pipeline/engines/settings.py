"""``[engine]`` in ``l10n.toml``: which kind of engine runs and how it decodes.

Read here, not in :mod:`pipeline.config`, so that the configuration imports nothing from
the engines: :func:`engine_settings` takes the parsed configuration's raw table. Example::

    [engine]
    kind = "ct2"            # a name or alias in pipeline.engines.kinds; ct2 is the default
    beam_size = 4
    num_hypotheses = 4
    max_length = 512
    batch_size = 16
    device = "auto"          # auto | cpu | cuda
    compute_type = "auto"    # ct2 only: auto (int8 on CPU) | int8 | int8_float32 | float32 …
    prefer_bias = 2.0
    forbidden = "filter"     # ct2 only: filter | suppress (see EngineOptions)
    back_beam_size = 1       # beam of the back-translation (1 = greedy, the default)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .kinds import DEFAULT_KIND, EngineKind, engine_kind
from .options import EngineOptions, check_bound

if TYPE_CHECKING:
    from ..config import Config

# The TOML types each option takes.
OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "beam_size": (int,),
    "num_hypotheses": (int,),
    "max_length": (int,),
    "min_length": (int,),
    "batch_size": (int,),
    "device": (str,),
    "compute_type": (str,),
    "prefer_bias": (int, float),
    "forbidden": (str,),
}


@dataclass(frozen=True)
class EngineSettings:
    """The ``[engine]`` table: the kind, the forward decoding options, the back beam."""

    kind: EngineKind = field(default_factory=lambda: engine_kind(DEFAULT_KIND))
    options: EngineOptions = field(default_factory=EngineOptions)
    back_beam_size: int = 1

    @property
    def back_options(self) -> EngineOptions:
        """How back-translations (into the source language) decode: only their best
        hypothesis is used."""
        return dataclasses.replace(self.options, beam_size=self.back_beam_size, num_hypotheses=1)

    def with_kind(self, name: str | None) -> EngineSettings:
        """These settings with the kind ``name`` (``--engine``) when given; InputError when
        unknown."""
        if name is None:
            return self
        try:
            return dataclasses.replace(self, kind=engine_kind(name))
        except ValueError as exc:
            raise InputError(str(exc)) from None

    def with_options(self, **changes: Any) -> EngineSettings:
        """These settings with the options in ``changes`` that are not None (command-line
        overrides such as ``beam_size``; ``back_beam_size`` too)."""
        changes = {key: value for key, value in changes.items() if value is not None}
        back = changes.pop("back_beam_size", self.back_beam_size)
        try:
            options = dataclasses.replace(self.options, **changes)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        return dataclasses.replace(self, options=options, back_beam_size=back)


def engine_settings(config: Config) -> EngineSettings:
    """The ``[engine]`` table of ``config``; InputError naming the file when invalid."""
    return parse_engine_table(config.raw.get("engine"), config.path)


def parse_engine_table(table: Any, path: Path | None = None) -> EngineSettings:
    """Read an ``[engine]`` table (None: the defaults); InputError (with ``path``) when a
    kind, key, type or value is not allowed."""
    if table is None:
        return EngineSettings()
    if not isinstance(table, dict):
        raise InputError("[engine] must be a table", path=path)
    name = table.get("kind", DEFAULT_KIND)
    try:
        if not isinstance(name, str):
            raise ValueError(f"unknown engine {name!r}")
        kind = engine_kind(name)
    except ValueError as exc:
        raise InputError(f"[engine] kind: {exc}", path=path) from None
    back_beam_size = table.get("back_beam_size", 1)
    try:
        check_bound("beam_size", back_beam_size)
    except ValueError as exc:
        raise InputError(f"[engine] back_{exc}", path=path) from None
    known = {f.name for f in fields(EngineOptions)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("kind", "back_beam_size"):
            continue
        if key not in known:
            listed = ", ".join(sorted(known | {"back_beam_size"}))
            raise InputError(f"[engine] unknown key {key!r} (known: kind, {listed})", path=path)
        types = OPTION_TYPES[key]
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
    return EngineSettings(kind=kind, options=options, back_beam_size=back_beam_size)
