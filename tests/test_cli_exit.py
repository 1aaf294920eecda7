"""How ``l10n`` runs as a process: the garbage collector set for one command
(:func:`pipeline.cli.tune_collector`); at the end exit handlers run, output flushed, the code
kept, the interpreter's teardown skipped (:func:`pipeline.cli.exit_now`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_exit_handlers_run_and_buffered_output_arrives(tmp_path: Path) -> None:
    done = _python(
        "import atexit, sys\n"
        "from pipeline.cli import exit_now\n"
        "atexit.register(lambda: open('handler-ran', 'w').write('yes'))\n"
        "sys.stdout.write('no newline, still buffered')\n"
        "sys.stderr.write('to stderr')\n"
        "exit_now(3)\n"
        "open('after', 'w')\n",
        tmp_path,
    )
    assert done.returncode == 3
    assert done.stdout == "no newline, still buffered" and done.stderr == "to stderr"
    assert (tmp_path / "handler-ran").read_text() == "yes"
    assert not (tmp_path / "after").exists()


def test_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    done = _python(
        "import threading, time\n"
        "from pipeline.cli import exit_now\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    open('thread-done', 'w').write('yes')\n"
        "threading.Thread(target=late).start()\n"
        "exit_now(0)\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "thread-done").read_text() == "yes"


def test_the_command_exits_with_its_code_and_its_output(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text("First sentence here. Second one there.\n", encoding="utf-8")
    run = [sys.executable, "-m", "pipeline"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    ok = subprocess.run(
        [*run, "segment", str(source)], capture_output=True, text=True, env=env, timeout=120
    )
    assert ok.returncode == 0, ok.stderr
    assert "First sentence here." in ok.stdout and "Second one there." in ok.stdout
    missing = subprocess.run(
        [*run, "segment", str(tmp_path / "absent.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("l10n: error:")
    assert missing.stderr.count("\n") == 1


def test_the_collector_skips_start_up_objects_and_runs_less_often(tmp_path: Path) -> None:
    done = _python(
        "import gc\n"
        "from pipeline.cli import tune_collector\n"
        "tune_collector()\n"
        "print(gc.get_freeze_count() > 1000, gc.get_threshold(), gc.isenabled())\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True (10000, 10, 10) True"
