"""Rich test documents written on the fly: the sample release as .docx (python-docx) and as
an .html page, and helpers to compare documents as a user would see them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .helpers import SAMPLE

LINK_URL = "https://technopolis.moscow/sez"
LINK_TITLE = "The special economic zone"
COMPANY = "Generium Next"


def sample_paragraphs() -> list[str]:
    """The paragraphs of the sample release (blank-line separated), lines joined."""
    text = SAMPLE.read_text(encoding="utf-8")
    return [" ".join(p.split("\n")) for p in re.split(r"\n\s*\n", text) if p.strip()]


def add_hyperlink(paragraph: Any, text: str, url: str, bold: bool = False) -> Any:
    """A w:hyperlink with one run in the Hyperlink character style."""
    part = paragraph.part
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    if bold:
        props.append(OxmlElement("w:b"))
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)
    return link


def add_marked_text(paragraph: Any, text: str) -> None:
    """Text with the company name in bold and the first "SEZ Technopolis Moscow" a link."""
    linked = False
    for piece in re.split(rf"({re.escape(COMPANY)}|SEZ Technopolis Moscow)", text):
        if not piece:
            continue
        if piece == COMPANY:
            paragraph.add_run(piece).bold = True
        elif piece == "SEZ Technopolis Moscow" and not linked:
            add_hyperlink(paragraph, piece, LINK_URL)
            linked = True
        else:
            paragraph.add_run(piece)


def release_docx(path: Path) -> Path:
    """The sample release as Word: heading, bold company name, a hyperlink, a table, footer."""
    document = docx.Document()
    document.add_heading("Generium Next becomes a resident of Technopolis Moscow", level=1)
    for text in sample_paragraphs():
        add_marked_text(document.add_paragraph(), text)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Planned investment"
    table.cell(0, 1).text = "5 billion rubles"
    table.cell(1, 0).text = "Jobs"
    table.cell(1, 1).text = "250"
    document.sections[0].footer.paragraphs[0].text = "Press office of SEZ Technopolis Moscow."
    document.save(str(path))
    return path


def release_html(path: Path) -> Path:
    """The sample release as a web page: headings, a link, an image with alt, a script."""
    from html import escape

    body = []
    for index, text in enumerate(sample_paragraphs()):
        marked = escape(text, quote=False).replace(COMPANY, f"<strong>{COMPANY}</strong>")
        if index == 0:
            marked = marked.replace(
                "SEZ Technopolis Moscow",
                f'<a href="{LINK_URL}" title="{LINK_TITLE}">SEZ Technopolis Moscow</a>',
                1,
            )
        body.append(f"<p>{marked}</p>")
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>Generium Next becomes a resident</title>"
        "<style>p { margin: 0 }</style></head><body>\n"
        "<h1>Generium Next becomes a resident of Technopolis Moscow</h1>\n"
        "<img src='plant.jpg' alt='The future plant in Zelenograd'>\n"
        "<h2>The announcement</h2>\n" + "\n".join(body) + "\n"
        "<script>var tracking = 'Do not translate this.';</script>\n"
        "</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def docx_runs(path: Path) -> list[list[tuple[str, str]]]:
    """Per paragraph with text (body, tables, headers, footers): each non-space character
    with the run properties and the hyperlink target it has."""
    from lxml import etree

    document = docx.Document(str(path))
    rels = document.part.rels
    result: list[list[tuple[str, str]]] = []
    for paragraph in document.element.body.iter(qn("w:p")):
        chars: list[tuple[str, str]] = []
        for run in paragraph.iter(qn("w:r")):
            props = run.find(qn("w:rPr"))
            # An empty <w:rPr/> is no properties at all.
            key = etree.tostring(props).decode() if props is not None and len(props) else ""
            parent = run.getparent()
            if parent.tag == qn("w:hyperlink"):
                key += " -> " + rels[parent.get(qn("r:id"))].target_ref
            for t in run.iter(qn("w:t")):
                chars.extend((ch, key) for ch in (t.text or "") if not ch.isspace())
        if chars:
            result.append(chars)
    return result


def dom_signature(html_text: str) -> list[tuple[str, str, str]]:
    """Every element (tag, sorted attributes) and its text, white space collapsed; a
    ``<meta charset="utf-8">`` (which every built page declares) is left out."""
    import html5lib

    tree = html5lib.parse(html_text, treebuilder="lxml", namespaceHTMLElements=False)
    out: list[tuple[str, str, str]] = []
    for element in tree.getroot().iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "meta" and (element.get("charset") or "").lower() == "utf-8":
            continue
        attributes = repr(sorted(element.attrib.items()))
        text = " ".join((element.text or "").split())
        tail = " ".join((element.tail or "").split())
        out.append((element.tag, attributes, f"{text}|{tail}"))
    return out
