"""The QA checks one by one, positive and negative, in Russian and German.

Sentences come from the sample release (examples/generium-next-release.txt).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polib
import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline.qa as qa
from pipeline.qa import QAFinding, QAItem, QAOptions, Severity, run_checks
from pipeline.qa.numbers import extract_numbers
from pipeline.qa.text import end_punctuation, mark_balance, target_script

INVESTMENTS = (
    "The total volume of planned investments in the project will amount to almost 5 billion "
    "rubles, at least 250 jobs are expected to be created at the enterprise,” said the Head of "
    "the Department."
)
INVESTMENTS_RU = (
    "Общий объем планируемых инвестиций в проект составит почти 5 млрд рублей, на предприятии "
    "планируется создать не менее 250 рабочих мест», — сказал глава департамента."
)
INVESTMENTS_DE = (
    "Das Gesamtvolumen der geplanten Investitionen in das Projekt wird fast 5 Milliarden Rubel "
    "betragen, im Unternehmen sollen mindestens 250 Arbeitsplätze entstehen“, sagte der Leiter "
    "des Departements."
)
CAPACITY = (
    '"The production capacity of the enterprise will be designed to produce more than 150 '
    'thousand units of products per year," said Gennady Degtev.'
)
CAPACITY_RU = (
    "«Производственные мощности предприятия будут рассчитаны на выпуск более 150 тыс. единиц "
    "продукции в год», — сказал Геннадий Дегтев."
)
RENTED = (
    "“The company rented a space with a total area of 518 square meters at Alabushevo site, "
    "which it plans to modernize for secondary packaging this year."
)
RENTED_RU = (
    "«Компания арендовала помещение общей площадью 518 квадратных метров на площадке "
    "«Алабушево», которое в этом году планирует модернизировать под вторичную упаковку."
)
STAGE = (
    "At the second stage of the investment project, by 2024, the resident will build his own "
    "plant in the same place in Zelenograd."
)
STAGE_RU = (
    "На втором этапе инвестиционного проекта к 2024 году резидент построит собственный завод "
    "там же, в Зеленограде."
)


def found(
    check_id: str,
    source: str,
    target: str,
    lang: str = "ru",
    options: QAOptions | None = None,
    chrf: float | None = None,
) -> list[QAFinding]:
    """The findings of one check for one translation."""
    return run_checks(QAItem(source, target, lang, chrf), options, only=[check_id])


def test_clean_sample_translations_have_no_findings() -> None:
    for source, target in (
        (INVESTMENTS, INVESTMENTS_RU),
        (CAPACITY, CAPACITY_RU),
        (RENTED, RENTED_RU),
        (STAGE, STAGE_RU),
    ):
        assert run_checks(QAItem(source, target, "ru")) == [], source
    assert run_checks(QAItem(INVESTMENTS, INVESTMENTS_DE, "de")) == []


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("almost 5 billion rubles", "почти 5 млрд рублей"),
        ("almost 5 billion rubles", "почти 5 миллиардов рублей"),
        ("almost 5 billion rubles", "почти 5\u00a0000\u00a0000\u00a0000 рублей"),
        ("more than 150 thousand units", "более 150 тыс. единиц"),
        ("more than 150 thousand units", "более 150 тысяч единиц"),
        ("more than 150 thousand units", "более 150\u202f000 единиц"),
        ("a total area of 518 square meters", "общей площадью 518 квадратных метров"),
        ("an area of 581 square meters", "площадью 581 квадратный метр"),
        ("by 2024, the resident will build", "к 2024 году резидент построит"),
        ("at least 250 jobs", "не менее 250 рабочих мест"),
        ("30,000 units", "30 000 единиц"),
        ("30,000 units", "30\u00a0000 единиц"),
        ("30,000 units", "30\u202f000 единиц"),
        ("3.2 million", "3,2 млн"),
        ("growth of 12.5%", "рост на 12,5 %"),
        ("1,234,567.5 rubles", "1 234 567,5 рубля"),
        ("on 12.05.2024", "12.05.2024"),
        ("two plants", "два завода"),
        ("2 plants", "два завода"),
        ("two plants", "2 завода"),
        ("five billion rubles", "5 млрд рублей"),
        ("{0} units, %d jobs", "{0} единиц, %d мест"),
        ("call +7 495 123 45 67", "звоните +7 495 123 45 67"),
        ("no numbers here", "чисел нет"),
    ],
)
def test_numbers_match_in_russian(source: str, target: str) -> None:
    assert found("numbers", source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("almost 5 billion rubles", "почти 5 млн рублей", "«5 billion»"),
        ("at least 250 jobs", "не менее 205 рабочих мест", "«250»"),
        ("518 square meters", "581 квадратный метр", "«518»"),
        ("by 2024", "к 2023 году", "«2024»"),
        ("at least 250 jobs", "рабочие места", "missing in the target: «250»"),
        ("jobs", "в 2024 году рабочие места", "not in the source: «2024»"),
        ("150 thousand units", "150 единиц", "«150 thousand» (= 150000)"),
        ("two plants", "3 завода", "not in the source: «3»"),
        ("3.2 million", "32 млн", "«3.2 million»"),
    ],
)
def test_numbers_differ_in_russian(source: str, target: str, expected: str) -> None:
    findings = found("numbers", source, target)
    assert len(findings) == 1
    assert findings[0].severity is Severity.ERROR
    assert expected in findings[0].message


def test_numbers_report_both_sides() -> None:
    (finding,) = found("numbers", INVESTMENTS, INVESTMENTS_RU.replace("5 млрд", "5 млн"))
    assert finding.message == (
        "missing in the target: «5 billion» (= 5000000000); not in the source: «5 млн» (= 5000000)"
    )


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("almost 5 billion rubles", "fast 5 Milliarden Rubel"),
        ("almost 5 billion rubles", "fast 5 Mrd. Rubel"),
        ("30,000 units", "30.000 Einheiten"),
        ("3.2 million", "3,2 Mio."),
        ("150 thousand units", "150 Tsd. Einheiten"),
        ("1,234,567.5 rubles", "1.234.567,5 Rubel"),
        ("two plants", "zwei Werke"),
    ],
)
def test_numbers_match_in_german(source: str, target: str) -> None:
    assert found("numbers", source, target, "de") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("almost 5 billion rubles", "fast 5 Billionen Rubel"),  # German Billion is 10^12
        ("almost 5 billion rubles", "fast 5 Millionen Rubel"),
        ("3.2 million", "32 Mio."),
        ("at least 250 jobs", "mindestens 25 Arbeitsplätze"),
    ],
)
def test_numbers_differ_in_german(source: str, target: str) -> None:
    assert [f.check for f in found("numbers", source, target, "de")] == ["numbers"]


def test_number_extraction_reads_separators_by_language() -> None:
    def values(text: str, lang: str) -> list[tuple[Decimal, ...]]:
        return [m.values for m in extract_numbers(text, lang)]

    assert values("30,000", "en") == [(Decimal(30000), Decimal("30.000"))]
    assert values("30,000", "ru") == [(Decimal("30.000"), Decimal(30000))]
    assert values("2024 250", "en") == [(Decimal(2024),), (Decimal(250),)]
    assert values("1 234", "ru") == [(Decimal(1234),)]
    assert values("12.05.2024", "de") == [(Decimal(12),), (Decimal(5),), (Decimal(2024),)]
    assert values("5 млрд", "ru") == [(Decimal(5 * 10**9),)]
    spelled = extract_numbers("пяти миллиардов и двух", "ru")
    assert [(m.values, m.spelled) for m in spelled] == [
        ((Decimal(5 * 10**9),), True),
        ((Decimal(2),), True),
    ]
    assert extract_numbers("площадью 581 квадратный метр", "ru")[0].text == "581"


@settings(max_examples=60, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False),
    lang=st.sampled_from(["en", "ru", "de", "fr", "uk"]),
)
def test_numbers_formatted_by_babel_are_read_back(value: Decimal, lang: str) -> None:
    text = format_decimal(value, locale=lang)
    mentions = extract_numbers(f"x {text} y", lang)
    assert len(mentions) == 1, text
    assert value in mentions[0].values, text


# --- glossary ------------------------------------------------------------------------------

GLOSSARY_CSV = """\
term,lang,translation,forbidden,pos,case_sensitive,dnt,note
SEZ,ru,ОЭЗ,СЭЗ|свободная экономическая зона,noun,yes,no,особая экономическая зона
resident,ru,резидент,житель,noun,no,no,
Technopolis Moscow,ru,«Технополис Москва»,,properNoun,no,no,
Generium Next,ru,Generium Next,Дженериум Некст,properNoun,no,yes,
secondary packaging,ru,вторичная упаковка,,noun,no,no,
special economic zone,de,Sonderwirtschaftszone,Freihandelszone,noun,no,no,
Generium Next,de,Generium Next,,properNoun,no,yes,
"""


@pytest.fixture
def glossary_options(tmp_path: Path) -> QAOptions:
    from pipeline.glossary import Glossary

    path = tmp_path / "terms.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return QAOptions(glossary=Glossary.load(path))


RESIDENT = "The company Generium Next received the status of a resident of SEZ Technopolis Moscow."


def test_glossary_terms_used_pass(glossary_options: QAOptions) -> None:
    target = "Компания Generium Next получила статус резидента ОЭЗ «Технополис Москва»."
    assert found("glossary", RESIDENT, target, options=glossary_options) == []
    assert found("glossary", RENTED, RENTED_RU, options=glossary_options) == []


def test_glossary_forbidden_variant_is_an_error(glossary_options: QAOptions) -> None:
    target = "Компания Generium Next получила статус резидента СЭЗ «Технополис Москва»."
    (finding,) = found("glossary", RESIDENT, target, options=glossary_options)
    assert finding.severity is Severity.ERROR
    assert "«СЭЗ»" in finding.message and "SEZ" in finding.message


def test_glossary_dnt_not_verbatim_is_an_error(glossary_options: QAOptions) -> None:
    target = "Компания «Генериум Некст» получила статус резидента ОЭЗ «Технополис Москва»."
    (finding,) = found("glossary", RESIDENT, target, options=glossary_options)
    assert finding.severity is Severity.ERROR
    assert "Generium Next" in finding.message and "do not translate" in finding.message


def test_glossary_missing_term_is_a_warning(glossary_options: QAOptions) -> None:
    target = "Компания Generium Next получила статус участника ОЭЗ «Технополис Москва»."
    (finding,) = found("glossary", RESIDENT, target, options=glossary_options)
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("resident → резидент")


def test_glossary_in_german(glossary_options: QAOptions) -> None:
    source = "Generium Next is a resident of the special economic zone."
    good = "Generium Next ist ein Resident der Sonderwirtschaftszone."
    bad = "Generium Next ist ein Resident der Freihandelszone."
    assert found("glossary", source, good, "de", glossary_options) == []
    (finding,) = found("glossary", source, bad, "de", glossary_options)
    assert finding.severity is Severity.ERROR and "Freihandelszone" in finding.message


def test_glossary_check_needs_a_glossary() -> None:
    assert found("glossary", RESIDENT, "Компания получила статус СЭЗ.") == []


# --- untranslated --------------------------------------------------------------------------


def test_untranslated_copy_of_the_source() -> None:
    source = "These are, for example, Gaucher disease and cystic fibrosis."
    for lang in ("ru", "de"):
        (finding,) = found("untranslated", source, f" {source}\n", lang)
        assert finding.severity is Severity.ERROR
        assert finding.message == "the translation is the same as the source"
    # A case-only change is a person's deliberate edit (salt → Salt).
    assert found("untranslated", source, source.upper(), "de") == []


def test_untranslated_without_target_script() -> None:
    source = "These are, for example, Gaucher disease and cystic fibrosis."
    (finding,) = found("untranslated", source, "These are Gaucher disease and cystic fibrosis.")
    assert finding.message == "the translation has no Cyrillic text"
    assert found("untranslated", source, "42.")[0].check == "untranslated"
    assert found("untranslated", source, "Это, например, болезнь Гоше и муковисцидоз.") == []
    # A Latin-script target is only compared with the source.
    assert (
        found("untranslated", source, "Das sind etwa Morbus Gaucher und Mukoviszidose.", "de") == []
    )
    # A source without letters may stay as it is.
    assert found("untranslated", "2024.", "2024.") == []


def test_untranslated_allows_copies_that_are_right(glossary_options: QAOptions) -> None:
    # A segment already in the target language (the sample's stray «Ваш вопрос»).
    item = QAItem("Ваш вопрос", "Ваш вопрос", "ru", source_lang="ru")
    assert run_checks(item) == []
    # A source that is only do-not-translate terms.
    assert found("untranslated", "Generium Next", "Generium Next", options=glossary_options) == []
    # Without the glossary too: a name is no sentence to translate.
    assert found("untranslated", "Generium Next", "Generium Next") == []


def test_target_script_comes_from_babel() -> None:
    assert target_script("ru") == "Cyrl"
    assert target_script("uk_UA") == "Cyrl"
    assert target_script("sr_Latn") == "Latn"
    assert target_script("de") == "Latn"
    assert target_script("ja") == "Jpan"


# --- length --------------------------------------------------------------------------------


def test_length_within_band() -> None:
    assert found("length", STAGE, STAGE_RU) == []
    assert found("length", "Generium Next", "Компания «Генериум-Некст» и её партнёры") == []


def test_length_out_of_band() -> None:
    (short,) = found("length", STAGE, "Резидент построит завод.")
    assert short.severity is Severity.WARNING and "too short" in short.message
    assert "expected 0.8–1.8" in short.message
    (long,) = found("length", STAGE, " ".join([STAGE_RU] * 3))
    assert "too long" in long.message
    # German accepts a little more.
    german = (
        "In der zweiten Phase des Investitionsprojekts wird der Resident bis 2024 am selben Ort "
        "in Selenograd ein eigenes Werk bauen."
    )
    assert found("length", STAGE, german, "de") == []
    assert "too short" in found("length", STAGE, "Ein Werk bis 2024.", "de")[0].message


# --- repetition ----------------------------------------------------------------------------


def test_repetition_flags_mt_stutter() -> None:
    source = "the special economic zone Alabushevo"
    (finding,) = found("repetition", source, "особая экономическая зона зона зона Алабушево")
    assert finding.severity is Severity.WARNING
    assert "«зона зона зона»" in finding.message
    (phrase,) = found("repetition", STAGE, "На втором этапе на втором этапе проекта.")
    assert "«На втором этапе на втором этапе»" in phrase.message
    (german,) = found("repetition", source, "die Sonderwirtschaftszone Zone Zone", "de")
    assert "«Zone Zone»" in german.message


def test_repetition_not_flagged() -> None:
    assert found("repetition", STAGE, STAGE_RU) == []
    # Separated by punctuation: not a stutter.
    assert found("repetition", "Yes, yes.", "Да, да.") == []
    # Repeated in the source too.
    assert found("repetition", "very very rare diseases", "очень очень редкие болезни") == []
    # German relative pronoun + article.
    assert (
        found(
            "repetition", "the woman who reads the paper", "die Frau, die die Zeitung liest", "de"
        )
        == []
    )


# --- quotes --------------------------------------------------------------------------------


def test_quotes_of_a_multi_sentence_quotation_pass() -> None:
    assert found("quotes", RENTED, RENTED_RU) == []  # opens only, nested «Алабушево»
    assert found("quotes", INVESTMENTS, INVESTMENTS_RU) == []  # closes only
    assert found("quotes", CAPACITY, CAPACITY_RU) == []  # straight → guillemets
    assert found("quotes", INVESTMENTS, INVESTMENTS_DE, "de") == []  # “ → “ closing (German)
    assert found("quotes", 'He said "yes".', "Er sagte „ja“.", "de") == []


def test_quotes_unbalanced_unlike_source() -> None:
    (finding,) = found("quotes", CAPACITY, CAPACITY_RU.replace("»", ""))
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        "quotation marks: 1 not closed in the target, balanced in the source"
    )
    (opened,) = found("quotes", RENTED, RENTED_RU.removeprefix("«"))
    assert "quotation marks" in opened.message
    (bracket,) = found(
        "quotes",
        "the special economic zone (SEZ) Alabushevo",
        "особая экономическая зона (ОЭЗ Алабушево",
    )
    assert bracket.message.startswith("brackets: 1 not closed in the target")


def test_mark_balance() -> None:
    assert mark_balance("«a „b“ c»") == {}
    assert mark_balance("“a") == {"quotation marks": (1, 0)}
    assert mark_balance("a,” said") == {"quotation marks": (0, 1)}
    assert mark_balance("»Text« und (x]") == {"brackets": (1, 0), "square brackets": (0, 1)}


# --- punctuation ---------------------------------------------------------------------------


def test_punctuation_same_end() -> None:
    assert found("punctuation", INVESTMENTS, INVESTMENTS_RU) == []
    assert found("punctuation", 'He said "wait..."', "Он сказал «подождите…»") == []
    assert found("punctuation", "Is it ready?”", "Готово ли?»") == []
    assert found("punctuation", "Heading", "Заголовок") == []
    assert found("punctuation", "It works!", "Es funktioniert!", "de") == []


def test_punctuation_differs() -> None:
    source = (
        "This was announced by Alexander Prokhorov, Head of the Department for Investment and "
        "Industrial policy of Moscow"
    )
    (added,) = found("punctuation", source, "Об этом сообщил Александр Прохоров.")
    assert added.severity is Severity.WARNING
    assert added.message == "the translation ends with «.», the source has no end punctuation"
    (question,) = found("punctuation", "Is it ready?", "Es ist fertig.", "de")
    assert question.message == "the translation ends with «.», the source ends with «?»"


def test_end_punctuation_classes() -> None:
    assert end_punctuation("a.”") == "."
    assert end_punctuation("a?!") == "?"
    assert end_punctuation("a...") == end_punctuation("a…") == "…"
    assert end_punctuation("好。") == "."
    assert end_punctuation("Τι;", "el") == "?"
    assert end_punctuation("") == ""


# --- roundtrip -----------------------------------------------------------------------------


def test_roundtrip_below_threshold() -> None:
    (finding,) = found("roundtrip", STAGE, STAGE_RU, chrf=32.0)
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("round-trip chrF 32.0 is below 40")
    assert found("roundtrip", STAGE, STAGE_RU, chrf=55.0) == []
    assert found("roundtrip", STAGE, STAGE_RU, chrf=None) == []
    assert found("roundtrip", STAGE, STAGE_RU, "ru", QAOptions(min_chrf=60), chrf=55.0)


# --- qa comments ---------------------------------------------------------------------------


def test_replace_qa_comments_keeps_other_lines() -> None:
    comment = "\n".join(
        [
            "glossary: SEZ → ОЭЗ",
            "A note from the developers",
            "qa: numbers: missing in the target: «5 billion» (= 5000000000); not in the",
            "source: «5 млн» (= 5000000)",
            "round-trip chrF: 55.2",
        ]
    )
    entry = polib.POEntry(msgid="a", msgstr="б", comment=comment)
    new = QAFinding("length", Severity.WARNING, "too long")
    assert qa.replace_qa_comments(entry, [new])
    assert entry.comment.splitlines() == [
        "glossary: SEZ → ОЭЗ",
        "A note from the developers",
        "round-trip chrF: 55.2",
        "qa: length: too long",
    ]
    assert not qa.replace_qa_comments(entry, [new])
    assert qa.replace_qa_comments(entry, [])
    assert "qa:" not in entry.comment
