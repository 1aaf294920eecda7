"""Every bad input gets one clear line, a documented exit code, and no file created or changed.

One parametrised row per case; the glossary, TBX and model rows live beside their features
(tests/test_glossary*.py, tests/test_models*.py) and are listed in the README table too.
Ctrl-C (exit 130) is raised in-process at chosen points of a run, plus one real SIGINT.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

import pipeline.memory as memory_module
from pipeline import atomic, batch

from .helpers import ROOT, SAMPLE, msgfmt_check, run_cli, run_l10n

PO = Path("ru") / "LC_MESSAGES"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _source(tmp: Path, name: str, content: bytes) -> list[str]:
    path = tmp / name
    path.write_bytes(content)
    return [str(path)]


def _corrupt_po(tmp: Path) -> list[str]:
    po = tmp / "out" / PO / "generium-next-release.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    return [str(SAMPLE)]


def _empty_dir(tmp: Path) -> list[str]:
    (tmp / "empty").mkdir()
    (tmp / "empty" / "notes.csv").write_text("a,b", encoding="utf-8")
    return [str(tmp / "empty")]


def _out_is_a_file(tmp: Path) -> list[str]:
    (tmp / "blocker").write_text("x", encoding="utf-8")
    return [str(SAMPLE), "--out", str(tmp / "blocker" / "locales")]


Case = tuple[str, Callable[[Path], list[str]], list[str], int, str]
CASES: list[Case] = [
    ("not-utf8", lambda t: _source(t, "a.txt", "Très bien.".encode("cp1252")), [], 2, "not UTF-8"),
    ("binary", lambda t: _source(t, "a.txt", bytes(range(256)) * 4), [], 2, "binary file"),
    ("empty", lambda t: _source(t, "a.txt", b"\xef\xbb\xbf \r\n"), [], 2, "empty document"),
    ("no-such-file", lambda t: [str(t / "missing.txt")], [], 2, "no such file"),
    ("dir-without-docs", _empty_dir, [], 2, "no .txt or .md documents"),
    ("corrupt-po", _corrupt_po, [], 2, "existing catalog is corrupt"),
    (
        "unknown-lang",
        lambda t: [str(SAMPLE)],
        ["--to", "zz"],
        2,
        "--to: unknown language code 'zz'",
    ),
    ("out-not-writable", _out_is_a_file, [], 4, "cannot create output directory"),
    (
        "bad-glossary",
        lambda t: [str(SAMPLE), "--glossary", str(t / "nope.csv")],
        [],
        2,
        "nope.csv",
    ),
]


@pytest.mark.parametrize(
    ("setup", "extra", "code", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_table(
    tmp_path: Path, setup: Callable[[Path], list[str]], extra: list[str], code: int, message: str
) -> None:
    args = setup(tmp_path)
    if "--out" not in args:
        args += ["--out", str(tmp_path / "out")]
    out = Path(args[args.index("--out") + 1])
    out_existed = out.exists()
    before = _snapshot(tmp_path)
    result = run_l10n("translate", *args, *(extra or ["--to", "ru"]), "--engine", "none")
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    if out_existed:  # the lock file of an existing output directory may stay
        after = {k: v for k, v in _snapshot(tmp_path).items() if not k.endswith(".l10n.lock")}
    else:  # an output directory the run created is gone again
        assert not out.exists()
        after = _snapshot(tmp_path)
    assert after == before


def test_debug_shows_traceback(tmp_path: Path) -> None:
    result = run_l10n("--debug", "segment", tmp_path / "missing.txt")
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_document_name_cannot_escape_out(tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    (tmp_path / "x.txt").write_text("Escape attempt. Second.", encoding="utf-8")
    command = [sys.executable, "-m", "pipeline", "translate", "../../x.txt", "--to", "ru"]
    result = subprocess.run(
        [*command, "--out", "locales", "--engine", "none"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.po*"))
    assert written == ["a/b/locales/ru/LC_MESSAGES/x.po", "a/b/locales/x.pot"]


def test_absolute_source_path_stays_in_out(tmp_path: Path) -> None:
    source = tmp_path / "elsewhere" / "news.txt"
    source.parent.mkdir()
    source.write_text("Absolute path.", encoding="utf-8")
    out = tmp_path / "out"
    assert (
        run_l10n("translate", source, "--to", "ru", "--out", out, "--engine", "none").returncode
        == 0
    )
    assert sorted(p.name for p in out.rglob("*.po*")) == ["news.po", "news.pot"]


def test_disk_full_while_writing_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        run_l10n("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none").returncode
        == 0
    )
    source = tmp_path / "changed.txt"
    source.write_text(SAMPLE.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    before = _snapshot(out)
    script = (
        "import os, sys\n"
        "def full(fd):\n    raise OSError(28, 'No space left on device')\n"
        "os.fsync = full\n"
        "from pipeline.cli import main\n"
        f"sys.exit(main(['translate', {str(SAMPLE)!r}, '--to', 'ru', '--to', 'de', "
        f"'--out', {str(out)!r}, '--engine', 'none']))\n"
    )
    command = [sys.executable, "-c", script]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 4 and "disk full" in result.stderr
    # One error line, last; before it, the lines of the catalogs written (or left) so far.
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith("l10n: error:")] == lines[-1:]
    assert {k: v for k, v in _snapshot(out).items() if "de" not in k} == before
    assert not [p for p in out.rglob("*.tmp")]


@pytest.mark.slow
def test_very_long_single_line_source_works(tmp_path: Path) -> None:
    """A 10 MB source on one line is segmented and catalogued (its time is measured by
    ``benchmarks/bench_segment.py``)."""
    sentences = [f"Resident number {i} will build plant {i % 97} by 2024." for i in range(200_000)]
    source = tmp_path / "long.txt"
    source.write_text(" ".join(sentences), encoding="utf-8")
    assert source.stat().st_size >= 10_000_000
    out = tmp_path / "out"
    result = run_l10n("translate", source, "--to", "ru", "--out", out, "--engine", "none")
    assert result.returncode == 0, result.stderr
    catalog = polib.pofile(str(out / PO / "long.po"))
    assert len(catalog) == len(sentences)


# --- Ctrl-C ---------------------------------------------------------------------------------
# KeyboardInterrupt raised in-process at a chosen point of the run; one real SIGINT below.

INTERRUPTED = "l10n: interrupted; every file is as before this run or completely new"


def _interrupt(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def _interrupt_on_call(number: int, function: Callable[..., object]) -> Callable[..., object]:
    """``function``, except that its ``number``-th call raises KeyboardInterrupt instead."""
    calls = 0

    def wrapper(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        if calls == number:
            raise KeyboardInterrupt
        return function(*args, **kwargs)

    return wrapper


def _interrupted_stderr(capsys: pytest.CaptureFixture[str]) -> str:
    """The last line on stderr (catalogs written before the interrupt have their lines)."""
    return capsys.readouterr().err.strip().splitlines()[-1]


@pytest.mark.parametrize("point", ["merging", "second-fsync"])
def test_ctrl_c_leaves_each_catalog_old_or_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], point: str
) -> None:
    source = tmp_path / "news.txt"
    source.write_text("Old sentence. Another old one.", encoding="utf-8")
    out = tmp_path / "out"
    job = ("translate", source, "--to", "ru", "--to", "de", "--out", out, "--engine", "none")
    assert run_cli(*job) == 0
    before = _snapshot(out)
    source.write_text("New sentence. Another old one.", encoding="utf-8")
    if point == "merging":
        monkeypatch.setattr(batch, "merge_catalog", _interrupt)
    else:  # inside the atomic write of the second catalog, before its rename
        monkeypatch.setattr(atomic.os, "fsync", _interrupt_on_call(2, os.fsync))
    capsys.readouterr()
    assert run_cli(*job) == 130
    assert _interrupted_stderr(capsys) == INTERRUPTED
    after = {k: v for k, v in _snapshot(out).items() if not k.endswith(".l10n.lock")}
    assert not [name for name in after if name.endswith(".tmp")]
    assert after.keys() == {k for k in before if not k.endswith(".l10n.lock")}
    changed = sorted(name for name in after if after[name] != before[name])
    # A small run merges its catalogs before writing anything (pass 1 keeps them); the
    # template is written first, then each language's catalog once complete.
    assert changed == ([] if point == "merging" else ["news.pot"])
    if changed:
        assert "New sentence." in (out / "news.pot").read_text(encoding="utf-8")
    for path in out.rglob("*.po*"):
        msgfmt_check(path)


class _InterruptedConnection:
    """An SQLite connection interrupted right after its insert, before the commit."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)

    def __enter__(self) -> sqlite3.Connection:
        return self._connection.__enter__()

    def __exit__(self, *exc: object) -> object:
        return self._connection.__exit__(*exc)

    def executemany(self, sql: str, rows: object) -> sqlite3.Cursor:
        self._connection.executemany(sql, rows)  # type: ignore[arg-type]
        raise KeyboardInterrupt


