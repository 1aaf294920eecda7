"""Atomic writes: a killed or failing write leaves the old file and no temporary file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.atomic import atomic_write_text
from pipeline.errors import OutputError

from .helpers import msgfmt_check, translate_none


def test_killed_while_writing_leaves_old_catalog(tmp_path: Path) -> None:
    po = translate_none(tmp_path / "locales")
    before = po.read_bytes()
    # A child process that dies (SIGKILL) right after the temporary file is written.
    script = (
        "import os, sys\n"
        "import pipeline.atomic as atomic\n"
        "real_replace = os.replace\n"
        "def die(src, dst):\n"
        "    os.kill(os.getpid(), 9)\n"
        "atomic.os.replace = die\n"
        f"atomic.atomic_write_text({str(po)!r}, 'half' * 1000)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == -9
    assert po.read_bytes() == before
    msgfmt_check(po)


def test_disk_full_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.po"
    target.write_text("old", encoding="utf-8")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match="disk full"):
        atomic_write_text(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]
