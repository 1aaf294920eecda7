"""Languages without a row of their own get their number and punctuation checks from CLDR
(and Unicode) alone: Hindi, Swahili, Turkish, Vietnamese, Hebrew, Bengali; and the Korean
and Hindi amounts the table's languages write with spaces or abbreviations.

AGREE: a correct translation, no finding. DIFFER: a wrong number, caught both ways.
"""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.languages import known_languages, profile
from pipeline.languages.marks import MARKS, UNICODE_VERSION, mark_ranges
from pipeline.qa import QAItem, QAOptions, run_checks
from pipeline.qa.numbers import compare_numbers, extract_numbers
from pipeline.qa.text import end_punctuation, find_repetitions

from .helpers import ROOT

NBSP = "\u00a0"

AGREE = [
    # Hindi: lakh and crore from CLDR's compact formats, its abbreviation क॰, Devanagari digits.
    ("hi", "The budget is 150 million dollars.", "बजट 15 करोड़ डॉलर है।"),
    ("hi", "The budget is 2.5 million dollars.", "बजट 25 लाख डॉलर है।"),
    ("hi", "The budget is 150 million dollars.", f"बजट 15{NBSP}क॰ डॉलर है।"),
    ("hi", "The budget is 150 million dollars.", "बजट १५ करोड़ डॉलर है।"),
    ("hi", "It costs 1,500 rupees.", "इसकी कीमत १,५०० रुपये है।"),
    ("hi", "It costs 12.5 million rupees.", "इसकी कीमत 1,25,00,000 रुपये है।"),
    ("hi", "It employs 3,000 people.", "इसमें 3 हज़ार लोग काम करते हैं।"),
    # Bengali and Marathi: crore, digits of their scripts.
    ("bn", "Revenue was 5 billion.", "রাজস্ব ছিল ৫০০ কোটি।"),
    ("mr", "Revenue was 5 billion.", "महसूल ५०० कोटी होता."),
    # Swahili writes the magnitude word before the number.
    ("sw", "The population is 12 million.", "Idadi ya watu ni milioni 12."),
    ("sw", "It costs 5 thousand shillings.", "Inagharimu shilingi elfu 5."),
    # Turkish, Vietnamese, Hebrew, Persian, Urdu.
    ("tr", "It costs 3 billion lira.", "3 milyar liraya mal oluyor."),
    ("tr", "It costs 3.5 million.", "3,5 milyon tutuyor."),
    ("tr", "The population is 1,234,567.", "Nüfus 1.234.567."),
    ("vi", "The population is 12 million.", "Dân số 12 triệu."),
    ("vi", "It costs 2.5 billion dong.", "Nó có giá 2,5 tỷ đồng."),
    ("he", "The population is 2.5 million.", "אוכלוסייה של 2.5 מיליון."),
    ("fa", "Revenue was 5 billion.", "درآمد ۵ میلیارد بود."),
    ("ur", "Revenue was 5 billion.", "آمدنی ۵ ارب تھی۔"),
    # Korean: magnitude groups apart, date counters.
    ("ko", "The fund holds 150 million won.", "기금은 1억 5,000만 원이다."),
    ("ko", "The fund holds 150 million won.", "기금은 1억5000만 원이다."),
    ("ko", "The fund holds 123.4 million won.", "기금은 1억 2,340만 원이다."),
    ("zh", "It costs 150 million yuan.", "耗资1亿 5000万元。"),
    ("ja", "It costs 120 million yen.", "費用は1億 2,000万円。"),
    ("ko", "It opened on March 12, 2025.", "2025년 3월 12일에 열렸다."),
    ("ko", "Sales rose in Q1.", "1분기에 매출이 증가했다."),
    ("zh", "Sales rose 5% in the 2nd quarter.", "第2季度销售额增长了5%。"),
    # Ordinals written as words, from CLDR's spell-out rules, for digits and the other way.
    ("ko", "In the first quarter, step 1 ended.", "1분기에 1단계가 끝났다."),
    ("ko", "It came 3rd.", "세 번째였다."),
    ("hi", "It won 3rd place.", "यह तीसरे स्थान पर रहा।"),
    ("ar", "It won 3rd place.", "حصل على المرتبة الثالثة."),
    ("it", "The 3rd phases ended.", "Le terze fasi sono terminate."),
    ("tr", "The 3rd quarter.", "Üçüncü çeyrek."),
    ("pt", "The 2nd edition.", "A segunda edição."),
    ("nl", "The 21st century.", "De eenentwintigste eeuw."),
    ("en", "The 3rd phase.", "The third phase."),
    ("ru", "Revenue of the 3rd quarter.", "Выручка третьего квартала."),
    # Small numbers written out: CLDR's cardinals where the row has none.
    ("tr", "3 plants were built.", "Üç fabrika inşa edildi."),
    ("hi", "3 plants were built.", "तीन संयंत्र बनाए गए।"),
]

