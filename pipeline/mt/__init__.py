"""The MT stage: memory first, then the engine with glossary enforcement, then the round trip.

One module per job:

- :mod:`.cache`: results cached by (engine signature, source, options), so a re-run on an
  unchanged document loads no model;
- :mod:`.chunk`: a chunk of sentences translated (:func:`translate_chunk`), its results
  stored in the cache in one transaction; the job only *asks* for engine calls;
- :mod:`.runners`: what answers those calls, here (:class:`LocalRunner`) or on a cluster
  (:mod:`pipeline.cluster`), with engines loaded on first use (:class:`LazyEngine`);
- :mod:`.fill`: a catalog entry filled from an MT result or a memory match.
"""

from __future__ import annotations

from .cache import CACHE_NAME, MTCache, cache_options
from .chunk import (
    ChunkJob,
    ChunkOutcome,
    EngineCall,
    MachineTranslation,
    MTSettings,
    TermRequest,
    chrf_scores,
    forward_cache_options,
    term_request,
    translate_chunk,
)
from .fill import apply_machine_translation, apply_memory_match
from .runners import (
    ChunkRunner,
    LazyEngine,
    LocalRunner,
    answer_call,
    local_runner,
    machine_translate,
    run_chunk_locally,
)

__all__ = [
    "CACHE_NAME",
    "ChunkJob",
    "ChunkOutcome",
    "ChunkRunner",
    "EngineCall",
    "LazyEngine",
    "LocalRunner",
    "MTCache",
    "MTSettings",
    "MachineTranslation",
    "TermRequest",
    "answer_call",
    "apply_machine_translation",
    "apply_memory_match",
    "cache_options",
    "chrf_scores",
    "forward_cache_options",
    "local_runner",
    "machine_translate",
    "run_chunk_locally",
    "term_request",
    "translate_chunk",
]
