"""Fuzz: arbitrary Unicode through segment → catalog → build keeps the paragraphs."""

from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.sentences import normalize_space

from .helpers import msgfmt_check

# Any character but surrogates (which UTF-8 cannot hold: they come in escaped, as text)
# and line separators, which the document reader treats as paragraph structure.
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")
words = st.one_of(
    st.text(characters, min_size=1, max_size=12),
    st.sampled_from(["\u200f", "\u202e", "\x00", "\x07", "\\ud800", "%s", "{0}", '"', "\\", "\t"]),
    st.text(st.sampled_from("abcdefghij"), min_size=200, max_size=400),  # a very long word
)
paragraph = st.lists(words, min_size=1, max_size=8).map(" ".join)


@given(st.lists(paragraph, min_size=1, max_size=4))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_arbitrary_text_round_trips(tmp_path_factory, paragraphs: list[str]) -> None:  # type: ignore[no-untyped-def]
    expected = [normalize_space(p) for p in paragraphs]
    expected = [p for p in expected if p]
    if not expected:
        return
    base = Path(tmp_path_factory.mktemp("fuzz"))
    source = base / "fuzz.txt"
    source.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    out = base / "out"
    data = source.read_bytes()
    status = main(["translate", str(source), "--to", "ru", "--out", str(out), "--engine", "none"])
    if sum(1 for b in data if b < 32 and b not in b"\t\n\r\f") > max(8, len(data) // 10):
        assert status == 2 and not out.exists()  # mostly control bytes: refused as binary
        return
    assert status == 0
    po = out / "ru" / "LC_MESSAGES" / "fuzz.po"
    msgfmt_check(po)
    msgfmt_check(out / "fuzz.pot")
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = entry.msgid
    catalog.save()
    built = base / "fuzz.ru.txt"
    assert main(["build", str(po), "--out", str(built), "--source", str(source)]) == 0
    assert built.read_text(encoding="utf-8").rstrip("\n").split("\n\n") == expected
