"""Benchmark workers: each runs in a fresh subprocess so its peak RSS is its own.

Run as ``python benchmarks/bench_workers.py MODE '<json arguments>'``; the worker prints one
line ``RESULT {json}`` on stdout (anything else it prints is noise from libraries). Peak RSS
is the kernel's high-water mark of the process (``VmHWM`` in ``/proc/self/status``).

Modes
    ``naive``      transformers ``generate`` one sentence at a time (a first script).
    ``engine``     a pipeline engine (``transformers`` or ``ct2``), ``translate_batch``.
    ``bare``       the ct2 engine against bare ``ctranslate2.Translator.translate_batch`` on
                   pre-tokenised input with the engine's own settings, passes interleaved.
    ``convert``    CTranslate2 conversion of a model into a given cache (timed).
    ``translate``  ``l10n translate`` in-process via ``pipeline.cli.main``, with the engine
                   loads and ``translate_batch`` calls timed.
    ``load``       the job's two engine loads alone, timed (nothing running beside them).
    ``both``       both directions loaded with the ct2 engine (int8), the job's MT run.
    ``oneway``     one-way batched transformers translation written to a PO file (what
                   existing PO + MarianMT tools do).
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # before any heavy import: the start of the worker's own wall

import json  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
import weakref  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEAVY_MODULES = ("torch", "transformers", "ctranslate2")


def peak_rss_mb() -> float:
    """This process's peak resident set size (``VmHWM``) in MiB."""
    return _status_kb("VmHWM") / 1024


def rss_mb() -> float:
    """This process's current resident set size (``VmRSS``) in MiB."""
    return _status_kb("VmRSS") / 1024


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _quiet_libraries(transformers_too: bool = True) -> None:
    """Silence library chatter; ``transformers_too=False`` for workers whose pipeline code
    does not import transformers (importing it here would count in their memory)."""
    warnings.filterwarnings("ignore", message=r"Recommended: pip install sacremoses")
    if not transformers_too:
        return
    try:
        import transformers

        transformers.utils.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - the mt extra is installed here
        pass


def _best(run: Callable[[], Any], repeats: int) -> tuple[float, list[float], Any]:
    """(best seconds, all seconds, last result) of ``repeats`` timed calls of ``run``."""
    times: list[float] = []
    result: Any = None
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), times, result


# -- throughput --------------------------------------------------------------------------


def naive(args: dict[str, Any]) -> dict[str, Any]:
    """transformers ``generate`` one sentence at a time, fp32, greedy, forced length."""
    start = time.perf_counter()
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    _quiet_libraries()
    tokenizer = AutoTokenizer.from_pretrained(args["model"])
    model = AutoModelForSeq2SeqLM.from_pretrained(args["model"]).eval()
    load_s = time.perf_counter() - start
    length = int(args["length"])
    generate = {
        "num_beams": 1,
        "do_sample": False,
        "max_new_tokens": length,  # </s> included, as EngineOptions.max_length
        "min_new_tokens": length - 1,  # </s> may come only as the last token
    }
    sentences: list[str] = args["sentences"]

    def one_pass() -> int:
        tokens = 0
        for sentence in sentences:
            inputs = tokenizer(sentence, return_tensors="pt")
            with torch.no_grad():
                output = model.generate(**inputs, **generate)
            tokenizer.decode(output[0], skip_special_tokens=True)
            tokens += int(output.shape[1]) - 1  # without the decoder start token
        return tokens

    with torch.no_grad():
        model.generate(**tokenizer(sentences[0], return_tensors="pt"), **generate)  # warm-up
    best, times, tokens = _best(one_pass, int(args.get("repeats", 1)))
    return {
        "load_s": load_s,
        "seconds": best,
        "all_seconds": times,
        "tokens": tokens,
        "sentences": len(sentences),
        "torch_threads": torch.get_num_threads(),
    }


