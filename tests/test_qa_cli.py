"""``l10n qa`` end to end on small PO catalogs built with polib."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

from pipeline.catalog import QA_PREFIX, mt_comment, split_comment_lines, strip_prefixed
from pipeline.pofile import new_catalog

from .helpers import SAMPLE, msgfmt_check, run_cli, run_l10n
from .test_qa_checks import (
    CAPACITY,
    CAPACITY_RU,
    GLOSSARY_CSV,
    INVESTMENTS,
    INVESTMENTS_DE,
    INVESTMENTS_RU,
    RENTED,
    RENTED_RU,
    STAGE,
    STAGE_RU,
)

DOC = "generium-next-release"
GAUCHER = "These are, for example, Gaucher disease and cystic fibrosis."
ASTHMA = (
    "Among the drugs that the new resident will produce are drugs for the treatment of "
    "bronchial asthma, cardiovascular, rare and hereditary diseases."
)


@dataclass
class Row:
    """One entry of a test catalog."""

    msgid: str
    msgstr: str = ""
    mt: bool = False  # msgstr is an untouched MT output (fuzzy, mt: comment)
    chrf: float | None = None
    back_translation: str = ""
    fuzzy: bool = False
    comments: list[str] = field(default_factory=list)
    tcomment: str = ""
    msgctxt: str | None = None
    obsolete: bool = False


@pytest.fixture(autouse=True)
def _own_project(tmp_path: Path) -> None:
    """Each test's catalogs are a project of their own: no glossary unless a test writes one
    (the glossary of the project is qa's default)."""
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")


def write_po(path: Path, lang: str, rows: list[Row]) -> Path:
    """Write a catalog like ``l10n translate`` does, with the given entries."""
    catalog = new_catalog(DOC, lang)
    for line, row in enumerate(rows, start=1):
        comments = list(row.comments)
        if row.mt:
            comments.append(mt_comment("Helsinki-NLP/opus-mt-en-ru@0123abc", row.msgstr))
            if row.back_translation:
                comments.append(f"back-translation: {row.back_translation}")
            if row.chrf is not None:
                comments.append(f"round-trip chrF: {row.chrf:.1f}")
        catalog.append(
            polib.POEntry(
                msgid=row.msgid,
                msgstr=row.msgstr,
                msgctxt=row.msgctxt,
                comment="\n".join(comments),
                tcomment=row.tcomment,
                flags=["fuzzy"] if row.mt or row.fuzzy else [],
                occurrences=[] if row.obsolete else [(f"{DOC}.txt", str(line))],
                obsolete=row.obsolete,
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def clean_ru_rows() -> list[Row]:
    return [
        Row(RENTED, RENTED_RU, mt=True, chrf=61.0, back_translation=RENTED),
        Row(STAGE, STAGE_RU, tcomment="reviewed by Anna"),
        Row(INVESTMENTS, INVESTMENTS_RU, mt=True, chrf=58.3, back_translation=INVESTMENTS),
        Row(CAPACITY, CAPACITY_RU),
        Row(ASTHMA),  # not translated yet
    ]


def problem_ru_rows() -> list[Row]:
    return [
        Row(
            INVESTMENTS,
            INVESTMENTS_RU.replace("5 млрд", "5 млн"),
            mt=True,
            chrf=55.2,
            back_translation="The total volume ... almost 5 million rubles ...",
            comments=["glossary: resident → резидент"],
        ),
        Row(STAGE, STAGE_RU, mt=True, chrf=32.0, back_translation="At the second phase..."),
        Row(GAUCHER, GAUCHER, tcomment="l10n: kept for now\nAnna: check the names"),
        Row(CAPACITY, CAPACITY_RU.replace("»", ""), fuzzy=True),
        Row(ASTHMA),
        Row("An old sentence.", "Старое предложение", obsolete=True),
    ]


def test_clean_catalog_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = write_po(tmp_path / "ru.po", "ru", clean_ru_rows())
    before = po.read_bytes()
    assert run_cli("qa", po) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "4 translations checked, 0 errors, 0 warnings" in captured.err
    assert po.read_bytes() == before  # nothing to record: not rewritten


def test_findings_exit_1_with_file_line_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = write_po(tmp_path / "ru.po", "ru", problem_ru_rows())
    lines_of = {e.msgid: e.linenum for e in polib.pofile(str(po))}
    assert run_cli("qa", po) == 1
    out = capsys.readouterr().out.splitlines()
    pattern = re.compile(
        r"^(?P<file>.+):(?P<line>\d+): (?P<severity>error|warning): (?P<check>\w+): .+$"
    )
    parsed = [pattern.match(line) for line in out]
    assert all(parsed), out
    got = [(m["line"], m["severity"], m["check"]) for m in parsed if m]
    assert got == [
        (str(lines_of[INVESTMENTS]), "error", "numbers"),
        (str(lines_of[STAGE]), "warning", "roundtrip"),
        (str(lines_of[GAUCHER]), "error", "untranslated"),
        (str(lines_of[CAPACITY]), "warning", "quotes"),
    ]
    assert all(m["file"] == str(po) for m in parsed if m)
    assert "«5 billion» (= 5000000000)" in out[0]


def test_warnings_only_exit_0(tmp_path: Path) -> None:
    po = write_po(
        tmp_path / "ru.po", "ru", [Row(STAGE, STAGE_RU, mt=True, chrf=20.0, back_translation="x")]
    )
    assert run_cli("qa", po, "--no-write") == 0
    assert run_cli("qa", po, "--no-write", "--min-chrf", "10") == 0


def test_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = problem_ru_rows()
    rows.append(Row("Open the main menu", "Open the main menu", msgctxt="button"))
    po = write_po(tmp_path / "ru.po", "ru", rows)
    assert run_cli("qa", "--json", "--no-write", po) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(
        set(r) == {"file", "msgid", "msgctxt", "check", "severity", "message"} for r in records
    )
    assert records[0] == {
        "file": str(po),
        "msgid": INVESTMENTS,
        "msgctxt": None,
        "check": "numbers",
        "severity": "error",
        "message": "missing in the target: «5 billion» (= 5000000000); "
        "not in the source: «5 млн» (= 5000000)",
    }
    assert {
        "msgid": "Open the main menu",
        "msgctxt": "button",
        "check": "untranslated",
    }.items() <= records[-1].items()


def _entries(path: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(path))}


def _human_parts(entry: polib.POEntry) -> tuple[object, ...]:
    other_comments = strip_prefixed(entry.comment, (QA_PREFIX,))
    return (
        entry.msgid,
        entry.msgstr,
        entry.msgctxt,
        tuple(entry.flags),
        entry.tcomment,
        tuple(entry.occurrences),
        entry.obsolete,
        tuple(other_comments),
        entry.previous_msgid,
    )


def test_qa_comments_written_once_and_replaced(tmp_path: Path) -> None:
    po = write_po(tmp_path / "ru.po", "ru", problem_ru_rows())
    original = _entries(po)
    assert run_cli("qa", po) == 1
    msgfmt_check(po)
    first = po.read_text(encoding="utf-8")
    entries = _entries(po)
    assert {k: _human_parts(e) for k, e in entries.items()} == {
        k: _human_parts(e) for k, e in original.items()
    }
    investments = split_comment_lines(entries[INVESTMENTS].comment)
    assert investments[0] == "glossary: resident → резидент"
    assert investments[1].startswith("mt: Helsinki-NLP/opus-mt-en-ru@0123abc (output ")
    assert "round-trip chrF: 55.2" in investments
    assert investments[-1] == (
        "qa: numbers: missing in the target: «5 billion» (= 5000000000); "
        "not in the source: «5 млн» (= 5000000)"
    )
    assert "#. qa: roundtrip: round-trip chrF 32.0 is below 40" in first
    assert split_comment_lines(entries[CAPACITY].comment) == [
        "qa: quotes: quotation marks: 1 not closed in the target, balanced in the source"
    ]
    assert "qa:" not in entries[ASTHMA].comment

    # A second run finds the same: the file is not touched, nothing is duplicated.
    assert run_cli("qa", po) == 1
    assert po.read_text(encoding="utf-8") == first
    assert first.count("qa: numbers:") == 1

    # Fix two translations: their qa comments go, everything else stays.
    catalog = polib.pofile(str(po))
    for entry in catalog:
        if entry.msgid == INVESTMENTS:
            entry.msgstr = INVESTMENTS_RU
        if entry.msgid == GAUCHER:
            entry.msgstr = "Это, например, болезнь Гоше и муковисцидоз."
    catalog.save(str(po))
    fixed_before = _entries(po)
    assert run_cli("qa", po) == 0
    after = _entries(po)
    assert "qa:" not in after[INVESTMENTS].comment
    assert "qa:" not in after[GAUCHER].comment
    assert "qa: roundtrip:" in after[STAGE].comment
    assert {k: _human_parts(e) for k, e in after.items()} == {
        k: _human_parts(e) for k, e in fixed_before.items()
    }
    msgfmt_check(po)


def test_no_write_leaves_the_file_alone(tmp_path: Path) -> None:
    po = write_po(tmp_path / "ru.po", "ru", problem_ru_rows())
    before = po.read_bytes()
    assert run_cli("qa", "--no-write", po) == 1
    assert po.read_bytes() == before


def test_german_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = write_po(
        tmp_path / "de.po",
        "de",
        [
            Row(INVESTMENTS, INVESTMENTS_DE),
            Row("30,000 units and 3.2 million rubles.", "30.000 Einheiten und 3,2 Mio. Rubel."),
            Row(GAUCHER, "Das sind zum Beispiel Morbus Gaucher und Mukoviszidose."),
        ],
    )
    assert run_cli("qa", po) == 0
    assert capsys.readouterr().out == ""
    write_po(
        po,
        "de",
        [
            Row(INVESTMENTS, INVESTMENTS_DE.replace("5 Milliarden", "5 Millionen")),
            Row(GAUCHER, GAUCHER),
        ],
    )
    assert run_cli("qa", po) == 1
    checks = [line.split(": ")[2] for line in capsys.readouterr().out.splitlines()]
    assert checks == ["numbers", "untranslated"]


def test_glossary_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    source = (
        "The company Generium Next received the status of a resident of SEZ Technopolis Moscow."
    )
    po = write_po(
        tmp_path / "ru.po",
        "ru",
        [Row(source, "Компания Generium Next получила статус жителя СЭЗ «Технополис Москва».")],
    )
    assert run_cli("qa", "--no-write", po) == 0  # no glossary: the check is skipped
    assert run_cli("qa", "--json", "--no-write", "--glossary", glossary, po) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["check"], r["severity"]) for r in records] == [
        ("glossary", "error"),
        ("glossary", "error"),
    ]
    messages = sorted(r["message"] for r in records)
    assert messages == [
        "SEZ → ОЭЗ: forbidden variant «СЭЗ» used (особая экономическая зона)",
        "resident → резидент: forbidden variant «житель» used",
    ]