DIFFER = [
    ("hi", "The budget is 150 million dollars.", "बजट 15 लाख डॉलर है।", "150000000", "1500000"),
    ("hi", "The budget is 15 million.", "बजट १६ लाख है।", "15000000", "1600000"),
    ("sw", "The population is 12 million.", "Idadi ya watu ni milioni 13.", "12000000", "13000000"),
    ("tr", "It costs 3 billion lira.", "3 milyon liraya mal oluyor.", "3000000000", "3000000"),
    ("vi", "The population is 12 million.", "Dân số 12 tỷ.", "12000000", "12000000000"),
    ("ko", "The fund has 150 million won.", "기금은 1억 6,000만 원.", "150000000", "160000000"),
    ("bn", "Revenue was 5 billion.", "রাজস্ব ছিল ৫০ কোটি।", "5000000000", "500000000"),
    # An ordinal word is optional: it never hides a wrong digit.
    ("hi", "It won 3rd place in 2024.", "यह 2025 में तीसरे स्थान पर रहा।", "2024", "2025"),
]


def _values(mentions: list) -> list[str]:
    return [format(m.values[0].normalize(), "f") for m in mentions]


@pytest.mark.parametrize(("lang", "source", "target"), AGREE)
def test_correct_translations_agree(lang: str, source: str, target: str) -> None:
    missing, extra = compare_numbers(extract_numbers(source, "en"), extract_numbers(target, lang))
    assert (_values(missing), _values(extra)) == ([], [])


@pytest.mark.parametrize(("lang", "source", "target", "missing", "extra"), DIFFER)
def test_wrong_numbers_are_caught_both_ways(
    lang: str, source: str, target: str, missing: str, extra: str
) -> None:
    found = compare_numbers(extract_numbers(source, "en"), extract_numbers(target, lang))
    assert (_values(found[0]), _values(found[1])) == ([missing], [extra])
    back = compare_numbers(extract_numbers(target, lang), extract_numbers(source, "en"))
    assert (_values(back[0]), _values(back[1])) == ([extra], [missing])


def test_languages_without_a_row_take_their_numbers_from_cldr() -> None:
    rows = {row.code: row for row in known_languages()}
    for code in ("sw", "tr", "vi", "bn", "ur"):
        assert code not in rows
        assert profile(code).magnitudes or profile(code).prefix_magnitudes, code
    # Hindi's row adds only its endings: the magnitudes are CLDR's.
    assert not rows["hi"].extra_magnitudes and not rows["hi"].number_words
    assert profile("hi").magnitudes["करोड़"] == 10**7
    assert profile("hi").magnitudes["क॰"] == 10**7
    assert profile("sw").prefix_magnitudes["milioni"] == 10**6
    assert "milioni" not in profile("sw").magnitudes


