"""Word documents in and out: segments with inline codes, build in .docx, bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import polib
import pytest
from docx.enum.text import WD_BREAK
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.formats import read_document
from pipeline.inline import strip_codes
from pipeline.segment import segment_document
from pipeline.sentences import split_sentences

from .helpers import msgfmt_check, run_cli, run_l10n
from .rich_samples import (
    COMPANY,
    LINK_URL,
    add_hyperlink,
    docx_runs,
    release_docx,
    sample_paragraphs,
)


def translate_none(source: Path, out: Path) -> Path:
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    return out / "ru" / "LC_MESSAGES" / f"{source.stem}.po"


def fill(po: Path, translate: dict[str, str] | None = None) -> polib.POFile:
    """Every msgstr set to its translation in ``translate``, else to its msgid."""
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = (translate or {}).get(entry.msgid, entry.msgid)
    catalog.save(str(po))
    return catalog


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return release_docx(tmp_path / "release.docx")


def test_release_segments_match_plain_text(release: Path) -> None:
    segments = [s.text for s in segment_document(read_document(release)).segments]
    plain = [s for p in sample_paragraphs() for s in split_sentences(p)]
    body = segments[1:-5]  # heading first; table (4 cells) and footer last
    assert [strip_codes(s) for s in body] == plain
    assert segments[0] == "Generium Next becomes a resident of Technopolis Moscow"
    assert segments[-5:] == [
        "Planned investment",
        "5 billion rubles",
        "Jobs",
        "250",
        "Press office of SEZ Technopolis Moscow.",
    ]
    first = body[0]
    assert first.startswith(f"The company <b1>{COMPANY}</b1> received the status")
    assert "<a2>SEZ Technopolis Moscow</a2>" in first
    kinds = [b.kind.value for b in read_document(release).blocks]
    assert kinds[0] == "heading" and kinds[-5:-1] == ["table_cell"] * 4


def test_release_identity_build_reproduces_the_document(release: Path, tmp_path: Path) -> None:
    po = translate_none(release, tmp_path / "locales")
    msgfmt_check(po)
    fill(po)
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    assert docx_runs(out) == docx_runs(release)
    built = docx.Document(str(out))
    assert [p.text for p in built.paragraphs][0] == (
        "Generium Next becomes a resident of Technopolis Moscow"
    )
    assert built.paragraphs[0].style.name == "Heading 1"
    assert built.tables[0].cell(0, 1).text == "5 billion rubles"
    assert built.sections[0].footer.paragraphs[0].text == "Press office of SEZ Technopolis Moscow."


def test_translated_build_places_formatting_by_codes(release: Path, tmp_path: Path) -> None:
    po = translate_none(release, tmp_path / "locales")
    catalog = polib.pofile(str(po))
    first = next(e.msgid for e in catalog if e.msgid.startswith("The company <b1>"))
    russian = (
        "Компания <b1>Генериум Некст</b1> получила статус резидента "
        "<a2>ОЭЗ «Технополис Москва»</a2>, где будет производить лекарства."
    )
    fill(po, {first: russian, "Jobs": "Рабочие места"})
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    built = docx.Document(str(out))
    paragraph = next(p for p in built.paragraphs if p.text.startswith("Компания"))
    bold = [r.text for r in paragraph.runs if r.bold]
    assert bold == ["Генериум Некст"]
    assert [h.text for h in paragraph.hyperlinks] == ["ОЭЗ «Технополис Москва»"]
    assert paragraph.hyperlinks[0].url == LINK_URL
    assert built.tables[0].cell(1, 0).text == "Рабочие места"


def test_build_refuses_codes_that_do_not_fit(release: Path, tmp_path: Path) -> None:
    po = translate_none(release, tmp_path / "locales")
    catalog = polib.pofile(str(po))
    first = next(e.msgid for e in catalog if e.msgid.startswith("The company <b1>"))
    fill(po, {first: "Компания <b1>Генериум Некст получила статус."})
    result = run_l10n("build", po, "--out", tmp_path / "x.docx")
    assert result.returncode == 1
    assert "inline codes do not fit" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def varied_docx(path: Path) -> Path:
    """Nested formatting, a link over two sentences, bold across a sentence boundary, empty
    paragraphs, a table in a table, RTL text, a line break and a header."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Header text of the release."
    p = document.add_paragraph("Plain start, ")
    bold = p.add_run("bold ")
    bold.bold = True
    both = p.add_run("bold italic")
    both.bold = True
    both.italic = True
    p.add_run(" and ")
    sup = p.add_run("2")
    sup.font.superscript = True
    p.add_run(" end.")
    document.add_paragraph("")
    p = document.add_paragraph("Read ")
    add_hyperlink(p, "the first sentence. And the second", "https://example.org/x")
    p.add_run(" of the link.")
    document.add_paragraph()
    p = document.add_paragraph("Normal text and ")
    p.add_run("bold to the end. Bold goes on").bold = True
    p.add_run(" here.")
    p = document.add_paragraph("First line")
    p.add_run().add_break(WD_BREAK.LINE)
    p.add_run("second line.")
    p = document.add_paragraph("شركة جينيريوم نكست تحصل على صفة مقيم. ")
    p.add_run("מזל טוב").italic = True
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Outer cell."
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Inner cell of a nested table."
    whole = document.add_paragraph()
    whole.add_run("Entirely bold paragraph.").bold = True
    document.add_paragraph("A bulleted item.", style="List Bullet")
    document.save(str(path))
    return path


