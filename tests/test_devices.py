"""Device resolution for CTranslate2 without importing it where CUDA cannot be."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.engines import devices


def test_auto_is_cpu_without_importing_ctranslate2_when_no_nvidia_driver(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(devices, "_NVIDIA_DRIVER", tmp_path / "no-driver")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # any import of it would fail
    assert devices.resolve_ct2_device("auto") == "cpu"
    assert devices.resolve_compute_type("auto", "cpu") == "int8"


def test_auto_asks_ctranslate2_where_a_driver_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver = tmp_path / "nvidia"
    driver.mkdir()
    monkeypatch.setattr(devices, "_NVIDIA_DRIVER", driver)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    with pytest.raises(ImportError):
        devices.resolve_ct2_device("auto")
    assert devices.resolve_ct2_device("cpu") == "cpu"
