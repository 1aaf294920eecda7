"""``l10n glossary`` commands end to end: find, suggest, lint on the shipped file."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.glossary.store import Glossary
from pipeline.glossary.suggest import suggest_terms

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "glossary" / "terms.csv"
EXAMPLES = ROOT / "examples"


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
    )


def test_lint_of_shipped_glossary_exits_0_as_a_process() -> None:
    result = run_cli("glossary", "lint", "glossary/terms.csv", "--quiet")
    assert (result.returncode, result.stdout) == (0, "")
    assert re.fullmatch(r"glossary/terms\.csv: \d+ terms, no problems\n", result.stderr)


def test_find_prints_one_json_object_per_input_line() -> None:
    lines = [
        "Компания «Генериум Некст» стала резидентом ОЭЗ «Технополис Москва».",
        "",
        "Препараты для лечения орфанных заболеваний, болезни Гоше и муковисцидоза.",
        "Помещение на площадке «Алабушево» в Зеленограде, одобрено Минздравом.",
    ]
    result = run_cli("glossary", "find", "--lang", "ru", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records == [
        {"line": 1, "terms": ["Generium Next", "resident", "SEZ", "Technopolis Moscow"]},
        {"line": 2, "terms": []},
        {"line": 3, "terms": ["orphan disease", "Gaucher disease", "cystic fibrosis"]},
        {"line": 4, "terms": ["Alabushevo site", "Zelenograd", "Ministry of Health"]},
    ]


def test_find_with_an_explicit_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text("term,lang,translation\nzone,de,Zone\nzone,ru,зона\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("Die ZONE\r\nзоны\n"))
    assert main(["glossary", "find", "--lang", "de", "--glossary", str(glossary)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        '{"line": 1, "terms": ["zone"]}',
        '{"line": 2, "terms": []}',
    ]


def test_find_with_a_missing_explicit_glossary_exits_2(tmp_path: Path) -> None:
    result = run_cli("glossary", "find", "--glossary", str(tmp_path / "none.csv"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"l10n: error: {tmp_path / 'none.csv'}: no such glossary file"


def test_suggest_lists_what_the_shipped_glossary_lacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["glossary", "suggest", str(EXAMPLES), "--glossary", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "Alexander Prokhorov" in out and "Gennady Degtev" in out
    assert "SEZ" not in out and "Technopolis" not in out  # covered by the glossary


def test_suggest_with_an_empty_glossary_counts_and_sorts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("term,lang,translation\n", encoding="utf-8")
    assert main(["glossary", "suggest", str(EXAMPLES), "--glossary", str(empty), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0] == {"text": "SEZ", "count": 4, "kind": "acronym"}
    counts = [record["count"] for record in records]
    assert counts == sorted(counts, reverse=True)
    by_text = {record["text"]: record for record in records}
    assert by_text["Generium Next"]["kind"] == "name"
    assert by_text["secondary packaging"] == {
        "text": "secondary packaging",
        "count": 2,
        "kind": "phrase",
    }
    assert by_text["orphan diseases"]["count"] == 2
    assert "LLC" in by_text and "Russian Federation" in by_text
    assert not any("вопрос" in text for text in by_text)  # Russian segments are skipped


def test_suggest_heuristics() -> None:
    sentences = [
        "The plant of Acme Pharma makes GMP-grade drug substance.",
        "Acme Pharma's drug substance and drug substances ship to the EU.",
        "Its EUs, the big plant and the big plants.",
    ]
    suggestions = suggest_terms(sentences, Glossary(), "ru", min_count=2)
    assert [(s.text, s.count, s.kind) for s in suggestions] == [
        ("drug substance", 3, "phrase"),
        ("Acme Pharma", 2, "name"),
        ("big plant", 2, "phrase"),
        ("EU", 2, "acronym"),
    ]


def test_suggest_missing_source_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "suggest", str(tmp_path / "none.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_glossary_help_lists_the_actions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["glossary", "--help"])
    out = capsys.readouterr().out
    for action in ("lint", "import", "export", "suggest", "find"):
        assert action in out
