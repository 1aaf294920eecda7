"""HTML read by the content model (issue 20): unknown and custom elements inline, the
text a reader sees outside the running text (ITS 2.0 attributes, options, ``<noscript>``,
link previews) segmented with a ``#.`` comment, ``translate="no"`` honoured, and a built
page that always declares UTF-8."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.formats import read_document

from .helpers import run_cli
from .test_formats_docx import fill

PAGE = """<!DOCTYPE html>
<html><head><title>Launch</title>
<meta name="description" content="The plant opens in May.">
<meta property="og:title" content="Plant opens">
<meta name="twitter:description" content="Opening in May.">
<meta name="keywords" content="plant, opening">
<meta name="viewport" content="width=device-width">
</head><body>
<p>At the bottom of the <nobr>screen</nobr> is <my-icon>the menu</my-icon> and \
<mjx-container>x</mjx-container> more.</p>
<form>
<label><input type="checkbox" id="keep"> Stay logged in</label>
<input type="submit" value="Send now"> <input type="text" value="typed text">
<input placeholder="Your name" aria-label="Name field">
<select><option>France</option><optgroup label="Asia"><option>Japan</option></optgroup></select>
<button translate="no" title="Do not">Brand</button>
</form>
<noscript><p>Please enable JavaScript.</p></noscript>
<p translate="no">Not this <b>either</b>.</p>
</body></html>
"""


def _page(tmp_path: Path, text: str = PAGE, name: str = "page.html") -> Path:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return source


def test_unknown_and_custom_elements_are_inline(tmp_path: Path) -> None:
    texts = [b.text for b in read_document(_page(tmp_path)).blocks]
    assert "At the bottom of the screen is the menu and x more." in texts


def test_what_a_reader_sees_is_segmented_with_where_it_comes_from(tmp_path: Path) -> None:
    source = _page(tmp_path)
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 0
    catalog = polib.pofile(str(out / "page.pot"))
    notes = {entry.msgid: entry.comment for entry in catalog}
    assert notes["The plant opens in May."] == 'found in: <meta name="description">'
    assert notes["Plant opens"] == 'found in: <meta property="og:title">'
    assert notes["Opening in May."] == 'found in: <meta name="twitter:description">'
    assert notes["Send now"] == "found in: <input value>"
    assert notes["Your name"] == "found in: <input placeholder>"
    assert notes["Name field"] == "found in: <input aria-label>"
    assert notes["France"] == notes["Japan"] == "found in: <option>"
    assert notes["Asia"] == "found in: <optgroup label>"
    assert notes["Please enable JavaScript."] == "found in: <noscript>"
    assert notes["Launch"] == ""
    assert "<g1>Stay logged in</g1>" in notes  # one sentence, the checkbox kept outside it
    for absent in ("plant, opening", "typed text", "Brand", "Do not", "Not this", "either"):
        assert not any(absent in msgid for msgid in notes), absent


def test_translated_build_writes_attributes_and_options_back(tmp_path: Path) -> None:
    source = _page(tmp_path)
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 0
    po = out / "fr" / "LC_MESSAGES" / "page.po"
    fill(
        po,
        {
            "The plant opens in May.": "L'usine ouvre en mai.",
            "Send now": "Envoyer",
            "Your name": "Votre nom",
            "France": "la France",
            "Japan": "le Japon",
            "Asia": "Asie",
            "<g1>Stay logged in</g1>": "<g1>Rester connecté</g1>",
            "Please enable JavaScript.": "Activez JavaScript.",
        },
    )
    built = tmp_path / "page.fr.html"
    assert run_cli("build", po, "--out", built) == 0
    page = built.read_text(encoding="utf-8")
    for expected in (
        'content="L\'usine ouvre en mai."',
        'value="Envoyer"',
        'placeholder="Votre nom"',
        "<option>la France</option>",
        '<optgroup label="Asie"><option>le Japon</option></optgroup>',
        '<label><input type="checkbox" id="keep"> Rester connecté</label>',
        "<p>Activez JavaScript.</p>",
        'value="typed text"',
        '<button translate="no" title="Do not">Brand</button>',
    ):
        assert expected in page, expected
    assert page.count('id="keep"') == 1


def test_built_page_always_declares_utf8(tmp_path: Path) -> None:
    source = _page(tmp_path, "<html><head><title>Café</title></head><body><p>Café au lait.</p>")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 0
    po = out / "fr" / "LC_MESSAGES" / "page.po"
    fill(po)
    built = tmp_path / "page.fr.html"
    assert run_cli("build", po, "--out", built) == 0
    page = built.read_bytes()
    assert b'<head><meta charset="utf-8"><title>Caf\xc3\xa9</title>' in page
    assert page.count(b"charset") == 1


def test_attributes_are_written_back_as_the_source_wrote_them(tmp_path: Path) -> None:
    source = _page(
        tmp_path,
        '<html><head><meta charset="utf-8"></head><body><form>'
        '<input type="checkbox" checked="checked" disabled> <select multiple="multiple">'
        '<option selected="selected">One</option><option selected>Two</option></select>'
        '<p><a href="mailto:press@example.org?subject=Plant opening&amp;body=Hi" '
        'title="Write to us">Write</a> or <a href="/café/ä b.html">read</a>.</p>'
        "</form></body></html>",
    )
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 0
    po = out / "fr" / "LC_MESSAGES" / "page.po"
    fill(po, {"Write to us": "Écrivez-nous"})
    built = tmp_path / "page.fr.html"
    assert run_cli("build", po, "--out", built) == 0
    page = built.read_text(encoding="utf-8")
    for expected in (
        '<input type="checkbox" checked="checked" disabled>',
        '<select multiple="multiple"><option selected="selected">One</option>'
        "<option selected>Two</option></select>",
        '<a href="mailto:press@example.org?subject=Plant opening&amp;body=Hi" '
        'title="Écrivez-nous">Write</a>',
        '<a href="/café/ä b.html">read</a>',
    ):
        assert expected in page, expected
    assert "l10n-as-written" not in page
