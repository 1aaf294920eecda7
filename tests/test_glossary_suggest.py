"""``l10n glossary suggest`` over bilingual sources: mined glossary rows as CSV, from
catalogs, TMX and the translation memory; the glossary is never written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.glossary.bitext import read_bitext
from pipeline.glossary.csvfile import parse_terms
from pipeline.memory import MemoryUnit, TranslationMemory
from pipeline.tmx import write_tmx

DATA = Path(__file__).resolve().parent / "data" / "glossary"
DJANGO_RU = DATA / "django-ru.po"

GLOSSARY = """term,lang,translation,forbidden,pos,case_sensitive,dnt,note
password,ru,пароль,,noun,no,no,
"""


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "terms.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


def test_terms_file_gives_rows_in_the_glossarys_format(
    tmp_path: Path, glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("user\n\n# a comment\ncontent type\nxylophone\nuser\n", encoding="utf-8")
    before = glossary.read_bytes()
    args = ["glossary", "suggest", str(DJANGO_RU), "--lang", "ru", "--glossary", str(glossary)]
    assert main([*args, "--terms", str(terms)]) == 0
    captured = capsys.readouterr()
    rows, findings = parse_terms(captured.out.encode("utf-8"))
    assert not findings
    assert [(r.term, r.lang, r.translations) for r in rows] == [
        ("user", "ru", ("пользователь",)),
        ("content type", "ru", ("тип содержимого",)),
    ]
    assert rows[0].note.startswith("mined: in ")
    assert "reviewed entries with the term (confidence" in rows[0].note
    assert "xylophone: no rendering found (0 reviewed entries)" in captured.err
    assert glossary.read_bytes() == before  # never written


def test_candidates_found_in_the_sources_are_mined(
    glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["glossary", "suggest", str(DJANGO_RU), "--lang", "ru", "--glossary", str(glossary)]
    assert main([*args, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_term = {record["term"]: record for record in records}
    assert "password" not in by_term  # the glossary has it
    assert by_term["URL"]["rendering"]["surface"] == "URL"
    mined = [r["rendering"] for r in records if r["rendering"]]
    assert len(mined) >= 20
    assert all(r["evidence"] >= 2 and r["confidence"] >= 0.2 for r in mined)


def test_tmx_and_memory_are_sources(
    tmp_path: Path, glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = [
        ("Change password", "Изменить пароль"),
        ("Old password", "Старый пароль"),
        ("Password reset", "Сброс пароля"),
        ("Log in", "Войти"),
    ]
    units = [MemoryUnit(s, "ru", t, "doc", "2026-12-01 10:00:00Z") for s, t in pairs]
    write_tmx(units, tmp_path / "memory.tmx")
    with TranslationMemory(tmp_path / "memory.sqlite") as memory:
        memory.add_units(units)
    for name in ("memory.tmx", "memory.sqlite"):
        bitext = read_bitext([tmp_path / name], "ru")
        assert sorted((e.source, e.target) for e in bitext.entries) == sorted(pairs)
        assert all(e.reviewed for e in bitext.entries)
        assert read_bitext([tmp_path / name], "de").entries == []
        terms = tmp_path / "terms.txt"
        terms.write_text("password\n", encoding="utf-8")
        args = ["glossary", "suggest", str(tmp_path / name), "--lang", "ru"]
        assert main([*args, "--glossary", str(glossary), "--terms", str(terms)]) == 0
        rows, _ = parse_terms(capsys.readouterr().out.encode("utf-8"))
        assert [(r.term, r.translations) for r in rows] == [("password", ("пароль",))]


def test_documents_still_give_english_candidates(
    glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    assert main(["glossary", "suggest", str(examples), "--glossary", str(glossary)]) == 0
    out = capsys.readouterr().out
    assert not out.startswith("term,lang")
    assert "Generium Next" in out


def test_unreadable_terms_file_exits_2(
    tmp_path: Path, glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["glossary", "suggest", str(DJANGO_RU), "--lang", "ru", "--glossary", str(glossary)]
    assert main([*args, "--terms", str(tmp_path / "absent.txt")]) == 2
    err = capsys.readouterr().err
    assert "cannot read terms file" in err and len(err.strip().splitlines()) == 1


def test_a_database_that_is_not_a_memory_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    before = other.read_bytes()
    assert main(["glossary", "usage", str(other), "--lang", "ru"]) == 2
    assert "not a translation memory (no units table)" in capsys.readouterr().err
    assert other.read_bytes() == before
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_text("not a database", encoding="utf-8")
    assert main(["glossary", "usage", str(garbage), "--lang", "ru"]) == 2
    assert "not a usable translation memory" in capsys.readouterr().err
