"""Shared helpers for tests: running the CLI and checking catalogs like a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "generium-next-release.txt"
# The sample's Russian catalog, relative to the output directory.
SAMPLE_RU_PO = Path("ru") / "LC_MESSAGES" / "generium-next-release.po"


def run_cli(*args: str, capsys: pytest.CaptureFixture[str] | None = None) -> int:
    """Run ``l10n`` in-process and return its exit code."""
    return main([str(a) for a in args])


def run_l10n(
    *args: object, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pipeline`` as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        check=False,
    )


def msgfmt_check(path: Path) -> None:
    """Assert that GNU msgfmt accepts the catalog with its strictest checks."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def translate_none(out: Path, source: Path = SAMPLE) -> Path:
    """``l10n translate --engine none`` of ``source`` into Russian; the PO's path."""
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    return out / SAMPLE_RU_PO


def review_all(po_path: Path, *, skip: int = 0) -> polib.POFile:
    """Translate every English entry (after the first ``skip``) as a reviewer would."""
    catalog = polib.pofile(str(po_path))
    for number, entry in enumerate(catalog):
        if number < skip or entry.msgid == "Ваш вопрос":
            continue
        entry.msgstr = f"Перевод {number}: {entry.msgid[:20]}"
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()
    return catalog


_ANALYSERS_SCRIPT = (
    "import json, sys\n"
    "from pipeline.glossary import GlossaryTerm, find_target_terms\n"
    "from pipeline.qa.numbers import extract_numbers\n"
    "lang, text, translation = sys.argv[1:]\n"
    "term = GlossaryTerm('t', lang, (translation,))\n"
    "found = find_target_terms(text, [term], lang)\n"
    "extract_numbers(text, lang)\n"
    "loaded = {name: name in sys.modules for name in ('opencc', 'simplemma', 'pymorphy3')}\n"
    "from pipeline.languages.pymorphy import morph_analyzer\n"
    "loaded['dictionaries'] = morph_analyzer.cache_info().currsize > 0\n"
    "print(json.dumps({'found': bool(found), **loaded}))\n"
)


def analysers_loaded(lang: str, text: str, translation: str) -> dict[str, bool]:
    """In a fresh process: whether a term is found in ``text``, and which analysers (opencc,
    simplemma, pymorphy3 and its dictionaries) matching it and reading its numbers loaded."""
    done = subprocess.run(
        [sys.executable, "-c", _ANALYSERS_SCRIPT, lang, text, translation],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def loaded_in_fresh_python(setup: str, modules: tuple[str, ...]) -> list[str]:
    """Run ``setup`` (Python source) in a fresh interpreter; which of ``modules`` it loaded."""
    report = f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))"
    script = f"{setup}\nimport json, sys\n{report}\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1]))
