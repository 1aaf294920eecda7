"""TMX 1.4b export and import of the translation memory."""

from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.batch import TranslateRequest, run_translate
from pipeline.memory import MemoryUnit, TranslationMemory
from pipeline.tmx import parse_tmx, units_to_tmx

from .helpers import run_cli, run_l10n
from .scripted import ScriptedFactory

UNITS = [
    MemoryUnit(
        "The <b1>SEZ</b1> & partners grew.",
        "ru",
        "<b1>ОЭЗ</b1> и партнёры выросли.",
        "release-1",
        "2026-11-20 10:00:00Z",
    ),
    MemoryUnit("Jobs.", "pt_BR", "Empregos.", "", "2025-01-02 03:04:05Z"),
    MemoryUnit("Jobs.", "de", "Arbeitsplätze.", "rel-2", "2026-02-03 04:05:06Z"),
]


def test_export_import_round_trip_is_lossless(tmp_path: Path) -> None:
    memory = tmp_path / "m.sqlite"
    with TranslationMemory(memory) as tm:
        tm.add_units(UNITS)
    tmx = tmp_path / "out.tmx"
    assert run_cli("memory", "--memory", memory, "export", "--tmx", tmx) == 0
    text = tmx.read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in text and 'xml:lang="pt-BR"' in text
    assert 'changedate="20261120T100000Z"' in text and '<prop type="x-document">release-1' in text
    other = tmp_path / "other.sqlite"
    assert run_cli("memory", "--memory", other, "import", tmx) == 0
    with TranslationMemory(other) as tm:
        assert sorted(tm.units(), key=repr) == sorted(UNITS, key=repr)


text_strategy = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and t)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            MemoryUnit,
            source=text_strategy,
            lang=st.sampled_from(["ru", "de", "pt_BR", "zh_Hans"]),
            translation=text_strategy,
            document=st.sampled_from(["", "doc", "release-2026"]),
            updated=st.sampled_from(["2026-11-20 10:00:00Z", "1999-12-31 23:59:59Z"]),
        ),
        max_size=5,
    )
)
def test_any_units_survive_the_file(units: list[MemoryUnit]) -> None:
    assert list(parse_tmx(units_to_tmx(units), "x.tmx")) == units


def test_imported_units_are_offered_like_reviewed_entries(tmp_path: Path) -> None:
    tmx = tmp_path / "agency.tmx"
    tmx.write_bytes(
        units_to_tmx(
            [
                MemoryUnit(
                    "Alpha bravo charlie.",
                    "ru",
                    "Альфа браво чарли.",
                    "agency",
                    "2026-01-01 00:00:00Z",
                )
            ]
        )
    )
    memory = tmp_path / "locales" / ".l10n-memory.sqlite"
    assert run_cli("memory", "--memory", memory, "import", tmx) == 0
    source = tmp_path / "doc.txt"
    source.write_text("Alpha bravo charlie.\n\nDelta echo.\n", encoding="utf-8")
    out = tmp_path / "locales"
    run_translate(
        TranslateRequest(
            sources=[str(source)],
            languages=["ru"],
            out=out,
            models={"ru": ("fwd", "back")},
            engine_factory=ScriptedFactory(),
            memory_path=memory,
        )
    )
    entry = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "doc.po")).find("Alpha bravo charlie.")
    assert entry.msgstr == "Альфа браво чарли." and "fuzzy" in entry.flags
    assert "memory: exact match from 'agency' (2026-01-01 00:00:00Z)" in entry.comment
    # A human translation: the next MT run leaves it alone.
    run_translate(
        TranslateRequest(
            sources=[str(source)],
            languages=["ru"],
            out=out,
            models={"ru": ("other", "back")},
            engine_factory=ScriptedFactory(),
        )
    )
    again = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "doc.po")).find("Alpha bravo charlie.")
    assert again.msgstr == "Альфа браво чарли."


def test_bad_tmx_is_exit_2(tmp_path: Path) -> None:
    entities = tmp_path / "bomb.tmx"
    entities.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]>'
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&a;</seg>'
        "</tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    not_xml = tmp_path / "broken.tmx"
    not_xml.write_text("<tmx><body>", encoding="utf-8")
    other = tmp_path / "other.tmx"
    other.write_text("<xliff version='1.2'/>", encoding="utf-8")
    memory = tmp_path / "m.sqlite"
    for path in (entities, not_xml, other):
        result = run_l10n("memory", "--memory", memory, "import", path)
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith(f"l10n: error: {path}: ")
    assert not memory.exists()
