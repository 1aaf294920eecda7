"""White space in Word kept exactly (issue 20): runs of spaces inside a sentence stay in
the msgid as the document has them, and an identity build gives back every character Word
shows, paragraph by paragraph (spaces across runs, ``xml:space="preserve"``, tabs, line
breaks, leading and trailing spaces in table cells)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import polib
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from pipeline.formats import read_document
from pipeline.segment import segment_document

from .helpers import msgfmt_check, run_cli
from .test_formats_docx import fill, translate_none

_P = f"<w:p {nsdecls('w')}>{{}}</w:p>"


def _run(text: str, *, preserve: bool = True, bold: bool = False) -> str:
    space = ' xml:space="preserve"' if preserve else ""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}<w:t{space}>{text}</w:t></w:r>"


_TAB = "<w:r><w:tab/></w:r>"
_BREAK = "<w:r><w:br/></w:r>"
# The paragraphs of the body, as WordprocessingML runs.
PARAGRAPHS = [
    _run("Name:   Value in one run."),
    _run("Across runs ") + _run(" two spaces."),
    _run("Bold  ", bold=True) + _run("  plain.   Second   sentence.  Third."),
    # Without xml:space="preserve" Word drops the white space at the ends of a w:t.
    _run("Word drops", preserve=False) + _run("   the ends.   ", preserve=False),
    _run("Item") + _TAB + _run("  costs   five.  ") + _TAB + _run("  Tabs around."),
    _run("Line one.  ") + _BREAK + _run("  Line   two."),
]
CELLS = ["   Indented   cell.  ", "Trailing space. ", "\u00a0Kept no-break space."]


def _document(path: Path) -> Path:
    """A .docx with every kind of white space Word shows (written as WordprocessingML)."""
    document = docx.Document()
    body = document.element.body
    for runs in PARAGRAPHS:
        body.insert(len(body) - 1, parse_xml(_P.format(runs)))  # before the w:sectPr
    table = document.add_table(rows=1, cols=len(CELLS))
    for cell, text in zip(table.rows[0].cells, CELLS, strict=True):
        paragraph = cell.paragraphs[0]._p
        paragraph.append(
            parse_xml(f"<w:r {nsdecls('w')}><w:t xml:space='preserve'>{text}</w:t></w:r>")
        )
    document.save(str(path))
    return path


def _shown(data: bytes) -> list[str]:
    """What Word shows of each paragraph of the body: its text (a ``w:t`` without
    ``xml:space="preserve"`` without the white space at its ends), tabs and breaks."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    shown: list[str] = []
    for paragraph in root.iter(qn("w:p")):
        parts: list[str] = []
        for element in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            if element.tag == qn("w:t"):
                text = element.text or ""
                keep = element.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
                parts.append(text if keep else text.strip(" "))
            elif element.getparent().tag == qn("w:r"):
                parts.append("\t" if element.tag == qn("w:tab") else "\n")
        shown.append("".join(parts))
    return shown


def _upper_text(msgid: str) -> str:
    """The msgid in capitals, its inline codes as they are."""
    parts = re.split(r"(</?[a-z]+\d+/?>)", msgid)
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(parts))


def _build(source: Path, tmp_path: Path, translate: dict[str, str] | None) -> bytes:
    po = translate_none(source, tmp_path / "loc")
    fill(po, translate)
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    return out.read_bytes()


def test_runs_of_spaces_stay_in_the_msgid(tmp_path: Path) -> None:
    source = _document(tmp_path / "spaces.docx")
    msgids = [s.text for s in segment_document(read_document(source)).segments]
    assert msgids == [
        "Name:   Value in one run.",
        "Across runs  two spaces.",
        "<b1>Bold</b1>    plain.",  # the spaces move out of the bold, all four of them
        "Second   sentence.",
        "Third.",
        "Word dropsthe ends.",
        "Item<x1/>  costs   five.",
        "Tabs around.",
        "Line one.",
        "Line   two.",
        "Indented   cell.",
        "Trailing space.",
        "Kept no-break space.",  # the no-break space stays in the cell, outside
    ]
    po = translate_none(source, tmp_path / "loc")
    msgfmt_check(po)
    assert "Name:   Value in one run." in {e.msgid for e in polib.pofile(str(po))}


def test_identity_build_gives_back_every_character_word_shows(tmp_path: Path) -> None:
    source = _document(tmp_path / "spaces.docx")
    built = _build(source, tmp_path, None)
    assert _shown(built) == _shown(source.read_bytes())
    assert _shown(built)[0] == "Name:   Value in one run."
    assert "   Indented   cell.  " in _shown(built)


def test_pseudo_build_translates_every_word_and_keeps_the_spacing(tmp_path: Path) -> None:
    source = _document(tmp_path / "spaces.docx")
    catalog = polib.pofile(str(translate_none(source, tmp_path / "first")))
    pseudo = {e.msgid: _upper_text(e.msgid) for e in catalog}
    built = _shown(_build(source, tmp_path, pseudo))
    assert [t for t in built if re.search(r"[a-z]", t)] == []
    assert built == [t.upper() for t in _shown(source.read_bytes())]
