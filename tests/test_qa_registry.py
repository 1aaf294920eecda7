"""The registry of QA checks: each check declared once, and every list of checks made from it."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

import pipeline.qa as qa
from pipeline.qa import QAItem, Severity, all_checks, run_checks

from .helpers import ROOT, run_cli

STABLE_IDS = [
    "numbers",
    "glossary",
    "untranslated",
    "length",
    "repetition",
    "quotes",
    "punctuation",
    "roundtrip",
]


def test_check_ids_and_their_order_are_stable() -> None:
    # Checks added later may come in between; these keep their ids, order and severity.
    registered = [c for c in all_checks().values() if c.id in STABLE_IDS]
    assert [c.id for c in registered] == STABLE_IDS
    assert {c.id: c.severity for c in registered} == {
        "numbers": Severity.ERROR,
        "glossary": Severity.ERROR,
        "untranslated": Severity.ERROR,
        "length": Severity.WARNING,
        "repetition": Severity.WARNING,
        "quotes": Severity.WARNING,
        "punctuation": Severity.WARNING,
        "roundtrip": Severity.WARNING,
    }


def test_every_check_module_declares_a_check() -> None:
    modules = {c.function.__module__ for c in all_checks().values()}
    assert modules == {f"pipeline.qa.{name}" for name in qa.CHECK_MODULES}
    for registered in all_checks().values():
        assert registered.description and "\n" not in registered.description


def test_docs_table_is_the_registry() -> None:
    page = (ROOT / "docs" / "qa.md").read_text(encoding="utf-8")
    section = page.split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == qa.checks_markdown(), (
        "docs/qa.md QA table differs from the registry; paste pipeline.qa.checks_markdown()"
    )


def test_help_lists_every_check_with_its_severity(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli("qa", "--help")
    epilog = " ".join(capsys.readouterr().out.split("checks:", 1)[1].split())
    listed = [c for c in all_checks().values() if f"{c.id} ({c.severity}):" in epilog]
    assert listed == list(all_checks().values())
    for registered in listed:
        assert registered.description in epilog


def test_findings_take_the_declared_severity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(
        polib.POEntry(msgid="Revenue grew by 5 percent.", msgstr="Выручка выросла на 7%")
    )
    po = tmp_path / "ru.po"
    catalog.save(str(po))
    assert run_cli("qa", "--json", "--no-write", po) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["check"] for r in records} == {"numbers", "punctuation"}
    for record in records:
        assert record["severity"] == all_checks()[record["check"]].severity


def test_unknown_check_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="nope"):
        run_checks(QAItem("a", "б", "ru"), only=["nope"])


def test_a_check_id_cannot_be_declared_twice() -> None:
    def other_numbers(item: QAItem, options: qa.QAOptions) -> list[qa.QAFinding]:
        return []

    with pytest.raises(ValueError, match="numbers"):
        qa.check("numbers", Severity.WARNING, "another numbers check")(other_numbers)
    assert all_checks()["numbers"].severity is Severity.ERROR
