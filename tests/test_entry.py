"""The Entry view over polib entries: states, the tool's comments, plural forms, stats."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.catalog import mt_comment
from pipeline.entry import CatalogStats, Entry, EntryState, catalog_stats, total_stats

ROOT = Path(__file__).resolve().parent.parent
STAGE = "At the second stage, the samples are stored."
STAGE_RU = "На втором этапе образцы хранятся."


def _mt_comment(output: str = STAGE_RU, chrf: str = "31.5") -> str:
    return "\n".join(
        [
            "glossary: sample → образец",
            mt_comment("engine:ct2|model:opus-mt-en-ru|rev:none|dir:en-ru", output),
            "back-translation: At the second stage the samples are kept.",
            f"round-trip chrF: {chrf}",
            "qa: punctuation: the end punctuation differs",
        ]
    )


def test_states() -> None:
    machine = polib.POEntry(msgid=STAGE, msgstr=STAGE_RU, comment=_mt_comment(), flags=["fuzzy"])
    edited = polib.POEntry(
        msgid=STAGE, msgstr=STAGE_RU + " ", comment=_mt_comment(), flags=["fuzzy"]
    )
    accepted = polib.POEntry(msgid=STAGE, msgstr=STAGE_RU, comment=_mt_comment())
    suggestion = polib.POEntry(msgid=STAGE, msgstr=STAGE_RU, flags=["fuzzy"], previous_msgid="x")
    empty_fuzzy = polib.POEntry(msgid=STAGE, msgstr="", flags=["fuzzy"])
    gone = polib.POEntry(msgid=STAGE, msgstr=STAGE_RU, obsolete=True)
    states = [Entry(e).state for e in (machine, edited, accepted, suggestion, empty_fuzzy, gone)]
    assert states == [
        EntryState.MACHINE,
        EntryState.FUZZY,
        EntryState.REVIEWED,
        EntryState.FUZZY,
        EntryState.UNTRANSLATED,
        EntryState.OBSOLETE,
    ]
    assert Entry(machine).needs_machine_translation and not Entry(machine).human_translation
    assert Entry(edited).human_translation and not Entry(edited).needs_machine_translation
    # Accepted unchanged: still the MT output (the review page says so), but a person's now.
    assert Entry(accepted).machine_output and Entry(accepted).human_translation
    assert Entry(empty_fuzzy).needs_machine_translation


def test_fuzzy_flag_set_once_and_cleared_keeping_other_flags() -> None:
    entry = polib.POEntry(msgid="a", msgstr="b", flags=["python-format"])
    view = Entry(entry)
    view.fuzzy = True
    view.fuzzy = True
    assert entry.flags == ["python-format", "fuzzy"]
    view.fuzzy = False
    assert entry.flags == ["python-format"] and not view.fuzzy


def test_comments_of_the_tool_read_and_dropped() -> None:
    entry = polib.POEntry(msgid=STAGE, msgstr=STAGE_RU, comment=_mt_comment(), flags=["fuzzy"])
    view = Entry(entry)
    assert view.comment_values("back-translation: ") == [
        "At the second stage the samples are kept."
    ]
    assert view.mt_signature == "engine:ct2|model:opus-mt-en-ru|rev:none|dir:en-ru"
    assert view.roundtrip_chrf == 31.5
    kept = view.drop_translation_comments()
    assert kept == ["glossary: sample → образец"] and entry.comment == kept[0]
    assert view.mt_provenance is None and view.roundtrip_chrf is None


def test_wrapped_comment_lines_are_joined() -> None:
    """msgmerge and editors wrap long comments; a wrapped line continues the one before."""
    comment = "back-translation: At the second stage\nthe samples are kept.\nround-trip chrF: 80.0"
    view = Entry(polib.POEntry(msgid=STAGE, comment=comment))
    assert view.comment_values("back-translation: ") == [
        "At the second stage the samples are kept."
    ]


def test_roundtrip_score_only_for_the_mt_output() -> None:
    entry = polib.POEntry(msgid=STAGE, msgstr=STAGE_RU, comment=_mt_comment(), flags=["fuzzy"])
    assert Entry(entry).roundtrip_chrf == 31.5
    edited = polib.POEntry(
        msgid=STAGE, msgstr=STAGE_RU + " ", comment=_mt_comment(), flags=["fuzzy"]
    )
    assert Entry(edited).roundtrip_chrf is None
    unreadable = polib.POEntry(
        msgid=STAGE, msgstr=STAGE_RU, comment=_mt_comment(chrf="n/a"), flags=["fuzzy"]
    )
    assert Entry(unreadable).roundtrip_chrf is None


def test_source_language_note() -> None:
    note = "l10n: source is in 'de', not English; no MT for it\nask Anna"
    assert Entry(polib.POEntry(msgid="Guten Tag.", tcomment=note)).source_language == "de"
    assert Entry(polib.POEntry(msgid="Hello.", tcomment="ask Anna")).source_language is None


def test_plural_forms() -> None:
    entry = polib.POEntry(
        msgid="%d sample",
        msgid_plural="%d samples",
        msgstr_plural={0: "%d образец", 1: "", 2: "%d образцов"},
    )
    view = Entry(entry)
    assert view.forms() == [("%d sample", "%d образец"), ("%d samples", "%d образцов")]
    assert view.translated and view.target_text == "%d образец\n%d образцов"
    empty = Entry(polib.POEntry(msgid="%d a", msgid_plural="%d b", msgstr_plural={0: "", 1: ""}))
    assert not empty.translated and empty.state is EntryState.UNTRANSLATED


def test_stats_of_the_demo_catalog_match_msgfmt_counting() -> None:
    """The shipped demo catalog: every active entry in one state; words of the sources."""
    catalog = polib.pofile(str(ROOT / "locales/ru/LC_MESSAGES/generium-next-release.po"))
    stats = catalog_stats(catalog, "demo")
    active = [e for e in catalog if not e.obsolete]
    assert stats.entries == len(active) > 0
    assert stats.fuzzy == sum(1 for e in active if "fuzzy" in e.flags and e.msgstr)
    assert stats.machine <= stats.fuzzy
    words = stats.translated_words + stats.fuzzy_words + stats.untranslated_words
    words += stats.kept_words  # «Ваш вопрос»: Russian in the source, kept as it is
    assert stats.kept == 1
    assert words == sum(len(e.msgid.split()) for e in active)
    total = total_stats([stats, stats])
    assert total.name == "total" and total.entries == 2 * stats.entries
    assert total.machine == 2 * stats.machine


def test_stats_count_each_state() -> None:
    catalog = [
        polib.POEntry(
            msgid="One two.",
            msgstr="Раз два.",
            comment=mt_comment("s", "Раз два."),
            flags=["fuzzy"],
        ),
        polib.POEntry(msgid="Three.", msgstr="Три."),
        polib.POEntry(msgid="Four five six.", msgstr=""),
        polib.POEntry(msgid="Seven.", msgstr="Семь.", obsolete=True),
    ]
    assert catalog_stats(catalog) == CatalogStats(
        translated=1,
        fuzzy=1,
        untranslated=1,
        obsolete=1,
        machine=1,
        translated_words=1,
        fuzzy_words=2,
        untranslated_words=3,
    )
