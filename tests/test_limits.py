"""The ``[limits]`` table: defaults, parsing, one exit-2 line naming the limit and its key.

Large inputs are generated here, never committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import limits
from pipeline.config import load_config
from pipeline.errors import EXIT_INPUT, InputError
from pipeline.limits import LimitError, Limits, parse_limits
from pipeline.pofile import _PO_LINE, load_catalog

from .helpers import run_cli

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    limits.activate(None)
    yield
    limits.activate(None)


def _catalog(path: Path, msgid: str, msgstr: str = "") -> Path:
    path.write_text(f'{HEADER}msgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    return path


def test_defaults_and_parsing(tmp_path: Path) -> None:
    assert parse_limits(None) == Limits()
    assert parse_limits({"po_line_length": 10}).po_line_length == 10
    config = tmp_path / "l10n.toml"
    config.write_text("[limits]\npo_entry_length = 123\n", encoding="utf-8")
    assert load_config(config).limits == Limits(po_entry_length=123)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"po_line_length": 0}, "[limits] po_line_length must be a positive integer, not 0"),
        ({"po_line_length": True}, "must be a positive integer, not True"),
        ({"po_line_length": "9"}, "must be a positive integer, not '9'"),
        ({"po_lines": 9}, "[limits] unknown key 'po_lines' (known: "),
        ([1], "[limits] must be a table"),
    ],
)
def test_invalid_tables_name_the_key(table: object, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_limits(table, Path("l10n.toml"))
    assert message in str(caught.value)


def test_po_line_over_the_limit_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l10n.toml").write_text("[limits]\npo_line_length = 1000\n", encoding="utf-8")
    _catalog(tmp_path / "big.po", "word " * 400)
    before = (tmp_path / "big.po").read_bytes()
    assert run_cli("stats", "big.po") == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err == (
        "l10n: error: big.po: line 6 is too long: 2,008 characters, over the limit of 1,000 "
        "(raise it with [limits] po_line_length in l10n.toml)\n"
    )
    assert (tmp_path / "big.po").read_bytes() == before
    # Raising the key lets the same catalog through.
    (tmp_path / "l10n.toml").write_text("[limits]\npo_line_length = 3000\n", encoding="utf-8")
    assert run_cli("stats", "big.po") == 0


def test_po_entry_over_the_limit(tmp_path: Path) -> None:
    lines = "".join(f'"{"x" * 90}"\n' for _ in range(30))
    po = tmp_path / "long.po"
    po.write_text(f'{HEADER}msgid ""\n{lines}msgstr ""\n\nmsgid "b"\nmsgstr ""\n', "utf-8")
    limits.activate(Limits(po_entry_length=2000))
    with pytest.raises(LimitError, match=r"entry at line \d+ is too long: 2,\d{3} characters"):
        load_catalog(po)
    # Many short entries are fine: the count starts again at each entry.
    entries = "".join(f'msgid "{i} {"y" * 80}"\nmsgstr "{"z" * 80}"\n\n' for i in range(100))
    po.write_text(HEADER + entries, "utf-8")
    assert len(load_catalog(po)) == 100


def test_deeply_nested_toml_is_an_input_error(tmp_path: Path) -> None:
    config = tmp_path / "l10n.toml"
    config.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="invalid TOML: nested too deeply"):
        load_config(config)


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ('msgid "a \\" b"', True),
        ('msgstr[1] "x\\\\"', True),
        ('#~ msgid "old"', True),
        ('#| msgid "prev"', True),
        ('  "continued"  ', True),
        ("# comment", True),
        ("", True),
        ('msgid "unterminated', False),
        ('msgid "a" "b', False),
        ('msgid "ends in a backslash\\"', False),
        ("msgid x", False),
    ],
)
def test_po_line_shapes(line: str, ok: bool) -> None:
    assert bool(_PO_LINE.match(line)) is ok


def test_po_line_regex_has_no_per_character_backtracking() -> None:
    """A line of 10,000 escapes matches (the old alternation grew its stack per character)."""
    line = 'msgid "' + '\\"a' * 10_000 + '"'
    assert _PO_LINE.match(line)
    assert not _PO_LINE.match(line[:-1])


@pytest.mark.parametrize(
    ("name", "document", "message"),
    [
        (
            "long.html",
            '<p title="' + "t" * 1200 + '">Text.</p>\n',
            "the sentence at long.html:1 would make a catalog line too long: 1,208 characters",
        ),
        (
            "many.txt",
            "Same.\n\n" * 200,
            "the sentence at many.txt:1 would make a catalog line too long: 2,547 characters",
        ),
    ],
)
def test_translate_refuses_a_catalog_it_could_not_read_back(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    document: str,
    message: str,
) -> None:
    """A huge attribute, or a sentence on so many lines that its ``#:`` line is huge: refused
    before anything is written, since no command could read such a catalog afterwards."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l10n.toml").write_text("[limits]\npo_line_length = 1000\n", encoding="utf-8")
    (tmp_path / name).write_text(document, encoding="utf-8")
    assert run_cli("translate", name, "--to", "ru", "--out", "out", "--engine", "none") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "[limits] po_line_length" in err, err
    assert not (tmp_path / "out").exists()


def test_import_refuses_a_target_that_would_break_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "note.txt").write_text("One sentence.\n", encoding="utf-8")
    assert run_cli("translate", "note.txt", "--to", "ru", "--engine", "none") == 0
    po = Path("locales/ru/LC_MESSAGES/note.po")
    assert run_cli("export", po, "--xliff", "xliff") == 0
    xlf = Path("xliff/ru/note.xlf")
    text = xlf.read_text(encoding="utf-8")
    xlf.write_text(text.replace("</source>", "</source><target>" + "я" * 1500 + "</target>"))
    (tmp_path / "l10n.toml").write_text("[limits]\npo_line_length = 1000\n", encoding="utf-8")
    before = po.read_bytes()
    capsys.readouterr()
    assert run_cli("import", xlf) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not written: line" in err and "is too long: 1,50" in err
    assert po.read_bytes() == before
