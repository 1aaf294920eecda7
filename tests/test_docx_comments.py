"""Word comments behind ``[documents] word_comments`` (issue 20), on mammoth's real
``comments.docx``: off by default (the built document keeps them as they are), read and
built back translated when on, a bad value refused in one line."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import polib
import pytest

from pipeline.cli import main

DATA = Path(__file__).resolve().parent / "data" / "documents"
COMMENT = "A tachyon walks into a bar."
PO = Path("locales/ru/LC_MESSAGES/mammoth-comments.po")


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l10n.toml").write_text(toml, encoding="utf-8")
    shutil.copy(DATA / "mammoth-comments.docx", tmp_path / "mammoth-comments.docx")
    return tmp_path


def _capitals(msgid: str) -> str:
    """A pseudo-translation: the text in capitals, the inline codes as they are."""
    return re.sub(r"<[^>]*>|[^<]+", lambda m: m[0] if m[0][0] == "<" else m[0].upper(), msgid)


def _translate_and_build(out: str) -> tuple[polib.POFile, str, str]:
    """Translate with no MT, fill every msgstr in capitals, build: the catalog and the built
    document's body and comments XML."""
    argv = ["translate", "mammoth-comments.docx", "--to", "ru", "--out", "locales"]
    assert main([*argv, "--engine", "none"]) == 0
    catalog = polib.pofile(str(PO))
    for entry in catalog:
        entry.msgstr = _capitals(entry.msgid)
    catalog.save()
    assert main(["build", str(PO), "--out", out]) == 0
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
        comments = package.read("word/comments.xml").decode("utf-8")
    return catalog, body, comments


def test_comments_are_not_read_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path, monkeypatch, "")
    catalog, body, comments = _translate_and_build("built.docx")
    assert COMMENT not in {entry.msgid for entry in catalog}
    assert COMMENT in comments and COMMENT.upper() not in comments
    assert "commentReference" in body  # the references stay where they were


def test_comments_are_read_and_built_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, monkeypatch, "[documents]\nword_comments = true\n")
    catalog, body, comments = _translate_and_build("built.docx")
    entries = {entry.msgid: entry for entry in catalog}
    assert COMMENT in entries
    assert "comment 0 (word/comments.xml)" in entries[COMMENT].comment
    # Its reference names the part and the comment's paragraph in it.
    assert entries[COMMENT].occurrences == [("mammoth-comments.docx/word/comments.xml", "1")]
    assert "source is in" not in entries[COMMENT].tcomment  # English, though "a" is Portuguese
    assert COMMENT.upper() in comments and COMMENT not in comments
    assert "commentReference" in body
    # Each comment comes after the paragraph that refers to it, in document order.
    order = [entry.msgid for entry in catalog]
    assert order.index(COMMENT) > 0


def test_a_bad_documents_value_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, monkeypatch, '[documents]\nword_comments = "yes"\n')
    capsys.readouterr()
    argv = ["translate", "mammoth-comments.docx", "--to", "ru", "--engine", "none"]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith("[documents] word_comments must be true or false, not 'yes'")
    assert not Path("locales").exists()