def _reviewed_catalog(path: Path, count: int, lang: str = "ru") -> Path:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    for i in range(count):
        catalog.append(polib.POEntry(msgid=f"Sentence {i} here.", msgstr=f"Предложение {i}."))
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def _units(memory: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(memory) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute("SELECT * FROM units ORDER BY source").fetchall()


@pytest.mark.parametrize("point", ["loading", "in-transaction"])
def test_ctrl_c_during_memory_import_leaves_database_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], point: str
) -> None:
    memory = tmp_path / "tm.sqlite"
    first = _reviewed_catalog(tmp_path / "first" / "old.po", 3)
    assert run_cli("memory", "--memory", memory, "import", first) == 0
    before = _units(memory)
    new = _reviewed_catalog(tmp_path / "new" / "big.po", 500)
    if point == "loading":
        monkeypatch.setattr(memory_module, "load_catalog", _interrupt)
    else:
        connect = sqlite3.connect
        monkeypatch.setattr(
            memory_module.sqlite3,
            "connect",
            lambda *a, **k: _InterruptedConnection(connect(*a, **k)),
        )
    capsys.readouterr()
    assert run_cli("memory", "--memory", memory, "import", new) == 130
    assert _interrupted_stderr(capsys) == INTERRUPTED
    monkeypatch.undo()
    assert _units(memory) == before