def test_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrupt = tmp_path / "corrupt.po"
    corrupt.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    good = write_po(tmp_path / "ru.po", "ru", problem_ru_rows())
    before = good.read_bytes()
    assert run_cli("qa", good, corrupt) == 2
    assert "corrupt" in capsys.readouterr().err
    assert corrupt.read_text(encoding="utf-8") == 'msgid "a"\nmsgstr "b\n'
    assert good.read_bytes() == before  # nothing written when one catalog is unusable

    no_language = tmp_path / "nolang.po"
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="a", msgstr="б"))
    catalog.save(str(no_language))
    assert run_cli("qa", no_language) == 2
    assert "no Language header" in capsys.readouterr().err
    assert run_cli("qa", "--glossary", tmp_path / "missing.csv", good) == 2
    assert run_cli("qa", tmp_path / "missing.po") == 2
    assert "no such catalog file or directory" in capsys.readouterr().err
    assert run_cli("qa", "--min-chrf", "120", good) == 2


def test_qa_as_a_separate_process(tmp_path: Path) -> None:
    po = write_po(tmp_path / "ru.po", "ru", problem_ru_rows())
    result = run_l10n("qa", "--json", po)
    assert result.returncode == 1, result.stderr
    assert len(result.stdout.splitlines()) == 4
    assert "qa comments updated" in result.stderr


