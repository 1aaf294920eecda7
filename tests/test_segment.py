"""Sentence segmentation, rule by rule, and the sample release exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.formats import parse_document
from pipeline.segment import segment_document
from pipeline.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
EXPECTED_SEGMENTS = ROOT / "tests" / "data" / "segmentation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        (
            "Some drugs, e.g. Aspirin, are cheap. Others, i.e. Biologics, are not.",
            ["Some drugs, e.g. Aspirin, are cheap.", "Others, i.e. Biologics, are not."],
        ),
        (
            "We sell pills, syringes, etc. The list is long.",
            ["We sell pills, syringes, etc.", "The list is long."],
        ),
        (
            "Acme Inc. announced a plan. Acme Ltd. Moscow agreed.",
            ["Acme Inc. announced a plan.", "Acme Ltd. Moscow agreed."],
        ),
        ("Generium Next LLC. The company grew.", ["Generium Next LLC.", "The company grew."]),
        (
            "It is based in the U.S. The plant is in Russia.",
            ["It is based in the U.S.", "The plant is in Russia."],
        ),
        (
            "The U.S. Food and Drug Administration agreed.",
            ["The U.S. Food and Drug Administration agreed."],
        ),
        (
            "Plant No. 5 is on St. Peter street. It is new.",
            ["Plant No. 5 is on St. Peter street.", "It is new."],
        ),
        (
            "Output grew 3.2 times to 20.3 billion. Costs fell 1%. Staff is 30,000.",
            ["Output grew 3.2 times to 20.3 billion.", "Costs fell 1%.", "Staff is 30,000."],
        ),
        ("It opened on 2021-Nov-03. It works.", ["It opened on 2021-Nov-03.", "It works."]),
        (
            "A letter from J. K. Rowling arrived. A. Prokhorov replied.",
            ["A letter from J. K. Rowling arrived.", "A. Prokhorov replied."],
        ),
        ("Is it ready? Yes! It is.", ["Is it ready?", "Yes!", "It is."]),
        ("He paused... Then he left.", ["He paused...", "Then he left."]),
        ("A paragraph without a full stop", ["A paragraph without a full stop"]),
        ("Too    many   spaces.  Here   too.", ["Too many spaces.", "Here too."]),
        (
            "He said: “It works. It is fast.” Then he left.",
            ["He said: “It works.", "It is fast.”", "Then he left."],
        ),
        ('"It works. It is fast," said the CEO.', ['"It works.', 'It is fast," said the CEO.']),
        (
            "The price is 5 bn. rubles in 2024. Growth follows.",
            ["The price is 5 bn. rubles in 2024.", "Growth follows."],
        ),
        (
            "Version 2.0 is out (see Fig. 3). Try it.",
            ["Version 2.0 is out (see Fig. 3).", "Try it."],
        ),
        ("It was approved (finally.) Work starts.", ["It was approved (finally.)", "Work starts."]),
        ("Ends in Russian. Это новое предложение.", ["Ends in Russian.", "Это новое предложение."]),
    ],
)
def test_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sample_release_matches_expected_segmentation() -> None:
    source = (ROOT / "examples" / "generium-next-release.txt").read_text(encoding="utf-8")
    expected = (EXPECTED_SEGMENTS / "generium-next-release.segments.txt").read_text(
        encoding="utf-8"
    )
    document = parse_document(source, doc_id="x", path="x.txt", markdown=False)
    lines: list[str] = []
    previous = None
    for segment in segment_document(document).segments:
        if previous is not None and segment.paragraph != previous:
            lines.append("")
        lines.append(segment.text)
        previous = segment.paragraph
    assert "\n".join(lines) + "\n" == expected


def test_languages_and_lines_of_sample() -> None:
    source = (ROOT / "examples" / "generium-next-release.txt").read_text(encoding="utf-8")
    segments = segment_document(
        parse_document(source, doc_id="x", path="x.txt", markdown=False)
    ).segments
    assert [s.lang for s in segments].count("ru") == 1
    assert segments[-1].text == "Ваш вопрос" and segments[-1].lang == "ru"
    assert all(s.lang == "en" for s in segments[:-1])
    assert segments[-1].line == 14


def test_markdown_blocks() -> None:
    text = (
        "# Title of the release\n\nFirst sentence. Second one.\n\n- Item one. Still one.\n"
        "- Item two\n\n```\ncode. Not translated.\n```\n\n1. Numbered item.\n"
    )
    document = parse_document(text, doc_id="d", path="d.md", markdown=True)
    segments = segment_document(document).segments
    assert [(s.paragraph, s.index, s.text) for s in segments] == [
        (0, 0, "Title of the release"),
        (1, 0, "First sentence."),
        (1, 1, "Second one."),
        (2, 0, "Item one."),
        (2, 1, "Still one."),
        (3, 0, "Item two"),
        (4, 0, "Numbered item."),
    ]
    assert [s.line for s in segments] == [1, 3, 3, 5, 5, 6, 12]


def test_line_of_sentence_in_wrapped_paragraph() -> None:
    text = "First sentence is here.\nSecond starts on\nline two. Third\nis on three."
    document = parse_document(text, doc_id="d", path="d.txt", markdown=False)
    assert [s.line for s in segment_document(document).segments] == [1, 2, 3]
