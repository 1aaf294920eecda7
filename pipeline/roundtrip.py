"""The round trip: translate the translations back and score them against the sources.

A back-translation that stays close to the source (chrF, 0..100) is evidence the forward
translation kept the meaning; a low score flags a segment for review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .engines import TranslationEngine

# Below this round-trip chrF a translation gets a warning (at MT time and in ``l10n qa``).
DEFAULT_MIN_CHRF = 40.0


@dataclass(frozen=True)
class RoundTrip:
    """The back-translation of one translation and its chrF against the source (0..100)."""

    back_translation: str
    chrf: float


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence-level chrF (sacreBLEU defaults: character 6-grams, beta 2), 0..100."""
    return float(_chrf_metric().sentence_score(hypothesis, [reference]).score)


@lru_cache(maxsize=1)
def _chrf_metric() -> Any:
    from sacrebleu.metrics import CHRF

    return CHRF()


def round_trip(
    sources: Sequence[str],
    translations: Sequence[str],
    backward: TranslationEngine,
) -> list[RoundTrip]:
    """Back-translate ``translations`` with ``backward`` (best hypothesis) and score each
    against its source with chrF. Empty translations get an empty back-translation and 0.
    """
    if len(sources) != len(translations):
        raise ValueError(f"{len(sources)} sources but {len(translations)} translations")
    wanted = [i for i, text in enumerate(translations) if text.strip()]
    backs: dict[int, str] = {}
    if wanted:
        results = backward.translate_batch([translations[i] for i in wanted], num_hypotheses=1)
        for i, hyps in zip(wanted, results, strict=True):
            backs[i] = hyps[0].text if hyps else ""
    trips: list[RoundTrip] = []
    for i, source in enumerate(sources):
        back = backs.get(i, "")
        score = chrf(back, source) if back and source.strip() else 0.0
        trips.append(RoundTrip(back_translation=back, chrf=max(0.0, min(100.0, score))))
    return trips
