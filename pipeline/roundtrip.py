"""The round trip's score: chrF of a back-translation against its source (the back-translation
itself is part of chunk translation, :mod:`pipeline.mt.chunk`).

A back-translation that stays close to the source (chrF, 0..100) is evidence the forward
translation kept the meaning; a low score flags a segment for review.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this round-trip chrF a translation gets a warning (at MT time and in ``l10n qa``).
DEFAULT_MIN_CHRF = 40.0


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence-level chrF (sacreBLEU defaults: character 6-grams, beta 2), 0..100."""
    return float(_chrf_metric().sentence_score(hypothesis, [reference]).score)


@lru_cache(maxsize=1)
def _chrf_metric() -> Any:
    from sacrebleu.metrics import CHRF

    return CHRF()
