"""How an engine decodes: the options shared by every engine (no heavy imports)."""

from __future__ import annotations

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
    this much when generated whole.
    """

    beam_size: int = 4
    num_hypotheses: int = 4
    max_length: int = 512
    min_length: int = 1
    batch_size: int = 16
    device: str = "auto"
    compute_type: str = "auto"
    prefer_bias: float = 2.0

    def __post_init__(self) -> None:
        for name in ("beam_size", "num_hypotheses", "max_length", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")
        if not isinstance(self.min_length, int) or self.min_length < 0:
            raise ValueError(f"min_length must be a non-negative integer, not {self.min_length!r}")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device must be auto, cpu or cuda, not {self.device!r}")
        if self.compute_type not in COMPUTE_TYPES:
            raise ValueError(
                f"compute_type must be one of {', '.join(COMPUTE_TYPES)}, not {self.compute_type!r}"
            )
