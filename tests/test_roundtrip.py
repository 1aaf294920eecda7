"""The round trip's score: chrF of a back-translation against the source (the round trip
itself runs in :mod:`pipeline.mt.chunk`, tested through the translate job)."""

from __future__ import annotations

import pytest

from pipeline.roundtrip import chrf


def test_chrf_bounds() -> None:
    assert chrf("The company rented a space.", "The company rented a space.") == pytest.approx(100)
    assert chrf("xyz", "The company rented a space.") < 10
    assert chrf("", "anything") == 0.0
