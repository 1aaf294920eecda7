"""Translation memory, ``build``, ``compile``, ``stats``, atomic writes and the output lock."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from pipeline.atomic import atomic_write_text
from pipeline.errors import OutputError
from pipeline.memory import TranslationMemory

from .helpers import SAMPLE, msgfmt_check, run_cli, run_l10n

PO = Path("ru") / "LC_MESSAGES" / "generium-next-release.po"


def _translate_none(out: Path, source: Path = SAMPLE) -> Path:
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    return out / PO


def _review_all(po_path: Path, *, skip: int = 0) -> polib.POFile:
    catalog = polib.pofile(str(po_path))
    for number, entry in enumerate(catalog):
        if number < skip or entry.msgid == "Ваш вопрос":
            continue
        entry.msgstr = f"Перевод {number}: {entry.msgid[:20]}"
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalog.save()
    return catalog


def test_build_refuses_then_falls_back_then_builds(tmp_path: Path) -> None:
    po = _translate_none(tmp_path / "locales")
    out = tmp_path / "release.ru.txt"
    result = run_l10n("build", po, "--out", out)
    assert result.returncode == 1 and not out.exists()
    assert "13 entries still to review" in result.stderr
    assert "untranslated: The company Generium Next" in result.stderr
    assert run_cli("build", po, "--out", out, "--fallback", "source") == 0
    paragraphs = out.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(paragraphs) == 7 and paragraphs[-1] == "Ваш вопрос"
    catalog = _review_all(po)
    assert run_cli("build", po, "--out", out) == 0
    built = out.read_text(encoding="utf-8").strip().split("\n\n")
    assert len(built) == 7
    assert built[0] == f"{catalog[0].msgstr} {catalog[1].msgstr}"


def test_build_markdown_keeps_structure_and_code(tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text("# Title\n\nOne. Two.\n\n- Item.\n\n```\nx = 1. Y\n```\n", encoding="utf-8")
    po = tmp_path / "out" / "ru" / "LC_MESSAGES" / "note.po"
    assert (
        run_cli("translate", source, "--to", "ru", "--out", tmp_path / "out", "--engine", "none")
        == 0
    )
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = entry.msgid.upper()
    catalog.save()
    out = tmp_path / "note.ru.md"
    assert run_cli("build", po, "--out", out) == 0
    assert (
        out.read_text(encoding="utf-8") == "# TITLE\n\nONE. TWO.\n\n- ITEM.\n\n```\nx = 1. Y\n```\n"
    )


def test_compile_and_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = _translate_none(tmp_path / "locales")
    catalog = _review_all(po, skip=3)
    catalog[3].flags.append("fuzzy")
    catalog.save()
    assert run_cli("compile", tmp_path / "locales") == 0
    mo = po.with_suffix(".mo")
    assert len(polib.mofile(str(mo))) == 9  # fuzzy and untranslated entries are left out
    capsys.readouterr()
    assert run_cli("stats", po) == 0
    line = capsys.readouterr().out.splitlines()[1]
    assert line.split()[0] == "9" and " 1 (" in line and str(po) in line


def test_memory_import_and_lookup(tmp_path: Path) -> None:
    po = _translate_none(tmp_path / "locales")
    catalog = _review_all(po, skip=1)
    memory_path = tmp_path / "tm.sqlite"
    assert run_cli("memory", "--memory", memory_path, "import", tmp_path / "locales") == 0
    with TranslationMemory(memory_path) as memory:
        assert len(memory) == 12
        exact = memory.lookup(catalog[1].msgid, "ru")
        assert exact is not None and exact.exact and exact.translation == catalog[1].msgstr
        close = memory.lookup(catalog[2].msgid.replace("518", "600"), "ru")
        assert close is not None and not close.exact and close.similarity >= 0.75
        assert memory.lookup(catalog[0].msgid, "ru") is None  # never reviewed
        assert memory.lookup("Completely different words here.", "ru") is None
    result = run_l10n(
        "memory", "--memory", memory_path, "lookup", "--lang", "ru", stdin=catalog[1].msgid + "\n"
    )
    assert '"similarity": 1.0' in result.stdout


def test_memory_reader_during_write_transaction(tmp_path: Path) -> None:
    memory_path = tmp_path / "tm.sqlite"
    with TranslationMemory(memory_path) as memory:
        memory.add([("Hello.", "ru", "Привет.", "doc")])
    writer = sqlite3.connect(memory_path, timeout=5)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO units VALUES ('Bye.', 'ru', 'Пока.', 'doc', 'now', 1)")
    with TranslationMemory(memory_path) as reader:  # a second process reading meanwhile
        match = reader.lookup("Hello.", "ru")
        assert match is not None and match.translation == "Привет."
        assert reader.lookup("Bye.", "ru") is None
    writer.rollback()
    writer.close()


def test_killed_while_writing_leaves_old_catalog(tmp_path: Path) -> None:
    po = _translate_none(tmp_path / "locales")
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


def test_second_run_fails_clearly_while_lock_is_held(tmp_path: Path) -> None:
    from filelock import FileLock

    out = tmp_path / "locales"
    _translate_none(out)
    lock = FileLock(str(out / ".l10n.lock"))
    with lock:
        result = run_l10n(
            "translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none", "--wait", "0.2"
        )
    assert result.returncode == 4 and "another l10n run" in result.stderr
    assert _translate_none(out).exists()  # once released, the next run goes ahead
