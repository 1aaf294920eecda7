"""The local runner prepares the language's word matching while the engines load."""

from __future__ import annotations

import platform
import sys
import threading
from typing import Any

import pytest

from pipeline.mt.runners import LazyEngine, LocalRunner, local_runner, warm_up


def test_prepare_starts_when_a_load_enters_its_native_part() -> None:
    """The helper starts when the first load enters its native part (the engine says so:
    ``native_load_starts``), not before: the load's own Python work would share the GIL
    with it. It runs beside the rest of the loads and is done when ``load`` returns."""
    from pipeline.engines.base import native_load_starts

    prepared = threading.Event()
    finished: list[str] = []

    def prepare() -> None:
        prepared.set()
        finished.append("prepare")

    def forward() -> Any:
        assert not prepared.is_set(), "prepare ran before the load's native part"
        native_load_starts()
        # The engine waits for the helper: they run at the same time, or this fails.
        assert prepared.wait(10), "prepare did not run beside the native load"
        finished.append("forward")
        return object()

    runner = LocalRunner(LazyEngine("f", forward), LazyEngine("b", object), prepare=prepare)
    runner.load()
    assert sorted(finished) == ["forward", "prepare"]
    assert runner.loaded() == ["f", "b"]
    native_load_starts()  # after the load: nobody is listening any more


def test_without_a_native_part_prepare_runs_beside_the_second_load() -> None:
    prepared = threading.Event()
    finished: list[str] = []

    def forward() -> Any:
        assert not prepared.is_set()
        finished.append("forward")
        return object()

    def backward() -> Any:
        assert prepared.wait(10), "prepare did not run while the second engine loaded"
        finished.append("backward")
        return object()

    runner = LocalRunner(
        LazyEngine("f", forward),
        LazyEngine("b", backward),
        prepare=lambda: (prepared.set(), finished.append("prepare")),
    )
    runner.load()
    assert finished[0] == "forward" and sorted(finished) == ["backward", "forward", "prepare"]


def test_local_runner_warms_the_language_and_the_round_trip() -> None:
    from pipeline.roundtrip import _chrf_metric

    _chrf_metric.cache_clear()
    runner = local_runner("ru", LazyEngine("f", object), LazyEngine("b", object))
    assert isinstance(runner, LocalRunner) and runner.prepare is not None
    runner.load()
    assert _chrf_metric.cache_info().currsize == 1  # sacreBLEU's chrF ready for the chunks
    warm_up("xx-not-a-language")  # a failing warm-up leaves the error to the run


def test_the_memory_freed_by_chunks_goes_back_before_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """glibc keeps what the engines' threads free in their arenas; before each chunk but
    the first the runner trims them (the benchmark's scaling run measures the effect on
    RSS), not after the last (the run ends). Closing the runner releases the engines."""
    from pipeline.mt import runners
    from pipeline.mt.cache import MTCache
    from pipeline.mt.chunk import MTSettings, translate_chunk

    from .scripted import ScriptedFactory

    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert runners._malloc_trim() is not None
    trims: list[int] = []
    monkeypatch.setattr(runners, "release_freed_memory", lambda: trims.append(len(done)))
    factory = ScriptedFactory()
    forward, backward = factory("m", "en", "ru"), factory("b", "ru", "en")
    runner = runners.LocalRunner(forward, backward)
    done: list[object] = []
    for number, chunk in enumerate([["One."], ["Two."], ["Three."]]):
        job = translate_chunk(
            chunk, forward.signature, backward.signature, MTCache(None), MTSettings(lang="ru")
        )
        runner.submit(number, job)
        done += [tag for tag, _ in runner.wait()]
    assert done == [0, 1, 2] and trims == [1, 2]  # before the second and the third
    assert forward.loaded and backward.loaded
    runner.close()
    assert not forward.loaded and not backward.loaded
