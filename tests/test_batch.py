"""``l10n segment`` and ``l10n translate --engine none`` on real files; the output lock."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polib
import pytest

from pipeline.formats import document_id
from pipeline.mt import LazyEngine

from .helpers import ROOT, SAMPLE, msgfmt_check, run_cli, run_l10n, translate_none

EXPECTED = (
    ROOT / "tests" / "data" / "segmentation" / "generium-next-release.segments.txt"
).read_text(encoding="utf-8")


def test_segment_prints_expected_segmentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("segment", SAMPLE) == 0
    assert capsys.readouterr().out == EXPECTED


def test_segment_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli("segment", "--json", SAMPLE) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0] == {
        "doc": "generium-next-release",
        "paragraph": 0,
        "index": 0,
        "text": EXPECTED.splitlines()[0],
        "lang": "en",
    }
    assert records[-1]["lang"] == "ru" and records[-1]["paragraph"] == 6
    assert [r["text"] for r in records] == [line for line in EXPECTED.splitlines() if line]


def test_translate_none_writes_pot_and_po(tmp_path: Path) -> None:
    out = tmp_path / "locales"
    assert (
        run_cli("translate", SAMPLE, "--to", "ru", "--to", "de", "--out", out, "--engine", "none")
        == 0
    )
    pot = out / "generium-next-release.pot"
    po_ru = out / "ru" / "LC_MESSAGES" / "generium-next-release.po"
    po_de = out / "de" / "LC_MESSAGES" / "generium-next-release.po"
    for path in (pot, po_ru, po_de):
        msgfmt_check(path)
    catalog = polib.pofile(str(po_ru))
    expected = [line for line in EXPECTED.splitlines() if line]
    assert [e.msgid for e in catalog] == expected
    assert all(e.msgstr == "" for e in catalog)
    assert catalog[0].occurrences == [("generium-next-release.txt", "1")]
    assert catalog[2].occurrences == [("generium-next-release.txt", "3")]
    assert catalog[-1].occurrences == [("generium-next-release.txt", "14")]
    assert "not English" in catalog[-1].tcomment
    meta = catalog.metadata
    assert meta["Language"] == "ru"
    assert meta["Plural-Forms"].startswith("nplurals=3;")
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["X-Generator"].startswith("l10n ")
    for field in (
        "Project-Id-Version",
        "POT-Creation-Date",
        "PO-Revision-Date",
        "Language-Team",
        "MIME-Version",
        "Content-Transfer-Encoding",
    ):
        assert meta[field]
    assert polib.pofile(str(po_de)).metadata["Plural-Forms"].startswith("nplurals=2;")


def test_repeated_sentence_is_one_entry_with_references(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_text("Hello world. Bye.\n\nHello world.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    catalog = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "news.po"))
    assert [e.msgid for e in catalog] == ["Hello world.", "Bye."]
    assert catalog[0].occurrences == [("news.txt", "1"), ("news.txt", "3")]


def test_percent_and_braces_get_no_format_flag(tmp_path: Path) -> None:
    source = tmp_path / "fmt.txt"
    source.write_text(
        'Sales grew 5% to {total} with %s and %d "quotes" \\ back.\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    po = out / "ru" / "LC_MESSAGES" / "fmt.po"
    msgfmt_check(po)
    entry = polib.pofile(str(po))[0]
    assert entry.flags == []
    assert entry.msgid == 'Sales grew 5% to {total} with %s and %d "quotes" \\ back.'


def test_rerun_leaves_unchanged_catalog_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none") == 0
    po = out / "ru" / "LC_MESSAGES" / "generium-next-release.po"
    before = po.read_bytes(), po.stat().st_mtime_ns
    assert run_cli("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none") == 0
    assert (po.read_bytes(), po.stat().st_mtime_ns) == before


def test_directory_source_and_crlf_bom(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_bytes("\ufeff# Title\r\n\r\nOne. Two.\r\n".encode())
    (docs / "b.txt").write_text("Only one sentence here.", encoding="utf-8")
    (docs / "ignored.csv").write_text("x,y", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", docs, "--to", "ru", "--out", out, "--engine", "none") == 0
    assert sorted(p.name for p in out.glob("*.pot")) == ["a.pot", "b.pot"]
    assert [e.msgid for e in polib.pofile(str(out / "a.pot"))] == ["Title", "One.", "Two."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty document"),
        (b"   \n\n  ", "empty document"),
        ("Caf\u00e9 cr\u00e8me.".encode("latin-1"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_bad_sources_exit_2_and_write_nothing(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out"
    result = run_l10n("translate", source, "--to", "ru", "--out", out, "--engine", "none")
    assert result.returncode == 2
    assert message in result.stderr and str(source) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not any(out.rglob("*.po*"))


def test_directory_without_documents_and_unknown_language(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_l10n("segment", empty)
    assert result.returncode == 2 and "no .txt or .md documents" in result.stderr
    result = run_l10n(
        "translate", SAMPLE, "--to", "xx-nope", "--out", tmp_path / "o", "--engine", "none"
    )
    assert result.returncode == 2 and "unknown language code" in result.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("../../x.txt", "x"),
        ("/etc/passwd", "passwd"),
        ("docs/Press Release (final).md", "Press-Release-final"),
        ("..md", "document"),
        ("C:\\Users\\a\\news.txt", "news"),
    ],
)
def test_document_id_is_safe(path: str, expected: str) -> None:
    assert document_id(path) == expected


def test_python_m_pipeline_help() -> None:
    result = run_l10n("--help")
    assert result.returncode == 0 and "translate" in result.stdout


def test_second_run_fails_clearly_while_lock_is_held(tmp_path: Path) -> None:
    from filelock import FileLock

    out = tmp_path / "locales"
    translate_none(out)
    lock = FileLock(str(out / ".l10n.lock"))
    with lock:
        result = run_l10n(
            "translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none", "--wait", "0.2"
        )
    assert result.returncode == 4 and "another l10n run" in result.stderr
    assert translate_none(out).exists()  # once released, the next run goes ahead


def _mt_entry(signature: str) -> polib.POEntry:
    from pipeline.catalog import mt_comment

    return polib.POEntry(
        msgid="Hello.", msgstr="Hallo.", comment=mt_comment(signature, "Hallo."), flags=["fuzzy"]
    )


@pytest.mark.parametrize(
    ("recorded", "wanted"),
    [
        # the same MT with other decoding options or library version: kept
        (
            "engine:ctranslate2|model:m|rev:1|dir:en-de|family:nllb|lang:eng_Latn>deu_Latn|beam:2",
            False,
        ),
        # another model, family or language tokens: another MT, refreshed
        ("engine:ctranslate2|model:other|rev:1|dir:en-de|family:nllb|lang:eng_Latn>deu_Latn", True),
        ("engine:ctranslate2|model:m|rev:1|dir:en-de|family:m2m100|lang:__en__>__de__", True),
        ("engine:ctranslate2|model:m|rev:1|dir:en-de|family:nllb|lang:eng_Latn>gsw_Latn", True),
    ],
)
def test_untouched_mt_is_refreshed_only_for_another_mt(recorded: str, wanted: bool) -> None:
    from pipeline.batch import _wants_mt

    current = "engine:ctranslate2|model:m|rev:2|dir:en-de|family:nllb|lang:eng_Latn>deu_Latn|beam:4"
    assert _wants_mt(_mt_entry(recorded), {"Hello."}, LazyEngine(current, _no_load)) is wanted


def test_signatures_before_model_families_are_of_the_pair_family() -> None:
    from pipeline.batch import _wants_mt

    old = "engine:ctranslate2|model:Helsinki-NLP/opus-mt-en-de|rev:1|dir:en-de|beam:4"
    new = "engine:ctranslate2|model:Helsinki-NLP/opus-mt-en-de|rev:1|dir:en-de|family:pair|beam:4"
    assert _wants_mt(_mt_entry(old), {"Hello."}, LazyEngine(new, _no_load)) is False


def test_without_the_model_its_id_decides_what_is_another_mt() -> None:
    from pipeline.batch import _wants_mt

    written = "engine:ctranslate2|model:m|rev:1|dir:en-de|family:nllb|lang:eng_Latn>deu_Latn"
    deferred = LazyEngine(_no_signature, _no_load, model="m")
    assert _wants_mt(_mt_entry(written), {"Hello."}, deferred) is False
    assert not deferred.known  # decided without looking for the model
    other = LazyEngine(_no_signature, _no_load, model="other")
    assert _wants_mt(_mt_entry(written), {"Hello."}, other) is True


def _no_load() -> Any:
    raise AssertionError("no engine may be loaded")


def _no_signature() -> str:
    raise AssertionError("the model may not be looked for")
