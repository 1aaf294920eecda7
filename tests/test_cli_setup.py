"""Set-up: .gitignore matches what the tool writes (issue 25)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch import LOCK_NAME
from pipeline.memory import DEFAULT_MEMORY_NAME
from pipeline.mt.cache import CACHE_NAME

from .helpers import ROOT

# What the tool writes into the catalog directory besides catalogs: the MT cache and the
# memory (SQLite, with their WAL files), the lock, the temporary file of an atomic write.
WRITTEN = [
    CACHE_NAME,
    f"{CACHE_NAME}-wal",
    f"{CACHE_NAME}-shm",
    DEFAULT_MEMORY_NAME,
    f"{DEFAULT_MEMORY_NAME}-wal",
    LOCK_NAME,
    "ru/LC_MESSAGES/.doc.po.x1y2.tmp",
    "ru/LC_MESSAGES/doc.mo",
]


def _ignored(repo: Path, paths: list[str]) -> set[str]:
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", *paths],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    return set(done.stdout.split())


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignore_matches_what_the_tool_writes(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    written = [f"locales/{name}" for name in WRITTEN]
    assert _ignored(tmp_path, written) == set(written)
    kept = ["locales/ru/LC_MESSAGES/doc.po", "locales/doc.pot", "glossary/terms.csv"]
    assert _ignored(tmp_path, kept) == set()


def test_readme_puts_l10n_on_the_path_right_after_make_demo() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("```", 2)[1]
    lines = [line.split("#")[0].strip() for line in setup.splitlines() if line.strip()]
    assert lines[1:] == ["make demo", "make test", ". .venv/bin/activate"]
    assert ".venv/bin/l10n" in setup
    assert len(readme.splitlines()) <= 250


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_demo_says_it_rewrites_locales(tmp_path: Path) -> None:
    """``make demo`` in a copy of the project (its venv a stand-in calling this checkout):
    offline, it says first that it rewrites locales/, then writes the catalogs, exit 0."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("examples", "glossary"):
        shutil.copytree(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    l10n = bin_dir / "l10n"
    l10n.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -c "import sys; from pipeline.cli import main; '
        f'sys.exit(main())" "$@"\n',
        encoding="utf-8",
    )
    l10n.chmod(0o755)
    (bin_dir / ".installed").touch()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_CACHE": str(tmp_path / "hub")}
    env["L10N_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        ["make", "-s", "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("demo: examples/generium-next-release.txt into locales/ (rewrites")
    assert (tmp_path / "locales" / "ru" / "LC_MESSAGES" / "generium-next-release.po").is_file()
