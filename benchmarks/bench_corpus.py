"""Corpus runs: peak memory against corpus size, the driver's own cost per segment, and a
local run against a local Ray cluster of two actors.

    python benchmarks/bench_corpus.py [--quick] [--skip-memory] [--skip-ray]

Every measurement runs ``run_translate`` in a fresh child process (``--child``), so its peak
RSS (``VmHWM``) is its own. The engine is scripted (``SpinEngine``): it costs ``--cost-ms``
of CPU per segment (a busy loop, like a model on CPU) or nothing (``--cost-ms 0``: what is
left is the driver's own work: segmentation, glossary, cache, chrF, merge, PO writes), and
returns the words of the source in reverse order, so the back-translation is the source
(chrF 100). Real models are not used here: their cost is measured by ``run.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from bench_text import generated_sentences, write_document  # noqa: E402
from machine import machine_line  # noqa: E402

from pipeline.engines import Hypothesis  # noqa: E402
from pipeline.mt import LazyEngine  # noqa: E402


class SpinEngine:
    """Reverses the words of each source, spending ``cost_s`` of CPU per source."""

    def __init__(self, cost_s: float) -> None:
        self.cost_s = cost_s

    def translate_batch(
        self, sources: Sequence[str], *, num_hypotheses: int | None = None, **_: Any
    ) -> list[list[Hypothesis]]:
        out = []
        for source in sources:
            end = time.process_time() + self.cost_s
            while time.process_time() < end:
                pass
            out.append([Hypothesis(" ".join(reversed(source.split())), -0.1)])
        return out


class SpinFactory:
    """An engine factory (picklable, for Ray actors) of :class:`SpinEngine`."""

    def __init__(self, cost_s: float) -> None:
        self.cost_s = cost_s

    def __call__(self, model: str, source_lang: str, target_lang: str) -> LazyEngine:
        signature = f"engine:spin|model:{model}|dir:{source_lang}-{target_lang}|cost:{self.cost_s}"
        return LazyEngine(signature, self._load)

    def _load(self) -> SpinEngine:
        return SpinEngine(self.cost_s)


def make_corpus(root: Path, documents: int, per_document: int) -> Path:
    """``documents`` documents of ``per_document`` distinct sentences each."""
    sentences = generated_sentences(documents * per_document, seed=11)
    for d in range(documents):
        chunk = sentences[d * per_document : (d + 1) * per_document]
        write_document(root / f"release-{d:05d}.txt", chunk)
    return root


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("VmHWM not in /proc/self/status")


def child(args: argparse.Namespace) -> None:
    """One measured run, in this (fresh) process; prints a JSON line."""
    from pipeline.batch import CatalogReport, TranslateRequest, run_translate
    from pipeline.glossary import Glossary

    started = time.perf_counter()
    runner_factory = None
    if args.actors:
        import ray

        from pipeline.cluster import ClusterSettings, ray_runner_factory

        ray.init(
            num_cpus=args.actors,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env={"env_vars": {"PYTHONPATH": f"{ROOT}:{HERE}"}},
        )
        runner_factory = ray_runner_factory(
            ClusterSettings(address="local", actors=args.actors, num_cpus=1)
        )
    ray_start = time.perf_counter() - started
    request = TranslateRequest(
        sources=[args.source],
        languages=["ru"],
        out=Path(args.out),
        models={"ru": ("fwd", "back")},
        engine_factory=SpinFactory(args.cost_ms / 1000) if args.engine != "none" else None,
        glossary=Glossary.load(str(ROOT / "glossary" / "terms.csv")),
        chunk_size=args.chunk,
        cache=not args.no_cache,
    )
    if runner_factory is not None:
        request.runner_factory = runner_factory
    counts = {"segments": 0, "catalogs": 0}

    def count(report: CatalogReport) -> None:  # what the CLI prints, as it is written
        counts["catalogs"] += 1
        counts["segments"] += report.entries if report.path.suffix == ".po" else 0

    request.on_catalog = count
    begun = time.perf_counter()
    cpu_begun = time.process_time()
    run_translate(request)
    wall = time.perf_counter() - begun
    cpu = time.process_time() - cpu_begun  # the driver's own CPU (actors are other processes)
    print(
        json.dumps(
            {
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "ray_start_s": round(ray_start, 3),
                "segments": counts["segments"],
                "rss_mb": round(peak_rss_mb(), 1),
                "catalogs": counts["catalogs"],
            }
        )
    )


def measure(source: Path, out: Path, **options: Any) -> dict[str, Any]:
    """Run :func:`child` in a fresh process with ``options``; its JSON result."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, __file__, "--child", "--source", str(source), "--out", str(out)]
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            command.append(flag)
        elif value is not False and value is not None:
            command += [flag, str(value)]
    env = {**os.environ, "L10N_CACHE_DIR": str(out.parent / "l10n-cache")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="spin", help=argparse.SUPPRESS)
    parser.add_argument("--actors", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--chunk", type=int, default=256, help="segments per MT chunk")
    parser.add_argument("--cost-ms", type=float, default=5.0, help="engine CPU ms per segment")
    parser.add_argument("--quick", action="store_true", help="small corpora (a smoke run)")
    parser.add_argument(
        "--spin-documents",
        type=int,
        default=2000,
        help="documents (50 segments each) of the memory run with the scripted engine",
    )
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-ray", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    print(machine_line())
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-corpus-"))
    results: dict[str, Any] = {}
    try:
        if not args.skip_memory:
            small = make_corpus(work / "small", 2, 50)
            for engine, documents in (("none", 2000), ("spin", args.spin_documents)):
                documents = 40 if args.quick else documents
                big = make_corpus(work / f"big-{documents}", documents, 50)
                cost = {"cost_ms": 0} if engine == "spin" else {}
                a = measure(small, work / "out-small", engine=engine, **cost)
                b = measure(big, work / "out-big", engine=engine, **cost)
                results[f"memory_{engine}"] = {"small": a, "big": b}
                print(
                    f"peak RSS, engine {engine}: {b['segments']} segments in {documents} "
                    f"documents {b['rss_mb']:.1f} MB vs {a['segments']} segments "
                    f"{a['rss_mb']:.1f} MB = {b['rss_mb'] / a['rss_mb']:.3f}x "
                    f"(wall {b['wall_s']:.1f} s vs {a['wall_s']:.2f} s)",
                    flush=True,
                )
            driver = results["memory_spin"]["big"]
            per_segment = driver["cpu_s"] / driver["segments"] * 1000
            results["driver_cpu_ms_per_segment"] = round(per_segment, 3)
            print(
                f"driver's own cost (engine cost 0, local): {per_segment:.3f} ms CPU per segment "
                f"({driver['wall_s'] / driver['segments'] * 1000:.3f} ms wall)"
            )
        if not args.skip_ray:
            docs = 50 if args.quick else 500
            corpus = make_corpus(work / "ray", docs, 10)
            common = {"cost_ms": args.cost_ms, "chunk": 64, "no_cache": True}
            local = measure(corpus, work / "out-local", **common)
            on_ray = measure(corpus, work / "out-ray", actors=2, **common)
            zero = measure(corpus, work / "out-ray0", actors=2, cost_ms=0, chunk=64, no_cache=True)
            results["ray"] = {"local": local, "ray_2_actors": on_ray, "ray_zero_cost": zero}
            n = local["segments"]
            print(
                f"{docs} documents, {n} segments, engine {args.cost_ms:g} ms CPU per call "
                f"and segment: local {local['wall_s']:.1f} s, "
                f"Ray 2 actors {on_ray['wall_s']:.1f} s "
                f"(+{on_ray['ray_start_s']:.1f} s to start Ray) = "
                f"{local['wall_s'] / on_ray['wall_s']:.2f}x; driver CPU per segment: local "
                f"{local['cpu_s'] / n * 1000:.3f} ms, Ray {on_ray['cpu_s'] / n * 1000:.3f} ms, "
                f"Ray with a free engine {zero['cpu_s'] / n * 1000:.3f} ms "
                f"(wall {zero['wall_s'] / n * 1000:.3f} ms)",
                flush=True,
            )
        (HERE / "out").mkdir(exist_ok=True)
        (HERE / "out" / "corpus.json").write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
