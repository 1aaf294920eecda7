"""Glossary CSV loading and ``glossary lint``: one test per finding, with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.glossary import DEFAULT_GLOSSARY_PATH, Glossary, GlossaryTerm
from pipeline.glossary.lint import lint_glossary

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "glossary" / "terms.csv"
HEADER = "term,lang,translation,forbidden,pos,case_sensitive,dnt,note\n"


def write(tmp_path: Path, text: str | bytes, name: str = "terms.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def findings(path: Path) -> list[tuple[int, str]]:
    return [(finding.line, finding.message) for finding in lint_glossary(path)]


def test_shipped_glossary_is_clean() -> None:
    assert lint_glossary(SHIPPED) == []
    assert main(["glossary", "lint", str(SHIPPED)]) == 0


def test_missing_required_column(tmp_path: Path) -> None:
    path = write(tmp_path, "term,lang,forbidden\nSEZ,ru,СЭЗ\n")
    assert findings(path) == [(1, "missing required column 'translation'")]


def test_unknown_column(tmp_path: Path) -> None:
    path = write(tmp_path, "term,lang,translation,forbiden\nSEZ,ru,ОЭЗ,СЭЗ\n")
    ((line, message),) = findings(path)
    assert line == 1 and message.startswith("unknown column 'forbiden'")


def test_duplicate_column(tmp_path: Path) -> None:
    path = write(tmp_path, "term,lang,translation,note,note\nSEZ,ru,ОЭЗ,a,b\n")
    assert findings(path) == [(1, "duplicate column 'note'")]


def test_empty_required_field(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ\norphan disease,ru,\n,ru,x\nresident,ru,|\n")
    assert findings(path) == [
        (3, "empty required field 'translation'"),
        (4, "empty required field 'term'"),
        (5, "empty required field 'translation'"),
    ]


def test_row_with_more_fields_than_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "term,lang,translation\nSEZ,ru,ОЭЗ,особая зона\n")
    ((line, message),) = findings(path)
    assert line == 2 and message.startswith("row has 4 fields but the header has 3")


def test_bad_yes_no_value(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ,,,maybe,no,\nLLC,ru,ООО,,,YES,,\n")
    assert findings(path) == [(2, "'case_sensitive' must be yes or no, not 'maybe'")]


def test_duplicate_entry(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ\nresident,ru,резидент\nsez,ru,оэз\n")
    assert findings(path) == [(4, "duplicate of line 2: 'sez' (ru)")]


def test_contradicting_entries(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ\nSEZ,de,SWZ\nSEZ,ru,СЭЗ\n")
    assert findings(path) == [(4, "'SEZ' (ru) contradicts line 2: 'СЭЗ' vs 'ОЭЗ'")]


def test_case_sensitive_terms_of_different_case_are_distinct(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "US,ru,США,,,yes\nus,ru,нас,,,yes\n")
    assert findings(path) == []


def test_forbidden_variant_equal_to_a_translation(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "SEZ,ru,ОЭЗ\nGenerium Next,ru,«Генериум-Некст»,Генериум Некст\n"
    )
    assert findings(path) == [(3, "forbidden variant 'Генериум Некст' is also a translation")]


def test_unknown_language_code(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ\nSEZ,xx,ОЭЗ\nSEZ,pt-BR,ZEE\nSEZ,sr_Latn,SEZ\n")
    assert findings(path) == [(3, "unknown language code 'xx'")]


def test_source_language_as_target(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,en-GB,special economic zone\n")
    assert findings(path) == [(2, "language 'en-GB' is the source language, not a target")]


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "SEZ,ru,ОЭЗ\n").encode("utf-8") + "x,ru,é\n".encode("cp1252"))
    assert findings(path) == [(3, "not UTF-8 (invalid byte 0xe9)")]


def test_unparsable_quoting(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + 'SEZ,ru,"ОЭЗ"x\n')
    ((line, message),) = findings(path)
    assert line == 2 and message.startswith("unparsable CSV")


def test_empty_file(tmp_path: Path) -> None:
    assert findings(write(tmp_path, "\n\n")) == [(1, "empty file: no header row")]


def test_line_numbers_count_multi_line_values_and_blank_lines(tmp_path: Path) -> None:
    text = HEADER + 'SEZ,ru,ОЭЗ,,,,,"note on\ntwo lines"\n\nSEZ,ru,ОЭЗ\n'
    assert findings(write(tmp_path, text)) == [(5, "duplicate of line 2: 'SEZ' (ru)")]


def test_lint_command_prints_path_line_message_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ,ОЭЗ\nSEZ,xx,ОЭЗ\n")
    assert main(["glossary", "lint", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:2: forbidden variant 'ОЭЗ' is also a translation",
        f"{path}:3: unknown language code 'xx'",
    ]
    assert main(["glossary", "lint", "--glossary", str(path)]) == 1


def test_lint_command_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", "lint", str(tmp_path / "none.csv")]) == 2
    assert "none.csv: no such glossary file" in capsys.readouterr().err


# --- loading for normal use ----------------------------------------------------------


def test_load_reads_every_field(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeff" + HEADER + 'SEZ,ru, ОЭЗ | особая экономическая зона ,СЭЗ,noun,Yes,no,"a, b"\n',
    )
    (term,) = Glossary.load(path).terms
    assert term == GlossaryTerm(
        term="SEZ",
        lang="ru",
        translations=("ОЭЗ", "особая экономическая зона"),
        forbidden=("СЭЗ",),
        pos="noun",
        case_sensitive=True,
        dnt=False,
        note="a, b",
        line=2,
    )


def test_load_accepts_only_the_required_columns(tmp_path: Path) -> None:
    (term,) = Glossary.load(write(tmp_path, "lang,translation,term\nru,ОЭЗ,SEZ\n")).terms
    assert (term.term, term.lang, term.translations, term.forbidden) == ("SEZ", "ru", ("ОЭЗ",), ())


def test_load_keeps_entries_that_only_lint_complains_about(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "SEZ,ru,ОЭЗ\nSEZ,ru,СЭЗ\nSEZ,xx,ОЭЗ\n")
    assert len(Glossary.load(path)) == 3


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("term,lang\nSEZ,ru\n", ":1:", "missing required column 'translation'"),
        (HEADER + "SEZ,ru,ОЭЗ\nLLC,ru,ООО,,,si\n", ":3:", "'case_sensitive' must be yes or no"),
        (HEADER + "SEZ,ru,ОЭЗ\nLLC,ru,\n", ":3:", "empty required field 'translation'"),
        ("term,lang,translation\nSEZ,ru,ОЭЗ,x\n", ":2:", "row has 4 fields"),
        (HEADER + 'SEZ,ru,"ОЭЗ"x\n', ":2:", "unparsable CSV"),
    ],
)
def test_load_rejects_structural_problems_with_file_and_line(
    tmp_path: Path, text: str, location: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        Glossary.load(path)
    assert str(error.value).startswith(f"{path}{location} {message}")


def test_load_rejects_wrong_encoding_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "SEZ,ru,ОЭЗ\n").encode("utf-16"))
    with pytest.raises(InputError, match=r"terms\.csv:1: not UTF-8"):
        Glossary.load(path)


def test_missing_default_glossary_is_empty_but_explicit_path_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not DEFAULT_GLOSSARY_PATH.exists()
    assert len(Glossary.load()) == 0
    with pytest.raises(InputError, match="no such glossary file"):
        Glossary.load(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="no such glossary file"):
        Glossary.load(DEFAULT_GLOSSARY_PATH)  # named explicitly


def test_default_glossary_is_used_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    write(tmp_path / "glossary", HEADER + "SEZ,ru,ОЭЗ\n")
    assert [t.term for t in Glossary.load()] == ["SEZ"]
