"""Issue 19: TMX exchange of the memory keeps every plural form and msgctxt (translate-
toolkit's po2tmx conventions plus x-plural-form / x-msgid), on Django's Russian admin
JavaScript catalog (4 plural entries of 4 forms, 26 entries with msgctxt)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

from pipeline.memory import SINGULAR, TranslationMemory, import_catalogs
from pipeline.tmx import read_tmx

from .helpers import run_cli

DATA = Path(__file__).parent / "data" / "qa_catalogs" / "django" / "ru" / "admin-js.po"
TMX_NS = {"t": "http://www.lisa.org/tmx14"}


def _reviewed(catalog: polib.POFile) -> list[polib.POEntry]:
    return [e for e in catalog if e.msgid and not e.obsolete and "fuzzy" not in e.flags]


def test_memory_learns_every_plural_form_and_context_and_tmx_keeps_them(tmp_path: Path) -> None:
    memory_path = tmp_path / "tm.sqlite"
    catalog = polib.pofile(str(DATA))
    entries = _reviewed(catalog)
    singular = [e for e in entries if not e.msgid_plural and e.msgstr]
    forms = [f for e in entries if e.msgid_plural for f in e.msgstr_plural.values() if f]
    with TranslationMemory(memory_path) as memory:
        (learnt,) = import_catalogs(memory, [DATA]).values()
        assert learnt == len(singular) + len(forms) == 72 + 16
    tmx = tmp_path / "tm.tmx"
    assert run_cli("memory", "--memory", memory_path, "export", "--tmx", tmx) == 0
    root = etree.parse(str(tmx)).getroot()
    tus = root.findall(".//t:tu", TMX_NS) or root.findall(".//tu")
    assert len(tus) == 88

    def props(tu: etree._Element) -> dict[str, str]:
        return {p.get("type"): p.text for p in tu if etree.QName(p).localname == "prop"}

    january = [tu for tu in tus if props(tu).get("x-context") == "abbrev. month January"]
    assert len(january) == 1
    plural = [tu for tu in tus if props(tu).get("x-msgid") == "%(sel)s of %(cnt)s selected"]
    assert sorted(props(tu)["x-plural-form"] for tu in plural) == ["0", "1", "2", "3"]
    # translate-toolkit reads the context the way its po2tmx wrote it
    from translate.storage import tmx as tk_tmx

    store = tk_tmx.tmxfile.parsestring(tmx.read_bytes())
    contexts = {u.getcontext() for u in store.units} - {""}
    assert len(contexts) == 26
    # and our import restores every unit: plural forms and contexts included
    again = tmp_path / "again.sqlite"
    assert run_cli("memory", "--memory", again, "import", tmx) == 0
    with TranslationMemory(memory_path) as first, TranslationMemory(again) as second:
        assert sorted(first.units(), key=repr) == sorted(second.units(), key=repr)
        units = list(second.units())
    restored = sorted(
        (u.form, u.translation) for u in units if u.msgid == "%(sel)s of %(cnt)s selected"
    )
    entry = catalog.find("%(sel)s of %(cnt)s selected")
    assert restored == sorted((int(k), v) for k, v in entry.msgstr_plural.items())
    may = {(u.context, u.translation) for u in units if u.source == "May"}
    assert may == {("", "Май"), ("abbrev. month May", "Май")}


def test_lookups_for_mt_use_singular_units_only(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        import_catalogs(memory, [DATA])
        assert memory.lookup("%(sel)s of %(cnt)s selected", "ru") is None
        assert memory.lookup("Today", "ru").translation == "Сегодня"


def test_a_po2tmx_file_imports_with_its_contexts(tmp_path: Path) -> None:
    tmx = tmp_path / "po2tmx.tmx"
    made = subprocess.run(
        [sys.executable, "-m", "translate.convert.po2tmx", "-l", "ru", str(DATA), str(tmx)],
        capture_output=True,
    )
    assert made.returncode == 0, made.stderr
    units = read_tmx(tmx)
    assert {u.context for u in units} - {""} == {
        e.msgctxt for e in polib.pofile(str(DATA)) if e.msgctxt
    }
    # po2tmx writes plural forms as plain units: they come in as singular units
    assert all(u.form == SINGULAR for u in units)


def test_a_memory_written_before_contexts_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE units (source TEXT NOT NULL, lang TEXT NOT NULL, translation TEXT NOT "
        "NULL, document TEXT NOT NULL, updated TEXT NOT NULL, words INTEGER NOT NULL, "
        "PRIMARY KEY (source, lang, translation));"
        "CREATE INDEX units_lang_words ON units (lang, words);"
        "INSERT INTO units VALUES ('Today', 'ru', 'Сегодня', 'doc', '2026-01-01 00:00:00Z', 1);"
    )
    db.commit()
    db.close()
    with TranslationMemory(path) as memory:
        (unit,) = memory.units()
        assert (unit.source, unit.translation, unit.context, unit.form) == (
            "Today",
            "Сегодня",
            "",
            SINGULAR,
        )
        assert memory.lookup("Today", "ru").translation == "Сегодня"


def test_a_tmx_import_says_what_it_skipped_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmx = tmp_path / "other.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="en"><seg>Today</seg></tuv><tuv xml:lang="ru"><seg>Сегодня</seg>'
        "</tuv></tu>"
        '<tu><tuv xml:lang="en"><seg>Now</seg></tuv><tuv xml:lang="ru"><seg></seg></tuv></tu>'
        '<tu srclang="fr"><tuv xml:lang="fr"><seg>Demain</seg></tuv>'
        '<tuv xml:lang="ru"><seg>Завтра</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    assert run_cli("memory", "--memory", tmp_path / "tm.sqlite", "import", tmx) == 0
    assert (
        f"{tmx}: 1 translation units learnt; skipped: 1 without a target, "
        "1 without an English segment"
    ) in capsys.readouterr().out
