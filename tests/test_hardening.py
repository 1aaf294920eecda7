"""Every bad input gets one clear line, a documented exit code, and no file created or changed.

One parametrised row per case; the glossary, TBX and model rows live beside their features
(tests/test_glossary*.py, tests/test_models*.py) and are listed in the README table too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

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
    ("unknown-lang", lambda t: [str(SAMPLE)], ["--to", "zz"], 2, "unknown target language 'zz'"),
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
    before = _snapshot(tmp_path)
    result = run_l10n("translate", *args, *(extra or ["--to", "ru"]), "--engine", "none")
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    after = {k: v for k, v in _snapshot(tmp_path).items() if not k.endswith(".l10n.lock")}
    assert after == before


def test_debug_shows_traceback(tmp_path: Path) -> None:
    result = run_l10n("--debug", "segment", tmp_path / "missing.txt")
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_document_name_cannot_escape_out(tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    (tmp_path / "x.txt").write_text("Escape attempt. Second.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "translate", "../../x.txt", "--to", "ru",
         "--out", "locales", "--engine", "none"],
        cwd=work, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
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
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False, cwd=ROOT)  # fmt: skip
    assert result.returncode == 4 and "disk full" in result.stderr
    # One error line, last; before it, the lines of the catalogs written (or left) so far.
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith("l10n: error:")] == lines[-1:]
    assert {k: v for k, v in _snapshot(out).items() if "de" not in k} == before
    assert not [p for p in out.rglob("*.tmp")]


def test_very_long_single_line_source_works(tmp_path: Path) -> None:
    """A 10 MB source on one line is segmented and catalogued (bound: well under a minute)."""
    sentences = [f"Resident number {i} will build plant {i % 97} by 2024." for i in range(200_000)]
    source = tmp_path / "long.txt"
    source.write_text(" ".join(sentences), encoding="utf-8")
    assert source.stat().st_size >= 10_000_000
    out = tmp_path / "out"
    started = time.monotonic()
    result = run_l10n("translate", source, "--to", "ru", "--out", out, "--engine", "none")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 120
    catalog = polib.pofile(str(out / PO / "long.po"))
    assert len(catalog) == len(sentences)


def test_ctrl_c_leaves_old_or_new_catalogs(tmp_path: Path) -> None:
    sentences = [f"Resident number {i} will build plant {i % 97} by 2024." for i in range(60_000)]
    source = tmp_path / "long.txt"
    source.write_text(" ".join(sentences), encoding="utf-8")
    out = tmp_path / "out"
    old = tmp_path / "old.txt"
    old.write_text("Old sentence.", encoding="utf-8")
    assert (
        run_l10n("translate", old, "--to", "ru", "--out", out, "--engine", "none").returncode == 0
    )
    pot = out / "old.pot"
    (out / "long.pot").write_bytes(pot.read_bytes().replace(b"Old sentence.", b"Previous."))
    before = (out / "long.pot").read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "translate", str(source), "--to", "ru",
         "--out", str(out), "--engine", "none"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (0, 130), stderr
    if process.returncode == 130:
        assert "interrupted" in stderr and len(stderr.strip().splitlines()) == 1
    current = (out / "long.pot").read_bytes()
    assert current == before or len(polib.pofile(str(out / "long.pot"))) == len(sentences)
    for path in out.rglob("*.po*"):
        msgfmt_check(path)
    assert not [p for p in out.rglob("*.tmp")]


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
    return lambda p: ["translate", str(SAMPLE), "--to", "ru", "--out", str(p.parent / "out"),
                      option, str(p)]  # fmt: skip


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
OTHER_CASES = [
    ("glossary-missing-column", _file("g.csv", b"term,translation\nSEZ,\xd0\x9e\xd0\xad\xd0\x97\n"),
     _translate_with("--glossary"), 2, "missing required column 'lang'"),
    ("glossary-bad-row", _file("g.csv", b"term,lang,translation,dnt\nSEZ,ru,X,maybe\n"),
     _translate_with("--glossary"), 2, "g.csv:2"),
    ("glossary-wrong-encoding", _file("g.csv", CP1251_GLOSSARY),
     _translate_with("--glossary"), 2, "UTF-8"),
    ("tbx-not-xml", _file("t.tbx", b"term,lang\nnot xml at all"), _glossary_import, 2, "t.tbx"),
    ("tbx-billion-laughs", _file("t.tbx", BILLION_LAUGHS.encode()), _glossary_import, 2, "t.tbx"),
    ("tbx-external-entity", _file("t.tbx", EXTERNAL_ENTITY.encode()), _glossary_import, 2, "t.tbx"),
    ("model-missing-files", _model_dir({"config.json": '{"model_type": "marian"}'}),
     _translate_with("--model"), 3, "model"),
    ("model-remote-code", _model_dir(REMOTE_CODE_FILES), _translate_with("--model"), 3,
     "needs custom code"),
]  # fmt: skip


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


def test_ctrl_c_during_memory_import_keeps_database_consistent(tmp_path: Path) -> None:
    import sqlite3

    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    count = 150_000
    for i in range(count):
        catalog.append(polib.POEntry(msgid=f"Sentence {i} here.", msgstr=f"Предложение {i}."))
    po = tmp_path / "big.po"
    catalog.save(str(po))
    memory = tmp_path / "tm.sqlite"
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "memory", "--memory", str(memory), "import", str(po)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(2.0)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (0, 130), stderr
    if memory.exists():
        db = sqlite3.connect(memory)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = db.execute("SELECT COUNT(*) FROM units").fetchone()[0]
        assert stored in (0, count)  # one transaction: all or nothing
        db.close()


@pytest.mark.parametrize("option", ["--beam", "--nbest", "--back-beam"])
@pytest.mark.parametrize("value", ["0", "-2", "four"])
def test_decoding_sizes_must_be_positive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as caught:
        run_cli("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none", option, value)
    assert caught.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    expected = f"argument {option}: must be a positive integer, not {value!r}"
    assert error == f"l10n translate: error: {expected}"
    assert not out.exists()
