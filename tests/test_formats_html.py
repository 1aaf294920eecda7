"""HTML pages in and out: blocks, inline codes, attributes, what is never translated."""

from __future__ import annotations

from pathlib import Path

import html5lib
import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.formats import read_document
from pipeline.inline import strip_codes
from pipeline.segment import segment_document
from pipeline.sentences import split_sentences

from .helpers import msgfmt_check, run_cli, run_l10n
from .rich_samples import (
    COMPANY,
    LINK_TITLE,
    LINK_URL,
    dom_signature,
    release_html,
    sample_paragraphs,
)
from .test_formats_docx import fill, translate_none


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return release_html(tmp_path / "release.html")


def test_release_segments(release: Path) -> None:
    segments = [s.text for s in segment_document(read_document(release)).segments]
    assert segments[:4] == [
        "Generium Next becomes a resident",  # <title>
        "Generium Next becomes a resident of Technopolis Moscow",
        "The future plant in Zelenograd",  # alt
        "The announcement",
    ]
    # The link's title attribute follows the sentences of its paragraph.
    assert segments.index(LINK_TITLE) == 6
    body = [s for s in segments[4:] if s != LINK_TITLE]
    plain = [s for p in sample_paragraphs() for s in split_sentences(p)]
    assert [strip_codes(s) for s in body] == plain
    assert body[0].startswith(f"The company <b1>{COMPANY}</b1> received")
    assert "<a2>SEZ Technopolis Moscow</a2>" in body[0]
    assert not any("tracking" in s or "margin" in s for s in segments)


def test_release_identity_build_same_dom(release: Path, tmp_path: Path) -> None:
    po = translate_none(release, tmp_path / "locales")
    msgfmt_check(po)
    fill(po)
    out = tmp_path / "built.html"
    assert run_cli("build", po, "--out", out) == 0
    built = out.read_text(encoding="utf-8")
    assert dom_signature(built) == dom_signature(release.read_text(encoding="utf-8"))
    assert built.startswith("<!DOCTYPE html>")


