"""Markdown blocks read by markdown-it-py and built in place (issue 20): identity builds give
the bytes back, translations are escaped so that Markdown reads them as text, HTML blocks'
text is translated with their tags as written, and no markup goes into a msgid."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.formats.markdown import markdown_parser

from .helpers import run_cli
from .test_formats_docx import fill


def _translate(tmp_path: Path, source: str | bytes, name: str = "doc.md") -> Path:
    path = tmp_path / name
    if isinstance(source, str):
        source = source.encode("utf-8")
    path.write_bytes(source)
    out = tmp_path / "loc"
    assert run_cli("translate", path, "--to", "fr", "--engine", "none", "--out", out) == 0
    return out / "fr" / "LC_MESSAGES" / f"{path.stem}.po"


def _msgids(po: Path) -> list[str]:
    return [entry.msgid for entry in polib.pofile(str(po))]


def _build(tmp_path: Path, po: Path, translate: dict[str, str] | None = None) -> bytes:
    fill(po, translate)
    built = tmp_path / "built.md"
    assert run_cli("build", po, "--out", built) == 0
    return built.read_bytes()


def _render(markdown: bytes) -> str:
    return markdown_parser().render(markdown.decode("utf-8-sig"))


MIXED = (
    "\ufeff# Title #  \r\n"
    "\r\n"
    "Setext *heading*\r\n"
    "===\r\n"
    "\r\n"
    "  A paragraph  \r\n"
    "with a hard break, a [reference link][r] and\ta tab.   \r\n"
    "\r\n"
    "> quoted line one\\\r\n"
    ">  quoted line two\r\n"
    "\r\n"
    "1. First item\r\n"
    "   continued\r\n"
    "   - nested &amp; &copy; \\*escaped\\*\r\n"
    "\r\n"
    "| Name | Note |\r\n"
    "|:-----|-----:|\r\n"
    "| a \\| b |  c  |\r\n"
    "\r\n"
    "<div>\r\n"
    "  Some <b>HTML</b> text.\r\n"
    "</div>\r\n"
    "\r\n"
    '[r]: https://example.org/ "Title"\r\n'
    "\r\n"
    "    indented code\r\n"
)


def test_identity_build_gives_the_bytes_back(tmp_path: Path) -> None:
    source = MIXED.encode("utf-8")
    po = _translate(tmp_path, source)
    assert _msgids(po) == [
        "Title",
        "Setext <i1>heading</i1>",
        "A paragraph<br1/>with a hard break, a <a2>reference link</a2> and a tab.",
        "quoted line one<br1/>quoted line two",
        "First item continued",
        "nested & © *escaped*",  # entities and escapes: the characters they stand for
        "Name",
        "Note",
        "a | b",
        "c",
        "Some <b1>HTML</b1> text.",
    ]
    assert _build(tmp_path, po) == source


def test_translated_blocks_keep_their_markers_and_continuations(tmp_path: Path) -> None:
    po = _translate(tmp_path, MIXED)
    built = _build(
        tmp_path,
        po,
        {
            "quoted line one<br1/>quoted line two": "ligne un<br1/>ligne deux",
            "A paragraph<br1/>with a hard break, a <a2>reference link</a2> and a tab.": (
                "Un paragraphe<br1/>avec un <a2>lien</a2>."
            ),
            "a | b": "a | b | c",
            "Some <b1>HTML</b1> text.": "Du <b1>HTML</b1> & <texte>.",
        },
    ).decode("utf-8-sig")
    assert "> ligne un\\\r\n> ligne deux\r\n" in built  # the quote's marker on each line
    assert '  Un paragraphe\\\r\navec un [lien](https://example.org/ "Title").   \r\n' in built
    assert "| a \\| b \\| c |  c  |\r\n" in built  # escaped: the table does not split
    assert "  Du <b>HTML</b> &amp; &lt;texte&gt;.\r\n" in built  # HTML block: escaped as HTML
    assert "\r\n    indented code\r\n" in built


def test_translations_are_escaped_where_markdown_would_read_markup(tmp_path: Path) -> None:
    po = _translate(tmp_path, "Plain text.\n\n- An item.\n\nMore *text*.\n")
    built = _build(
        tmp_path,
        po,
        {
            "Plain text.": "# 1. *Not* _emphasis_, [no link](x) <b>no tag</b> `no code` &copy;",
            "An item.": "- not a nested list",
            "More <i1>text</i1>.": "2) Plus de <i1>texte</i1> ~~à~~ \\ fin.",
        },
    )
    html = _render(built)
    assert "<h1>" not in html and "<em>Not</em>" not in html and "<a " not in html
    assert "<code>" not in html and "<b>" not in html and "<del>" not in html
    assert "<ol" not in html and "<ul>\n<li>\n<ul>" not in html
    assert (
        "# 1. *Not* _emphasis_, [no link](x) &lt;b&gt;no tag&lt;/b&gt; `no code` &amp;copy;" in html
    )
    assert "<li>- not a nested list</li>" in html
    assert "<p>2) Plus de <em>texte</em> ~~à~~ \\ fin.</p>" in html


def test_html_blocks_text_is_translated_and_their_markup_kept(tmp_path: Path) -> None:
    source = (
        '<div class="card">\n'
        '<h3 class="title">Great themes</h3>\n'
        '<p>Pick a <a href="themes/">theme</a>\n'
        "   or build <em>your own</em>.<br>Then <code>mkdocs build</code>.</p>\n"
        "<pre>kept as it is</pre>\n"
        '<p translate="no">Brand name</p>\n'
        "<!-- a comment -->\n"
        "</div>\n"
        "\n"
        "<details><summary>Show the code</summary>\n"
        "\n"
        "```js\nlet x = 1\n```\n"
        "\n"
        "</details>\n"
    )
    po = _translate(tmp_path, source)
    assert _msgids(po) == [
        "Great themes",
        "Pick a <a1>theme</a1> or build <i2>your own</i2>.",
        "Then <x1/>.",
        "Show the code",
    ]
    built = _build(
        tmp_path,
        po,
        {
            "Great themes": "De beaux thèmes",
            "Pick a <a1>theme</a1> or build <i2>your own</i2>.": (
                "Choisissez un <a1>thème</a1> ou faites <i2>le vôtre</i2>."
            ),
            "Then <x1/>.": "Puis <x1/>.",
            "Show the code": "Voir le code",
        },
    ).decode("utf-8")
    assert built == (
        '<div class="card">\n'
        '<h3 class="title">De beaux thèmes</h3>\n'
        '<p>Choisissez un <a href="themes/">thème</a> ou faites <em>le vôtre</em>.<br>'
        "Puis <code>mkdocs build</code>.</p>\n"
        "<pre>kept as it is</pre>\n"
        '<p translate="no">Brand name</p>\n'
        "<!-- a comment -->\n"
        "</div>\n"
        "\n"
        "<details><summary>Voir le code</summary>\n"
        "\n"
        "```js\nlet x = 1\n```\n"
        "\n"
        "</details>\n"
    )


def test_alerts_autolinks_and_code_stay_out_of_the_msgid(tmp_path: Path) -> None:
    source = (
        "> [!NOTE]\n> Read the <https://example.org/guide> first, and `run this`.\n"
        "\n"
        "Mail <team@example.org> or see ![the *logo*](logo.png 'The logo').\n"
    )
    po = _translate(tmp_path, source)
    assert _msgids(po) == [
        "Read the <x1/> first, and <x2/>.",
        "Mail <x1/> or see <g2>the <i3>logo</i3></g2>.",
        "The logo",  # the image's title
    ]
    built = _build(
        tmp_path,
        po,
        {
            "Read the <x1/> first, and <x2/>.": "Lisez d'abord <x1/>, et <x2/>.",
            "Mail <x1/> or see <g2>the <i3>logo</i3></g2>.": (
                "Écrivez à <x1/> ou voyez <g2>le <i3>logo</i3></g2>."
            ),
            "The logo": "Le logo",
        },
    ).decode("utf-8")
    assert built == (
        "> [!NOTE]\n> Lisez d'abord <https://example.org/guide>, et `run this`.\n"
        "\n"
        'Écrivez à <team@example.org> ou voyez ![le *logo*](logo.png "Le logo").\n'
    )


def test_html_block_in_a_quote_keeps_the_quote_markers(tmp_path: Path) -> None:
    source = "> <p>Read the <a\n> href='guide/'>guide</a> first.</p>\n"
    po = _translate(tmp_path, source)
    assert _msgids(po) == ["Read the <a1>guide</a1> first."]
    assert _build(tmp_path, po) == source.encode()
    built = _build(tmp_path, po, {"Read the <a1>guide</a1> first.": "Lisez le <a1>guide</a1>."})
    assert built.decode() == "> <p>Lisez le <a\n> href='guide/'>guide</a>.</p>\n"


def test_emphasis_markdown_would_not_read_is_written_as_html(tmp_path: Path) -> None:
    po = _translate(tmp_path, "Say **hello** now.\n\nSay *hello* again.\n")
    built = _build(
        tmp_path,
        po,
        {
            "Say <b1>hello</b1> now.": 'Dites<b1>"bonjour"</b1>\nici.',  # no left-flanking **
            "Say <i1>hello</i1> again.": "Redites <i1>bonjour</i1>.",
        },
    )
    assert built.decode() == ('Dites<strong>"bonjour"</strong> ici.\n\nRedites *bonjour*.\n')
    assert "<strong>&quot;bonjour&quot;</strong>" in _render(built)


def test_emphasis_in_emphasis_comes_back(tmp_path: Path) -> None:
    source = "An *_inner_* word.\n"
    po = _translate(tmp_path, source)
    assert _msgids(po) == ["An <i1><i2>inner</i2></i1> word."]
    assert _build(tmp_path, po) == source.encode()  # identity: as written
    built = _build(tmp_path, po, {"An <i1><i2>inner</i2></i1> word.": "Un <i1><i2>x</i2></i1>."})
    assert built.decode() == "Un <em><em>x</em></em>.\n"  # "**x**" would read as strong


def test_bare_urls_are_placeholders_and_a_thematic_break_is_no_front_matter(
    tmp_path: Path,
) -> None:
    source = (
        "---\nSee https://example.org/a_b (or www.example.com).\n\n---\n\n---\ntitle: Kept\n---\n"
    )
    po = _translate(tmp_path, source)
    assert _msgids(po) == ["See <x1/> (or <x2/>).", "title: Kept"]
    built = _build(tmp_path, po, {"See <x1/> (or <x2/>).": "Voir <x1/> (ou <x2/>)."})
    assert built.decode() == (
        "---\nVoir https://example.org/a\\_b (ou www.example.com).\n\n---\n\n"
        "---\ntitle: Kept\n---\n"
    )


def test_footnotes_are_read_where_written_with_their_label_as_a_note(tmp_path: Path) -> None:
    source = "Text[^1] here.\n\n[^1]: The *note* text.\n    More.\n\nLast paragraph.\n"
    po = _translate(tmp_path, source)
    catalog = polib.pofile(str(po))
    assert [(e.msgid, e.comment) for e in catalog] == [
        ("Text<x1/> here.", ""),
        ("The <i1>note</i1> text.", "found in: footnote [^1]"),
        ("More.", "found in: footnote [^1]"),
        ("Last paragraph.", ""),
    ]
    assert _build(tmp_path, po) == source.encode()
    built = _build(
        tmp_path,
        po,
        {"Text<x1/> here.": "Texte<x1/> ici.", "The <i1>note</i1> text.": "La <i1>note</i1>."},
    )
    assert built.decode() == "Texte[^1] ici.\n\n[^1]: La *note*. More.\n\nLast paragraph.\n"


def test_deep_nesting_is_no_traceback(tmp_path: Path) -> None:
    source = (
        "<div>"
        + "<span>" * 1500
        + "Deep text."
        + "</span>" * 1500
        + "</div>\n\n"
        + "*" * 1500
        + "Deep emphasis."
        + "*" * 1500
        + "\n"
    )
    po = _translate(tmp_path, source)
    assert _build(tmp_path, po) == source.encode()
    catalog = polib.pofile(str(po))
    built = _build(tmp_path, po, {e.msgid: e.msgid.replace("Deep", "Profond") for e in catalog})
    assert built.count(b"Profond") == 2 and built.count(b"<span>") == 1500


def test_html_block_attributes_are_translated_in_their_tags(tmp_path: Path) -> None:
    source = (
        '<p align="center">\n  <img src="logo.png" alt="The logo" width="200">\n</p>\n\n'
        "> <div>See <img alt=icon src=i.png> here and\n"
        '> <a href="x" title="Go there">there</a>.</div>\n'
    )
    po = _translate(tmp_path, source)
    catalog = polib.pofile(str(po))
    assert [(e.msgid, e.comment) for e in catalog] == [
        ("The logo", "found in: <img alt>"),
        ("See <x1/> here and <a2>there</a2>.", ""),
        ("icon", "found in: <img alt>"),
        ("Go there", "found in: <a title>"),
    ]
    assert _build(tmp_path, po) == source.encode()
    only_attributes = {"The logo": 'Le "logo"', "icon": "une icône", "Go there": "Allez-y"}
    assert _build(tmp_path, po, only_attributes).decode() == (
        '<p align="center">\n  <img src="logo.png" alt="Le &quot;logo&quot;" width="200">\n'
        "</p>\n\n"
        '> <div>See <img alt="une icône" src=i.png> here and\n'
        '> <a href="x" title="Allez-y">there</a>.</div>\n'
    )
    everything = {
        **only_attributes,
        "See <x1/> here and <a2>there</a2>.": "Voir <x1/>, <a2>là</a2>.",
    }
    assert _build(tmp_path, po, everything).decode() == (
        '<p align="center">\n  <img src="logo.png" alt="Le &quot;logo&quot;" width="200">\n'
        "</p>\n\n"
        '> <div>Voir <img alt="une icône" src=i.png>, <a href="x" title="Allez-y">là</a>.</div>\n'
    )


def test_inline_html_attributes_are_translated_in_their_tags(tmp_path: Path) -> None:
    source = (
        '<img src="i.png" alt="An icon"> Press the key.\n\n'
        'Not this: `<img alt="An icon">`, but <img alt="An icon"> this.\n'
    )
    po = _translate(tmp_path, source)
    catalog = polib.pofile(str(po))
    assert [(e.msgid, e.comment) for e in catalog] == [
        ("Press the key.", ""),
        ("An icon", "found in: <img alt>"),
        ("Not this: <x1/>, but <x2/> this.", ""),  # the tag is also in code: kept
    ]
    assert _build(tmp_path, po) == source.encode()
    built = _build(tmp_path, po, {"An icon": "Une icône", "Press the key.": "Appuyez."})
    assert built.decode() == (
        '<img src="i.png" alt="Une icône"> Appuyez.\n\n'
        'Not this: `<img alt="An icon">`, but <img alt="An icon"> this.\n'
    )


def test_links_and_images_without_text_are_kept_whole(tmp_path: Path) -> None:
    source = "An image ![](a.png) and a link [ ](b) and ![alt](c.png) here.\n"
    po = _translate(tmp_path, source)
    assert _msgids(po) == ["An image <x1/> and a link <x2/> and <g3>alt</g3> here."]
    built = _build(
        tmp_path,
        po,
        {
            "An image <x1/> and a link <x2/> and <g3>alt</g3> here.": (
                "Une image <x1/>, un lien <x2/> et <g3>texte</g3>."
            )
        },
    )
    assert built.decode() == "Une image ![](a.png), un lien [ ](b) et ![texte](c.png).\n"


def test_translations_keep_the_rendered_structure(tmp_path: Path) -> None:
    source = "A | B\n---\n\n<?php echo 'x'; ?>\n\n[ a link ](u) here.\n"
    po = _translate(tmp_path, source)
    assert _msgids(po) == ["A | B", "<a1>a link</a1> here."]  # nothing of the PHP
    built = _build(
        tmp_path, po, {"A | B": "A | B | C", "<a1>a link</a1> here.": "Ici, <a1>un lien</a1>."}
    )
    assert (
        built.decode() == "A &#124; B &#124; C\n---\n\n<?php echo 'x'; ?>\n\nIci, [un lien](u).\n"
    )
    assert "<h2>A | B | C</h2>" in _render(built)  # a heading still, no table


def test_task_list_boxes_stay_out_of_the_msgid(tmp_path: Path) -> None:
    source = "- [ ] Write the notes.\n- [x] Read them.\n\n[ ] No task here.\n"
    po = _translate(tmp_path, source)
    assert _msgids(po) == ["Write the notes.", "Read them.", "[ ] No task here."]
    built = _build(
        tmp_path,
        po,
        {
            "Write the notes.": "Écrire les notes.",
            "Read them.": "Les lire.",
            "[ ] No task here.": "[ ] Rien.",
        },
    )
    assert built.decode() == "- [ ] Écrire les notes.\n- [x] Les lire.\n\n\\[ \\] Rien.\n"