def test_other_entries_kinds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A non-English source copied as is, a plural entry, a context: checked without fuss."""
    po = write_po(tmp_path / "ru.po", "ru", [Row("Ваш вопрос", "Ваш вопрос")])
    catalog = polib.pofile(str(po))
    catalog.append(
        polib.POEntry(
            msgid="%d job was created.",
            msgid_plural="%d jobs were created.",
            msgstr_plural={0: "Создано %d рабочее место.", 1: "Создано %d рабочих места", 2: ""},
        )
    )
    catalog.save(str(po))
    assert run_cli("qa", "--no-write", po) == 0
    out = capsys.readouterr().out
    assert out.count(": warning: punctuation:") == 1 and "Ваш вопрос" not in out


# A careful human translation of every segment of the sample release, in document order.
SAMPLE_RU = [
    "Компания «Генериум-Некст» получила статус резидента ОЭЗ «Технополис Москва», где будет "
    "производить лекарства, в том числе для лечения редких, так называемых орфанных заболеваний.",
    "Об этом сообщил Александр Прохоров, руководитель Департамента инвестиционной и "
    "промышленной политики Москвы",
    "«Компания арендовала помещение общей площадью 518 квадратных метров на площадке "
    "«Алабушево», которое в этом году планирует модернизировать под вторичную упаковку.",
    "На втором этапе инвестиционного проекта, к 2024 году, резидент построит собственный завод "
    "там же, в Зеленограде.",
    "Общий объем планируемых инвестиций в проект составит почти 5 млрд рублей, на предприятии "
    "планируется создать не менее 250 рабочих мест», — сказал руководитель департамента.",
    "Среди препаратов, которые будет выпускать новый резидент, — лекарства для лечения "
    "бронхиальной астмы, сердечно-сосудистых, редких и наследственных заболеваний.",
    "Это, например, болезнь Гоше и муковисцидоз.",
    "После запуска собственных цехов компания будет производить субстанции и готовые "
    "лекарственные формы, осуществлять первичную и вторичную упаковку лекарственных средств.",
    "«Производственная мощность предприятия будет рассчитана на выпуск более 150 тыс. единиц "
    "продукции в год, чему также способствуют удобная логистика и кооперация в рамках кластера "
    "медицинских технологий ОЭЗ «Технополис Москва», в который войдет новый резидент», — "
    "отметил Геннадий Дегтев, генеральный директор ОЭЗ «Технополис Москва».",
    "«Генериум-Некст» специализируется на обеспечении системы здравоохранения Российской "
    "Федерации современными генно-инженерными препаратами отечественного производства для "
    "лечения тяжелых и социально значимых пульмонологических, сердечно-сосудистых и орфанных "
    "заболеваний.",
    "Все препараты в рамках проекта включены Минздравом России в перечень жизненно необходимых "
    "и важнейших лекарственных препаратов.",
    "«Строительство высокотехнологичного фармацевтического производства соответствует планам "
    "развития «Генериум-Некст» по наращиванию производства и требует необходимых условий и "
    "поддержки со стороны производителя.",
    "Все эти возможности наилучшим образом отражены в концепции особой экономической зоны "
    "«Алабушево» ОЭЗ «Технополис Москва»», — сказал генеральный директор ООО «Генериум-Некст» "
    "Александр Андрюшечкин.",
    "Ваш вопрос",
]


def test_sample_release_catalog_from_translate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The catalog ``l10n translate`` writes for the sample, translated by a person."""
    out = tmp_path / "locales"
    assert run_cli("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none") == 0
    po = out / "ru" / "LC_MESSAGES" / f"{DOC}.po"
    assert run_cli("qa", po) == 0  # nothing translated yet: nothing to check
    catalog = polib.pofile(str(po))
    assert len(catalog) == len(SAMPLE_RU)
    for entry, translation in zip(catalog, SAMPLE_RU, strict=True):
        entry.msgstr = translation
    catalog.save(str(po))
    capsys.readouterr()
    assert run_cli("qa", po) == 0
    assert capsys.readouterr().out == ""

    catalog = polib.pofile(str(po))
    catalog[4].msgstr = catalog[4].msgstr.replace("5 млрд", "5 млн")
    catalog[6].msgstr = catalog[6].msgstr.removesuffix(".")
    catalog.save(str(po))
    assert run_cli("qa", po) == 1
    out_lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[2] for line in out_lines] == ["numbers", "punctuation"]
    msgfmt_check(po)
    report = tmp_path / "review.html"
    assert run_cli("review", po, "--html", report) == 0
    assert 'id="count-entries"><dt>Entries</dt><dd>14</dd>' in report.read_text(encoding="utf-8")


def test_qa_of_a_directory_checks_every_catalog_under_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = tmp_path / "locales"
    for lang in ("ru", "uk"):
        (locales / lang / "LC_MESSAGES").mkdir(parents=True)
    first = write_po(locales / "ru" / "LC_MESSAGES" / "a.po", "ru", problem_ru_rows())
    second = write_po(locales / "uk" / "LC_MESSAGES" / "b.po", "uk", problem_ru_rows())
    assert run_cli("qa", locales, "--json", "--no-write") == 1
    files = {json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()}
    assert files == {str(first), str(second)}
