"""The round trip: back-translation with the backward engine and chrF against the source."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from pipeline.engines import EngineOptions, Hypothesis, load_engine
from pipeline.roundtrip import RoundTrip, chrf, round_trip


class RecordingEngine:
    """Echoes its input back; records how it was called."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], int | None]] = []

    def translate_batch(
        self,
        sources: Sequence[str],
        *,
        num_hypotheses: int | None = None,
        prefer: object = None,
        avoid: object = None,
    ) -> list[list[Hypothesis]]:
        self.calls.append((list(sources), num_hypotheses))
        return [[Hypothesis(s, -0.1), Hypothesis("other", -0.2)] for s in sources]


def test_chrf_bounds() -> None:
    assert chrf("The company rented a space.", "The company rented a space.") == pytest.approx(100)
    assert chrf("xyz", "The company rented a space.") < 10
    assert chrf("", "anything") == 0.0


def test_round_trip_batches_once_and_takes_the_best() -> None:
    engine = RecordingEngine()
    sources = ["The company rented a space.", "Hello world.", "Moscow"]
    trips = round_trip(sources, ["The company rented a space.", "", "Moskva"], engine)  # type: ignore[arg-type]
    assert engine.calls == [(["The company rented a space.", "Moskva"], 1)]
    assert trips[0] == RoundTrip("The company rented a space.", pytest.approx(100.0))
    assert trips[1] == RoundTrip("", 0.0)  # nothing to back-translate
    assert 0.0 < trips[2].chrf < 100.0


def test_round_trip_needs_matching_lengths() -> None:
    with pytest.raises(ValueError, match="2 sources but 1 translations"):
        round_trip(["a", "b"], ["a"], RecordingEngine())  # type: ignore[arg-type]


def test_round_trip_with_tiny_models(tiny_en_ru_model: Path, tiny_ru_en_model: Path) -> None:
    options = EngineOptions(beam_size=2, num_hypotheses=2)
    forward = load_engine(
        "transformers", str(tiny_en_ru_model), source_lang="en", target_lang="ru", options=options
    )
    backward = load_engine(
        "transformers", str(tiny_ru_en_model), source_lang="ru", target_lang="en", options=options
    )
    sources = ["The company rented a space.", "Hello world.", "Rare diseases"]
    translations = [hyps[0].text for hyps in forward.translate_batch(sources)]
    trips = round_trip(sources, translations, backward)
    assert len(trips) == 3
    for trip in trips:
        assert isinstance(trip.back_translation, str) and trip.back_translation
        assert 0.0 <= trip.chrf <= 100.0
    again = round_trip(sources, translations, backward)
    assert again == trips
