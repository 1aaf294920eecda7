"""Language identification of segments (kept here for its importers; see
:mod:`pipeline.languages.detect`)."""

from __future__ import annotations

from .languages.detect import detect_language

__all__ = ["detect_language"]