def engine(args: dict[str, Any]) -> dict[str, Any]:
    """A pipeline engine's ``translate_batch`` over all sentences (best of ``repeats``)."""
    from pipeline.engines import EngineOptions, load_engine, normalize_engine_name

    _quiet_libraries(transformers_too=normalize_engine_name(args["kind"]) == "transformers")
    length = int(args["length"])
    options = EngineOptions(
        beam_size=int(args.get("beam", 1)),
        num_hypotheses=1,
        min_length=length - 1,
        max_length=length,
        batch_size=int(args.get("batch_size", 16)),
        compute_type=args.get("compute_type", "auto"),
    )
    start = time.perf_counter()
    loaded = load_engine(
        args["kind"], args["model"], source_lang="en", target_lang="ru", options=options
    )
    load_s = time.perf_counter() - start
    sentences: list[str] = args["sentences"]
    loaded.translate_batch(sentences[:2], num_hypotheses=1)  # warm-up
    best, times, result = _best(
        lambda: loaded.translate_batch(sentences, num_hypotheses=1), int(args.get("repeats", 1))
    )
    info: dict[str, Any] = {
        "load_s": load_s,
        "seconds": best,
        "all_seconds": times,
        "tokens": length * len(sentences),  # </s> included, forced last (transformers)
        "sentences": len(sentences),
        "signature": str(loaded.signature),
        "empty_outputs": sum(1 for hyps in result if not hyps or not hyps[0].text),
    }
    translator = getattr(loaded, "translator", None)
    if translator is not None:  # how many tokens CTranslate2 really generates per source
        tokens = loaded.tokens(sentences[0])  # type: ignore[attr-defined]
        check = translator.translate_batch(
            [tokens],
            beam_size=1,
            max_input_length=0,
            max_decoding_length=max(loaded.max_new_tokens - 1, 1),  # type: ignore[attr-defined]
            min_decoding_length=options.min_length,
        )
        # CTranslate2 stops at the length limit without decoding </s>: count what it makes.
        info["ct2_generated_tokens"] = len(check[0].hypotheses[0])
        info["tokens"] = info["ct2_generated_tokens"] * len(sentences)
        info["ct2_intra_threads"] = _ct2_intra()
        info["compute_type"] = translator.compute_type
    else:
        import torch

        info["torch_threads"] = torch.get_num_threads()
    return info


def bare(args: dict[str, Any]) -> dict[str, Any]:
    """The ct2 engine against its ceiling, bare CTranslate2, in one process.

    Bare: ``Translator.translate_batch`` of the engine's own translator (same device,
    compute type, threads) on input tokenised beforehand (not timed), with exactly the
    engine's decoding settings (:meth:`CTranslate2Engine.decoding_options`: beam, n-best,
    lengths, batch). Engine: ``translate_batch`` on the sentences; with ``glossary`` also
    with the job's glossary requests (forms to prefer and to avoid). The passes are
    interleaved (bare, engine, engine with terms, bare, …) so that a slow spell of a shared
    machine hits all of them; the best pass of each is kept.
    """
    from pipeline.engines import EngineOptions, load_engine

    _quiet_libraries(transformers_too=False)
    length, nbest = int(args["length"]), int(args.get("nbest", 4))
    options = EngineOptions(
        beam_size=int(args.get("beam", 4)),
        num_hypotheses=nbest,
        min_length=length - 1,
        max_length=length,
        batch_size=int(args.get("batch_size", 16)),
    )
    loaded: Any = load_engine(
        "ct2", args["model"], source_lang="en", target_lang="ru", options=options
    )
    sentences: list[str] = args["sentences"]
    forced = loaded.language_tokens.forced_target
    tokens = [loaded.tokens(sentence) for sentence in sentences]
    decoding = loaded.decoding_options(nbest)
    prefix = [[forced]] * len(tokens) if forced else None

    def run_bare() -> Any:
        return loaded.translator.translate_batch(tokens, **decoding, target_prefix=prefix)

    runs: dict[str, Callable[[], Any]] = {
        "bare": run_bare,
        "engine": lambda: loaded.translate_batch(sentences, num_hypotheses=nbest),
    }
    with_terms = 0
    if args.get("glossary"):
        from pipeline.glossary import Glossary
        from pipeline.mt import MTSettings, term_request

        settings = MTSettings(lang="ru", glossary=Glossary.load(Path(args["glossary"])))
        requests = [term_request(sentence, settings) for sentence in sentences]
        with_terms = sum(1 for r in requests if r.prefer or r.avoid)
        prefer = [r.prefer for r in requests]
        avoid = [r.avoid for r in requests]
        runs["engine_terms"] = lambda: loaded.translate_batch(
            sentences, num_hypotheses=nbest, prefer=prefer, avoid=avoid
        )
    generated = sum(len(result.hypotheses[0]) for result in run_bare())  # also a warm-up
    for name, run in runs.items():
        if name != "bare":
            run()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(max(1, int(args.get("repeats", 1)))):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {
        "seconds": {name: min(values) for name, values in times.items()},
        "all_seconds": times,
        "tokens": generated,
        "sentences": len(sentences),
        "sentences_with_terms": with_terms,
        "decoding": {k: v for k, v in decoding.items() if k != "return_scores"},
        "compute_type": loaded.translator.compute_type,
        "intra_threads": _ct2_intra(),
    }


