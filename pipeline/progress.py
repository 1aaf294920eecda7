"""Progress of a long run on stderr: a tqdm bar per language on a terminal, else a plain line
every few seconds (logs, CI), or nothing (``--quiet``).

tqdm is imported only when a bar is drawn, so a run that shows none does not pay for it.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

# How often a plain progress line is written when stderr is not a terminal.
PLAIN_INTERVAL_S = 5.0


class Progress(Protocol):
    """Segments done out of a known total, for one language."""

    def update(self, done: int) -> None: ...

    def close(self) -> None: ...


class ProgressFactory(Protocol):
    def __call__(self, label: str, total: int, position: int) -> Progress: ...


class NoProgress:
    """Shows nothing."""

    def update(self, done: int) -> None:
        pass

    def close(self) -> None:
        pass


def no_progress(label: str, total: int, position: int) -> Progress:
    """A :data:`ProgressFactory` that shows nothing."""
    return NoProgress()


class PlainProgress:
    """``l10n: ru: 1200/5000 segments (24%), 35.2/s, ETA 1m48s``, at most every ``interval``
    seconds, and once at the end."""

    def __init__(
        self, label: str, total: int, stream: IO[str], interval: float = PLAIN_INTERVAL_S
    ) -> None:
        self.label = label
        self.total = total
        self.stream = stream
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self.last = self.started
        self.closed = False

    def update(self, done: int) -> None:
        self.done += done
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._write(now)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._write(time.monotonic())

    def _write(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        percent = 100 * self.done / self.total if self.total else 100.0
        line = f"l10n: {self.label}: {self.done}/{self.total} segments ({percent:.0f}%), "
        line += f"{rate:.1f}/s"
        if self.done < self.total and rate > 0:
            line += f", ETA {_duration((self.total - self.done) / rate)}"
        elif self.done >= self.total:
            line += f", done in {_duration(elapsed)}"
        print(line, file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class BarProgress:
    """A tqdm bar (segments done / total, rate, ETA) on a terminal."""

    open_bars = 0

    def __init__(self, label: str, total: int, position: int, stream: IO[str]) -> None:
        from tqdm import tqdm

        self._bar = tqdm(
            total=total, desc=label, unit="seg", position=position, file=stream, leave=True
        )
        BarProgress.open_bars += 1
        self.closed = False

    def update(self, done: int) -> None:
        self._bar.update(done)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            BarProgress.open_bars -= 1
            self._bar.close()


def progress_message(text: str) -> None:
    """A line on stderr that does not break the progress bars drawn there."""
    if BarProgress.open_bars:
        from tqdm import tqdm

        tqdm.write(text, file=sys.stderr)
    else:
        print(text, file=sys.stderr)


def stderr_progress(label: str, total: int, position: int) -> Progress:
    """The :data:`ProgressFactory` of the CLI: a bar on a terminal, else plain lines."""
    stream = sys.stderr
    if stream.isatty():
        return BarProgress(label, total, position, stream)
    return PlainProgress(label, total, stream)
