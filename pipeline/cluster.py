"""MT and the round trip on a Ray cluster: one engine pair per Ray actor, chunks streamed.

The driver (``l10n translate``) keeps everything that decides what is written: the MT cache,
translation memory, merge, glossary choice, QA comments and catalog writes. Actors only
answer engine calls (:class:`~pipeline.mt.EngineCall`): the n-best lists of a chunk's
sources, or their back-translations. Each actor loads its engines through the run's engine
factory (the unloaded :class:`~pipeline.mt.LazyEngine` objects travel to the actor), so a
cluster run produces exactly the catalogs a local run does.

An actor that dies is restarted by Ray (``max_restarts``) and the call it was answering is
retried (``max_task_retries``). Ray sets each actor's ``OMP_NUM_THREADS`` to its ``num_cpus``,
which is how many threads its engines use; ``num_gpus`` puts an actor on a GPU.

``ray`` is imported only here and only for a cluster run: it is an optional extra and slow
to import.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, ModelError
from .mt import ChunkJob, ChunkOutcome, EngineCall, LazyEngine, answer_call

if TYPE_CHECKING:
    from .config import Config
    from .mt import ChunkRunner

INSTALL_HINT = "pip install 'l10n-pipeline[cluster]'"


@dataclass(frozen=True)
class ClusterSettings:
    """``[cluster]`` in ``l10n.toml``; ``address`` "local" starts a Ray instance here."""

    address: str
    actors: int = 2  # per target language
    num_cpus: float = 1.0
    num_gpus: float = 0.0
    max_restarts: int = 3
    max_task_retries: int = 3
    calls_per_actor: int = 2  # engine calls queued at an actor, so it never waits for work


_TYPES: dict[str, tuple[type, ...]] = {
    "address": (str,),
    "actors": (int,),
    "num_cpus": (int, float),
    "num_gpus": (int, float),
    "max_restarts": (int,),
    "max_task_retries": (int,),
    "calls_per_actor": (int,),
}


def parse_cluster(table: Any, where: Any = None) -> ClusterSettings | None:
    """The ``[cluster]`` table; None when it has no address. InputError when invalid."""
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError("[cluster] must be a table", path=where)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _TYPES:
            raise InputError(
                f"[cluster] unknown key {key!r} (known: {', '.join(_TYPES)})", path=where
            )
        types = _TYPES[key]
        if isinstance(value, bool) or not isinstance(value, types):
            names = " or ".join(t.__name__ for t in types)
            raise InputError(f"[cluster] {key} must be {names}, not {value!r}", path=where)
        if key != "address" and (value < 0 or (value == 0 and key in ("actors", "num_cpus"))):
            raise InputError(f"[cluster] {key} must be positive, not {value!r}", path=where)
        values[key] = value
    if not values.get("address"):
        return None
    return ClusterSettings(**values)


def config_cluster(config: Config, address: str | None) -> ClusterSettings | None:
    """The cluster a run uses: ``--cluster`` over ``[cluster]``; exit 2 without Ray."""
    settings = parse_cluster(config.raw.get("cluster"), config.path)
    if address is not None:
        base = settings or ClusterSettings(address=address)
        settings = ClusterSettings(**{**base.__dict__, "address": address})
    if settings is not None and importlib.util.find_spec("ray") is None:
        raise InputError(f"a cluster run needs Ray: {INSTALL_HINT}")
    return settings


class EngineHost:
    """A Ray actor holding one language's forward and backward engines."""

    def __init__(self, forward: LazyEngine, backward: LazyEngine) -> None:
        self.engines = {"forward": forward, "backward": backward}

    def load(self) -> None:
        """Load both engines now."""
        for engine in self.engines.values():
            engine.get()

    def answer(self, call: EngineCall) -> list[Any]:
        """The answer to one call: chrF scores, or n-best lists as plain tuples (no engine
        classes needed on the driver)."""
        answer = answer_call(self.engines, call)
        if call.direction == "chrf":
            return answer
        return [[(h.text, h.score, getattr(h, "pieces", 1)) for h in hyps] for hyps in answer]


