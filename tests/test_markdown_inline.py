"""Markdown inline markup parsed by markdown-it-py (CommonMark), issue 20: emphasis, links
and images are paired codes whose markup and URL stay out of the msgid, a code span is a
placeholder; nothing of the markup reaches a translator or MT."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.formats.markdown import markdown_text, parse
from pipeline.inline import Leaf

from .helpers import run_cli
from .test_formats_docx import fill

SOURCE = """# The *new* plant

The plant opens in **May**. See [the report](https://example.org/r?a=1 "Annual report") first.

- Run `make install` with ![a photo of the hall](img/hall.png) inside.
- Plain item.

Escaped \\*stars\\* are text.
"""


def _translate(tmp_path: Path) -> Path:
    source = tmp_path / "plant.md"
    source.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "loc"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 0
    return out / "fr" / "LC_MESSAGES" / "plant.po"


def test_markup_stays_out_of_the_msgids(tmp_path: Path) -> None:
    msgids = [entry.msgid for entry in polib.pofile(str(_translate(tmp_path)))]
    assert msgids == [
        "The <i1>new</i1> plant",
        "The plant opens in <b1>May</b1>.",
        "See <a1>the report</a1> first.",
        "Annual report",  # the link's title: a segment of its own
        "Run <x1/> with <g2>a photo of the hall</g2> inside.",
        "Plain item.",
        "Escaped *stars* are text.",  # escapes: the characters they stand for
    ]
    for markup in ("https://", "make install", "img/hall.png", "**", '"'):
        assert not any(markup in msgid for msgid in msgids), markup


def test_identity_build_gives_the_source_back(tmp_path: Path) -> None:
    po = _translate(tmp_path)
    fill(po)
    built = tmp_path / "plant.fr.md"
    assert run_cli("build", po, "--out", built) == 0
    assert built.read_text(encoding="utf-8") == SOURCE


def test_translated_build_puts_the_markup_back_around_moved_words(tmp_path: Path) -> None:
    po = _translate(tmp_path)
    fill(
        po,
        {
            "The <i1>new</i1> plant": "La <i1>nouvelle</i1> usine",
            "The plant opens in <b1>May</b1>.": "L'usine ouvre en <b1>mai</b1>.",
            "See <a1>the report</a1> first.": "Lisez d'abord <a1>le rapport</a1>.",
            "Run <x1/> with <g2>a photo of the hall</g2> inside.": (
                "Lancez <x1/> avec <g2>une photo de la salle</g2> dedans."
            ),
        },
    )
    built = tmp_path / "plant.fr.md"
    assert run_cli("build", po, "--out", built) == 0
    text = built.read_text(encoding="utf-8")
    assert "# La *nouvelle* usine" in text
    assert (
        "L'usine ouvre en **mai**. Lisez d'abord "
        '[le rapport](https://example.org/r?a=1 "Annual report").'
    ) in text
    assert "- Lancez `make install` avec ![une photo de la salle](img/hall.png) dedans." in text


def test_reference_links_and_autolinks_stay_out_of_the_msgid(tmp_path: Path) -> None:
    source = tmp_path / "refs.md"
    source.write_text(
        'See [the report][r] and <https://example.org>.\n\n[r]: https://x.org "Report"\n'
    )
    out = tmp_path / "loc"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 0
    po = out / "fr" / "LC_MESSAGES" / "refs.po"
    catalog = polib.pofile(str(po))
    assert [(e.msgid, e.comment) for e in catalog] == [
        ("See <a1>the report</a1> and <x2/>.", ""),
        ("Report", "found in: link title"),  # the definition's title, shown by the link
    ]
    fill(po, {"See <a1>the report</a1> and <x2/>.": "Voir <a1>le rapport</a1> et <x2/>."})
    built = tmp_path / "refs.fr.md"
    assert run_cli("build", po, "--out", built) == 0
    assert built.read_text(encoding="utf-8") == (
        'Voir [le rapport](https://x.org "Report") et <https://example.org>.\n\n'
        '[r]: https://x.org "Report"\n'
    )
    fill(po, {"Report": 'Le "rapport"'})  # only the title translated: the link is rewritten
    assert run_cli("build", po, "--out", built) == 0
    assert built.read_text(encoding="utf-8") == (
        'See [the report](https://x.org "Le \\"rapport\\"") and <https://example.org>.\n\n'
        '[r]: https://x.org "Report"\n'
    )


def _leaves(text: str) -> list[Leaf]:
    (block,) = parse(text)
    return list(block.inline)


def test_leaves_written_back_read_the_same() -> None:
    text = "A _b_ and __c__ with `d` and <span>e</span>."
    leaves = _leaves(text)
    assert markdown_text(leaves) == "A *b* and **c** with `d` and <span>e</span>."
    assert [leaf.content for leaf in leaves if isinstance(leaf.content, str)] == [
        "A ",
        "b",
        " and ",
        "c",
        " with ",
        " and ",
        "e",
        ".",
    ]
