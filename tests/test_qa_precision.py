"""Precision of the QA checks on real human-reviewed catalogs (tests/data/qa_real: Sphinx
and Django extracts in 10 languages), and the patterns behind their former false alarms."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.qa import (
    EntryContext,
    QAItem,
    QAOptions,
    Severity,
    catalog_language,
    check_catalog,
    run_checks,
)
from pipeline.qa.text import abbreviation_dot, mark_balance, prose_words

DATA = Path(__file__).parent / "data" / "qa_real"
CATALOGS = sorted(DATA.glob("*.po"))


def test_the_sample_covers_at_least_8_languages() -> None:
    languages = {catalog_language(polib.pofile(str(path))) for path in CATALOGS}
    assert len(languages) >= 8
    assert sum(len(polib.pofile(str(path))) for path in CATALOGS) >= 600


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.stem)
def test_real_catalogs_give_at_most_one_error_per_thousand(path: Path) -> None:
    catalog = polib.pofile(str(path))
    lang = catalog_language(catalog)
    errors = [
        (report.entry.msgid, found.message)
        for report in check_catalog(catalog, lang, QAOptions())
        for found in report.findings
        if found.severity is Severity.ERROR
    ]
    assert len(errors) * 1000 <= len(catalog), errors


def messages(check: str, source: str, target: str, lang: str, **context: object) -> list[str]:
    item = QAItem(
        source,
        target,
        lang,
        context=EntryContext(source, **context) if context else None,  # type: ignore[arg-type]
    )
    return [f.message for f in run_checks(item, only=[check])]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("Afrikaans", "Afrikaans", "de"),  # a language name
        ("IPv6", "IPv6", "ru"),  # an acronym, no Cyrillic needed
        ("%(size)d byte", "%(size)d Byte", "de"),  # a unit, case changed
        ("%s KB", "%s KB", "ja"),
        ("%(class_name)s %(instance)s", "%(class_name)s %(instance)s", "fr"),
        ("Sept.", "Sept.", "de"),  # an abbreviation
        ("Universally unique identifier", "Universally Unique Identifier", "de"),  # case only
        ("salt", "Salt", "de"),
        ("See https://www.sphinx-doc.org/", "See https://www.sphinx-doc.org/", "it"),
        ("Contact admin@example.com", "admin@example.com", "zh_CN"),
        ("Python Enhancement Proposals", "Python Enhancement Proposals", "fr"),  # a name
        ("three", "3", "ko"),  # a digit for a number word
    ],
)
def test_untranslated_stays_quiet_on_names_acronyms_units_and_code(
    source: str, target: str, lang: str
) -> None:
    assert messages("untranslated", source, target, lang) == []


def test_untranslated_fires_on_sentences_and_on_mt_output_equal_to_the_source() -> None:
    sentence = "Raw binary data that cannot be shown"
    assert messages("untranslated", sentence, "Raw binary data, cannot be shown", "ko") == [
        "the translation has no Hangul text"
    ]
    assert messages("untranslated", sentence, sentence, "de") == [
        "the translation is the same as the source"
    ]
    # One word, but the untouched MT output: the engine did not translate it.
    assert messages("untranslated", "Filter", "Filter", "de", machine=True) == [
        "the translation is the same as the source"
    ]
    assert messages("untranslated", "Filter", "Filter", "de") == []
    assert prose_words("The file %s is at `conf.py`, see http://x.org/ IPv4 Django") == [
        "The",
        "file",
        "is",
        "at",
        "see",
    ]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("January", "1월", "ko"),  # a month written as a number
        ("noon", "12時", "ja"),
        ("Decimal number", "10 進数 (小数可)", "ja"),
        ("%(value)s googol", "%(value)s 10的100次方", "zh_CN"),
        ("%(value)s sextillion", "%(value)s 섹틸리언-10의21제곱", "ko"),
        ("6 p.m.", "18 Uhr", "de"),  # a 12-hour time of day
        ("6 a.m.", "6:00", "fr"),
        ("6 p.m.", "18:00", "fr"),
        (
            "0 of %(cnt)s selected",
            "%(cnt)s個の内ひとつも選択されていません",
            "ja",
        ),  # zero as a word
    ],
)
def test_numbers_accept_words_written_as_digits_and_times(
    source: str, target: str, lang: str
) -> None:
    assert messages("numbers", source, target, lang) == []


def test_numbers_still_report_a_number_invented_or_changed() -> None:
    assert messages("numbers", "Jobs in the region", "Jobs in der Region 2024", "de") == [
        "not in the source: «2024»"
    ]
    assert messages("numbers", "6 p.m.", "19 Uhr", "de") == [
        "missing in the target: «6»; not in the source: «19»"
    ]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("Jan.", "1月", "ja"),  # the dot of an abbreviation
        ("p.m.", "après-midi", "fr"),
        ("June", "Haz.", "tr"),
        ("PM", "nachm.", "de"),
        ("Slug (up to %(max_length)s)", "Slug (jusqu'à %(max_length)s car.)", "fr"),
        ("{}th", "{}.", "pl"),  # an ordinal
        ("21st", "21.", "de"),
        ("Error:", "エラー:", "ja"),  # a half-width colon and a space: technical writing
        ("Change history: %s", "変更履歴: %s", "ja"),
        ("yes,no,maybe", "はい,いいえ,たぶん", "ja"),  # a data token, not prose
        ("Date out of range", "日期超出范围。", "zh_CN"),  # CJK and Korean sentences close
        ("That page contains no results", "해당 페이지에 결과가 없습니다.", "ko"),
    ],
)
def test_punctuation_abbreviations_ordinals_and_cjk_colons(
    source: str, target: str, lang: str
) -> None:
    assert messages("punctuation", source, target, lang) == []


def test_punctuation_still_reports_a_sentence_dot_and_full_width() -> None:
    assert messages("punctuation", "Is it ready?", "Es ist fertig.", "de") == [
        "the translation ends with «.», the source ends with «?»"
    ]
    assert messages("punctuation", "Done. Next step", "完了. 次", "ja") == [
        "Japanese text takes full-width punctuation, not «.»"
    ]
    assert not abbreviation_dot("This is the end.")
    assert abbreviation_dot("Sept.") and abbreviation_dot("etc.)") and abbreviation_dot("1.")


def test_quotes_in_chinese_and_japanese_without_spaces() -> None:
    assert (
        messages(
            "quotes",
            "If you have configured your browser to disable “Referer” headers",
            "如果您已将浏览器配置为禁用“ Referer”头",
            "zh_CN",
        )
        == []
    )
    assert (
        messages("quotes", "Example: “/about/contact/”.", "例如：“/about/contact/”。", "zh") == []
    )
    assert mark_balance("例如：“/about/", "zh") == {"quotation marks": (1, 0)}
    # German „…“ still closes with “.
    assert (
        messages("quotes", 'Value "%(value)s" is wrong', "Wert „%(value)s“ ist falsch", "de") == []
    )
