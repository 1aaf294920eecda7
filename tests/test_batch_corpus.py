"""Corpus runs of ``translate``: chunks in the MT cache, resume after SIGKILL, catalogs
written as they complete, nothing written on bad input, progress on stderr."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import TranslateRequest, catalog_path, run_translate
from pipeline.errors import InputError, ModelError
from pipeline.mt import LazyEngine
from pipeline.progress import PlainProgress, progress_message, stderr_progress

from .helpers import ROOT, msgfmt_check, run_cli
from .scripted import ScriptedEngine, ScriptedFactory

NOUNS = "river bridge market school garden harbour station museum library tower".split()
VERBS = "opened closed moved grew changed reached crossed doubled".split()


def _corpus(root: Path, documents: int, sentences: int) -> list[Path]:
    """Documents of distinct sentences (a few repeated across documents)."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in range(documents):
        lines = [
            f"The {NOUNS[(d + s) % len(NOUNS)]} {VERBS[s % len(VERBS)]} {d * 100 + s} times."
            for s in range(sentences)
        ]
        lines.append("The report was published on Monday.")  # in every document
        path = root / f"release-{d:02d}.txt"
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _request(sources: list[Path], out: Path, factory: object, **extra: object) -> TranslateRequest:
    return TranslateRequest(
        sources=[str(p) for p in sources],
        languages=["ru"],
        out=out,
        models={"ru": ("fwd", "back")},
        engine_factory=factory,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def _catalogs(out: Path) -> dict[str, str]:
    """Every catalog's text without its date headers."""
    found = {}
    for path in sorted(out.rglob("*.po*")):
        lines = path.read_text(encoding="utf-8").splitlines()
        found[str(path.relative_to(out))] = "\n".join(
            line for line in lines if not line.startswith(('"POT-Creation-Date', '"PO-Revision'))
        )
    return found


def _forward_sources(factory: ScriptedFactory) -> list[str]:
    engine = factory.engines.get("en-ru")
    return [source for call in engine.calls for source in call] if engine else []


def test_chunks_reach_the_engine_and_the_cache_one_at_a_time(tmp_path: Path) -> None:
    sources = _corpus(tmp_path / "src", documents=4, sentences=5)
    factory = ScriptedFactory()
    report = run_translate(_request(sources, tmp_path / "out", factory, chunk_size=4))
    forward = factory.engines["en-ru"].calls
    # 4 × 5 distinct sentences + one shared: 21, translated once each, at most 4 per call.
    assert sorted(len(call) for call in forward) == [1, 4, 4, 4, 4, 4]
    assert len({s for call in forward for s in call}) == 21
    pos = [r for r in report.catalogs if r.path.suffix == ".po"]
    assert [r.machine_translated for r in pos] == [6, 6, 6, 6]
    for result in pos:
        msgfmt_check(result.path)
        entries = polib.pofile(str(result.path))
        assert all(e.msgstr.startswith("en-ru⟨") for e in entries)


def test_each_catalog_is_written_as_soon_as_it_is_complete(tmp_path: Path) -> None:
    sources = _corpus(tmp_path / "src", documents=3, sentences=4)
    out = tmp_path / "out"
    seen_on_disk: list[list[str]] = []

    class Watching(ScriptedFactory):
        def __call__(self, model: str, source_lang: str, target_lang: str):
            lazy = super().__call__(model, source_lang, target_lang)
            if source_lang != "en":
                return lazy

            def load() -> ScriptedEngine:
                engine = lazy.get()
                original = engine.translate_batch

                def watched(batch, **options):  # type: ignore[no-untyped-def]
                    seen_on_disk.append(sorted(p.name for p in out.rglob("*.po")))
                    return original(batch, **options)

                engine.translate_batch = watched  # type: ignore[method-assign]
                return engine

            return LazyEngine(lazy.signature, load)

    run_translate(_request(sources, out, Watching(), chunk_size=5))
    # The first document's catalog is on disk before the last document is translated.
    assert seen_on_disk[0] == []
    assert "release-00.po" in seen_on_disk[-1]
    assert "release-02.po" not in seen_on_disk[-1]


def test_bad_input_anywhere_writes_nothing(tmp_path: Path) -> None:
    sources = _corpus(tmp_path / "src", documents=3, sentences=3)
    sources[-1].write_bytes(b"\xff\xfe not utf-8 \xff")
    out = tmp_path / "out"
    with pytest.raises(InputError):
        run_translate(_request(sources, out, ScriptedFactory(), chunk_size=2))
    assert not list(out.rglob("*.po*"))

    sources = _corpus(tmp_path / "src2", documents=3, sentences=3)
    bad = catalog_path(out, "release-02", "ru")
    bad.parent.mkdir(parents=True)
    bad.write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    with pytest.raises(InputError):
        run_translate(_request(sources, out, ScriptedFactory(), chunk_size=2))
    assert [p.name for p in out.rglob("*.po*")] == ["release-02.po"]


def test_model_that_fails_to_load_writes_nothing(tmp_path: Path) -> None:
    sources = _corpus(tmp_path / "src", documents=2, sentences=2)

    def failing(model: str, source_lang: str, target_lang: str) -> LazyEngine:
        def load() -> ScriptedEngine:
            raise ModelError(f"model {model} is missing")

        return LazyEngine(f"engine:scripted|model:{model}", load)

    out = tmp_path / "out"
    with pytest.raises(ModelError):
        run_translate(_request(sources, out, failing))
    assert not list(out.rglob("*.po*"))


def test_rerun_from_cache_loads_no_engine(tmp_path: Path) -> None:
    sources = _corpus(tmp_path / "src", documents=3, sentences=3)
    out = tmp_path / "out"
    run_translate(_request(sources, out, ScriptedFactory(), chunk_size=4))
    first = _catalogs(out)
    for path in out.rglob("*.po"):
        path.unlink()
    again = ScriptedFactory()
    report = run_translate(_request(sources, out, again, chunk_size=4))
    assert again.engines == {} and report.engines_loaded == []
    assert _catalogs(out) == first


# A translate run in a child process whose forward engine logs each call (its sources, as
# one JSON line, before answering); at its 4th call it says "ready" on stdout and waits for
# ever, so the parent kills it mid-way, at a known point, without sleeping.
_CHILD = """
import json, sys, threading
sys.path.insert(0, {root!r})
from pathlib import Path
from pipeline.batch import TranslateRequest, run_translate
from tests.scripted import ScriptedEngine, ScriptedFactory

class Stopping(ScriptedEngine):
    calls = 0

    def translate_batch(self, sources, **options):
        if self.direction == "en-ru":
            with open({log!r}, "a", encoding="utf-8") as log:
                log.write(json.dumps(list(sources)) + "\\n")
            Stopping.calls += 1
            if Stopping.calls == 4:
                print("ready", flush=True)
                threading.Event().wait()  # until killed
        return super().translate_batch(sources, **options)

class StoppingFactory(ScriptedFactory):
    def __call__(self, model, source_lang, target_lang):
        lazy = super().__call__(model, source_lang, target_lang)
        lazy._loader = lambda: Stopping(f"{{source_lang}}-{{target_lang}}")
        return lazy

run_translate(TranslateRequest(
    sources={sources!r}, languages=["ru"], out=Path({out!r}),
    models={{"ru": ("fwd", "back")}}, engine_factory=StoppingFactory(), chunk_size={chunk},
))
"""


def test_run_killed_mid_way_redoes_at_most_one_chunk(tmp_path: Path) -> None:
    chunk = 4
    sources = _corpus(tmp_path / "src", documents=8, sentences=4)  # 33 sentences: 9 chunks
    out, log = tmp_path / "out", tmp_path / "calls.jsonl"
    script = _CHILD.format(
        root=str(ROOT), log=str(log), sources=[str(p) for p in sources], out=str(out), chunk=chunk
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n", "the run ended before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    child.stdout.close()
    before = [s for line in log.read_text().splitlines() for s in json.loads(line)]
    assert len(before) == 4 * chunk  # killed inside the 4th chunk of 9

    # Whatever was written is complete: every catalog on disk is a valid catalog.
    for path in out.rglob("*.po"):
        msgfmt_check(path)

    factory = ScriptedFactory()
    run_translate(_request(sources, out, factory, chunk_size=chunk))
    again = _forward_sources(factory)
    redone = set(again) & set(before)
    assert len(redone) <= chunk
    assert len(set(before) | set(again)) == 33

    clean = tmp_path / "clean"
    run_translate(_request(sources, clean, ScriptedFactory(), chunk_size=chunk))
    assert _catalogs(out) == _catalogs(clean)


def test_plain_progress_lines_with_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = PlainProgress("ru", 10, stream, interval=0.0)
    progress.update(4)
    progress.update(6)
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("l10n: ru: 4/10 segments (40%), ") and "ETA" in lines[0]
    assert lines[-1].startswith("l10n: ru: 10/10 segments (100%), ") and "done in" in lines[-1]


def test_progress_on_stderr_unless_quiet(
    tmp_path: Path,
    tiny_en_ru_model: Path,
    tiny_ru_en_model: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sources = _corpus(tmp_path / "src", documents=2, sentences=2)
    common = [
        "--to",
        "ru",
        "--engine",
        "transformers",
        "--model",
        str(tiny_en_ru_model),
        "--back-model",
        str(tiny_ru_en_model),
        "--no-cache",
    ]
    assert run_cli("translate", *map(str, sources), "--out", str(tmp_path / "a"), *common) == 0
    err = capsys.readouterr().err
    assert "l10n: ru: 6/6 segments (100%)" in err
    assert (
        run_cli("translate", *map(str, sources), "--out", str(tmp_path / "b"), "--quiet", *common)
        == 0
    )
    err = capsys.readouterr().err
    assert "segments" not in err and "release-00.po" in err


def test_cluster_without_ray_is_exit_2_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    source = _corpus(tmp_path / "src", documents=1, sentences=1)[0]
    status = run_cli(
        "translate", str(source), "--to", "ru", "--out", str(tmp_path / "out"), "--cluster", "auto"
    )
    assert status == 2
    assert "pip install 'l10n-pipeline[cluster]'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    documents=st.lists(
        st.lists(st.integers(0, 12), min_size=1, max_size=6), min_size=1, max_size=5
    ),
    chunk_size=st.integers(1, 5),
    cache=st.booleans(),
)
def test_any_chunking_writes_the_catalogs_of_one_big_chunk(
    tmp_path_factory: pytest.TempPathFactory,
    documents: list[list[int]],
    chunk_size: int,
    cache: bool,
) -> None:
    """Sentences shared across documents, repeated, in chunks of any size: same catalogs, and
    each distinct sentence translated once when the cache is on."""
    root = tmp_path_factory.mktemp("chunks")
    sources = []
    for d, sentence_ids in enumerate(documents):
        path = root / "src" / f"doc-{d}.txt"
        path.parent.mkdir(exist_ok=True)
        text = "\n\n".join(f"The {NOUNS[i % len(NOUNS)]} opened {i} times." for i in sentence_ids)
        path.write_text(text + "\n", encoding="utf-8")
        sources.append(path)
    whole = ScriptedFactory()
    run_translate(_request(sources, root / "whole", whole, chunk_size=10_000))
    chunked = ScriptedFactory()
    run_translate(_request(sources, root / "chunked", chunked, chunk_size=chunk_size, cache=cache))
    assert _catalogs(root / "chunked") == _catalogs(root / "whole")
    translated = _forward_sources(chunked)
    assert all(len(call) <= chunk_size for call in chunked.engines["en-ru"].calls)
    if cache:
        assert sorted(translated) == sorted(set(_forward_sources(whole)))


def test_terminal_gets_a_bar_with_total_rate_and_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = stderr_progress("ru", 200, 0)
    bar.update(50)
    progress_message("locales/ru/LC_MESSAGES/a.po: 3 entries, written")
    bar.close()
    shown = terminal.getvalue()
    assert "ru:" in shown and "50/200" in shown
    assert "seg/s" in shown or "s/seg" in shown  # the rate
    assert "<" in shown  # elapsed<remaining: the ETA
    assert "200/200" not in shown and "locales/ru/LC_MESSAGES/a.po" in shown


@pytest.mark.parametrize("keep_entries", [0, 10_000])
def test_no_document_or_template_is_held_while_its_sentences_are_translated(
    tmp_path: Path, keep_entries: int
) -> None:
    """A document's template (and the document read for it) is done with once its last
    catalog is queued for MT: nothing holds them while the sentences are translated, read
    again in pass 2 (``keep_entries`` 0) or kept from pass 1."""
    import gc

    from pipeline.catalog import Template
    from pipeline.document import Document

    alive: list[int] = []

    class Watching(ScriptedFactory):
        def __call__(self, model: str, source_lang: str, target_lang: str) -> LazyEngine:
            lazy = super().__call__(model, source_lang, target_lang)
            load = lazy._loader

            def watched_load() -> ScriptedEngine:
                engine = load()
                translate = engine.translate_batch

                def watching(sources: Sequence[str], **options: Any) -> Any:
                    gc.collect()
                    alive.append(sum(type(o) in (Template, Document) for o in gc.get_objects()))
                    return translate(sources, **options)

                engine.translate_batch = watching  # type: ignore[method-assign]
                return engine

            lazy._loader = watched_load
            return lazy

    sources = _corpus(tmp_path / "docs", documents=1, sentences=12)
    report = run_translate(
        _request(sources, tmp_path / "out", Watching(), chunk_size=4, keep_entries=keep_entries)
    )
    assert report.catalogs and alive and set(alive) == {0}
