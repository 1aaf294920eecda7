"""TBX export and import: lossless round trip, TBX v3 input, hostile files, the commands."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.glossary import GlossaryTerm
from pipeline.glossary.csvfile import format_terms, load_terms, parse_terms
from pipeline.glossary.tbx import parse_tbx, terms_to_tbx

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "glossary" / "terms.csv"


def without_lines(terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    return [dataclasses.replace(term, line=0) for term in terms]


def csv_to_tbx_to_csv(terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """CSV text → terms → TBX → terms → CSV text → terms, all in memory."""
    loaded, findings = parse_terms(format_terms(terms).encode("utf-8"))
    assert findings == []
    imported = parse_tbx(terms_to_tbx(loaded), "memory.tbx")
    assert imported.skipped_entries == 0
    again, findings = parse_terms(format_terms(imported.terms).encode("utf-8"))
    assert findings == []
    return without_lines(again)


def test_shipped_glossary_round_trips() -> None:
    terms = load_terms(SHIPPED)
    assert csv_to_tbx_to_csv(terms) == without_lines(terms)


def test_export_uses_tbx_basic_structure() -> None:
    term = GlossaryTerm(
        "SEZ", "ru", ("ОЭЗ", "особая экономическая зона"), ("СЭЗ",), "noun", True, True, "n"
    )
    xml = terms_to_tbx([term]).decode("utf-8")
    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>\n<martif type=\"TBX-Basic\"")
    for fragment in (
        '<langSet xml:lang="en">',
        '<langSet xml:lang="ru">',
        "<term>SEZ</term>",
        '<termNote type="partOfSpeech">noun</termNote>',
        '<termNote type="x-caseSensitive">yes</termNote>',
        '<termNote type="x-doNotTranslate">yes</termNote>',
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>',
        '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>',
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>',
        "<note>n</note>",
    ):
        assert fragment in xml


_TEXT = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn"), blacklist_characters="|"),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
_TERMS = st.lists(
    st.builds(
        GlossaryTerm,
        term=_TEXT,
        lang=st.sampled_from(["ru", "ru-RU", "de", "pt_BR", "sr-Latn", "zh"]),
        translations=st.lists(_TEXT, min_size=1, max_size=3).map(tuple),
        forbidden=st.lists(_TEXT, max_size=3).map(tuple),
        pos=st.one_of(st.just(""), _TEXT),
        case_sensitive=st.booleans(),
        dnt=st.booleans(),
        note=st.one_of(st.just(""), _TEXT),
    ),
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(_TERMS)
def test_round_trip_csv_tbx_csv_keeps_every_field(terms: list[GlossaryTerm]) -> None:
    assert csv_to_tbx_to_csv(terms) == terms


def test_note_with_line_break_and_markup_round_trips() -> None:
    term = GlossaryTerm("A & B", "ru", ("<А>",), ('"Б"',), note="line one\nline <two> & 'three'")
    assert csv_to_tbx_to_csv([term]) == [term]


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <note>entry note</note>
      <langSec xml:lang="en">
        <termSec><term>orphan disease</term>
          <termNote type="partOfSpeech">noun</termNote></termSec>
        <termSec><term>rare disease</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ru">
        <termSec><term>редкое заболевание</term></termSec>
        <termSec><term>сиротское заболевание</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
        <termSec><term>орфанное заболевание</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c2"><langSec xml:lang="en"><termSec><term>lonely</term></termSec>
    </langSec></conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_v3_with_namespace_is_imported() -> None:
    imported = parse_tbx(TBX_V3.encode(), "v3.tbx")
    assert imported.skipped_entries == 1
    expected = GlossaryTerm(
        term="orphan disease",
        lang="ru",
        translations=("орфанное заболевание", "редкое заболевание"),
        forbidden=("сиротское заболевание",),
        pos="noun",
        note="entry note",
    )
    assert imported.terms == [
        expected,
        dataclasses.replace(expected, term="rare disease", pos=""),
    ]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="en">
<tig><term>&lol4;</term></tig></langSet></termEntry></body></text></martif>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX-Basic"><text><body><termEntry><langSet xml:lang="en">
<tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>
"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "http://example.com/TBXcoreStructV02.dtd">
<martif type="TBX-Basic"><text><body/></text></martif>
"""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (BILLION_LAUGHS, "rejected: TBX with a DOCTYPE/DTD"),
        (EXTERNAL_ENTITY, "rejected: TBX with a DOCTYPE/DTD"),
        (EXTERNAL_DTD, "rejected: TBX with a DOCTYPE/DTD"),
        ("term,lang,translation\nSEZ,ru,ОЭЗ\n", "not a TBX file: XML error (syntax error)"),
        ("<martif><text>", "not a TBX file: XML error (no element found) at line 1"),
        ("", "not a TBX file: XML error (no element found)"),
        ("<html><body/></html>", "not a TBX file: the root element is <html>"),
    ],
)
def test_hostile_or_invalid_tbx_is_rejected_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, reason: str
) -> None:
    tbx = tmp_path / "hostile.tbx"
    tbx.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        parse_tbx(tbx.read_bytes(), tbx)
    message = str(error.value)
    assert message.startswith(f"{tbx}: {reason}")
    assert "\n" not in message
    glossary = tmp_path / "terms.csv"
    assert main(["glossary", "import", str(tbx), "--glossary", str(glossary)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not glossary.exists()


def test_export_then_import_commands_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tbx, copy = tmp_path / "out.tbx", tmp_path / "copy" / "terms.csv"
    assert main(["glossary", "export", "--tbx", str(tbx), "--glossary", str(SHIPPED)]) == 0
    assert main(["glossary", "import", str(tbx), "--glossary", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")
    assert f"{copy}: {len(load_terms(SHIPPED))} added, 0 updated, 0 unchanged" in (
        capsys.readouterr().out
    )
    assert sorted(p.name for p in copy.parent.iterdir()) == ["terms.csv"]  # no temp files


def test_import_merges_into_existing_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        "term,lang,translation\nSEZ,ru,СЭЗ\nresident,ru,резидент\n", encoding="utf-8"
    )
    incoming = [
        GlossaryTerm("SEZ", "ru", ("ОЭЗ",), ("СЭЗ",)),
        GlossaryTerm("resident", "ru", ("резидент",)),
        GlossaryTerm("cystic fibrosis", "ru", ("муковисцидоз",)),
    ]
    tbx = tmp_path / "in.tbx"
    tbx.write_bytes(terms_to_tbx(incoming))
    assert main(["glossary", "import", str(tbx), "--glossary", str(glossary)]) == 0
    assert "1 added, 1 updated, 1 unchanged" in capsys.readouterr().out
    assert without_lines(load_terms(glossary)) == incoming


def test_import_replace_drops_existing_entries(tmp_path: Path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("term,lang,translation\nold,ru,старый\n", encoding="utf-8")
    tbx = tmp_path / "in.tbx"
    tbx.write_bytes(terms_to_tbx([GlossaryTerm("SEZ", "ru", ("ОЭЗ",))]))
    assert main(["glossary", "import", str(tbx), "--glossary", str(glossary), "--replace"]) == 0
    assert [t.term for t in load_terms(glossary)] == ["SEZ"]


def test_export_to_stdout(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["glossary", "export", "--tbx", "-", "--glossary", str(SHIPPED)]) == 0
    imported = parse_tbx(capsysbinary.readouterr().out, "stdout")
    assert without_lines(imported.terms) == without_lines(load_terms(SHIPPED))


def test_export_of_missing_glossary_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.csv"
    assert (
        main(["glossary", "export", "--tbx", str(tmp_path / "x.tbx"), "--glossary", str(missing)])
        == 2
    )
    assert "none.csv: no such glossary file" in capsys.readouterr().err