def test_spelled_numbers_come_from_cldr_rules() -> None:
    assert profile("it").ordinal_words["terze"] == 3
    assert profile("hi").ordinal_words["तीसरा"] == 3
    assert profile("ar").ordinal_words["الثالثة"] == 3
    assert profile("en").ordinal_words["twenty-first"] == 21
    assert profile("tr").spelled_numbers["üç"] == 3
    assert "bir" not in profile("tr").spelled_numbers  # one: the indefinite article
    assert profile("de").spelled_numbers is profile("de").number_words  # the row's own
    assert profile("ko").spelled_numbers == {}  # 이, 삼, 사 are other words too
    assert profile("bn").ordinal_words == {}  # CLDR has no spell-out rules for Bengali


def test_korean_and_japanese_terms_match_with_or_without_spaces() -> None:
    from pipeline.glossary import GlossaryTerm, find_target_terms

    ko = [GlossaryTerm("clinical trial", "ko", ("임상시험",))]
    ja = [GlossaryTerm("clinical trial", "ja", ("臨床試験",))]
    assert find_target_terms("임상 시험이 끝났다.", ko, "ko") == ko
    assert find_target_terms("臨床 試験が始まった。", ja, "ja") == ja
    assert find_target_terms("임상 결과와 시험 일정", ko, "ko") == []


def test_korean_groups_apart_need_a_magnitude_each() -> None:
    """``2억 3명`` is two numbers; ``2억 3천만`` is one."""
    assert _values(extract_numbers("2억 3명", "ko")) == ["200000000", "3"]
    assert _values(extract_numbers("2억 3천만", "ko")) == ["230000000"]


@pytest.mark.parametrize(
    ("text", "lang", "end"),
    [
        ("यह ठीक है।", "hi", "."),
        ("यह ठीक है॥", "hi", "."),
        ("یہ ٹھیک ہے۔", "ur", "."),
        ("ይህ ነው።", "am", "."),
        ("ይህ ነው፧", "am", "?"),
        ("هل هذا صحيح؟", "ar", "?"),
        ("Բարեւ։", "hy", "."),
        ("क्या यह ठीक है?", "hi", "?"),
    ],
)
def test_sentence_ends_of_other_scripts(text: str, lang: str, end: str) -> None:
    assert end_punctuation(text, lang) == end


def test_a_hindi_sentence_ending_with_a_danda_is_no_punctuation_warning() -> None:
    item = QAItem("The plant opened in 2024.", "संयंत्र 2024 में खुला।", "hi")
    findings = run_checks(item, QAOptions())
    assert [f for f in findings if f.check in ("punctuation", "repetition", "numbers")] == []


def test_repetition_reads_whole_devanagari_words() -> None:
    """Vowel signs belong to their word: ``के कारण`` is no «क क»."""
    assert find_repetitions("यह के कारण कुल कीमत कम हुई", "hi") == []
    assert [r.text for r in find_repetitions("यह यह ठीक है", "hi")] == ["यह यह"]


def test_the_marks_class_is_every_combining_mark() -> None:
    marks = {ch for first, _, last in _ranges(MARKS) for ch in map(chr, range(first, last + 1))}
    assert all(unicodedata.category(ch).startswith("M") for ch in marks)
    if unicodedata.unidata_version == UNICODE_VERSION:
        assert mark_ranges() == MARKS


def _ranges(text: str) -> list[tuple[int, str, int]]:
    out: list[tuple[int, str, int]] = []
    index = 0
    while index < len(text):
        if index + 2 < len(text) and text[index + 1] == "-":
            out.append((ord(text[index]), "-", ord(text[index + 2])))
            index += 3
        else:
            out.append((ord(text[index]), "", ord(text[index])))
            index += 1
    return out


def test_the_docs_language_table_is_the_profiles() -> None:
    from pipeline.languages.overview import languages_markdown

    page = (ROOT / "docs" / "languages.md").read_text(encoding="utf-8")
    section = page.split("\n## The languages\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == languages_markdown(), (
        "docs/languages.md differs from the profiles; paste "
        "pipeline.languages.overview.languages_markdown() under 'The languages'"
    )
