"""HTML pages end to end: comments, forms, entities, scripts, ``translate="no"``, pages in
a declared legacy encoding; the built page declares its language and direction."""

from __future__ import annotations

from pathlib import Path

import html5lib
import polib
import pytest

from .helpers import msgfmt_check, run_cli, run_l10n

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Generium &amp; Partners</title>
<script>var x = "<b>Not text.</b>";</script></head>
<body>
<!-- A comment between blocks. -->
<p>The <strong>SEZ</strong> grew.<!-- an editor's note --> Read the <a href="/r">report</a>.</p>
<p>Line one.<br>Line two &lt;b1&gt; is text.</p>
<form><label for="n">Your name</label> <input id="n" title="Enter your name.">
<button>Send it</button></form>
<p>Brand <span translate="no">Generium Next</span> is protected.</p>
<pre>Preformatted. Not translated.</pre>
</body>
</html>
"""


def translate(source: Path, out: Path, *langs: str) -> None:
    targets = [a for lang in langs for a in ("--to", lang)]
    assert run_cli("translate", source, *targets, "--engine", "none", "--out", out) == 0


def fill(po: Path, translations: dict[str, str]) -> None:
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = translations.get(entry.msgid, entry.msgid)
    catalog.save(str(po))


def dom(text: str) -> list[tuple[str, list[tuple[str, str]], str]]:
    """Elements with their attributes and text (white space collapsed), comments included."""
    tree = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
    found = []
    for element in tree.getroot().iter():
        name = element.tag if isinstance(element.tag, str) else "#comment"
        text_of = " ".join(((element.text or "") + "|" + (element.tail or "")).split())
        found.append((name, sorted(element.attrib.items()), text_of))
    return found


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_segments_with_comments_forms_and_entities(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "loc"
    translate(page, out, "de", "ar")
    msgids = [e.msgid for e in polib.pofile(str(out / "de" / "LC_MESSAGES" / "page.po"))]
    assert msgids == [
        "Generium & Partners",
        "The <b1>SEZ</b1> grew.",
        "Read the <a1>report</a1>.",
        "Line one.",
        "Line two &lt;b1> is text.",
        "<g1>Your name</g1> <x2/> <g3>Send it</g3>",  # a button's text is translated
        "Enter your name.",
        "Brand <x1/> is protected.",
    ]
    msgfmt_check(out / "ar" / "LC_MESSAGES" / "page.po")


def test_identity_build_gives_the_same_dom_comments_included(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "loc"
    translate(page, out, "ar")
    po = out / "ar" / "LC_MESSAGES" / "page.po"
    fill(po, {})
    built = tmp_path / "same.html"
    assert run_cli("build", po, "--out", built) == 0
    assert dom(built.read_text(encoding="utf-8")) == dom(PAGE)


def test_arabic_build_declares_language_and_direction(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "loc"
    translate(page, out, "ar", "pt-BR")
    po = out / "ar" / "LC_MESSAGES" / "page.po"
    fill(
        po,
        {
            "The <b1>SEZ</b1> grew.": "نمت <b1>المنطقة</b1>.",
            "<g1>Your name</g1> <x2/> <g3>Send it</g3>": "<g1>اسمك</g1> <x2/> <g3>أرسل</g3>",
            "Enter your name.": "أدخل اسمك.",
        },
    )
    built = tmp_path / "ar.html"
    assert run_cli("build", po, "--out", built) == 0
    tree = html5lib.parse(built.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    root = tree if tree.tag == "html" else tree.getroot()
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    body = root.find("body")
    assert "".join(body.find("p").itertext()).startswith("نمت المنطقة.")
    assert body.find("form/button").text == "أرسل"
    assert body.find("form/input").get("title") == "أدخل اسمك."
    comments = [c.text for c in body.iter() if not isinstance(c.tag, str)]
    assert comments == [" A comment between blocks. ", " an editor's note "]
    po = out / "pt_BR" / "LC_MESSAGES" / "page.po"
    fill(po, {"Enter your name.": "Digite seu nome."})
    built = tmp_path / "pt.html"
    assert run_cli("build", po, "--out", built) == 0
    assert '<html lang="pt-BR">' in built.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="ISO-8859-1">', "latin-1"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
    ],
)
def test_page_in_a_declared_legacy_encoding(
    tmp_path: Path, declaration: str, encoding: str
) -> None:
    word = "café" if encoding == "latin-1" else "Москва"
    page = tmp_path / "legacy.html"
    page.write_bytes(
        f"<html><head>{declaration}</head><body><p>The {word} opened.</p></body></html>".encode(
            encoding
        )
    )
    out = tmp_path / "loc"
    translate(page, out, "de")
    po = out / "de" / "LC_MESSAGES" / "legacy.po"
    assert [e.msgid for e in polib.pofile(str(po))] == [f"The {word} opened."]
    fill(po, {f"The {word} opened.": f"Das {word} wurde eröffnet."})
    built = tmp_path / "legacy.de.html"
    assert run_cli("build", po, "--out", built) == 0
    text = built.read_bytes().decode("utf-8")  # written as UTF-8, and declared so
    assert f"Das {word} wurde eröffnet." in text
    assert "utf-8" in text
    assert "1251" not in text and "8859" not in text


def test_undeclared_legacy_page_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "raw.html"
    page.write_bytes("<p>The café opened.</p>".encode("latin-1"))
    result = run_l10n("segment", page)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not UTF-8" in result.stderr


def test_lang_attributes_inside_the_page_mark_text_not_to_translate(tmp_path: Path) -> None:
    page = tmp_path / "quotes.html"
    page.write_text(
        '<html lang="de"><body><p>The minister spoke.</p>'
        '<blockquote lang="fr"><p>Nous ouvrons une usine.</p></blockquote>'
        '<p lang="en-GB">The colour is new.</p>'
        '<p><img src="x.png" lang="de-AT" alt="Ein Bild."></p></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    translate(page, out, "ru")
    po = out / "ru" / "LC_MESSAGES" / "quotes.po"
    catalog = polib.pofile(str(po))
    comments = {e.msgid: e.tcomment for e in catalog}
    assert "'fr'" in comments["Nous ouvrons une usine."]
    assert "'de'" in comments["Ein Bild."]
    assert not comments["The colour is new."]
    assert not comments["The minister spoke."]  # <html lang> is not trusted over the text
    fill(po, {"The minister spoke.": "Министр выступил.", "The colour is new.": "Цвет новый."})
    catalog = polib.pofile(str(po))
    for entry in catalog:
        if entry.msgid in ("Nous ouvrons une usine.", "Ein Bild."):
            entry.msgstr = ""
    catalog.save(str(po))
    built = tmp_path / "quotes.ru.html"
    assert run_cli("build", po, "--out", built) == 0  # the French and German stay as they are
    text = built.read_text(encoding="utf-8")
    assert "Nous ouvrons une usine." in text and 'alt="Ein Bild."' in text
    assert "Министр выступил." in text and '<html lang="ru">' in text


def test_link_around_blocks_is_a_container_not_an_object(tmp_path: Path) -> None:
    page = tmp_path / "cards.html"
    page.write_text(
        '<html><body><a href="/news/1" class="card"><div>Plant opens in Moscow</div>'
        "<p>The plant employs 250 people.</p></a>"
        '<span class="lead">A span with a <div>block inside.</div> Tail text.</span>'
        '<p><a href="/x"><svg><path d="M0"/></svg> Icon link</a> stays inline.</p>'
        "</body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    translate(page, out, "de")
    po = out / "de" / "LC_MESSAGES" / "cards.po"
    assert [e.msgid for e in polib.pofile(str(po))] == [
        "Plant opens in Moscow",
        "The plant employs 250 people.",
        "A span with a",
        "block inside.",
        "Tail text.",
        "<a1>Icon link</a1> stays inline.",  # the icon at the start is outside the segment
    ]
    fill(
        po,
        {
            "Plant opens in Moscow": "Werk in Moskau eröffnet",
            "The plant employs 250 people.": "Das Werk beschäftigt 250 Menschen.",
            "<a1>Icon link</a1> stays inline.": "<a1>Symbol-Link</a1> bleibt im Text.",
        },
    )
    built = tmp_path / "cards.de.html"
    assert run_cli("build", po, "--out", built) == 0
    tree = html5lib.parse(built.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    card = tree.find(".//a[@class='card']")
    assert card.get("href") == "/news/1"
    assert [child.text for child in card] == [
        "Werk in Moskau eröffnet",
        "Das Werk beschäftigt 250 Menschen.",
    ]
    icon_link = tree.find(".//a[@href='/x']")
    assert icon_link[0].tag.endswith("svg") and icon_link[0].tail.strip() == "Symbol-Link"
    assert icon_link.tail == " bleibt im Text."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"title": "Release", "body": "The plant opened."}', "no markup"),
        (b"# Title\n\nSome *markdown* text.\n", "no markup"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "no markup"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (
            b'<?xml version="1.0"?><rss><channel><title>Feed</title>'
            b"<item><description>The plant opened.</description></item></channel></rss>",
            "XML with root <rss>",
        ),
        (b"<config><entry>Text value.</entry></config>", "no HTML elements"),
        (b"", "empty"),
    ],
)
def test_not_html_is_refused_and_nothing_written(
    tmp_path: Path, content: bytes, message: str
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    out = tmp_path / "loc"
    result = run_l10n("translate", page, "--to", "de", "--engine", "none", "--out", out)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not list(out.rglob("*.po*"))  # no catalog written (a lock file may be)


def test_xhtml_and_custom_elements_are_html(tmp_path: Path) -> None:
    xhtml = tmp_path / "x.html"
    xhtml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>XHTML page.</p></body></html>',
        encoding="utf-8",
    )
    custom = tmp_path / "c.html"
    custom.write_text("<news-card>A <span>custom</span> element.</news-card>", encoding="utf-8")
    result = run_l10n("segment", xhtml, custom)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n")[0].strip() == "XHTML page."
    assert "A <g1>custom</g1> element." in result.stdout


def test_images_inside_pictures_have_their_alt_translated(tmp_path: Path) -> None:
    page = tmp_path / "pic.html"
    page.write_text(
        '<html><body><p>See <picture><source srcset="a.webp"><img src="a.png" '
        'alt="Photo of the plant."></picture> here.<wbr></p>'
        '<picture><img src="b.png" alt="Block picture."></picture>'
        '<video title="Launch video."><track label="English"></video></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    translate(page, out, "de")
    po = out / "de" / "LC_MESSAGES" / "pic.po"
    assert [e.msgid for e in polib.pofile(str(po))] == [
        "See <x1/> here.",
        "Photo of the plant.",
        "Block picture.",
        "Launch video.",
        "English",  # a track's label, in the player's menu
    ]
    fill(
        po,
        {
            "See <x1/> here.": "Siehe <x1/> hier.",
            "Photo of the plant.": "Foto des Werks.",
            "Block picture.": "Bild.",
            "Launch video.": "Video.",
        },
    )
    built = tmp_path / "pic.de.html"
    assert run_cli("build", po, "--out", built) == 0
    text = built.read_text(encoding="utf-8")
    assert "</source>" not in text and "</track>" not in text and "</wbr>" not in text
    tree = html5lib.parse(text, namespaceHTMLElements=False)
    assert [img.get("alt") for img in tree.iter("img")] == ["Foto des Werks.", "Bild."]
    assert tree.find(".//video").get("title") == "Video."


def test_inline_svg_and_mathml_are_written_as_html(tmp_path: Path) -> None:
    source = (
        '<html><body><p>Icon <svg width="10" viewBox="0 0 10 10"><use xlink:href="#i"/>'
        '<path d="M0 0h10"/></svg> text.</p><math><mi>x</mi></math></body></html>'
    )
    page = tmp_path / "icons.html"
    page.write_text(source, encoding="utf-8")
    out = tmp_path / "loc"
    translate(page, out, "de")
    po = out / "de" / "LC_MESSAGES" / "icons.po"
    fill(po, {"Icon <x1/> text.": "Symbol <x1/> Text."})
    built = tmp_path / "icons.de.html"
    assert run_cli("build", po, "--out", built) == 0
    text = built.read_text(encoding="utf-8")
    assert "ns0" not in text and "xmlns" not in text
    assert '<svg width="10" viewBox="0 0 10 10"><use href="#i"></use><path d="M0 0h10">' in text
    tree = html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False)
    svg = tree.getroot().find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None and svg.get("viewBox") == "0 0 10 10"  # a real SVG again
    assert tree.getroot().find(".//{http://www.w3.org/1998/Math/MathML}mi").text == "x"


def test_names_xml_cannot_hold_come_back_as_written(tmp_path: Path) -> None:
    page = tmp_path / "app.html"
    page.write_text(
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
        '<p class=MsoNormal xml:lang="fr">Bonjour tout le monde.<o:p></o:p></p>'
        '<button @click="send" v-on:keyup="go" data-a:b="1">Send it</button></body></html>',
        encoding="utf-8",
    )
    result = run_l10n(
        "translate", page, "--to", "de", "--engine", "none", "--out", tmp_path / "loc"
    )
    assert result.returncode == 0
    assert "Warning" not in result.stderr  # html5lib's warnings about such names stay quiet
    po = tmp_path / "loc" / "de" / "LC_MESSAGES" / "app.po"
    catalog = polib.pofile(str(po))
    assert "'fr'" in catalog.find("Bonjour tout le monde.").tcomment  # xml:lang is read too
    fill(po, {"Send it": "Senden"})
    built = tmp_path / "app.de.html"
    assert run_cli("build", po, "--out", built) == 0
    text = built.read_text(encoding="utf-8")
    assert "U000" not in text
    assert '<button @click="send" v-on:keyup="go" data-a:b="1">Senden</button>' in text
    assert '<p class="MsoNormal" xml:lang="fr">Bonjour tout le monde.<o:p></o:p></p>' in text


def test_comments_outside_the_root_are_kept(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(
        "<!DOCTYPE html>\n<!-- saved from url=(0014)about:internet -->\n"
        "<html><body><p>The plant opened.</p></body></html>\n<!-- end -->\n",
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    translate(page, out, "de")
    po = out / "de" / "LC_MESSAGES" / "saved.po"
    fill(po, {"The plant opened.": "Das Werk wurde eröffnet."})
    built = tmp_path / "saved.de.html"
    assert run_cli("build", po, "--out", built) == 0
    text = built.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>\n<!-- saved from url=(0014)about:internet -->\n<html")
    assert text.endswith("</html>\n<!-- end -->\n")
