"""Issue 19: the ``consistency`` warning over the catalogs of one run, on real reviewed
catalogs (Django's German and Russian admin JavaScript catalogs, tests/data/qa_catalogs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from pipeline.qa import QAOptions, check_catalog
from pipeline.qa.consistency_index import ConsistencyIndex

from .helpers import run_cli

DATA = Path(__file__).parent / "data" / "qa_catalogs" / "django"


def _findings(catalogs: list[tuple[str, polib.POFile]], lang: str) -> list[tuple[str, str]]:
    index = ConsistencyIndex.of_catalogs((name, c, lang) for name, c in catalogs)
    options = QAOptions(consistency=index)
    return [
        (report.entry.msgid, found.message)
        for _, catalog in catalogs
        for report in check_catalog(catalog, lang, options)
        for found in report.findings
        if found.check == "consistency"
    ]


def _pair(lang: str) -> tuple[polib.POFile, polib.POFile]:
    """The catalog, and a second one (another component) with some of its entries."""
    first = polib.pofile(str(DATA / lang / "admin-js.po"))
    second = polib.POFile()
    second.metadata = dict(first.metadata)
    for msgid in ("Today", "Filter", "Choose a time", "Now"):
        entry = first.find(msgid)
        second.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr))
    return first, second


def test_the_real_catalog_and_a_consistent_companion_give_no_warning() -> None:
    first, second = _pair("de")
    assert _findings([("a.po", first), ("b.po", second)], "de") == []


def test_a_source_translated_two_ways_is_reported_on_both_sides() -> None:
    first, second = _pair("de")
    second.find("Filter").msgstr = "Auswahl einschränken"
    found = _findings([("a.po", first), ("b.po", second)], "de")
    assert [msgid for msgid, _ in found] == ["Filter", "Filter"]
    assert found[0][1].startswith(
        "the same source is translated otherwise: «Auswahl einschränken» (b.po:"
    )
    assert found[1][1].startswith("the same source is translated otherwise: «Filter» (a.po:")


def test_translations_are_compared_at_lemma_level_and_contexts_are_other_messages() -> None:
    first, second = _pair("ru")
    # Another case of the same words (pymorphy3 lemmas), and other punctuation and case.
    second.find("Choose a time").msgstr = "выберите время!"
    second.find("Now").msgstr = "сейчас"
    # The same source under another msgctxt is another message.
    second.append(polib.POEntry(msgid="Today", msgstr="Сегодняшний день", msgctxt="heading"))
    assert _findings([("a.po", first), ("b.po", second)], "ru") == []


def test_one_translation_for_two_sentences_is_reported_but_not_for_short_labels() -> None:
    first, second = _pair("ru")
    chosen = first.find("Type into this box to filter down the list of selected %s.")
    available = first.find("Type into this box to filter down the list of available %s.")
    second.append(polib.POEntry(msgid=chosen.msgid, msgstr=available.msgstr))
    # Two labels with one translation: by design, not reported.
    second.append(polib.POEntry(msgid="Remove", msgstr="Удалить"))
    second.append(polib.POEntry(msgid="Delete", msgstr="Удалить"))
    found = _findings([("a.po", first), ("b.po", second)], "ru")
    messages = {message.split(":")[0] for _, message in found}
    assert messages == {
        "the same source is translated otherwise",
        "the same translation is used for another source",
    }
    assert all(msgid not in ("Remove", "Delete") for msgid, _ in found)


@pytest.mark.parametrize("count", [1, 2])
def test_qa_compares_the_catalogs_of_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: int
) -> None:
    shutil.copyfile(DATA / "de" / "admin-js.po", tmp_path / "admin-js.po")
    first, second = _pair("de")
    second.find("Filter").msgstr = "Auswahl einschränken"
    if count == 2:
        second.save(str(tmp_path / "other.po"))
    run_cli("qa", tmp_path, "--no-write")
    out = capsys.readouterr().out
    assert ("warning: consistency: the same source is translated otherwise" in out) == (count == 2)
