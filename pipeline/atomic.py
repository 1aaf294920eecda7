"""Atomic file writes: a temporary file in the same directory, fsync, then rename.

A reader (or a crash) sees the old file or the new one, never a half-written one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; an OutputError says why it could not."""
    _atomic_write(path, [data])


def atomic_write_text(path: str | Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` atomically (encoded a megabyte at a time, so a
    large catalog is not held twice in memory)."""
    step = 1 << 20
    _atomic_write(path, (text[i : i + step].encode("utf-8") for i in range(0, len(text), step)))


def atomic_write_unless_same(
    path: str | Path, chunks: Iterable[bytes], same: Callable[[Path, Path], bool]
) -> bool:
    """Write ``chunks`` to a temporary file beside ``path`` and replace ``path`` with it
    atomically, unless ``same(new, path)`` says the existing file already says the same
    (then the temporary file goes and ``path`` is left as it is): True if written. The text
    is never held whole in memory."""
    return _atomic_write(path, chunks, same)


def _atomic_write(
    path: str | Path,
    chunks: Iterable[bytes],
    same: Callable[[Path, Path], bool] | None = None,
) -> bool:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if same is not None and path.exists() and same(Path(temp_name), path):
            os.unlink(temp_name)
            return False
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp_name, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, path)
        return True
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            reason = "disk full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
            raise OutputError(
                f"cannot write: {reason}; the previous file is unchanged", path=path
            ) from None
        raise
