"""What the benchmark ran on: CPU model and the vector instruction sets that decide CTranslate2's
and PyTorch's speed (an AVX-512 machine and an AVX2-only one differ several-fold)."""

from __future__ import annotations

import os
import platform
from pathlib import Path

# The instruction sets that matter for int8/fp32 matrix kernels, in the order printed.
_ISA_FLAGS = (
    "avx512f",
    "avx512bw",
    "avx512vl",
    "avx512_vnni",
    "avx512_bf16",
    "amx_int8",
    "avx2",
    "fma",
)


def cpu_flags() -> tuple[str, str]:
    """(CPU model name, the relevant ISA flags present) from /proc/cpuinfo (Linux)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or platform.machine(), ""
    model, flags = "", set()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and not model:
            model = value.strip()
        elif key.strip() in ("flags", "Features") and not flags:
            flags = set(value.split())
    return model or platform.machine(), " ".join(f for f in _ISA_FLAGS if f in flags)


def machine_line() -> str:
    """One line for a benchmark's output: cores, CPU model, ISA, Python."""
    model, isa = cpu_flags()
    isa_text = isa or "none of " + "/".join(_ISA_FLAGS)
    return (
        f"Machine: {os.cpu_count()} CPUs, {model} ({platform.machine()}); ISA: {isa_text}; "
        f"python {platform.python_version()}"
    )