def _default_sigint() -> None:
    """Undo an inherited "ignore SIGINT" (a shell starts background jobs so), as a terminal has."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_is_reported_and_exits_130(tmp_path: Path) -> None:
    """A real Ctrl-C: sent once the process is provably inside a command (it answered)."""
    memory = tmp_path / "tm.sqlite"
    assert (
        run_cli("memory", "--memory", memory, "import", _reviewed_catalog(tmp_path / "a.po", 2))
        == 0
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "memory",
            "--memory",
            str(memory),
            "lookup",
            "--lang",
            "ru",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=_default_sigint,
    )
    assert process.stdin and process.stdout
    process.stdin.write("Sentence 1 here.\n")
    process.stdin.flush()
    answer = json.loads(process.stdout.readline())  # now blocked reading the next line
    assert answer["translation"] == "Предложение 1."
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stderr.strip() == INTERRUPTED


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol3;</term>
</tig></langSet></termEntry></body></text></martif>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term>
</tig></langSet></termEntry></body></text></martif>"""


def _file(name: str, content: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content)
        return path

    return make


def _model_dir(files: dict[str, str]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "model"
        path.mkdir()
        for name, text in files.items():
            (path / name).write_text(text, encoding="utf-8")
        return path

    return make


def _translate_with(option: str) -> Callable[[Path], list[str]]:
    def command(path: Path) -> list[str]:
        out = path.parent / "out"
        return ["translate", str(SAMPLE), "--to", "ru", "--out", str(out), option, str(path)]

    return command


def _glossary_import(p: Path) -> list[str]:
    return ["glossary", "import", str(p), "--glossary", str(p.parent / "terms.csv")]


CP1251_GLOSSARY = "term,lang,translation\nSEZ,ru,ОЭЗ\n".encode("cp1251")
REMOTE_CODE_FILES = {
    "config.json": '{"model_type": "my-custom-mt", "auto_map": {"AutoModel": "m.Model"}}',
    "tokenizer_config.json": "{}",
    "source.spm": "",
    "target.spm": "",
    "vocab.json": "{}",
    "model.safetensors": "",
}
MISSING_COLUMN = "term,translation\nSEZ,ОЭЗ\n".encode()
BAD_ROW = b"term,lang,translation,dnt\nSEZ,ru,X,maybe\n"
MARIAN_CONFIG_ONLY = {"config.json": '{"model_type": "marian"}'}
WITH_GLOSSARY, WITH_MODEL = _translate_with("--glossary"), _translate_with("--model")
OTHER_CASES = [
    (
        "glossary-missing-column",
        _file("g.csv", MISSING_COLUMN),
        WITH_GLOSSARY,
        2,
        "missing required column 'lang'",
    ),
    ("glossary-bad-row", _file("g.csv", BAD_ROW), WITH_GLOSSARY, 2, "g.csv:2"),
    ("glossary-wrong-encoding", _file("g.csv", CP1251_GLOSSARY), WITH_GLOSSARY, 2, "UTF-8"),
    ("tbx-not-xml", _file("t.tbx", b"term,lang\nnot xml at all"), _glossary_import, 2, "t.tbx"),
    ("tbx-billion-laughs", _file("t.tbx", BILLION_LAUGHS.encode()), _glossary_import, 2, "t.tbx"),
    ("tbx-external-entity", _file("t.tbx", EXTERNAL_ENTITY.encode()), _glossary_import, 2, "t.tbx"),
    ("model-missing-files", _model_dir(MARIAN_CONFIG_ONLY), WITH_MODEL, 3, "model"),
    ("model-remote-code", _model_dir(REMOTE_CODE_FILES), WITH_MODEL, 3, "needs custom code"),
]


@pytest.mark.parametrize(
    ("make_input", "command", "code", "message"),
    [case[1:] for case in OTHER_CASES],
    ids=[case[0] for case in OTHER_CASES],
)
def test_bad_glossary_tbx_and_model_table(
    tmp_path: Path,
    make_input: Callable[[Path], Path],
    command: Callable[[Path], list[str]],
    code: int,
    message: str,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = make_input(work)
    before = _snapshot(tmp_path)
    result = run_l10n(*command(path), env={"HF_HUB_OFFLINE": "1"})
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    after = {k: v for k, v in _snapshot(tmp_path).items() if not k.endswith(".l10n.lock")}
    assert after == before


@pytest.mark.parametrize("option", ["--beam", "--nbest", "--back-beam"])
@pytest.mark.parametrize("value", ["0", "-2", "four", "1000000000000000000"])
def test_decoding_sizes_must_be_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as caught:
        run_cli("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none", option, value)
    assert caught.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    expected = f"argument {option}: must be an integer from 1 to 64, not {value!r}"
    assert error == f"l10n translate: error: {expected}"
    assert not out.exists()