def _ct2_intra() -> int:
    from pipeline.engines.devices import cpu_threads

    return cpu_threads()[1]


def convert(args: dict[str, Any]) -> dict[str, Any]:
    """Time the CTranslate2 conversion of ``model`` into the cache at ``cache``."""
    import os

    os.environ["L10N_CACHE_DIR"] = args["cache"]
    from pipeline.engines.ctranslate2_engine import ensure_converted
    from pipeline.modelstore import locate_model

    _quiet_libraries()
    local = locate_model(args["model"])
    start = time.perf_counter()
    path, converted = ensure_converted(local, args.get("quantization", "int8"))
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return {"seconds": seconds, "converted": converted, "path": str(path), "size_mb": size / 2**20}


# -- the job -----------------------------------------------------------------------------


class _Timers:
    """Accumulated engine time: loads, ``translate_batch`` calls, weight hashing."""

    def __init__(self) -> None:
        self.load_s = 0.0
        self.release_s = 0.0
        self.translate_s = 0.0
        self.calls = 0
        self.sources = 0
        self.loads: list[str] = []
        self.signature_s = 0.0
        self.revision_s = 0.0
        self.revision_in_signature_s = 0.0
        self.glossary_s = 0.0
        self.in_signature = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "load_s": self.load_s,
            "release_s": self.release_s,
            "translate_s": self.translate_s,
            "calls": self.calls,
            "sources": self.sources,
            "loads": self.loads,
            "signature_s": self.signature_s,
            "revision_s": self.revision_s,
            "revision_in_signature_s": self.revision_in_signature_s,
            "glossary_s": self.glossary_s,
        }


