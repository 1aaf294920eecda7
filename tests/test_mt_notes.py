"""Issue 19: the notes of an MT output (back-translation, round-trip warning, term
compliance) leave with it once a person changed or approved the entry, on every path:
``translate`` re-run, ``translate`` with memory and no MT, XLIFF import; and they are no
findings in the XLIFF notes or on the review page."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from pipeline.batch import TranslateRequest, run_translate
from pipeline.catalog import BACK_TRANSLATION_PREFIX, MT_PREFIX, WARNING_PREFIX
from pipeline.entry import MT_NOTE_PREFIXES, Entry
from pipeline.memory import TranslationMemory
from pipeline.qa import QAOptions, check_catalog
from pipeline.xliff import XLIFF_NAMESPACE

from .helpers import run_cli
from .scripted import ScriptedFactory

NS = {"x": XLIFF_NAMESPACE}
SENTENCES = [
    "The river rose by two metres.",
    "The bridge was closed for a week.",
    "The market opened on Monday.",
]
EDITED = "Река поднялась на два метра."


def _request(source: Path, out: Path, **extra: object) -> TranslateRequest:
    defaults: dict[str, object] = {
        "models": {"ru": ("fwd", "back")},
        "engine_factory": ScriptedFactory(),
        "min_chrf": 99.0,  # every scripted output gets the round-trip warning
    }
    defaults.update(extra)
    return TranslateRequest(sources=[str(source)], languages=["ru"], out=out, **defaults)  # type: ignore[arg-type]


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """A catalog of three MT outputs with their notes; a person edits the first (and
    leaves it fuzzy) and approves the second unchanged."""
    source = tmp_path / "news.txt"
    source.write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_translate(_request(source, out))
    po = out / "ru" / "LC_MESSAGES" / "news.po"
    catalog = polib.pofile(str(po))
    for entry in catalog:
        assert Entry(entry).comment_values(BACK_TRANSLATION_PREFIX)
        assert any("round trip chrF" in w for w in Entry(entry).comment_values(WARNING_PREFIX))
    catalog[0].msgstr = EDITED
    Entry(catalog[1]).fuzzy = False
    catalog.save(str(po))
    return po


def _notes(entry: polib.POEntry) -> list[str]:
    return [line for line in Entry(entry).comment_lines() if line.startswith(MT_NOTE_PREFIXES)]


def _assert_notes_left_people_entries(po: Path) -> None:
    edited, approved, untouched = polib.pofile(str(po))
    assert edited.msgstr == EDITED and _notes(edited) == []
    assert not Entry(approved).fuzzy and _notes(approved) == []
    # The mt: line stays as the history of where the translation started.
    assert Entry(approved).comment_values(MT_PREFIX)
    assert Entry(untouched).machine_translation and _notes(untouched)


def test_a_translate_rerun_drops_the_notes_of_changed_and_approved_entries(
    translated: Path,
) -> None:
    source = translated.parents[3] / "news.txt"
    run_translate(_request(source, translated.parents[2]))
    _assert_notes_left_people_entries(translated)


def test_a_memory_fill_without_mt_drops_them_too(translated: Path, tmp_path: Path) -> None:
    memory_path = tmp_path / "memory.db"
    with TranslationMemory(memory_path) as memory:
        memory.add([("Another sentence.", "ru", "Другое предложение.", "doc")])
    source = translated.parents[3] / "news.txt"
    run_translate(
        _request(source, translated.parents[2], engine_factory=None, memory_path=memory_path)
    )
    _assert_notes_left_people_entries(translated)


def test_xliff_import_drops_them_for_approved_and_edited_units(
    translated: Path, tmp_path: Path
) -> None:
    catalog = polib.pofile(str(translated))
    assert run_cli("export", translated, "--xliff", tmp_path / "x") == 0
    xlf = next((tmp_path / "x").rglob("*.xlf"))
    tree = etree.parse(str(xlf))
    units = tree.getroot().findall(".//x:trans-unit", NS)
    # Exported notes: only the untouched MT output keeps its back-translation and warning.
    notes = [" ".join(n.text or "" for n in u.findall("x:note", NS)) for u in units]
    assert "back-translation" not in notes[0] and "round trip" not in notes[0]
    assert "back-translation" not in notes[1]
    assert "back-translation" in notes[2] and "round trip chrF" in notes[2]
    # The translator approves the third unit unchanged in the CAT tool.
    units[2].set("approved", "yes")
    units[2].find("x:target", NS).set("state", "translated")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert run_cli("import", xlf, "--po", translated) == 0
    third = polib.pofile(str(translated))[2]
    assert not Entry(third).fuzzy and _notes(third) == []
    assert catalog[2].msgstr == third.msgstr


def test_the_review_page_shows_no_stale_back_translation_or_warning(
    translated: Path, tmp_path: Path
) -> None:
    page = tmp_path / "review.html"
    assert run_cli("review", translated, "--html", page) == 0
    html = page.read_text(encoding="utf-8")
    catalog = polib.pofile(str(translated))
    untouched_back = Entry(catalog[2]).comment_values(BACK_TRANSLATION_PREFIX)[0]
    edited_back = Entry(catalog[0]).comment_values(BACK_TRANSLATION_PREFIX)[0]
    assert untouched_back in html
    assert edited_back not in html
    assert html.count("round trip chrF") == 1  # the untouched MT output's warning only


def test_qa_reports_no_roundtrip_finding_for_people_entries(translated: Path) -> None:
    catalog = polib.pofile(str(translated))
    reports = check_catalog(catalog, "ru", QAOptions(min_chrf=99.0))
    roundtrip = [r.entry.msgstr for r in reports for f in r.findings if f.check == "roundtrip"]
    assert roundtrip == [catalog[2].msgstr]
