"""Identity and pseudo builds over every document of ``tests/data/documents`` (issue 20).

Identity: every msgstr equal to its msgid gives back every visible character of the source,
white space included (HTML's collapsible white space, which a browser shows as one space,
compared collapsed); a Markdown file comes back byte for byte. Pseudo: every msgstr the
msgid in capitals leaves no lower-case letter of the source in the visible text (Markdown:
as markdown-it-py renders it), except what is meant to stay (``code``, URLs shown as
autolinks).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import html5lib
import polib
import pytest
from lxml import etree

from pipeline.formats.docx import as_transitional
from pipeline.inline import CODE

from .helpers import run_cli

DATA = Path(__file__).parent / "data" / "documents"
CORPUS = sorted(
    p for p in DATA.iterdir() if p.suffix in (".docx", ".html", ".md") and p.name != "README.md"
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOT_TRANSLATED = {"code", "pre", "script", "style", "template", "textarea"}
# A msgid's inline codes, and text that looks like one written with ``&lt;``.
_CODE_OR_ESCAPE = re.compile(rf"{CODE.pattern}|&(?:amp;)*lt;")
_TASK_BOX = re.compile(r"^\[[ xX]\](?=\s)")  # a task list item's box, shown as a checkbox
_URL = re.compile(r"(?:https?://|mailto:)\S*|[\w.+-]+@[\w-]+\.[\w.-]+")


def _visible_html(data: bytes) -> list[str]:
    """The text of every element of the page's body and title, in order (white space a
    browser collapses as one space), with what is meant to stay untranslated left out."""
    page = data.decode("utf-8")  # the corpus is UTF-8; the built page says so
    tree = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    texts: list[str] = []

    def visit(element: etree._Element, keep: bool) -> None:
        if not isinstance(element.tag, str):
            return
        keep = keep and element.tag not in _NOT_TRANSLATED
        if keep and element.text:
            texts.append(element.text)
        for child in element:
            visit(child, keep)
            if keep and child.tail:
                texts.append(child.tail)

    root = tree.getroot()
    for part in (root.find("head/title"), root.find("body")):
        if part is not None:
            visit(part, True)
    return [t for t in re.sub(r"[ \t\n\r\f]+", " ", "\x00".join(texts)).split("\x00")]


def _visible_docx(data: bytes) -> list[str]:
    """The text of every paragraph of every story part (body, notes, headers, footers),
    as Word shows it: white space kept, tabs as tab characters."""
    texts: list[str] = []
    data = as_transitional(data)  # Strict OOXML's names as Transitional's, as the build has them
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if not re.fullmatch(
                r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml", name
            ):
                continue
            root = etree.fromstring(package.read(name))
            for paragraph in root.iter(f"{_W}p"):
                own = [e for e in paragraph.iter(f"{_W}t", f"{_W}tab") if _owner(e) is paragraph]
                own = [e for e in own if e.tag == f"{_W}t" or e.getparent().tag == f"{_W}r"]
                texts.append("".join(_shown(e) for e in own))
    return texts


def _shown(element: etree._Element) -> str:
    """What Word shows for a ``w:t`` or ``w:tab``: a ``w:t`` without ``xml:space="preserve"``
    loses the white space at its ends (ECMA-376 Part 1, 17.3.3.31)."""
    if element.tag == f"{_W}tab":
        return "\t"
    preserve = element.xpath("ancestor-or-self::*[@xml:space][1]/@xml:space") == ["preserve"]
    return (element.text or "") if preserve else (element.text or "").strip(" \t\r\n")


def _owner(text: etree._Element) -> etree._Element:
    element = text.getparent()
    while element is not None and element.tag != f"{_W}p":
        element = element.getparent()
    return element


def _visible_markdown(data: bytes) -> list[str]:
    """The visible text of a Markdown file rendered by markdown-it-py as the pipeline
    reads it (CommonMark, tables, strike-through, footnotes), URLs shown as text and task
    list boxes (``[x]``, a checkbox on GitHub) left out."""
    from pipeline.formats.markdown import markdown_parser

    parser = markdown_parser()
    page = "<html><body>" + parser.render(data.decode("utf-8-sig")) + "</body></html>"
    texts = _visible_html(page.encode("utf-8"))
    return [_URL.sub("", _TASK_BOX.sub("", text)) for text in texts]


def _visible(path: Path, data: bytes) -> list[str]:
    if path.suffix == ".md":
        return _visible_markdown(data)
    return _visible_html(data) if path.suffix == ".html" else _visible_docx(data)


def _build(source: Path, tmp_path: Path, translate: object) -> bytes:
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    out = tmp_path / "loc"
    assert run_cli("translate", copy, "--to", "fr", "--engine", "none", "--out", out) == 0
    po = out / "fr" / "LC_MESSAGES" / f"{source.stem}.po"
    catalog = polib.pofile(str(po))
    assert len(catalog), f"{source.name}: nothing read"
    for entry in catalog:
        entry.msgstr = translate(entry.msgid)  # type: ignore[operator]
    catalog.save(str(po))
    built = tmp_path / f"built{source.suffix}"
    assert run_cli("build", po, "--out", built) == 0
    return built.read_bytes()


def _pseudo(msgid: str) -> str:
    """The msgid in capitals, its codes (and text written as ``&lt;``) as they are."""
    parts: list[str] = []
    position = 0
    for match in _CODE_OR_ESCAPE.finditer(msgid):
        parts += [msgid[position : match.start()].upper(), match.group()]
        position = match.end()
    return "".join(parts) + msgid[position:].upper()


pytestmark = pytest.mark.filterwarnings("ignore::html5lib.constants.DataLossWarning")


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_identity_build_reproduces_every_visible_character(source: Path, tmp_path: Path) -> None:
    built = _build(source, tmp_path, lambda msgid: msgid)
    if source.suffix == ".md":
        assert built == source.read_bytes()
    elif source.suffix == ".html":  # text nodes may be split otherwise: compare the whole text
        assert _joined(_visible(source, built)) == _joined(_visible(source, source.read_bytes()))
    else:
        assert _visible(source, built) == _visible(source, source.read_bytes())


def _joined(texts: list[str]) -> str:
    return re.sub(r"[ \t\n\r\f]+", " ", "".join(texts)).strip()


@pytest.mark.parametrize("source", CORPUS, ids=lambda p: p.name)
def test_pseudo_build_leaves_no_source_text(source: Path, tmp_path: Path) -> None:
    built = _build(source, tmp_path, _pseudo)
    left = [t for t in _visible(source, built) if re.search(r"[a-z]", t)]
    assert left == []
    assert _joined(_visible(source, built)).lower() == (
        _joined(_visible(source, source.read_bytes())).lower()
    )
    if source.suffix == ".md":  # the same elements, in the same order, as rendered
        assert _elements(built) == _elements(source.read_bytes())


def _elements(markdown: bytes) -> list[str]:
    """The start and end tags of a Markdown file rendered as the pipeline reads it."""
    from pipeline.formats.markdown import markdown_parser

    return re.findall(r"</?[a-zA-Z][\w-]*", markdown_parser().render(markdown.decode("utf-8-sig")))
