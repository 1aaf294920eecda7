"""The ``markup`` QA check, and MT of segments with inline codes (codes masked, put back)."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from pipeline.batch import TranslateRequest, run_translate
from pipeline.inline import markup_problems

from .helpers import msgfmt_check, run_cli
from .rich_samples import release_html
from .scripted import ScriptedFactory


def catalog_with(tmp_path: Path, pairs: list[tuple[str, str]]) -> Path:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for msgid, msgstr in pairs:
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path = tmp_path / "doc.po"
    catalog.save(str(path))
    return path


def test_qa_reports_markup_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = catalog_with(
        tmp_path,
        [
            ("The <b1>SEZ</b1> was founded in <a2>2005</a2>.", "<b1>ОЭЗ</b1> основана в 2005."),
            ("Read <a1>this</a1>.", "Прочтите <a1>это</a1>."),
            ("Run <x1/> now.", "Запустите <x1/> <x1/> <i9>сейчас</i9>."),
        ],
    )
    assert run_cli("qa", po, "--json", "--no-write") == 1
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    markup = [(f["msgid"][:8], f["message"]) for f in findings if f["check"] == "markup"]
    assert markup == [
        ("The <b1>", "<a2> is missing"),
        ("The <b1>", "</a2> is missing"),
        ("Run <x1/", "<i9> is not in the source"),
        ("Run <x1/", "</i9> is not in the source"),
        ("Run <x1/", "<x1/> appears 2 times"),
    ]
    assert all(f["severity"] == "error" for f in findings if f["check"] == "markup")


def test_mt_never_sees_codes_and_puts_them_back(tmp_path: Path) -> None:
    source = release_html(tmp_path / "release.html")
    out = tmp_path / "locales"
    factory = ScriptedFactory()
    run_translate(
        TranslateRequest(
            sources=[str(source)],
            languages=["ru"],
            out=out,
            models={"ru": ("fwd", "back")},
            engine_factory=factory,
        )
    )
    sent = [s for engine in factory.engines.values() for call in engine.calls for s in call]
    assert sent and not any("<b1>" in s or "</a2>" in s for s in sent)
    po = out / "ru" / "LC_MESSAGES" / "release.po"
    msgfmt_check(po)
    catalog = polib.pofile(str(po))
    coded = [e for e in catalog if "<b1>" in e.msgid]
    assert coded
    for entry in coded:
        assert "fuzzy" in entry.flags
        assert markup_problems(entry.msgid, entry.msgstr) == []
        # The scripted engine keeps the source words, so every code is placed with confidence.
        assert "inline codes could not" not in entry.comment
    first = coded[0]
    assert "<b1>Generium Next</b1>" in first.msgstr and "<a2>SEZ Technopolis Moscow</a2>" in (
        first.msgstr
    )


def test_mt_warns_when_codes_cannot_be_placed(tmp_path: Path) -> None:
    source = tmp_path / "page.html"
    source.write_text("<p>The <b>SEZ</b> grows fast.</p>", encoding="utf-8")
    out = tmp_path / "locales"
    factory = ScriptedFactory(alternatives={"The SEZ grows fast.": ["ОЭЗ быстро растёт."]})
    run_translate(
        TranslateRequest(
            sources=[str(source)],
            languages=["ru"],
            out=out,
            models={"ru": ("fwd", "back")},
            engine_factory=factory,
        )
    )
    entry = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "page.po"))[0]
    assert entry.msgid == "The <b1>SEZ</b1> grows fast."
    assert "fuzzy" in entry.flags
    assert "warning: inline codes could not all be placed" in entry.comment
    assert markup_problems(entry.msgid, entry.msgstr) == []  # codes present, to be moved


def test_other_checks_do_not_see_the_codes() -> None:
    from pipeline.qa import QAItem, run_checks

    source = "The <b1>SEZ</b1> was founded in <a2>2005</a2>."
    findings = run_checks(QAItem(source, "В 2005 году основана <b1>ОЭЗ</b1>.", "ru"))
    assert {f.check for f in findings} == {"markup"}  # no "numbers" for the 1 and 2 of codes
    assert run_checks(QAItem(source, "<a2>В 2005</a2> году основана <b1>ОЭЗ</b1>.", "ru")) == []


def test_mt_places_codes_around_glossary_translations(tmp_path: Path) -> None:
    from pipeline.glossary import Glossary

    from .helpers import ROOT

    source = tmp_path / "page.html"
    source.write_text("<p>The <b>SEZ</b> grows fast.</p>", encoding="utf-8")
    out = tmp_path / "locales"
    factory = ScriptedFactory(alternatives={"The SEZ grows fast.": ["ОЭЗ быстро растёт."]})
    run_translate(
        TranslateRequest(
            sources=[str(source)],
            languages=["ru"],
            out=out,
            models={"ru": ("fwd", "back")},
            engine_factory=factory,
            glossary=Glossary.load(ROOT / "glossary" / "terms.csv"),
        )
    )
    entry = polib.pofile(str(out / "ru" / "LC_MESSAGES" / "page.po"))[0]
    assert entry.msgstr == "<b1>ОЭЗ</b1> быстро растёт."
    assert "inline codes could not" not in entry.comment