def test_varied_document_segments(tmp_path: Path) -> None:
    source = varied_docx(tmp_path / "varied.docx")
    segments = [s.text for s in segment_document(read_document(source)).segments]
    assert segments == [
        "Header text of the release.",
        "Plain start, <b1>bold <i2>bold italic</i2></b1> and <sup3>2</sup3> end.",
        "Read <a1>the first sentence.</a1>",
        "<a1>And the second</a1> of the link.",
        "Normal text and <b1>bold to the end.</b1>",
        "<b1>Bold goes on</b1> here.",
        "First line<br1/>second line.",
        "شركة جينيريوم نكست تحصل على صفة مقيم.",
        "<i1>מזל טוב</i1>",
        "Outer cell.",
        "Inner cell of a nested table.",
        "Entirely bold paragraph.",
        "A bulleted item.",
    ]
    kinds = [block.kind.value for block in read_document(source).blocks]
    assert kinds[-1] == "list_item" and kinds[-4:-2] == ["table_cell", "table_cell"]


def test_varied_document_identity_build(tmp_path: Path) -> None:
    source = varied_docx(tmp_path / "varied.docx")
    po = translate_none(source, tmp_path / "locales")
    msgfmt_check(po)
    fill(po)
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    assert docx_runs(out) == docx_runs(source)
    built = docx.Document(str(out))
    link_paragraph = next(p for p in built.paragraphs if p.text.startswith("Read"))
    assert len(link_paragraph.hyperlinks) == 1  # the link over two sentences stays one
    assert link_paragraph.hyperlinks[0].text == "the first sentence. And the second"
    assert sum(1 for p in built.paragraphs if not p.text) == 2  # empty paragraphs kept
    assert built.sections[0].header.paragraphs[0].text == "Header text of the release."
    assert "<w:br/>" in built.paragraphs[-3]._p.xml or any(
        "w:br" in p._p.xml for p in built.paragraphs
    )
    assert built.tables[0].cell(0, 1).tables[0].cell(0, 0).text == "Inner cell of a nested table."


def test_nested_codes_move_with_the_words(tmp_path: Path) -> None:
    source = varied_docx(tmp_path / "varied.docx")
    po = translate_none(source, tmp_path / "locales")
    nested = "Plain start, <b1>bold <i2>bold italic</i2></b1> and <sup3>2</sup3> end."
    fill(po, {nested: "<b1><i2>Жирный курсив</i2> и жирный</b1>, потом <sup3>2</sup3> конец."})
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    paragraph = docx.Document(str(out)).paragraphs[0]
    runs = [
        (r.text, bool(r.bold), bool(r.italic), bool(r.font.superscript)) for r in paragraph.runs
    ]
    assert runs == [
        ("Жирный курсив", True, True, False),
        (" и жирный", True, False, False),
        (", потом ", False, False, False),
        ("2", False, False, True),
        (" конец.", False, False, False),
    ]


