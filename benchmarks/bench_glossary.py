"""Glossary usage and mining over 10,000 reviewed entries (issue 23: seconds, not minutes).

Builds one Russian catalog of N reviewed entries (default 10,000) from the Django extract in
``tests/data/glossary`` — each entry two real Django entries joined, so sources and targets
are real UI text and no two entries are alike — and times, each in a fresh process:

1. ``l10n glossary usage`` with the 39-term UI glossary of ``tests/data/glossary``;
2. ``l10n glossary suggest --terms`` (mining the same 39 terms);
3. ``l10n glossary suggest`` (candidate terms found in the sources, then mined).

Prints a table and, as its last line, ``usage_s=<x> mine_terms_s=<x> suggest_s=<x>``; writes
``benchmarks/out/glossary.json``. Target: each under ``--limit`` seconds (default 60).
Run: ``python benchmarks/bench_glossary.py [--entries N] [--lang ru]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "tests" / "data" / "glossary"
OUT = HERE / "out"


def build_catalog(path: Path, lang: str, count: int, seed: int = 23) -> int:
    """A catalog of ``count`` reviewed entries, each two random Django entries joined."""
    pairs = [
        (entry.msgid, entry.msgstr)
        for entry in polib.pofile(str(DATA / f"django-{lang}.po"))
        if entry.msgstr and not entry.msgid_plural
    ]
    rng = random.Random(seed)
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    seen: set[str] = set()
    while len(catalog) < count:
        (s1, t1), (s2, t2) = rng.sample(pairs, 2)
        source = f"{s1} {s2}"
        if source in seen:
            continue
        seen.add(source)
        catalog.append(polib.POEntry(msgid=source, msgstr=f"{t1} {t2}"))
    catalog.save(str(path))
    return len(catalog)


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    """Seconds of one ``python -m pipeline`` run (a fresh process) and its stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {result.returncode}: {result.stderr.strip()}")
    return elapsed, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--lang", default="ru", choices=["ru", "uk", "pl", "de", "fr", "zh", "ja"])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per run")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    catalog = OUT / f"glossary-bench-{args.lang}.po"
    entries = build_catalog(catalog, args.lang, args.entries)
    glossary = DATA / "django-ui-terms.csv"
    terms_file = OUT / "glossary-bench-terms.txt"
    terms = sorted({row.split(",")[0] for row in glossary.read_text().splitlines()[1:]})
    terms_file.write_text("\n".join(terms) + "\n", encoding="utf-8")
    common = [str(catalog), "--lang", args.lang, "--glossary", str(glossary)]
    runs = {
        "usage_s": ["glossary", "usage", *common],
        "mine_terms_s": ["glossary", "suggest", *common, "--terms", str(terms_file)],
        "suggest_s": ["glossary", "suggest", *common],
    }
    results: dict[str, object] = {"entries": entries, "lang": args.lang, "terms": len(terms)}
    print(f"{entries} reviewed {args.lang} entries, {len(terms)} glossary terms")
    for name, argv in runs.items():
        seconds, stdout = timed(argv, ROOT)
        results[name] = round(seconds, 2)
        verdict = "PASS" if seconds <= args.limit else "FAIL"
        print(f"{name:<14} {seconds:7.2f} s  {verdict} (limit {args.limit:g} s)")
        results[f"{name}_lines"] = len(stdout.splitlines())
    (OUT / "glossary.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(" ".join(f"{key}={results[key]}" for key in runs))
    return 0 if all(float(results[k]) <= args.limit for k in runs) else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
