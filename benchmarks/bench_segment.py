"""Segmentation in linear time: the timings the unit tests leave out (issue 22).

Usage: ``python benchmarks/bench_segment.py [--skip-long-line]``

1. Each adversarial paragraph of ``tests/test_segment_prose.py`` (``PATHOLOGICAL``, 120 kB
   built to trip a rule that looks back or ahead without bound) is cut by
   :func:`pipeline.sentences.sentence_spans`, once as it is and once twice as long: a linear
   splitter takes about twice the time (target: each under 5 s, and the ratio under 3).
2. A 10 MB source on one line through ``l10n translate --engine none`` in a fresh process
   (target: under 120 s), the case ``tests/test_hardening.py`` runs without a clock.

Figures, targets and PASS/FAIL are printed with the machine line the other benchmarks print,
and written to ``benchmarks/out/segment.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from machine import machine_line  # noqa: E402

from pipeline.sentences import sentence_spans  # noqa: E402
from tests.test_segment_prose import PATHOLOGICAL  # noqa: E402

OUT = HERE / "out"
PARAGRAPH_LIMIT_S = 5.0  # about 1 s on a loaded 2-core machine; quadratic: minutes
LINEAR_RATIO = 3.0
LONG_LINE_LIMIT_S = 120.0


def _seconds(text: str) -> float:
    """The best of three timings of cutting ``text``."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sentence_spans(text)
        best = min(best, time.perf_counter() - started)
    return best


def paragraphs() -> list[dict[str, object]]:
    """Each adversarial paragraph: seconds as it is and doubled, and the verdict."""
    rows: list[dict[str, object]] = []
    for text in PATHOLOGICAL:
        once, twice = _seconds(text), _seconds(text + " " + text)
        ratio = twice / once if once > 0 else 0.0
        passed = once < PARAGRAPH_LIMIT_S and ratio < LINEAR_RATIO
        rows.append(
            {"case": repr(text[:12]), "chars": len(text), "seconds": round(once, 4),
             "doubled_ratio": round(ratio, 2), "verdict": "PASS" if passed else "FAIL"}
        )  # fmt: skip
    return rows


def long_line() -> dict[str, object]:
    """A 10 MB single-line source translated with ``--engine none`` in a fresh process."""
    sentences = [f"Resident number {i} will build plant {i % 97} by 2024." for i in range(200_000)]
    with tempfile.TemporaryDirectory(prefix="l10n-bench-segment-") as work:
        source = Path(work) / "long.txt"
        source.write_text(" ".join(sentences), encoding="utf-8")
        command = [sys.executable, "-m", "pipeline", "translate", str(source), "--to", "ru"]
        command += ["--out", str(Path(work) / "out"), "--engine", "none", "--quiet"]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
    passed = done.returncode == 0 and seconds < LONG_LINE_LIMIT_S
    return {
        "case": "10 MB on one line, translate --engine none",
        "exit_code": done.returncode,
        "seconds": round(seconds, 1),
        "verdict": "PASS" if passed else "FAIL",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-long-line", action="store_true", help="only the paragraphs")
    args = parser.parse_args()
    print(machine_line())
    rows = paragraphs()
    for row in rows:
        print(
            f"{row['verdict']}  {row['case']:<16} {row['chars']:>7} chars "
            f"{row['seconds']:>8.4f} s  doubled x{row['doubled_ratio']}"
            f"  (target < {PARAGRAPH_LIMIT_S} s, x < {LINEAR_RATIO})"
        )
    results: dict[str, object] = {"machine": machine_line(), "paragraphs": rows}
    if not args.skip_long_line:
        row = long_line()
        results["long_line"] = row
        rows = [*rows, row]
        print(
            f"{row['verdict']}  {row['case']}: exit {row['exit_code']}, {row['seconds']} s"
            f"  (target < {LONG_LINE_LIMIT_S:.0f} s)"
        )
    OUT.mkdir(exist_ok=True)
    (OUT / "segment.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(row["verdict"] == "PASS" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
