"""Who answers a chunk job's engine calls: engines in this process (:class:`LocalRunner`),
or Ray actors (:mod:`pipeline.cluster`). Engines are known by their signature and loaded on
first use (:class:`LazyEngine`)."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from ..engines.base import on_native_load
from ..engines.signature import mt_identity
from .cache import MTCache
from .chunk import (
    ChunkJob,
    ChunkOutcome,
    EngineCall,
    MachineTranslation,
    MTSettings,
    chrf_scores,
    translate_chunk,
)

if TYPE_CHECKING:
    from ..engines import TranslationEngine


class LazyEngine:
    """An engine known by its signature, loaded on first use.

    ``signature`` may be a callable, for a model that is not on disk: the signature (which
    needs the model's revision and family) is then worked out, fetching the model, only
    when something asks for it, that is when the run has something to translate. Until
    then ``model`` (the id or directory) tells whether an entry's MT came from this model.
    """

    def __init__(
        self,
        signature: str | Callable[[], str],
        loader: Callable[[], TranslationEngine],
        model: str | None = None,
    ) -> None:
        self._signature = signature
        self._loader = loader
        self._engine: TranslationEngine | None = None
        self.model = model

    @property
    def signature(self) -> str:
        """The engine's MT signature (worked out now when it was deferred)."""
        if callable(self._signature):
            self._signature = self._signature()
        return self._signature

    @property
    def known(self) -> bool:
        """Whether the signature is known without fetching anything."""
        return isinstance(self._signature, str)

    def same_mt(self, written: str) -> bool:
        """Whether an MT written with signature ``written`` is this engine's MT: the same
        model, family and language tokens (decoding options and library versions aside).
        With the signature deferred, the model id decides: the written signature records
        the family the model had, and a model keeps its family."""
        if not self.known and self.model is not None:
            return mt_identity(written)[0] == self.model
        return mt_identity(written) == mt_identity(self.signature)

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def get(self) -> TranslationEngine:
        if self._engine is None:
            self._engine = self._loader()
        return self._engine

    def release(self) -> None:
        """Drop the loaded engine: its weights are freed now (a later :meth:`get` loads it
        again)."""
        self._engine = None


def answer_call(engines: dict[str, LazyEngine], call: EngineCall) -> list[Any]:
    """Answer one :class:`EngineCall` with ``engines`` ("forward", "backward"; loaded on
    first use): n-best lists, or chrF scores."""
    if call.direction == "chrf":
        return chrf_scores(call)
    return (
        engines[call.direction]
        .get()
        .translate_batch(
            call.sources, num_hypotheses=call.num_hypotheses, prefer=call.prefer, avoid=call.avoid
        )
    )


def run_chunk_locally(job: ChunkJob, forward: LazyEngine, backward: LazyEngine) -> ChunkOutcome:
    """Drive a chunk job with engines in this process (loaded on first call)."""
    engines = {"forward": forward, "backward": backward}
    try:
        call = next(job)
        while True:
            call = job.send(answer_call(engines, call))
    except StopIteration as stop:
        return stop.value


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, where the C library is glibc."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # another C library (musl)
        return None


def release_freed_memory() -> None:
    """Hand the memory freed since the last call back to the system. glibc otherwise keeps
    it in the arenas of the threads that freed it (the engines' threads): a run of 10,000
    sentences grew by steps, chunk after chunk, with nothing of it in use (the benchmark's
    scaling run; docs/performance.md)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class ChunkRunner(Protocol):
    """Runs chunk jobs on a language's engines: here (:class:`LocalRunner`) or on a cluster.

    ``capacity`` is how many chunks may be in flight at once.
    """

    capacity: int

    def load(self) -> None:
        """Load the engines now (before anything is written)."""

    def submit(self, tag: object, job: ChunkJob) -> None:
        """Start a chunk job; its outcome comes back from :meth:`wait` with ``tag``."""

    def wait(self) -> list[tuple[object, ChunkOutcome]]:
        """Outcomes of finished jobs; blocks until at least one is done if any is in flight."""

    def in_flight(self) -> int:
        """Jobs submitted whose outcome :meth:`wait` has not returned yet."""

    def loaded(self) -> list[str]:
        """Signatures of the engines that were loaded."""

    def close(self) -> None:
        """Release the engines."""


def warm_up(lang: str) -> None:
    """Load what a chunk needs besides the engines, done while they load: the glossary's
    word matching of ``lang`` (pymorphy3's dictionaries for Russian and Ukrainian) and the
    round trip's chrF (sacreBLEU)."""
    from ..languages import profile
    from ..roundtrip import chrf

    # A warm-up that fails leaves the work, and its error, to the run itself.
    with contextlib.suppress(Exception):
        profile(lang).analyzer.analyze("a")
    with contextlib.suppress(Exception):
        chrf("a", "a")


class LocalRunner:
    """Runs each chunk job to completion when it is submitted, with engines in this process.

    Before each chunk but the first, the memory the chunks before it freed is handed back
    to the system (:func:`release_freed_memory`); after the last one it is not: the run
    ends, or the next run reuses it.

    ``prepare`` (optional) runs on a thread while :meth:`load` loads the engines, from the
    moment the first load enters its native part (:func:`~pipeline.engines.base.on_native_load`):
    model loading in CTranslate2 releases the GIL, so both proceed together."""

    capacity = 1

    def __init__(
        self,
        forward: LazyEngine,
        backward: LazyEngine,
        prepare: Callable[[], None] | None = None,
    ) -> None:
        self.forward = forward
        self.backward = backward
        self.prepare = prepare
        self._done: list[tuple[object, ChunkOutcome]] = []
        self._chunks_run = 0

    def load(self) -> None:
        helper = threading.Thread(target=self.prepare, daemon=True) if self.prepare else None

        def start_helper() -> None:
            if helper is not None and helper.ident is None:
                helper.start()

        try:
            # The helper starts when the first load enters its native part, not before:
            # the load's own Python work would share the GIL with it (docs/performance.md).
            with on_native_load(start_helper):
                self.forward.get()
                start_helper()  # an engine without a native part: beside the second load
                self.backward.get()
        finally:
            if helper is not None and helper.ident is not None:
                helper.join()

    def submit(self, tag: object, job: ChunkJob) -> None:
        if self._chunks_run:  # what the chunks before freed goes back before this one
            release_freed_memory()
        self._done.append((tag, run_chunk_locally(job, self.forward, self.backward)))
        self._chunks_run += 1

    def wait(self) -> list[tuple[object, ChunkOutcome]]:
        done, self._done = self._done, []
        return done

    def in_flight(self) -> int:
        return len(self._done)

    def loaded(self) -> list[str]:
        return [e.signature for e in (self.forward, self.backward) if e.loaded]

    def close(self) -> None:
        self.forward.release()
        self.backward.release()


def local_runner(lang: str, forward: LazyEngine, backward: LazyEngine) -> ChunkRunner:
    """The runner factory of a run on this machine (:func:`warm_up` while the engines
    load)."""
    return LocalRunner(forward, backward, prepare=lambda: warm_up(lang))


def machine_translate(
    sources: Sequence[str],
    forward: LazyEngine,
    backward: LazyEngine,
    settings: MTSettings,
    cache: MTCache | None = None,
) -> dict[str, MachineTranslation]:
    """Translate, enforce glossary terms over the n-best list, and back-translate ``sources``
    in one chunk with engines in this process (``cache`` None: no cache)."""
    job = translate_chunk(
        sources, forward.signature, backward.signature, cache or MTCache(None), settings
    )
    return run_chunk_locally(job, forward, backward).results