class RayRunner:
    """Runs a language's chunk jobs on ``settings.actors`` actors, several chunks in flight."""

    def __init__(self, settings: ClusterSettings, forward: LazyEngine, backward: LazyEngine):
        self._ray: Any = None  # connected on first use: a run served by the cache needs no Ray
        self.settings = settings
        self.engines = (forward, backward)
        self.actors: list[Any] = []  # started on first use
        self.capacity = settings.actors * settings.calls_per_actor
        self._load = [0] * settings.actors
        # ref -> (tag, job, call, actor)
        self._calls: dict[Any, tuple[object, ChunkJob, EngineCall, int]] = {}
        self._done: list[tuple[object, ChunkOutcome]] = []
        self._jobs = 0
        self._loaded = False

    def _started(self) -> list[Any]:
        if not self.actors:
            self._ray = connect(self.settings)
            host = self._ray.remote(EngineHost).options(
                num_cpus=self.settings.num_cpus,
                num_gpus=self.settings.num_gpus,
                max_restarts=self.settings.max_restarts,
                max_task_retries=self.settings.max_task_retries,
            )
            self.actors = [host.remote(*self.engines) for _ in range(self.settings.actors)]
        return self.actors

    def load(self) -> None:
        actors = self._started()
        self._ray.get([actor.load.remote() for actor in actors])
        self._loaded = True

    def submit(self, tag: object, job: ChunkJob) -> None:
        self._jobs += 1
        try:
            call = next(job)
        except StopIteration as stop:  # everything was in the cache
            self._done.append((tag, stop.value))
            return
        self._dispatch(tag, job, call)

    def _dispatch(self, tag: object, job: ChunkJob, call: EngineCall) -> None:
        actors = self._started()
        index = min(range(len(actors)), key=self._load.__getitem__)
        self._load[index] += 1
        self._loaded = self._loaded or call.direction != "chrf"
        self._calls[actors[index].answer.remote(call)] = (tag, job, call, index)

    def wait(self) -> list[tuple[object, ChunkOutcome]]:
        from .engines import Hypothesis

        while not self._done and self._calls:
            ready, _ = self._ray.wait(list(self._calls), num_returns=1)
            for ref in ready:
                tag, job, call, index = self._calls.pop(ref)
                self._load[index] -= 1
                answer = self._ray.get(ref)
                if call.direction != "chrf":
                    answer = [[Hypothesis(*h) for h in hyps] for hyps in answer]
                try:
                    call = job.send(answer)
                except StopIteration as stop:
                    self._done.append((tag, stop.value))
                else:
                    self._dispatch(tag, job, call)
        done, self._done = self._done, []
        self._jobs -= len(done)
        return done

    def in_flight(self) -> int:
        return self._jobs

    def loaded(self) -> list[str]:
        return [engine.signature for engine in self.engines] if self._loaded else []

    def close(self) -> None:
        for actor in self.actors:
            self._ray.kill(actor)
        self.actors = []


def _package() -> str:
    """This package's directory."""
    return str(Path(__file__).resolve().parent)


def connect(settings: ClusterSettings) -> Any:
    """The ``ray`` module, connected to the cluster (or to the Ray this process started)."""
    import ray

    if not ray.is_initialized():
        address = None if settings.address == "local" else settings.address
        # The actors run this very package (uploaded once, cached by content), so a cluster
        # run writes what a local run of the same code would.
        try:
            ray.init(
                address=address,
                include_dashboard=False,
                log_to_driver=False,
                runtime_env={"py_modules": [_package()]},
            )
        except ConnectionError as exc:
            raise ModelError(
                f"cannot reach the Ray cluster at {settings.address!r}: {exc}"
            ) from None
    return ray


def ray_runner_factory(
    settings: ClusterSettings,
) -> Callable[[str, LazyEngine, LazyEngine], ChunkRunner]:
    """A runner factory for ``TranslateRequest``: Ray actors, started on first use."""

    def make(lang: str, forward: LazyEngine, backward: LazyEngine) -> ChunkRunner:
        return RayRunner(settings, forward, backward)

    return make
