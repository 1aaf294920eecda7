"""Reviewed work is never lost: re-runs merge, MT fills only what it owns."""

from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import TranslateRequest, run_translate
from pipeline.pofile import write_catalog

from .helpers import msgfmt_check
from .scripted import ScriptedFactory

WORDS = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike".split()


def _run(source: Path, out: Path, factory: ScriptedFactory, memory: Path | None = None) -> None:
    request = TranslateRequest(
        sources=[str(source)],
        languages=["ru"],
        out=out,
        models={"ru": ("fwd", "back")},
        engine_factory=factory,
        memory_path=memory,
    )
    run_translate(request)


def _write(source: Path, paragraphs: list[list[str]]) -> None:
    source.write_text("\n\n".join(" ".join(p) for p in paragraphs) + "\n", encoding="utf-8")


def _po(out: Path, name: str = "doc") -> Path:
    return out / "ru" / "LC_MESSAGES" / f"{name}.po"


def test_mt_fills_then_rerun_loads_nothing(tmp_path: Path) -> None:
    source, out = tmp_path / "doc.txt", tmp_path / "out"
    _write(source, [["Alpha one.", "Bravo two."], ["Charlie three."]])
    factory = ScriptedFactory()
    _run(source, out, factory)
    catalog = polib.pofile(str(_po(out)))
    entry = catalog[0]
    assert entry.msgstr == "en-ru⟨Alpha one.⟩" and "fuzzy" in entry.flags
    assert "mt: engine:scripted|model:fwd|dir:en-ru (output " in entry.comment
    assert "back-translation: ru-en⟨en-ru⟨Alpha one.⟩⟩" in entry.comment
    assert "round-trip chrF: " in entry.comment
    msgfmt_check(_po(out))
    before = _po(out).read_bytes()
    second = ScriptedFactory()
    _run(source, out, second)
    assert second.engines == {} and _po(out).read_bytes() == before


def test_human_edit_is_kept_and_changed_source_gets_suggestion(tmp_path: Path) -> None:
    source, out = tmp_path / "doc.txt", tmp_path / "out"
    _write(source, [["Alpha one is here.", "Bravo two is there."]])
    _run(source, out, ScriptedFactory())
    catalog = polib.pofile(str(_po(out)))
    catalog[0].msgstr = "Альфа один здесь."  # edited, still fuzzy: a person's work all the same
    catalog[0].tcomment = "checked with the client"
    catalog[1].msgstr = "Браво два там."
    catalog[1].flags.remove("fuzzy")
    catalog.save()
    _write(source, [["Alpha one is here now.", "Bravo two is there."], ["Charlie new."]])
    factory = ScriptedFactory()
    _run(source, out, factory)
    catalog = polib.pofile(str(_po(out)))
    changed, kept, new = catalog[0], catalog[1], catalog[2]
    assert changed.msgid == "Alpha one is here now."
    assert changed.msgstr == "Альфа один здесь." and changed.previous_msgid == "Alpha one is here."
    assert "fuzzy" in changed.flags and changed.tcomment == "checked with the client"
    assert kept.msgstr == "Браво два там." and "fuzzy" not in kept.flags
    assert new.msgstr == "en-ru⟨Charlie new.⟩"
    assert factory.engines["en-ru"].calls == [["Charlie new."]]
    gone = [e for e in catalog if e.obsolete]
    assert [(e.msgid, e.msgstr) for e in gone] == [("Alpha one is here.", "Альфа один здесь.")]
    msgfmt_check(_po(out))


def test_memory_exact_match_is_reused_before_mt(tmp_path: Path) -> None:
    from pipeline.memory import TranslationMemory

    memory = tmp_path / "tm.sqlite"
    with TranslationMemory(memory) as tm:
        tm.add([("Alpha one.", "ru", "Альфа один.", "older-release")])
    source, out = tmp_path / "doc.txt", tmp_path / "out"
    _write(source, [["Alpha one.", "Bravo two."]])
    factory = ScriptedFactory()
    _run(source, out, factory, memory)
    entry = polib.pofile(str(_po(out)))[0]
    assert (
        entry.msgstr == "Альфа один."
        and "memory: exact match from 'older-release'" in entry.comment
    )
    assert factory.engines["en-ru"].calls == [["Bravo two."]]


# --- property test: random edits, reviews and re-runs never lose a human translation ---

sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(
    lambda words: " ".join(words).capitalize() + "."
)
edit = st.one_of(
    st.tuples(st.just("change"), st.integers(0, 50), st.sampled_from(WORDS)),
    st.tuples(st.just("insert"), st.integers(0, 50), sentence),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("reorder"), st.integers(0, 50), st.integers(0, 50)),
    st.tuples(st.just("review"), st.integers(0, 50), st.sampled_from(["edit", "accept", "note"])),
    st.tuples(st.just("rerun")),
)


@given(
    st.lists(sentence, min_size=1, max_size=6, unique=True),
    st.lists(edit, min_size=1, max_size=12),
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_human_translations_survive_any_sequence(
    tmp_path_factory,
    sentences: list[str],
    steps: list[tuple],  # type: ignore[no-untyped-def]
) -> None:
    base = Path(tmp_path_factory.mktemp("merge"))
    source, out = base / "doc.txt", base / "out"
    doc = list(sentences)
    _write(source, [doc])
    _run(source, out, ScriptedFactory())
    human: dict[str, tuple[str, str]] = {}  # msgid -> (msgstr, tcomment) a person left
    for number, step in enumerate(steps):
        kind = step[0]
        if kind == "change" and doc:
            i = step[1] % len(doc)
            doc[i] = doc[i][:-1] + f" {step[2]}."
        elif kind == "insert":
            doc.insert(step[1] % (len(doc) + 1), step[2])
        elif kind == "delete" and len(doc) > 1:
            doc.pop(step[1] % len(doc))
        elif kind == "reorder" and doc:
            i, j = step[1] % len(doc), step[2] % len(doc)
            doc[i], doc[j] = doc[j], doc[i]
        elif kind == "review":
            catalog = polib.pofile(str(_po(out)))
            active = [e for e in catalog if not e.obsolete]
            entry = active[step[1] % len(active)]
            if step[2] == "edit":
                entry.msgstr = f"Человек {number}"
            elif step[2] == "accept" and entry.msgstr and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            elif step[2] == "note":
                entry.tcomment = f"note {number}"
            catalog.save()
            if entry.tcomment or (entry.msgstr and "fuzzy" not in entry.flags) or step[2] == "edit":
                human[entry.msgid] = (entry.msgstr, entry.tcomment)
            continue
        _write(source, [doc] if doc else [["Empty."]])
        factory = ScriptedFactory()
        _run(source, out, factory)
        catalog = polib.pofile(str(_po(out)))
        msgfmt_check(_po(out))
        for msgid, (msgstr, tcomment) in human.items():
            found = [
                e
                for e in catalog
                if (e.msgid == msgid or e.previous_msgid == msgid)
                and e.msgstr == msgstr
                and (not tcomment or e.tcomment == tcomment)
            ]
            assert found, f"human translation of {msgid!r} lost"
        if kind == "rerun":
            assert factory.calls == 0, "a re-run on an unchanged document called MT"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=120)


@given(
    entries=st.lists(
        st.tuples(
            _TEXT.filter(bool),
            _TEXT,
            st.booleans(),
            st.sampled_from(["doc.txt", "my doc.txt", "dir/a b.md"]),
        ),
        max_size=12,
        unique_by=lambda item: item[0],
    ),
    fuzzy_header=st.booleans(),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_catalog_written_in_pieces_is_what_polib_writes(
    tmp_path: Path, entries: list[tuple[str, str, bool, str]], fuzzy_header: bool
) -> None:
    """The catalog is written an entry at a time (never one string): the file is exactly
    polib's text, references with spaces isolated; an unchanged catalog is left alone."""
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = "Template\nsecond line"
    catalog.metadata = {"Project-Id-Version": "doc 1.0", "Language": "ru"}
    catalog.metadata_is_fuzzy = fuzzy_header
    for number, (msgid, msgstr, obsolete, name) in enumerate(entries, 1):
        catalog.append(
            polib.POEntry(
                msgid=msgid, msgstr=msgstr, obsolete=obsolete, occurrences=[(name, str(number))]
            )
        )
    path = tmp_path / "pieces.po"
    path.unlink(missing_ok=True)
    assert write_catalog(catalog, path)
    expected = str(catalog)
    for name in ("my doc.txt", "dir/a b.md"):
        expected = expected.replace(f"#: {name}:", f"#: \u2068{name}\u2069:")
    assert path.read_text(encoding="utf-8") == (
        expected if expected.endswith("\n") else expected + "\n"
    )
    before = path.stat().st_mtime_ns
    assert not write_catalog(catalog, path)
    assert path.stat().st_mtime_ns == before
