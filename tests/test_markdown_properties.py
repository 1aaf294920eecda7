"""Properties of Markdown builds for any document made of CommonMark's and GFM's pieces
(issue 20): an identity build gives the bytes back, and a translation full of characters
Markdown reads as markup renders the same elements in the same order as the source."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.build import build_document_report
from pipeline.formats import read_document
from pipeline.formats.markdown import markdown_parser
from pipeline.inline import CODE
from pipeline.segment import segment_document

INLINE = st.sampled_from(
    [
        "word",
        "Two words",
        "*em*",
        "_em_",
        "**strong**",
        "~~gone~~",
        "[a link](https://example.org/a_b)",
        '[titled](u "The title")',
        "[ref link][r]",
        "[r]",
        "![an image](i.png)",
        "![](empty.png)",
        "`code`",
        "`` a`b ``",
        "<kbd>Ctrl</kbd>",
        '<img alt="An icon" src=i.png>',
        "<https://example.org>",
        "https://example.org/x.",
        "&amp; &copy; &nbsp;",
        "\\*not em\\*",
        "a | pipe",
        "[^1]",
        "End.",
        "1990.",
        "#hash",
        "  \n",
        "\\\n",
        "\n",
        "\\|",
        "*a **b** c*",
        "<b>open",
        "</i>",
        "&#35; &bogus;",
        "日本語の文。",
    ]
)
LINE = st.lists(INLINE, min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda t: "# " + t.replace("\n", " ")),
    LINE.map(lambda t: t.replace("\n", " ") + "\n---"),
    LINE.map(lambda t: "> " + t.replace("\n", "\n> ")),
    LINE.map(lambda t: "- " + t.replace("\n", "\n  ")),
    LINE.map(lambda t: "1. " + t.replace("\n", "\n   ")),
    st.tuples(LINE, LINE).map(
        lambda c: "| {} | {} |\n|---|:-:|\n| {} | x |".format(
            c[0].replace("\n", " "), c[1].replace("\n", " "), c[1].replace("\n", " ")
        )
    ),
    LINE.map(lambda t: '<div title="A tip">\n<p>' + t.replace("\n", " ") + "</p>\n</div>"),
    LINE.map(lambda t: "> - " + t.replace("\n", "\n>   ")),
    LINE.map(
        lambda t: "<details><summary>" + t.replace("\n", " ") + "</summary>\n\nbody\n\n</details>"
    ),
    st.just("```\ncode *kept*\n```"),
    st.just("    indented code"),
    st.just("[r]: https://example.org/r 'Ref title'"),
    st.just("[^1]: A footnote."),
)
DOCUMENT = (
    st.lists(BLOCK, min_size=1, max_size=6)
    .map(lambda blocks: "\n\n".join(blocks) + "\n")
    .filter(lambda text: text.strip())  # a blank document is refused, rightly
)
MARKUP = "# 1. *a* _b_ [x](y) <b>q</b> `c` | \\ &amp; ~~s~~ ![i](j) - + > = "


def _build(text: str, translate: object) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.md"
        source.write_text(text, encoding="utf-8")
        catalog = polib.POFile()
        catalog.metadata = {"Language": "fr"}
        seen: set[str] = set()
        for segment in segment_document(read_document(source)).segments:
            if segment.text not in seen:
                seen.add(segment.text)
                msgstr = translate(segment.text)  # type: ignore[operator]
                catalog.append(polib.POEntry(msgid=segment.text, msgstr=msgstr))
        return build_document_report(catalog, source, fallback_source=False).data


def _elements(markdown: bytes) -> list[str]:
    html = markdown_parser().render(markdown.decode("utf-8"))
    return re.findall(r"</?[a-zA-Z][\w-]*", html)


def _with_markup(msgid: str) -> str:
    """A translation that starts with Markdown markup and keeps the msgid's codes."""
    return MARKUP + msgid if not CODE.match(msgid) else msgid + " " + MARKUP


@given(DOCUMENT)
@settings(max_examples=150, deadline=None)
def test_identity_build_gives_the_bytes_back(text: str) -> None:
    assert _build(text, lambda msgid: msgid) == text.encode("utf-8")


@given(DOCUMENT)
@settings(max_examples=150, deadline=None)
def test_markup_in_translations_does_not_change_the_rendered_elements(text: str) -> None:
    assert _elements(_build(text, _with_markup)) == _elements(text.encode("utf-8"))
