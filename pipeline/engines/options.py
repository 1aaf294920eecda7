"""How an engine decodes: the options shared by every engine (no heavy imports)."""

from __future__ import annotations

import math
from dataclasses import dataclass

COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)

# The range of each integer option. Beyond these an engine only runs out of memory or time
# (ct2 ``std::bad_alloc`` for batch_size = 10**12, torch for num_hypotheses = 10**18):
# max_length 8,192 tokens is above every supported model's position limit, and a beam or
# n-best list of 64 is far past the point where quality stops improving.
BOUNDS: dict[str, tuple[int, int]] = {
    "beam_size": (1, 64),
    "num_hypotheses": (1, 64),
    "max_length": (1, 8192),
    "min_length": (0, 8192),
    "batch_size": (1, 4096),
}
FORBIDDEN_MODES = ("filter", "suppress")
PREFER_BIAS_BOUND = 100.0  # log-probability: beyond this a preference is a command


def check_bound(name: str, value: object) -> int:
    """``value`` if it is an integer within ``BOUNDS[name]``, else ValueError saying so."""
    low, high = BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer from {low} to {high:,}, not {value!r}")
    return value


@dataclass(frozen=True)
class EngineOptions:
    """How an engine decodes.

    ``beam_size``: beam width (1 = greedy). ``num_hypotheses``: n-best size returned by
    ``translate_batch`` when the call does not say (the beam is widened to at least this).
    ``max_length``: most tokens generated per source, ``</s>`` included (also capped by the
    model's position limit). ``min_length``: fewest tokens before ``</s>`` may be generated
    (1 keeps outputs non-empty; raise it to force long outputs in benchmarks).
    ``batch_size``: sources per forward pass. ``device``: ``"auto"`` (CUDA when available,
    else CPU), ``"cpu"`` or ``"cuda"``. ``compute_type``: CTranslate2 quantisation,
    ``"auto"`` = int8 on CPU, int8_float16 on CUDA (the transformers engine ignores it).
    ``prefer_bias``: log-probability bonus for the tokens of preferred terms (``prefer``),
    spread evenly over a term's tokens after the first, so a term of any length gains about
    this much when generated whole. ``forbidden`` (CTranslate2 only, whose forbidden forms
    apply to a whole batch): ``"filter"`` decodes sources with different forbidden forms in
    one batch and drops the hypotheses that contain one, decoding again with the forms
    suppressed only the sources left with none; ``"suppress"`` suppresses them while
    decoding, one batch per set of forms (slower: each source with terms is then decoded
    alone).
    """

    beam_size: int = 4
    num_hypotheses: int = 4
    max_length: int = 512
    min_length: int = 1
    batch_size: int = 16
    device: str = "auto"
    compute_type: str = "auto"
    prefer_bias: float = 2.0
    forbidden: str = "filter"

    def __post_init__(self) -> None:
        for name in BOUNDS:
            check_bound(name, getattr(self, name))
        if self.min_length > self.max_length:
            raise ValueError(
                f"min_length ({self.min_length}) must not exceed max_length ({self.max_length})"
            )
        bias = self.prefer_bias
        if (
            isinstance(bias, bool)
            or not isinstance(bias, int | float)
            or not math.isfinite(bias)
            or abs(bias) > PREFER_BIAS_BOUND
        ):
            raise ValueError(
                f"prefer_bias must be a number from -{PREFER_BIAS_BOUND:g} to "
                f"{PREFER_BIAS_BOUND:g}, not {bias!r}"
            )
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device must be auto, cpu or cuda, not {self.device!r}")
        if self.forbidden not in FORBIDDEN_MODES:
            raise ValueError(
                f"forbidden must be one of {', '.join(FORBIDDEN_MODES)}, not {self.forbidden!r}"
            )
        if self.compute_type not in COMPUTE_TYPES:
            raise ValueError(
                f"compute_type must be one of {', '.join(COMPUTE_TYPES)}, not {self.compute_type!r}"
            )
