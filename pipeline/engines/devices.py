"""Devices and CTranslate2 compute types, resolved without loading a model."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ModelError
from .options import EngineOptions

_NVIDIA_DRIVER = Path("/proc/driver/nvidia")


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


def resolve_compute_type(compute_type: str, device: str) -> str:
    """``auto`` → int8 on CPU, int8_float16 on CUDA; other values as given."""
    if compute_type == "auto":
        return "int8_float16" if device == "cuda" else "int8"
    return compute_type


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