def test_bad_docx_is_exit_2_one_line(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    protected = tmp_path / "protected.docx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    foreign = tmp_path / "foreign.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    foreign.write_bytes(buffer.getvalue())
    broken_xml = tmp_path / "broken.docx"
    good = io.BytesIO()
    docx.Document().save(good)
    with zipfile.ZipFile(io.BytesIO(good.getvalue())) as src:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "word/document.xml":
                    data = data[: len(data) // 2]
                dst.writestr(item, data)
    broken_xml.write_bytes(out.getvalue())
    for path, words in (
        (corrupt, "not a .docx"),
        (protected, "password-protected"),
        (foreign, "not a .docx"),
        (broken_xml, "corrupt .docx"),
    ):
        result = run_l10n(
            "translate", path, "--to", "ru", "--out", tmp_path / "o", "--engine", "none"
        )
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("l10n: error: ") and words in lines[0]
    assert not (tmp_path / "o" / "ru").exists()


def test_runs_inside_smart_tags_and_insertions_are_translated(tmp_path: Path) -> None:
    """A tracked insertion is read and built as accepted (no mark), a deletion not at all."""
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Signed in ")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(
        parse_xml(
            f'<w:smartTag {w} w:uri="urn:schemas-microsoft-com:office:smarttags" '
            'w:element="City"><w:r><w:t>Moscow</w:t></w:r></w:smartTag>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {w} w:id="1" w:author="Editor" w:date="2026-11-20T10:00:00Z">'
            '<w:r><w:t xml:space="preserve"> yesterday</w:t></w:r></w:ins>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="Editor" w:date="2026-11-20T10:00:00Z">'
            '<w:r><w:delText xml:space="preserve"> last week</w:delText></w:r></w:del>'
        )
    )
    paragraph.add_run(".")
    source = tmp_path / "tags.docx"
    document.save(str(source))
    segments = [s.text for s in segment_document(read_document(source)).segments]
    assert segments == ["Signed in <g1>Moscow</g1> yesterday."]
    po = translate_none(source, tmp_path / "locales")
    entry = polib.pofile(str(po))[0]
    assert entry.comment == "found in: tracked changes, read as accepted"
    fill(po, {segments[0]: "Подписано вчера в <g1>Москве</g1>."})
    out = tmp_path / "built.docx"
    assert run_cli("build", po, "--out", out) == 0
    built = docx.Document(str(out)).paragraphs[0]
    texts = built._p.xpath(".//w:t/text()")
    assert "".join(texts) == "Подписано вчера в Москве."
    xml = built._p.xml
    assert 'w:element="City"' in xml
    assert "w:ins" not in xml and "w:del" not in xml and "last week" not in xml


RUN_TEXTS = st.sampled_from(
    ["Alpha beta", " gamma. ", "Delta", " epsilon, ", "Zeta eta. Theta", " iota!", " 5.2 kappa"]
)


@st.composite
def run_specs(draw: st.DrawFn) -> list[tuple[str, bool, bool, bool]]:
    """(text, bold, italic, in a link) per run of one paragraph."""
    return draw(
        st.lists(
            st.tuples(RUN_TEXTS, st.booleans(), st.booleans(), st.booleans()),
            min_size=1,
            max_size=6,
        )
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=st.lists(run_specs(), min_size=1, max_size=3))
def test_identity_build_of_random_runs(tmp_path: Path, paragraphs: list) -> None:
    from pipeline.build import build_document
    from pipeline.pofile import SOURCE_HEADER

    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold, italic, linked in runs:
            if linked:
                link = add_hyperlink(paragraph, text, "https://example.org/", bold=bold)
                if italic:
                    link[0][0].append(docx.oxml.OxmlElement("w:i"))
            else:
                run = paragraph.add_run(text)
                run.bold, run.italic = bold or None, italic or None
    source = tmp_path / "random.docx"
    document.save(str(source))
    catalog = polib.POFile()
    catalog.metadata = {"Language": "ru", SOURCE_HEADER: str(source)}
    for segment in segment_document(read_document(source)).segments:
        if catalog.find(segment.text) is None:
            catalog.append(polib.POEntry(msgid=segment.text, msgstr=segment.text))
    out = tmp_path / "built.docx"
    out.write_bytes(build_document(catalog, source, fallback_source=True))
    assert docx_runs(out) == docx_runs(source)
