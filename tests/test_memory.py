"""The translation memory: import of reviewed entries, exact and close look-ups, WAL readers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pipeline.memory import TranslationMemory

from .helpers import review_all, run_cli, run_l10n, translate_none


def test_memory_import_and_lookup(tmp_path: Path) -> None:
    po = translate_none(tmp_path / "locales")
    catalog = review_all(po, skip=1)
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
    writer.execute(
        "INSERT INTO units (source, lang, translation, document, updated, words) "
        "VALUES ('Bye.', 'ru', 'Пока.', 'doc', 'now', 1)"
    )
    with TranslationMemory(memory_path) as reader:  # a second process reading meanwhile
        match = reader.lookup("Hello.", "ru")
        assert match is not None and match.translation == "Привет."
        assert reader.lookup("Bye.", "ru") is None
    writer.rollback()
    writer.close()


def test_translate_without_mt_offers_memory_matches(tmp_path: Path) -> None:
    """--engine none still fills empty entries from the memory (fuzzy, with their origin);
    what the memory does not know stays empty."""
    import polib

    from pipeline.entry import Entry
    from pipeline.formats import document_id

    from .helpers import SAMPLE

    reviewed = review_all(translate_none(tmp_path / "old"), skip=1)
    memory_path = tmp_path / "tm.sqlite"
    assert run_cli("memory", "--memory", memory_path, "import", tmp_path / "old") == 0
    out = tmp_path / "new"
    job = ("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none")
    assert run_cli(*job, "--memory", memory_path) == 0
    catalog = polib.pofile(str(out / "ru" / "LC_MESSAGES" / f"{document_id(SAMPLE)}.po"))
    by_id = {entry.msgid: entry for entry in catalog}
    assert by_id[reviewed[0].msgid].msgstr == ""  # never reviewed: not in the memory
    filled = by_id[reviewed[1].msgid]
    assert filled.msgstr == reviewed[1].msgstr and "fuzzy" in filled.flags
    assert "memory: exact match" in filled.comment and Entry(filled).human_translation
