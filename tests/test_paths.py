"""Data never becomes a path unconfined: ``export``, ``build`` and ``import`` with hostile
catalogs and XLIFF files (Language, X-Source-File and ``original`` aimed outside)."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from pipeline.errors import EXIT_INPUT, InputError
from pipeline.paths import catalog_project, confine, language_dir

from .helpers import run_cli

SECRET = "top secret line\n"


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp/project``: a catalog, every entry reviewed; ``tmp/secret.txt`` beside it."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "secret.conf").write_text(SECRET, encoding="utf-8")
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "note.txt").write_text("One. Two.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    assert run_cli("translate", "docs/note.txt", "--to", "ru", "--engine", "none") == 0
    po = root / "locales" / "ru" / "LC_MESSAGES" / "note.po"
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = entry.msgid.upper()
    catalog.save()
    return root


def _set_header(po: Path, key: str, value: str) -> None:
    catalog = polib.pofile(str(po))
    catalog.metadata[key] = value
    catalog.save()


PO = Path("locales/ru/LC_MESSAGES/note.po")


def test_build_follows_x_source_file_inside_the_project(project: Path) -> None:
    assert run_cli("build", PO, "--out", "note.ru.txt") == 0
    assert (project / "note.ru.txt").read_text(encoding="utf-8") == "ONE. TWO.\n"


@pytest.mark.parametrize(
    ("recorded", "message"),
    [
        ("../secret.txt", "X-Source-File '../secret.txt' lies outside"),
        ("ABS/secret.txt", "lies outside"),
        ("docs/../../secret.txt", "lies outside"),
        ("link.txt", "X-Source-File 'link.txt' lies outside"),
        ("docs/notes.conf", "X-Source-File 'notes.conf' is not a document format"),
        ("docs/note.txt\x00.md", "X-Source-File is empty or not a path"),
    ],
)
def test_build_refuses_x_source_file_outside_or_not_a_document(
    project: Path, recorded: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink(project.parent / "secret.txt", project / "link.txt")
    (project / "docs" / "notes.conf").write_text("Three.\n", encoding="utf-8")
    _set_header(project / PO, "X-Source-File", recorded.replace("ABS", str(project.parent)))
    capsys.readouterr()
    for fallback in ("refuse", "source"):
        assert run_cli("build", PO, "--out", "out.txt", "--fallback", fallback) == EXIT_INPUT
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err and "--source FILE" in err, err
        assert not (project / "out.txt").exists()
    # The user may still name any document explicitly.
    assert run_cli("build", PO, "--out", "out.txt", "--source", "docs/note.txt") == 0


def test_build_follows_x_source_file_of_a_catalog_outside_the_current_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Relative paths are resolved from the catalog's project (OUT/<lang>/LC_MESSAGES/)."""
    monkeypatch.chdir(project.parent)
    assert run_cli("build", project / PO, "--out", "built.txt") == 0
    assert (project.parent / "built.txt").read_text(encoding="utf-8") == "ONE. TWO.\n"


@pytest.mark.parametrize(
    "language", ["../../escaped", "/abs", "ru/../../x", "ru\nx", "..", "ru x", "x" * 40]
)
def test_export_refuses_a_language_header_that_is_a_path(
    project: Path, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_header(project / PO, "Language", language)
    outside = _tree(project.parent)
    capsys.readouterr()
    assert run_cli("export", PO, "--xliff", "xliff") == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Language header: malformed language code" in err
    assert _tree(project.parent) == outside


def test_export_writes_inside_the_named_directory(project: Path) -> None:
    _set_header(project / PO, "Language", "pt_BR")
    assert run_cli("export", PO, "--xliff", "xliff") == 0
    assert [p.relative_to(project) for p in (project / "xliff").rglob("*.xlf")] == [
        Path("xliff/pt_BR/note.xlf")
    ]


def _aim(xlf: Path, original: str) -> None:
    text = xlf.read_text(encoding="utf-8")
    text = text.replace(f'original="{PO}"', f'original="{original}"')
    xlf.write_text(text.replace("TWO.", "Два."), encoding="utf-8")


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_import_writes_no_catalog_outside_the_project(
    project: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("export", PO, "--xliff", "xliff") == 0
    victim = project.parent / "victim" / "ru.po"
    victim.parent.mkdir()
    victim.write_bytes((project / PO).read_bytes())
    xlf = project / "xliff" / "ru" / "note.xlf"
    _aim(xlf, "../victim/ru.po" if where == "relative" else str(victim))
    before = victim.read_bytes()
    capsys.readouterr()
    assert run_cli("import", xlf) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lies outside" in err and "--po PO" in err
    assert victim.read_bytes() == before
    # Named by the user, the same catalog is written: with --root or with --po.
    assert run_cli("import", xlf, "--root", victim.parent) == 0
    assert "Два." in victim.read_text(encoding="utf-8")
    assert run_cli("import", xlf, "--po", PO) == 0
    assert "Два." in (project / PO).read_text(encoding="utf-8")


def test_import_follows_original_inside_the_project(project: Path) -> None:
    assert run_cli("export", PO, "--xliff", "xliff") == 0
    xlf = project / "xliff" / "ru" / "note.xlf"
    _aim(xlf, str(PO))
    assert run_cli("import", xlf) == 0
    assert "Два." in (project / PO).read_text(encoding="utf-8")


def test_confine_and_language_dir(tmp_path: Path) -> None:
    assert confine("a/b.txt", tmp_path, what="X", hint="h") == tmp_path / "a" / "b.txt"
    with pytest.raises(InputError, match="X '../b' lies outside .*; it is not followed \\(h\\)"):
        confine("../b", tmp_path, what="X", hint="h")
    with pytest.raises(InputError, match=r"X 'a\\nb/../../c' lies outside"):
        confine("a\nb/../../c", tmp_path, what="X", hint="h")
    for code in ("ru", "pt_BR", "zh-Hant", "sr@latin", "es-419"):
        assert language_dir(code) == code
    for code in ("", ".", "ru/x", "r", "ru_", "ru\x00", "ru\\x"):
        with pytest.raises(InputError, match="Language header: (empty|malformed) language code"):
            language_dir(code)


def test_catalog_project(tmp_path: Path) -> None:
    po = tmp_path / "a" / "locales" / "ru" / "LC_MESSAGES" / "x.po"
    assert catalog_project(po) == tmp_path / "a"
    assert catalog_project(tmp_path / "b" / "x.po") == tmp_path / "b"
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")
    assert catalog_project(po) == tmp_path
