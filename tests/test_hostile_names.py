"""Source file names with spaces in ``#:`` references (issue 26): written in FSI/PDI isolates
as gettext 0.22 does, read back whole (polib alone splits them at the spaces), accepted by
msgfmt; isolates inside a name are refused like control characters.
"""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from pipeline.errors import EXIT_INPUT
from pipeline.pofile import load_catalog, reference_name, render_catalog

from .helpers import msgfmt_check, run_cli

NAMES = ["my  file (v2).txt", "Пресс релиз.md", "nbsp\u00a0name.txt", "plain.txt"]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_with_spaces_round_trips_through_the_catalog(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir with space").mkdir()
    source = Path("dir with space") / name
    source.write_text("One sentence.\n\nTwo sentences here.\n", encoding="utf-8")
    assert run_cli("translate", source, "--to", "ru", "--out", "out", "--engine", "none") == 0
    (po,) = Path("out").rglob("*.po")
    text = po.read_text(encoding="utf-8")
    wrapped = f"\u2068{name}\u2069" if name != "plain.txt" else name
    assert f"#: {wrapped}:1\n" in text and f"#: {wrapped}:3\n" in text
    msgfmt_check(po)
    msgfmt_check(next(Path("out").glob("*.pot")))
    catalog = load_catalog(po)
    assert [e.occurrences for e in catalog] == [[(name, "1")], [(name, "3")]]
    assert render_catalog(catalog) == text  # written back byte for byte
    # A second run finds nothing to change; the XLIFF export names the whole file.
    capsys.readouterr()
    assert run_cli("translate", source, "--to", "ru", "--out", "out", "--engine", "none") == 0
    assert po.read_text(encoding="utf-8") == text
    assert run_cli("export", po, "--xliff", "xliff") == 0
    (xlf,) = Path("xliff").rglob("*.xlf")
    assert f'<context context-type="sourcefile">{name}</context>' in xlf.read_text(encoding="utf-8")


def test_plain_polib_would_split_the_name_which_is_why_it_is_isolated(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text('#: my file.txt:1\nmsgid "a"\nmsgstr ""\n', encoding="utf-8")
    assert polib.pofile(str(po))[0].occurrences == [("my", ""), ("file.txt", "1")]
    assert reference_name("my file.txt") == "\u2068my file.txt\u2069"
    assert reference_name("my_file.txt") == "my_file.txt"


def test_a_gettext_0_22_catalog_is_read_exactly(tmp_path: Path) -> None:
    """Several names on a line, isolated and plain, no line number, an unterminated isolate,
    and a colon followed by digits inside a name."""
    po = tmp_path / "x.po"
    po.write_text(
        "#: \u2068a b.txt\u2069:1 plain.txt:2 \u2068c  d:7.md\u2069:30 \u2068no line\u2069\n"
        'msgid "one"\nmsgstr ""\n\n'
        '#: \u2068open ended.txt:4\nmsgid "two"\nmsgstr ""\n\n'
        '#~ msgid "old"\n#~ msgstr "старый"\n',
        encoding="utf-8",
    )
    one, two = [e for e in load_catalog(po) if not e.obsolete]
    assert one.occurrences == [
        ("a b.txt", "1"),
        ("plain.txt", "2"),
        ("c  d:7.md", "30"),
        ("no line", ""),
    ]
    assert two.occurrences == [("open ended.txt:4", "")]  # as gettext reads it: to the end
    again = tmp_path / "again.po"
    again.write_text(render_catalog(load_catalog(po)), encoding="utf-8")
    assert [e.occurrences for e in load_catalog(again)] == [e.occurrences for e in load_catalog(po)]


@pytest.mark.parametrize("char", ["\u2068", "\u2069", "\u2066", "\u2067"])
def test_a_name_with_a_bidirectional_isolate_is_refused(
    tmp_path: Path, char: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / f"evil{char}name.txt"
    source.write_text("One sentence.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"contains a bidirectional isolate (U+{ord(char):04X}); rename it" in err
    assert not out.exists()


def test_import_does_not_follow_a_symlink_out_of_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import FILE.xlf`` without ``--po``: an ``original`` inside the project that is a
    symbolic link to a catalog outside it is refused (the resolved path is confined)."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    Path("note.txt").write_text("One. Two.\n", encoding="utf-8")
    assert run_cli("translate", "note.txt", "--to", "ru", "--engine", "none") == 0
    po = Path("locales/ru/LC_MESSAGES/note.po")
    assert run_cli("export", po, "--xliff", "xliff") == 0
    victim = tmp_path / "victim.po"
    victim.write_bytes(po.read_bytes())
    os.symlink(victim, "link.po")
    xlf = Path("xliff/ru/note.xlf")
    text = xlf.read_text(encoding="utf-8").replace(f'original="{po}"', 'original="link.po"')
    xlf.write_text(text, encoding="utf-8")
    before = victim.read_bytes()
    capsys.readouterr()
    assert run_cli("import", xlf) == EXIT_INPUT
    assert "lies outside" in capsys.readouterr().err
    assert victim.read_bytes() == before
