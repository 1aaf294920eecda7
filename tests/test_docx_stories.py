"""Word text outside the body's running text (issue 20): footnotes, endnotes, text boxes
(DrawingML and VML) and content controls at any level, read in document order with a
``#.`` comment saying where each is, and built back in place."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import polib
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from pipeline.formats import read_document
from pipeline.inline import strip_codes

from .helpers import msgfmt_check, run_cli
from .test_formats_docx import fill, translate_none

DATA = Path(__file__).parent / "data" / "documents"


def _copy(name: str, tmp_path: Path) -> Path:
    """A document of the corpus copied into the test's directory (its project)."""
    target = tmp_path / name
    target.write_bytes((DATA / name).read_bytes())
    return target


def _texts(data: bytes, part: str) -> list[str]:
    """The text of each paragraph of a part that has text (its ``w:t`` elements)."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read(part))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]
    return [text for text in texts if text]


def test_notes_and_text_boxes_are_read_in_document_order(tmp_path: Path) -> None:
    po = translate_none(_copy("notes.docx", tmp_path), tmp_path / "loc")
    msgfmt_check(po)
    entries = [(e.msgid, e.comment, e.occurrences) for e in polib.pofile(str(po))]
    notes, footnotes, endnotes = (
        "notes.docx",
        "notes.docx/word/footnotes.xml",
        "notes.docx/word/endnotes.xml",
    )
    body = "notes.docx/word/document.xml"  # a text box: the part that holds it
    assert entries == [
        ("The plant opened in May.", "", [(notes, "1")]),
        ("Production starts in June.", "", [(notes, "1")]),
        (
            "According to the city council.",
            "found in: footnote 2 (word/footnotes.xml)",
            [(footnotes, "3")],  # after the separator and continuation separator notes
        ),
        ("Sales grew.", "", [(notes, "3")]),
        ("Figures are unaudited.", "found in: endnote 2 (word/endnotes.xml)", [(endnotes, "3")]),
        ("Contact details follow.", "", [(notes, "5")]),
        ("Call us today.", "found in: text box", [(body, "4"), (body, "5")]),  # DrawingML, VML
        ("Indented cell.", "", [(notes, "8")]),
    ]


@pytest.mark.parametrize(
    "name",
    ["notes.docx", "mammoth-footnotes.docx", "mammoth-endnotes.docx", "mammoth-text-box.docx"],
)
def test_part_references_name_the_paragraph_in_its_part(name: str, tmp_path: Path) -> None:
    """``#: FILE/PART:N`` of a note or text box is one reference for PO tools, and the Nth
    paragraph of PART holds the entry's text."""
    source = _copy(name, tmp_path)
    po = translate_none(source, tmp_path / "loc")
    msgfmt_check(po)
    text = po.read_text(encoding="utf-8")
    found = 0
    for entry in polib.pofile(str(po)):
        for file_name, line in entry.occurrences:
            assert line.isdigit() and " " not in file_name
            assert f"{file_name}:{line}" in text
            if file_name == name:
                continue
            found += 1
            assert file_name.startswith(f"{name}/word/")
            part = file_name.removeprefix(f"{name}/")
            paragraphs = _paragraph_texts(source.read_bytes(), part)
            assert strip_codes(entry.msgid) in paragraphs[int(line) - 1]
    assert found