def _instrument(timers: _Timers) -> None:
    """Wrap ``build_engine``, ``sign_engine``, ``local_revision`` and the engines' release
    (``LazyEngine.release``: freeing the weights, the engine's own time) with timers.

    The translate job (:mod:`pipeline.job`) builds and signs its engines with its own
    references to ``build_engine`` / ``sign_engine``, so those are replaced; the loaded
    engine's ``translate_batch`` is wrapped on the instance.
    """
    import pipeline.job as job
    import pipeline.modelstore.hub as hub  # locate_model's own reference to local_revision
    import pipeline.mt.runners as runners

    load_engine = job.build_engine
    engine_signature = job.sign_engine
    local_revision = hub.local_revision

    def timed_load(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        loaded = load_engine(*args, **kwargs)
        timers.load_s += time.perf_counter() - start
        timers.loads.append(str(loaded.signature))
        # A weak reference: a strong one would make a cycle keeping the engine, and its
        # weights, past the release the job does at its end.
        translate_batch = weakref.WeakMethod(loaded.translate_batch)

        def timed_translate(sources: Any, **options: Any) -> Any:
            begin = time.perf_counter()
            try:
                return translate_batch()(sources, **options)  # type: ignore[misc]
            finally:
                timers.translate_s += time.perf_counter() - begin
                timers.calls += 1
                timers.sources += len(sources)

        loaded.translate_batch = timed_translate
        return loaded

    def timed_signature(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        timers.in_signature = True
        try:
            return engine_signature(*args, **kwargs)
        finally:
            timers.in_signature = False
            timers.signature_s += time.perf_counter() - start

    def timed_revision(path: Path) -> str:
        start = time.perf_counter()
        try:
            return local_revision(path)
        finally:
            seconds = time.perf_counter() - start
            timers.revision_s += seconds
            if timers.in_signature:
                timers.revision_in_signature_s += seconds

    release = runners.LazyEngine.release

    def timed_release(engine: Any) -> None:
        start = time.perf_counter()
        try:
            release(engine)
        finally:
            timers.release_s += time.perf_counter() - start

    job.build_engine = timed_load
    job.sign_engine = timed_signature
    hub.local_revision = timed_revision
    runners.LazyEngine.release = timed_release  # type: ignore[method-assign]
    _time_glossary(timers)


def _time_glossary(timers: _Timers) -> None:
    """Time the glossary work of the MT stage (term forms, hypothesis checks)."""
    import pipeline.glossary as glossary
    import pipeline.glossary.enforce as enforce

    def timed(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timers.glossary_s += time.perf_counter() - start

        return wrapper

    for name in ("inflected_forms", "forbidden_forms", "choose_hypothesis"):
        setattr(enforce, name, timed(getattr(enforce, name)))  # the MT stage imports these
    glossary.check_target = timed(glossary.check_target)


class _PeakSnapshots:
    """With ``tracemalloc`` on, keeps the snapshot taken when Python's traced memory was
    highest (checked every ``interval`` s on a thread), for a diagnostic run: what grows."""

    def __init__(self, path: Path, interval: float = 0.25) -> None:
        import threading
        import tracemalloc

        self.path, self.interval = path, interval
        self.highest = 0
        self._tracemalloc = tracemalloc
        self._stop = threading.Event()
        tracemalloc.start(8)
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def check(self) -> None:
        current, _ = self._tracemalloc.get_traced_memory()
        if current > self.highest:
            self.highest = current
            self._tracemalloc.take_snapshot().dump(str(self.path))

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        self.check()
        _, peak = self._tracemalloc.get_traced_memory()
        self._tracemalloc.stop()
        return {"traced_peak_mb": peak / 2**20, "snapshot_mb": self.highest / 2**20}


def translate(args: dict[str, Any]) -> dict[str, Any]:
    """``l10n translate ARGV`` in this process, instrumented; what it cost and loaded.

    With ``tracemalloc`` (a file path), Python's allocations are traced and the snapshot at
    their highest is written there (a diagnostic run: its timings mean nothing)."""
    from pipeline.cli import main, tune_collector

    tune_collector()  # where the ``l10n`` console script does: after importing pipeline.cli
    timers = _Timers()
    _instrument(timers)
    peaks = _PeakSnapshots(Path(args["tracemalloc"])) if args.get("tracemalloc") else None
    cpu = time.process_time()
    start = time.perf_counter()
    code = main(args["argv"])
    end = time.perf_counter()
    traced = peaks.stop() if peaks else {}
    return {
        **traced,
        "cpu_s": time.process_time() - cpu,
        "exit_code": code,
        "main_s": end - start,
        "worker_s": end - _T0,
        **timers.as_dict(),
        "heavy_modules": [name for name in HEAVY_MODULES if name in sys.modules],
    }


def load(args: dict[str, Any]) -> dict[str, Any]:
    """The job's two engine loads alone (engine ``kind``, forward and back-translation, the
    job's lengths): what loading costs with nothing else running beside it."""
    import pipeline.batch
    import pipeline.cli.translate
    import pipeline.job  # noqa: F401  (what the job has imported when it loads its engines)
    from pipeline.engines import EngineOptions, load_engine

    _quiet_libraries(transformers_too=False)
    length = int(args["length"])
    start = time.perf_counter()
    forward = load_engine(
        args["kind"],
        args["forward"],
        source_lang="en",
        target_lang="ru",
        options=EngineOptions(min_length=length - 1, max_length=length),
    )
    backward = load_engine(
        args["kind"],
        args["backward"],
        source_lang="ru",
        target_lang="en",
        options=EngineOptions(
            beam_size=1, num_hypotheses=1, min_length=length - 1, max_length=length
        ),
    )
    seconds = time.perf_counter() - start
    del forward, backward
    return {"load_s": seconds}


def both(args: dict[str, Any]) -> dict[str, Any]:
    """Both directions loaded with the ct2 engine (int8), doing the job's MT work."""
    from pipeline.engines import EngineOptions, load_engine

    _quiet_libraries(transformers_too=False)
    length = int(args["length"])
    options = EngineOptions(min_length=length - 1, max_length=length)  # beam 4, n-best 4
    back_options = EngineOptions(
        beam_size=1, num_hypotheses=1, min_length=length - 1, max_length=length
    )  # the job's back-translation: greedy
    forward = load_engine(
        "ct2", args["forward"], source_lang="en", target_lang="ru", options=options
    )
    backward = load_engine(
        "ct2", args["backward"], source_lang="ru", target_lang="en", options=back_options
    )
    loaded_mb = rss_mb()
    sentences: list[str] = args["sentences"]
    translations = [hyps[0].text for hyps in forward.translate_batch(sentences)]
    backward.translate_batch(translations, num_hypotheses=1)
    return {
        "rss_loaded_mb": loaded_mb,
        "compute_types": [forward.compute_type, backward.compute_type],  # type: ignore[attr-defined]
        "heavy_modules": [name for name in HEAVY_MODULES if name in sys.modules],
    }


def oneway(args: dict[str, Any]) -> dict[str, Any]:
    """One-way batched transformers translation of a document into a PO file.

    What a PO + MarianMT tool does: segment, load the model, ``generate`` in batches of
    ``batch_size`` with beam ``beam`` (forced length, as everywhere here), write the PO.
    """
    import polib
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from pipeline.formats import read_document
    from pipeline.segment import segment_document

    _quiet_libraries()
    document = segment_document(read_document(Path(args["document"])))
    sentences = list(dict.fromkeys(s.text for s in document.segments if s.lang == "en"))
    tokenizer = AutoTokenizer.from_pretrained(args["model"])
    model = AutoModelForSeq2SeqLM.from_pretrained(args["model"]).eval()
    length = int(args["length"])
    beam = int(args.get("beam", 4))
    size = int(args.get("batch_size", 16))
    translations: list[str] = []
    with torch.inference_mode():
        for begin in range(0, len(sentences), size):
            batch = tokenizer(sentences[begin : begin + size], return_tensors="pt", padding=True)
            output = model.generate(
                **batch, num_beams=beam, max_new_tokens=length, min_new_tokens=length - 1
            )
            translations += tokenizer.batch_decode(output, skip_special_tokens=True)
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ru"}
    for source, target in zip(sentences, translations, strict=True):
        catalog.append(polib.POEntry(msgid=source, msgstr=target, flags=["fuzzy"]))
    out = Path(args["out"])
    out.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(out))
    return {"sentences": len(sentences), "worker_s": time.perf_counter() - _T0}


MODES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "naive": naive,
    "engine": engine,
    "bare": bare,
    "convert": convert,
    "translate": translate,
    "load": load,
    "both": both,
    "oneway": oneway,
}


def main() -> None:
    """Run the mode named by ``argv[1]`` with the JSON arguments in ``argv[2]``."""
    mode, raw = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "{}"
    result = MODES[mode](json.loads(raw))
    result["peak_rss_mb"] = peak_rss_mb()
    sys.stdout.flush()
    print("RESULT " + json.dumps(result), flush=True)
    if mode == "translate":  # the process ends as ``l10n`` ends
        from pipeline.cli import exit_now

        exit_now(0)


if __name__ == "__main__":
    main()
