"""Plain text and Markdown end to end: lists without blank lines, layout kept by build."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from .helpers import msgfmt_check, run_cli

RELEASE = """Generium opens a plant

Key facts:
- Investment: 5 billion rubles
• Jobs: 250

Steps:
1. Lease the site.
2. Build the plant.

The company grew by
25. The board met.
"""


def translate_and_build(
    tmp_path: Path, name: str, text: str, lang: str = "de"
) -> tuple[list[str], str]:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "loc"
    assert run_cli("translate", source, "--to", lang, "--engine", "none", "--out", out) == 0
    po = out / lang.replace("-", "_") / "LC_MESSAGES" / f"{source.stem}.po"
    msgfmt_check(po)
    catalog = polib.pofile(str(po))
    msgids = [e.msgid for e in catalog]
    for entry in catalog:
        entry.msgstr = entry.msgid.upper()
    catalog.save(str(po))
    built = tmp_path / f"built{source.suffix}"
    assert run_cli("build", po, "--out", built) == 0
    return msgids, built.read_text(encoding="utf-8")


def test_list_lines_are_segments_and_keep_their_lines(tmp_path: Path) -> None:
    msgids, built = translate_and_build(tmp_path, "facts.txt", RELEASE)
    assert msgids == [
        "Generium opens a plant",
        "Key facts:",
        "- Investment: 5 billion rubles",
        "• Jobs: 250",
        "Steps:",
        "1. Lease the site.",
        "2. Build the plant.",
        "The company grew by 25.",  # a wrapped line that starts with a number is no list
        "The board met.",
    ]
    assert built == (
        "GENERIUM OPENS A PLANT\n\nKEY FACTS:\n- INVESTMENT: 5 BILLION RUBLES\n• JOBS: 250\n\n"
        "STEPS:\n1. LEASE THE SITE.\n2. BUILD THE PLANT.\n\n"
        "THE COMPANY GREW BY 25. THE BOARD MET.\n"
    )


@pytest.mark.parametrize("lang", ["zh", "pt-BR"])
def test_markdown_lists_stay_tight(tmp_path: Path, lang: str) -> None:
    source = "# Title\nIntro line.\n\n- One.\n- Two.\n\n```\ncode. Kept\n```\n"
    msgids, built = translate_and_build(tmp_path, "note.md", source, lang)
    assert msgids == ["Title", "Intro line.", "One.", "Two."]
    assert built == "# TITLE\nINTRO LINE.\n\n- ONE.\n- TWO.\n\n```\ncode. Kept\n```\n"


def test_markdown_front_matter_quotes_and_tables_survive_the_build(tmp_path: Path) -> None:
    source = (
        "---\ntitle: Release\ndate: 2026-12-02\n---\n# Head\n\n"
        "> Quoted one.\n> Still quoted. Second sentence.\n>\n> > Nested quote.\n\n"
        "| Col A | Col B |\n|:------|------:|\n| Cell one. | Cell two. |\n"
    )
    msgids, built = translate_and_build(tmp_path, "quotes.md", source)
    assert msgids == [
        "Head",
        "Quoted one.",
        "Still quoted.",
        "Second sentence.",
        "Nested quote.",
        "Col A",  # each cell a block of its own: no pipe goes to MT
        "Col B",
        "Cell one.",
        "Cell two.",
    ]
    assert built == (  # a translated paragraph is one line; the markers stay as they are
        "---\ntitle: Release\ndate: 2026-12-02\n---\n# HEAD\n\n"
        "> QUOTED ONE. STILL QUOTED. SECOND SENTENCE.\n>\n> > NESTED QUOTE.\n\n"
        "| COL A | COL B |\n|:------|------:|\n| CELL ONE. | CELL TWO. |\n"
    )


def test_a_dash_at_the_start_of_a_wrapped_line_is_prose(tmp_path: Path) -> None:
    msgids, built = translate_and_build(
        tmp_path, "dash.txt", "The plant\n— the largest in the region — opens.\n"
    )
    assert msgids == ["The plant — the largest in the region — opens."]
    assert built == "THE PLANT — THE LARGEST IN THE REGION — OPENS.\n"
