"""The local runner prepares the language's word matching while the engines load."""

from __future__ import annotations

import platform
import sys
import threading
from typing import Any

import pytest

from pipeline.mt.runners import LazyEngine, LocalRunner, local_runner, warm_language


def test_prepare_runs_while_the_engines_load_and_is_done_after_load() -> None:
    prepared = threading.Event()
    finished: list[str] = []

    def prepare() -> None:
        prepared.set()
        finished.append("prepare")

    def loader(name: str) -> Any:
        # The engine waits for the helper: they run at the same time, or this fails.
        assert prepared.wait(10), "prepare did not run while the engines loaded"
        finished.append(name)
        return object()

    runner = LocalRunner(
        LazyEngine("f", lambda: loader("forward")),
        LazyEngine("b", lambda: loader("backward")),
        prepare=prepare,
    )
    runner.load()
    assert sorted(finished) == ["backward", "forward", "prepare"]
    assert runner.loaded() == ["f", "b"]


def test_local_runner_warms_the_language_and_tolerates_any_language() -> None:
    runner = local_runner("ru", LazyEngine("f", object), LazyEngine("b", object))
    assert isinstance(runner, LocalRunner) and runner.prepare is not None
    runner.load()
    warm_language("xx-not-a-language")  # a failing warm-up leaves the error to the run


def test_each_chunk_hands_the_memory_it_freed_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """glibc keeps what the engines' threads free in their arenas; after each chunk the
    runner trims them (the benchmark's scaling run measures the effect on RSS)."""
    from pipeline.mt import runners
    from pipeline.mt.chunk import MTSettings

    from .scripted import ScriptedFactory

    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert runners._malloc_trim() is not None
    trims: list[int] = []
    monkeypatch.setattr(runners, "release_freed_memory", lambda: trims.append(1))
    factory = ScriptedFactory()
    forward, backward = factory("m", "en", "ru"), factory("b", "ru", "en")
    results = runners.machine_translate(["One.", "Two."], forward, backward, MTSettings(lang="ru"))
    assert set(results) == {"One.", "Two."} and trims == [1]
