"""Device resolution for CTranslate2 without importing it where CUDA cannot be."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.engines import EngineOptions, devices
from pipeline.errors import ModelError


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


def test_cuda_auto_compute_type_is_the_best_the_gpu_supports() -> None:
    def supports(*kinds: str) -> Callable[[str], set[str]]:
        def supported(device: str) -> set[str]:
            assert device == "cuda"
            return set(kinds)

        return supported

    every = supports("float32", "float16", "int8_float16", "int8", "int8_float32")
    assert devices.resolve_compute_type("auto", "cuda", every) == "int8_float16"
    no_int8 = supports("float32", "float16")  # e.g. a GPU without int8 kernels
    assert devices.resolve_compute_type("auto", "cuda", no_int8) == "float16"
    assert devices.resolve_compute_type("auto", "cuda", supports("float32")) == "float32"
    # An explicit type is kept, and the GPU is not asked.
    assert devices.resolve_compute_type("float16", "cuda", supports()) == "float16"
    assert devices.resolve_compute_type("auto", "cpu", supports()) == "int8"


def test_cuda_device_choice_asks_ctranslate2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    driver = tmp_path / "nvidia"
    driver.mkdir()
    monkeypatch.setattr(devices, "_NVIDIA_DRIVER", driver)
    monkeypatch.setattr(sys, "platform", "linux")
    for count, auto in ((1, "cuda"), (0, "cpu")):
        fake = types.SimpleNamespace(get_cuda_device_count=lambda count=count: count)
        monkeypatch.setitem(sys.modules, "ctranslate2", fake)
        assert devices.resolve_ct2_device("auto") == auto
    with pytest.raises(ModelError, match="CTranslate2 sees no CUDA device"):
        devices.resolve_ct2_device("cuda")
    # The signature names the type the GPU will run: auto resolved on the device.
    fake = types.SimpleNamespace(
        get_cuda_device_count=lambda: 1,
        get_supported_compute_types=lambda device: {"float32", "float16"},
    )
    monkeypatch.setitem(sys.modules, "ctranslate2", fake)
    fields = devices.ct2_signature_fields(EngineOptions(device="cuda"))
    assert fields[0] == "ct:float16"


def test_gpu_batches_are_at_least_the_cuda_minimum() -> None:
    assert devices.ct2_batch_size(16, "cpu") == 16
    assert devices.ct2_batch_size(16, "cuda") == devices.CUDA_MIN_BATCH
    assert devices.ct2_batch_size(512, "cuda") == 512


@pytest.mark.parametrize(
    ("cores", "omp", "expected"),
    [
        (1, None, (1, 1)),
        (2, None, (1, 2)),
        (4, None, (1, 4)),
        (8, None, (2, 4)),
        (16, None, (4, 4)),
        (64, None, (4, 4)),
        (16, "3", (1, 3)),  # Ray sets OMP_NUM_THREADS to an actor's CPUs
        (16, "x", (4, 4)),
    ],
)
def test_cpu_threads_for_the_core_count(
    cores: int, omp: str | None, expected: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    assert devices.cpu_threads(cores, omp) == expected
