"""Devices and CTranslate2 compute types, resolved without loading a model."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import ModelError
from .options import EngineOptions

_NVIDIA_DRIVER = Path("/proc/driver/nvidia")
# CUDA compute types for ``auto``, best first: int8 weights with float16 activations (half
# the memory of float16, as fast), then float16, then what every device runs.
CUDA_AUTO_TYPES = ("int8_float16", "float16", "float32")
# Fewest sources per batch on a GPU: below this a GPU waits on the host between batches.
CUDA_MIN_BATCH = 64
# Intra-op threads per CTranslate2 worker on a CPU with many cores; more cores run more
# workers (parallel batches of a chunk) rather than wider matrix products.
THREADS_PER_WORKER = 4
MAX_CPU_WORKERS = 4


def nvidia_driver_possible() -> bool:
    """False where CUDA surely is not: macOS, or Linux without the NVIDIA kernel driver."""
    if sys.platform == "darwin":
        return False
    if sys.platform.startswith("linux"):
        return _NVIDIA_DRIVER.exists()
    return True


def resolve_ct2_device(device: str) -> str:
    """CTranslate2 device for ``device``: ``auto`` → ``cuda`` when it sees one, else ``cpu``.

    Imports ctranslate2 (not torch) unless ``device`` is ``cpu``, or ``auto`` on a machine
    without an NVIDIA driver (where CUDA cannot be), so that an unchanged re-run, which only
    computes signatures, imports no MT library."""
    if device == "cpu" or (device == "auto" and not nvidia_driver_possible()):
        return "cpu"
    import ctranslate2

    cuda = ctranslate2.get_cuda_device_count() > 0
    if device == "auto":
        return "cuda" if cuda else "cpu"
    if not cuda:
        raise ModelError("device cuda was asked for, but CTranslate2 sees no CUDA device")
    return device


def resolve_compute_type(
    compute_type: str, device: str, supported: Callable[[str], set[str]] | None = None
) -> str:
    """``auto`` → int8 on CPU; on CUDA the first of :data:`CUDA_AUTO_TYPES` the GPU supports
    (``supported``: CTranslate2's ``get_supported_compute_types``, asked only then); other
    values as given."""
    if compute_type != "auto":
        return compute_type
    if device != "cuda":
        return "int8"
    if supported is None:
        import ctranslate2

        supported = ctranslate2.get_supported_compute_types
    available = set(supported("cuda"))
    return next((kind for kind in CUDA_AUTO_TYPES if kind in available), "float32")


def cpu_threads(cores: int | None = None, omp_threads: str | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)`` of a CPU translator.

    ``OMP_NUM_THREADS`` (``omp_threads``; Ray sets it to an actor's CPUs) gives one worker
    that many threads. Otherwise, up to 2 × :data:`THREADS_PER_WORKER` cores: one worker on
    every core; more cores: workers of :data:`THREADS_PER_WORKER` threads (at most
    :data:`MAX_CPU_WORKERS`), which decode a chunk's batches in parallel.
    """
    if omp_threads is None:
        omp_threads = os.environ.get("OMP_NUM_THREADS")
    try:
        return 1, max(1, int(omp_threads or ""))
    except ValueError:
        pass
    cores = max(1, cores if cores is not None else os.cpu_count() or 1)
    if cores < 2 * THREADS_PER_WORKER:
        return 1, cores
    return min(MAX_CPU_WORKERS, cores // THREADS_PER_WORKER), THREADS_PER_WORKER


def ct2_batch_size(batch_size: int, device: str) -> int:
    """Sources per CTranslate2 batch: ``batch_size`` on CPU, at least
    :data:`CUDA_MIN_BATCH` on CUDA."""
    return max(batch_size, CUDA_MIN_BATCH) if device == "cuda" else batch_size


def ct2_signature_fields(options: EngineOptions) -> list[str]:
    """The CTranslate2 kind's signature fields: the compute type it will run with
    (``ct:int8``), resolved without loading a model, and how forbidden forms are kept out."""
    device = resolve_ct2_device(options.device) if options.compute_type == "auto" else "cpu"
    return ct2_fields(resolve_compute_type(options.compute_type, device), options)


def ct2_fields(compute_type: str, options: EngineOptions) -> list[str]:
    """The signature fields of a CTranslate2 engine running with ``compute_type``:
    ``ct:<type>``, and ``avoid:filter`` when forbidden forms are filtered out of the n-best
    (suppression while decoding, the earlier way, adds nothing, so its signatures stay)."""
    fields = [f"ct:{compute_type}"]
    if options.forbidden != "suppress":
        fields.append(f"avoid:{options.forbidden}")
    return fields