def _paragraph_texts(data: bytes, part: str) -> list[str]:
    """The text of every paragraph of a part (empty ones too), in the part's order."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read(part))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]


def test_part_references_survive_a_second_translate(tmp_path: Path) -> None:
    """The merge into an existing catalog keeps the translation and the part references."""
    source = _copy("mammoth-footnotes.docx", tmp_path)
    po = translate_none(source, tmp_path / "loc")
    fill(po, {"Fin.": "Конец."})
    po = translate_none(source, tmp_path / "loc")
    entry = next(e for e in polib.pofile(str(po)) if e.msgid == "Fin.")
    assert entry.msgstr == "Конец."
    assert entry.occurrences == [("mammoth-footnotes.docx/word/footnotes.xml", "4")]


def test_notes_and_text_boxes_are_built_in_place(tmp_path: Path) -> None:
    po = translate_none(_copy("notes.docx", tmp_path), tmp_path / "loc")
    catalog = polib.pofile(str(po))
    fill(po, {e.msgid: e.msgid.upper() for e in catalog})
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    built = out.read_bytes()
    assert _texts(built, "word/footnotes.xml") == ["ACCORDING TO THE CITY COUNCIL."]
    assert _texts(built, "word/endnotes.xml") == ["FIGURES ARE UNAUDITED."]
    body = _texts(built, "word/document.xml")
    assert body.count("CALL US TODAY.") == 2  # the DrawingML text box and its VML fallback
    assert "Call us today." not in body
    assert docx.Document(str(out)).paragraphs[0].text.startswith("THE PLANT OPENED IN MAY.")


def test_document_with_text_only_in_a_footnote_is_read(tmp_path: Path) -> None:
    blocks = read_document(DATA / "footnote-only.docx").blocks
    assert [(b.text, b.note) for b in blocks] == [
        ("Only this footnote has words.", "footnote 2 (word/footnotes.xml)")
    ]


def test_content_controls_around_cells_and_rows_are_read(tmp_path: Path) -> None:
    """Word's cover pages wrap whole table cells (and rows) in content controls."""
    document = docx.Document()
    document.add_paragraph("Body text.")
    table = document.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, (("Title", "Subtitle"), ("Author", "Date")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    first_row = table.rows[0]._tr
    cell = first_row.findall(qn("w:tc"))[1]
    _wrap(cell)  # a control around one cell
    _wrap(table.rows[1]._tr)  # and one around a whole row
    source = tmp_path / "cover.docx"
    document.save(str(source))
    assert [b.text for b in read_document(source).blocks] == [
        "Body text.",
        "Title",
        "Subtitle",
        "Author",
        "Date",
    ]
    po = translate_none(source, tmp_path / "loc")
    fill(po, {"Subtitle": "Sous-titre", "Date": "Jour"})
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    assert _texts(out.read_bytes(), "word/document.xml") == [
        "Body text.",
        "Title",
        "Sous-titre",
        "Author",
        "Jour",
    ]


def _wrap(element: object) -> None:
    """Put ``element`` inside a block-level content control (``w:sdt``)."""
    parent = element.getparent()  # type: ignore[attr-defined]
    control = OxmlElement("w:sdt")
    control.append(OxmlElement("w:sdtPr"))
    content = OxmlElement("w:sdtContent")
    control.append(content)
    parent.replace(element, control)
    content.append(element)


def _as_strict(data: bytes) -> bytes:
    """A Transitional package rewritten with Strict OOXML's names (ISO/IEC 29500 Strict):
    purl.oclc.org namespaces and relationship types, ``w:conformance="strict"``."""
    strict = re.compile(
        rb"http://schemas\.openxmlformats\.org/(wordprocessingml|officeDocument|drawingml)/2006/"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as package, zipfile.ZipFile(buffer, "w") as out:
        for entry in package.infolist():
            content = package.read(entry.filename)
            if entry.filename.endswith((".xml", ".rels")):
                content = strict.sub(rb"http://purl.oclc.org/ooxml/\1/", content)
                content = content.replace(
                    b"relationships/extended-properties", b"relationships/extendedProperties"
                )
                content = content.replace(
                    b"<w:document ", b'<w:document w:conformance="strict" ', 1
                )
            out.writestr(entry, content)
    return buffer.getvalue()


def test_strict_ooxml_is_read_and_built_as_transitional(tmp_path: Path) -> None:
    source = tmp_path / "strict.docx"
    source.write_bytes(_as_strict((DATA / "notes.docx").read_bytes()))
    with zipfile.ZipFile(source) as package:
        assert b"purl.oclc.org/ooxml/wordprocessingml/main" in package.read("word/document.xml")
    po = translate_none(source, tmp_path / "loc")
    catalog = polib.pofile(str(po))
    assert [e.msgid for e in catalog][:3] == [
        "The plant opened in May.",
        "Production starts in June.",
        "According to the city council.",
    ]
    fill(po, {e.msgid: e.msgid.upper() for e in catalog})
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    built = out.read_bytes()
    assert _texts(built, "word/footnotes.xml") == ["ACCORDING TO THE CITY COUNCIL."]
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        assert b"purl.oclc.org" not in package.read("word/document.xml")
    assert docx.Document(str(out)).paragraphs[0].text.startswith("THE PLANT OPENED IN MAY.")


def test_a_text_box_in_a_header_refers_to_the_header_part(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Body text.")
    header = document.sections[0].header
    header.paragraphs[0].text = "Header line."
    box = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        "<v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed in the header.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    header.paragraphs[0]._p.append(parse_xml(box))
    source = tmp_path / "boxed.docx"
    document.save(str(source))
    po = translate_none(source, tmp_path / "loc")
    msgfmt_check(po)
    references = {e.msgid: e.occurrences for e in polib.pofile(str(po))}
    assert references == {
        "Header line.": [("boxed.docx", "1")],
        "Boxed in the header.": [("boxed.docx/word/header1.xml", "2")],
        "Body text.": [("boxed.docx", "3")],
    }


def test_build_names_an_untranslated_note_by_its_part_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _copy("notes.docx", tmp_path)
    po = translate_none(source, tmp_path / "loc")
    fill(po, {"According to the city council.": ""})
    capsys.readouterr()
    assert run_cli("build", po, "--out", tmp_path / "built.docx") != 0
    pending = capsys.readouterr().err.splitlines()
    assert pending[0] == (
        f"{source}/word/footnotes.xml:3: untranslated: According to the city council."
    )
    assert not (tmp_path / "built.docx").exists()