def test_translated_build_keeps_markup(release: Path, tmp_path: Path) -> None:
    po = translate_none(release, tmp_path / "locales")
    catalog = polib.pofile(str(po))
    first = next(e.msgid for e in catalog if e.msgid.startswith("The company <b1>"))
    fill(
        po,
        {
            first: "Компания <b1>Генериум Некст</b1> стала резидентом "
            "<a2>ОЭЗ «Технополис Москва»</a2>.",
            "The future plant in Zelenograd": "Будущий завод в Зеленограде",
            LINK_TITLE: "Особая экономическая зона",
            "Generium Next becomes a resident": "Генериум Некст становится резидентом",
        },
    )
    out = tmp_path / "built.html"
    assert run_cli("build", po, "--out", out) == 0
    tree = html5lib.parse(out.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    paragraph = tree.find(".//p")
    assert paragraph.find("strong").text == "Генериум Некст"
    link = paragraph.find("a")
    assert link.text == "ОЭЗ «Технополис Москва»" and link.get("href") == LINK_URL
    assert link.get("title") == "Особая экономическая зона"
    assert tree.find(".//img").get("alt") == "Будущий завод в Зеленограде"
    assert tree.find(".//img").get("src") == "plant.jpg"
    assert tree.find(".//title").text == "Генериум Некст становится резидентом"
    assert "Do not translate this." in tree.find(".//script").text


VARIED = """<!doctype html>
<html><head><meta charset="utf-8"><title>Varied</title></head><body>
<div>Loose text in a div. <p>A paragraph inside.</p> More loose text.</div>
<p>Nested <b>bold <i>and italic</i></b> words. See <a href="/x">the link. It spans</a> two.</p>
<p>Bold <b>across. The boundary</b> here.</p>
<p></p>
<p>Run <code>l10n build</code> and <kbd>Enter</kbd> now.<br>New line after a break.</p>
<pre>Preformatted. Not translated.</pre>
<p translate="no">Brand Name Ltd. is never translated.</p>
<p>Mixed <span translate="no">Do Not Touch</span> words.</p>
<table><tr><td>Outer cell.<table><tr><td>Inner cell.</td></tr></table></td></tr></table>
<ul><li>Item one.<ul><li>Sub item.</li></ul></li></ul>
<p dir="rtl" lang="ar">شركة جينيريوم نكست تحصل على صفة مقيم.</p>
<p>A &lt;b1&gt; literal and an &amp;lt; entity.</p>
</body></html>
"""


def test_varied_page_segments(tmp_path: Path) -> None:
    source = tmp_path / "varied.htm"
    source.write_text(VARIED, encoding="utf-8")
    segments = [s.text for s in segment_document(read_document(source)).segments]
    assert segments == [
        "Varied",
        "Loose text in a div.",
        "A paragraph inside.",
        "More loose text.",
        "Nested <b1>bold <i2>and italic</i2></b1> words.",
        "See <a1>the link.</a1>",
        "<a1>It spans</a1> two.",
        "Bold <b1>across.</b1>",
        "<b1>The boundary</b1> here.",
        "Run <x1/> and <x2/> now.",
        "New line after a break.",
        "Mixed <x1/> words.",
        "Outer cell.",
        "Inner cell.",
        "Item one.",
        "Sub item.",
        "شركة جينيريوم نكست تحصل على صفة مقيم.",
        "A &lt;b1> literal and an &amp;lt; entity.",
    ]


def test_varied_page_identity_build(tmp_path: Path) -> None:
    source = tmp_path / "varied.htm"
    source.write_text(VARIED, encoding="utf-8")
    po = translate_none(source, tmp_path / "locales")
    msgfmt_check(po)
    fill(po)
    out = tmp_path / "built.html"
    assert run_cli("build", po, "--out", out) == 0
    assert dom_signature(out.read_text(encoding="utf-8")) == dom_signature(VARIED)


def test_literal_code_like_text_comes_back_as_text(tmp_path: Path) -> None:
    source = tmp_path / "varied.htm"
    source.write_text(VARIED, encoding="utf-8")
    po = translate_none(source, tmp_path / "locales")
    fill(po, {"A &lt;b1> literal and an &amp;lt; entity.": "Буквально &lt;b1> и &amp;lt; тоже."})
    out = tmp_path / "built.html"
    assert run_cli("build", po, "--out", out) == 0
    tree = html5lib.parse(out.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    assert tree.findall(".//p")[-1].text == "Буквально <b1> и &lt; тоже."


def test_not_html_is_exit_2(tmp_path: Path) -> None:
    plain = tmp_path / "plain.html"
    plain.write_text("Just a sentence, no markup at all.\n", encoding="utf-8")
    binary = tmp_path / "image.html"
    binary.write_bytes(bytes(range(256)) * 4)
    latin1 = tmp_path / "latin1.htm"
    latin1.write_bytes("<p>Caf\xe9 cr\xe8me.</p>".encode("latin-1"))
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    for path in (plain, binary, latin1, empty):
        result = run_l10n("segment", path)
        assert result.returncode == 2, (path, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"l10n: error: {path}: ")


def test_review_page_shows_source_markup_as_text(tmp_path: Path) -> None:
    source = tmp_path / "hostile.html"
    source.write_text(
        "<p>Click <b>here</b> &lt;script&gt;alert(1)&lt;/script&gt; now.</p>"
        '<p><img src=x alt="&lt;img src=x onerror=alert(2)&gt;"> An image.</p>',
        encoding="utf-8",
    )
    po = translate_none(source, tmp_path / "locales")
    fill(po)
    page = tmp_path / "review.html"
    assert run_cli("review", po, "--html", page) == 0
    text = page.read_text(encoding="utf-8")
    tree = html5lib.parse(text, namespaceHTMLElements=False)
    # the page's only script is its own filter code (inline); the document's never is one
    (script,) = tree.findall(".//script")
    assert not script.attrib and "select[data-filter]" in (script.text or "")
    assert not any(name.startswith("on") for element in tree.iter() for name in element.attrib)
    assert '<span class="code">&lt;b1&gt;</span>here<span class="code">&lt;/b1&gt;</span>' in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "onerror=alert(2)&gt;" in text


def test_references_are_source_lines(tmp_path: Path) -> None:
    source = tmp_path / "varied.htm"
    source.write_text(VARIED, encoding="utf-8")
    po = translate_none(source, tmp_path / "locales")
    lines = {e.msgid: int(e.occurrences[0][1]) for e in polib.pofile(str(po))}
    assert lines["Varied"] == 2
    assert lines["Nested <b1>bold <i2>and italic</i2></b1> words."] == 4
    assert lines["Sub item."] == 12
    assert lines["شركة جينيريوم نكست تحصل على صفة مقيم."] == 13


TEXTS = st.sampled_from(
    ["Alpha beta", " gamma. ", "Delta", " eps, ", "Zeta. Eta", " iota! ", "3.2"]
)


@st.composite
def inline_html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 9 if depth < 2 else 3))
        if choice <= 3:
            parts.append(draw(TEXTS))
        elif choice == 4:
            parts.append(draw(st.sampled_from(["<br>", '<img src="i.png" alt="Pic">'])))
        else:
            tag = draw(st.sampled_from(["b", "i", "em", "span", 'a href="/x"', "sup"]))
            inner = draw(inline_html(depth + 1))
            parts.append(f"<{tag}>{inner}</{tag.split()[0]}>")
    return "".join(parts)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(inline_html(), min_size=1, max_size=3))
def test_identity_build_of_random_markup(tmp_path: Path, paragraphs: list[str]) -> None:
    from pipeline.build import build_document
    from pipeline.pofile import SOURCE_HEADER

    page = "<!DOCTYPE html><html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    page += "<p>Anchor text.</p></body></html>"
    source = tmp_path / "random.html"
    source.write_text(page, encoding="utf-8")
    catalog = polib.POFile()
    catalog.metadata = {"Language": "ru", SOURCE_HEADER: str(source)}
    for segment in segment_document(read_document(source)).segments:
        if catalog.find(segment.text) is None:
            catalog.append(polib.POEntry(msgid=segment.text, msgstr=segment.text))
    built = build_document(catalog, source, fallback_source=True).decode("utf-8")
    assert dom_signature(built) == dom_signature(page)
