"""The model store's layering: no import cycle between config, engines and the model store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(statement: str) -> set[str]:
    listing = "' '.join(m for m in sys.modules if m.startswith('pipeline'))"
    code = f"import sys\n{statement}\nprint({listing})"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stdout.split())


def test_config_engines_and_model_store_import_without_a_cycle() -> None:
    assert "pipeline.modelstore" not in _modules_after("import pipeline.config")
    assert "pipeline.modelstore" not in _modules_after("import pipeline.engines")
    store = _modules_after("import pipeline.modelstore")
    assert "pipeline.config" not in store and "pipeline.engines" not in store


def test_cache_locations_follow_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline.cache_dirs import ct2_cache_dir, hub_cache_dir, l10n_cache_dir

    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "l10n"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    assert l10n_cache_dir() == tmp_path / "l10n"
    assert ct2_cache_dir() == tmp_path / "l10n" / "ct2"
    assert hub_cache_dir() == tmp_path / "hf" / "hub"
