"""Hostile files (issue 26): crafted names, sizes and contents end in one line and a
documented exit code, never a traceback or a write outside the job. Inputs are generated
here; nothing large is committed. Paths: tests/test_paths.py; limits: tests/test_limits.py.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection
from pathlib import Path

import polib
import pytest

from pipeline import cli
from pipeline.errors import EXIT_INPUT, EXIT_SOFTWARE

from .helpers import run_cli

INJECTED = 'x.txt:1\nmsgid "Evil."\nmsgstr "Injected."\n#: y'


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _one_error_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("l10n: error: "), err
    return err


@pytest.mark.parametrize(
    "name", [f"{INJECTED}.txt", "tab\there.txt", "cr\rhere.md", "sep\u2028here.txt", "nul\x01.txt"]
)
@pytest.mark.parametrize("named", ["file", "directory"])
def test_source_names_with_control_characters_are_refused(
    tmp_path: Path, name: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / name).write_text("One sentence.\n", encoding="utf-8")
    out = tmp_path / "out"
    target = docs / name if named == "file" else docs
    assert run_cli("translate", target, "--to", "ru", "--out", out, "--engine", "none") == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "source file name" in err and "contains a control character (U+" in err
    assert not out.exists()


def test_an_ordinary_name_is_written_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "Пресс-релиз_2026 (v2).txt"
    source.write_text("One sentence.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    (po,) = out.rglob("*.po")
    catalog = polib.pofile(str(po))
    assert catalog.metadata["X-Source-File"] == str(source)
    assert [e.msgid for e in catalog] == ["One sentence."]


def test_export_refuses_a_catalog_name_with_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "note.txt"
    source.write_text("One sentence.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    (po,) = out.rglob("*.po")
    po.rename(po.with_name("evil\n.po"))
    capsys.readouterr()
    assert run_cli("export", out, "--xliff", tmp_path / "xliff") == EXIT_INPUT
    err = _one_error_line(capsys.readouterr().err)
    assert "catalog file name" in err and "evil\\n.po" in err
    assert not (tmp_path / "xliff").exists()


def test_tmx_document_name_with_a_control_character_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmx = tmp_path / "in.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en" '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
        'datatype="plaintext"/><body><tu><prop type="x-document">a&#10;msgid "b"</prop>'
        '<tuv xml:lang="en"><seg>Hi.</seg></tuv><tuv xml:lang="ru"><seg>Привет.</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    memory = tmp_path / "m.sqlite"
    assert run_cli("memory", "--memory", memory, "import", tmx) == EXIT_INPUT
    err = _one_error_line(capsys.readouterr().err)
    assert "unit 1: document name 'a\\nmsgid \"b\"' contains a control character (U+000A)" in err


def _leaf_commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every runnable sub-command (``glossary lint``, ``memory export`` …) and its parser."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_leaf_commands(sub, (*prefix, name)))
    if not found and prefix:
        found.append((prefix, parser))
    return found


def _argv(words: tuple[str, ...], parser: argparse.ArgumentParser) -> list[str]:
    """The shortest command line the parser accepts: a value for each required argument."""
    argv = list(words)
    for action in parser._actions:
        value = str(action.choices[0]) if action.choices else "x"
        if not action.option_strings and action.nargs not in ("?", "*"):
            argv.append(value)
        elif action.option_strings and action.required:
            argv += [action.option_strings[0], value]
    return argv


LEAVES = _leaf_commands(cli.build_parser())
FAULTS = [
    RuntimeError("boom\nsecond line"),
    MemoryError(),
    RecursionError("maximum recursion depth exceeded"),
    KeyError("k"),
    OSError(28, "No space left on device"),
]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: type(f).__name__)
def test_every_command_turns_an_unexpected_fault_into_exit_70(
    fault: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(LEAVES) >= 15  # segment, translate, glossary *, models *, memory *, …
    original = cli.build_parser

    def faulty_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
        parser = original(commands)
        for _words, leaf in _leaf_commands(parser):
            real = leaf.get_default("handler")

            def handler(args: argparse.Namespace, real=real) -> int:
                assert callable(real)
                raise fault

            leaf.set_defaults(handler=handler)
        return parser

    monkeypatch.setattr(cli, "build_parser", faulty_parser)
    for words, leaf in LEAVES:
        assert cli.main(_argv(words, leaf)) == EXIT_SOFTWARE, words
        err = _one_internal_line(capsys.readouterr().err)
        assert "rerun with --debug" in err
        if isinstance(fault, MemoryError):
            assert "(out of memory;" in err or "(out of memory)" in err
        else:
            assert type(fault).__name__ in err
    words, leaf = LEAVES[0]
    with pytest.raises(type(fault)):
        cli.main(["--debug", *_argv(words, leaf)])


def _one_internal_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("l10n: internal error ("), err
    return err


def test_a_fault_deep_in_a_real_command_is_exit_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "x.po"
    po.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("polib broke")

    monkeypatch.setattr(polib, "pofile", broken)
    for argv in (["stats", po], ["compile", po], ["qa", po], ["export", po, "--xliff", tmp_path]):
        capsys.readouterr()
        code = run_cli(*argv)
        err = capsys.readouterr().err
        assert code == EXIT_SOFTWARE, err
        assert "(RuntimeError: polib broke); rerun with --debug" in _one_internal_line(err)


def test_symlinked_lock_file_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "note.txt"
    source.write_text("One sentence.\n", encoding="utf-8")
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".l10n.lock").symlink_to(precious)
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 4
    err = _one_error_line(capsys.readouterr().err)
    assert "the lock file is a symbolic link; remove it" in err
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in out.iterdir()) == [".l10n.lock"]


def test_error_lines_escape_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("stats", tmp_path / "a\nb.po") == EXIT_INPUT
    err = _one_error_line(capsys.readouterr().err)
    assert "a\\nb.po: no such catalog file or directory" in err


@pytest.mark.parametrize(
    "page",
    ["<p>Escape \x1b[31m here.</p>", '<p title="a\x0bb">Text.</p>', "<p>Text.</p><!-- \x01 -->"],
)
def test_an_html_page_with_a_control_character_is_refused_in_one_line(
    tmp_path: Path, page: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """lxml cannot hold them (it stopped in the middle of parsing: exit 70 before)."""
    source = tmp_path / "page.html"
    source.write_text("<html><body>\n" + page + "\n</body></html>\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 2
    err = _one_error_line(capsys.readouterr().err)
    assert "page.html: line 2: control character U+00" in err and "remove it" in err
    assert not out.exists()


def test_a_form_feed_in_an_html_page_is_white_space(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text('<p title="a\x0cb">One\x0ctwo.</p>', encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    (po,) = out.rglob("*.po")
    assert sorted(e.msgid for e in polib.pofile(str(po))) == ["One two.", "a b"]


def test_export_refuses_a_control_character_xliff_cannot_hold_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A BEL in the source text reaches the catalog; XML 1.0 has no way to carry it (lxml
    stopped the export with exit 70 before). With two catalogs, neither XLIFF is written."""
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text("Fine sentence.\n", encoding="utf-8")
    Path("b.txt").write_text("Bell \x07 here.\n", encoding="utf-8")
    assert run_cli("translate", "a.txt", "b.txt", "--to", "ru", "--engine", "none") == 0
    capsys.readouterr()
    assert run_cli("export", "locales", "--xliff", "xliff") == EXIT_INPUT
    err = _one_error_line(capsys.readouterr().err)
    assert "b.po: entry at line" in err and "control character U+0007" in err
    assert not Path("xliff").exists()
