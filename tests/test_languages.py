"""The language layer: profiles by code, term matching per language, numbers per language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_compact_decimal, format_decimal
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.glossary import GlossaryTerm, check_target, find_target_terms, inflected_forms
from pipeline.languages import default_models, profile
from pipeline.qa.numbers import compare_numbers, extract_numbers

from .helpers import analysers_loaded


def _term(name: str, lang: str, translation: str) -> GlossaryTerm:
    return GlossaryTerm(name, lang, (translation,))


# Glossary rows per language (correct translations of the sample's domain terms).
TERMS = {
    "de": [
        _term("special economic zone", "de", "Sonderwirtschaftszone"),
        _term("investment project", "de", "Investitionsprojekt"),
        _term("rare disease", "de", "seltene Erkrankung"),
        _term("hereditary disease", "de", "erbliche Erkrankung"),
        _term("Ministry of Health", "de", "Gesundheitsministerium"),
    ],
    "fr": [
        _term("investment project", "fr", "projet d'investissement"),
        _term("special economic zone", "fr", "zone économique spéciale"),
        _term("rare disease", "fr", "maladie rare"),
        _term("dosage form", "fr", "forme pharmaceutique"),
    ],
    "es": [
        _term("investment project", "es", "proyecto de inversión"),
        _term("rare disease", "es", "enfermedad rara"),
        _term("special economic zone", "es", "zona económica especial"),
        _term("dosage form", "es", "forma farmacéutica"),
    ],
    "uk": [
        _term("special economic zone", "uk", "спеціальна економічна зона"),
        _term("rare disease", "uk", "рідкісне захворювання"),
        _term("hereditary disease", "uk", "спадкове захворювання"),
        _term("investment project", "uk", "інвестиційний проєкт"),
    ],
    "pl": [
        _term("special economic zone", "pl", "specjalna strefa ekonomiczna"),
        _term("rare disease", "pl", "choroba rzadka"),
        _term("investment project", "pl", "projekt inwestycyjny"),
    ],
    "zh": [
        _term("special economic zone", "zh", "经济特区"),
        _term("rare disease", "zh", "罕见病"),
        _term("investment project", "zh", "投资项目"),
        _term("Generium Next", "zh", "Generium Next"),
    ],
    "ja": [
        _term("special economic zone", "ja", "経済特区"),
        _term("rare disease", "ja", "希少疾患"),
        _term("investment project", "ja", "投資プロジェクト"),
    ],
    "ru": [
        _term("orphan disease", "ru", "орфанное заболевание"),
        _term("rare disease", "ru", "редкое заболевание"),
        _term("hereditary disease", "ru", "наследственное заболевание"),
        _term("primary packaging", "ru", "первичная упаковка"),
        _term("secondary packaging", "ru", "вторичная упаковка"),
    ],
}

# (language, translated sentence, English names of the terms found in text order).
FOUND = [
    # German: compounds in the genitive and plural, adjective declension, coordination.
    (
        "de",
        "Die Regierung plant drei neue Sonderwirtschaftszonen im Norden.",
        ["special economic zone"],
    ),
    ("de", "Die zweite Phase des Investitionsprojekts beginnt 2025.", ["investment project"]),
    (
        "de",
        "Das Werk stellt Arzneimittel zur Behandlung seltener Erkrankungen her.",
        ["rare disease"],
    ),
    (
        "de",
        "Dazu gehören Mittel gegen seltene und erbliche Erkrankungen.",
        ["rare disease", "hereditary disease"],
    ),
    ("de", "Das Präparat wurde vom Gesundheitsministerium registriert.", ["Ministry of Health"]),
    # French: plural noun phrases, "de" phrases with elision.
    (
        "fr",
        "Les projets d'investissement de la société totalisent 5 milliards de roubles.",
        ["investment project"],
    ),
    (
        "fr",
        "L'entreprise est devenue résidente de la zone économique spéciale.",
        ["special economic zone"],
    ),
    ("fr", "Ces médicaments traitent des maladies rares et héréditaires.", ["rare disease"]),
    ("fr", "Le site produira des formes pharmaceutiques finies.", ["dosage form"]),
    ("fr", "Moscou compte plusieurs zones économiques spéciales.", ["special economic zone"]),
    # Spanish.
    ("es", "La empresa presentó dos proyectos de inversión en Moscú.", ["investment project"]),
    ("es", "Los fármacos se destinan a enfermedades raras.", ["rare disease"]),
    ("es", "Es residente de la zona económica especial desde marzo.", ["special economic zone"]),
    ("es", "La planta fabricará formas farmacéuticas terminadas.", ["dosage form"]),
    # Ukrainian: every case, both numbers; coordination with «та».
    ("uk", "Компанія стала резидентом спеціальної економічної зони.", ["special economic zone"]),
    ("uk", "У спеціальній економічній зоні працюють двадцять компаній.", ["special economic zone"]),
    ("uk", "Уряд створив нові спеціальні економічні зони.", ["special economic zone"]),
    ("uk", "Компанія керує спеціальною економічною зоною.", ["special economic zone"]),
    ("uk", "Препарати для лікування рідкісних захворювань.", ["rare disease"]),
    ("uk", "Завод працює над рідкісними захворюваннями.", ["rare disease"]),
    ("uk", "Другий етап інвестиційного проєкту завершиться у 2024 році.", ["investment project"]),
    ("uk", "Компанія пишається інвестиційним проєктом.", ["investment project"]),
    ("uk", "Ліки від рідкісних та спадкових захворювань.", ["rare disease", "hereditary disease"]),
    # Polish: genitive, locative, nominative plural, accusative, instrumental.
    (
        "pl",
        "Firma otrzymała status rezydenta specjalnej strefy ekonomicznej.",
        ["special economic zone"],
    ),
    ("pl", "W specjalnej strefie ekonomicznej powstanie zakład.", ["special economic zone"]),
    ("pl", "Rząd utworzył trzy nowe specjalne strefy ekonomiczne.", ["special economic zone"]),
    ("pl", "Zakład będzie produkował leki do leczenia chorób rzadkich.", ["rare disease"]),
    ("pl", "Leki na choroby rzadkie są drogie.", ["rare disease"]),
    ("pl", "Pracujemy nad projektem inwestycyjnym.", ["investment project"]),
    # Chinese and Japanese: no spaces; full-width and half-width forms normalised.
    ("zh", "该公司成为莫斯科经济特区的入驻企业。", ["special economic zone"]),
    ("zh", "工厂将生产治疗罕见病的药物。", ["rare disease"]),
    ("zh", "投资项目的第二阶段将于2024年完成。", ["investment project"]),
    ("zh", "Ｇｅｎｅｒｉｕｍ Ｎｅｘｔ公司获得了入驻资格。", ["Generium Next"]),
    ("ja", "同社はモスクワの経済特区に入居した。", ["special economic zone"]),
    ("ja", "希少疾患の治療薬を生産する。", ["rare disease"]),
    ("ja", "投資ﾌﾟﾛｼﾞｪｸﾄの第2段階が始まる。", ["investment project"]),
    # Russian: terms split by a coordination.
    (
        "ru",
        "Компания выпускает лекарства для орфанных и других редких заболеваний.",
        ["orphan disease", "rare disease"],
    ),
    (
        "ru",
        "Среди препаратов — лекарства для лечения редких и наследственных заболеваний.",
        ["rare disease", "hereditary disease"],
    ),
    (
        "ru",
        "Компания будет осуществлять первичную и вторичную упаковку лекарств.",
        ["primary packaging", "secondary packaging"],
    ),
    (
        "ru",
        "Для лечения редких, наследственных и орфанных заболеваний.",
        ["rare disease", "hereditary disease", "orphan disease"],
    ),
]

# Sentences holding the separate words of a term, but not the term.
NOT_FOUND = [
    ("de", "Die Erkrankung ist selten und gut behandelbar."),
    ("de", "Seltene Pflanzen und Erkrankungen der Haut."),
    ("de", "Die Zone liegt in einem Wirtschaftsraum."),
    ("fr", "La zone spéciale n'est pas économique."),
    ("fr", "Le projet concerne l'investissement public."),
    ("es", "La zona especial tiene una economía fuerte."),
    ("es", "El proyecto atrae inversión extranjera."),
    ("uk", "Економічна зона біля міста."),
    ("uk", "Рідкісних рослин і захворювань шкіри."),
    ("pl", "Strefa jest specjalna, a nie ekonomiczna."),
    ("zh", "经济和特区是两个词。"),
    ("ja", "経済の特区ではない。"),
    ("ru", "Лечение редких болезней и хронических заболеваний."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_inflected_terms_are_found(lang: str, text: str, expected: list[str]) -> None:
    found = find_target_terms(text, TERMS[lang], lang)
    assert [term.term for term in found] == expected


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_separate_words_of_a_term_are_not_a_match(lang: str, text: str) -> None:
    assert find_target_terms(text, TERMS[lang], lang) == []


def test_regional_codes_use_their_language_profile() -> None:
    assert profile("pt-BR") is profile("pt") is profile("pt_BR")
    assert profile("zh-Hans") is profile("zh")
    zone = _term("special economic zone", "pt-BR", "zona econômica especial")
    assert check_target("Duas zonas econômicas especiais.", [zone], "pt-BR")[0].ok


def test_do_not_translate_terms_inside_text_without_spaces() -> None:
    name = GlossaryTerm("Generium Next", "zh", (), dnt=True)
    assert check_target("Generium Next公司获得了入驻资格。", [name], "zh")[0].ok
    assert check_target("该公司Generium-Next获得了资格。", [name], "zh")[0].ok
    assert not check_target("该公司Generium Nextra获得了资格。", [name], "zh")[0].ok
    assert not check_target("Generium next公司。", [name], "ja")[0].ok  # case counts


def test_inflected_forms_where_a_generator_exists() -> None:
    forms = inflected_forms("спеціальна економічна зона", "uk")
    assert "спеціальної економічної зони" in forms
    assert "спеціальними економічними зонами" in forms
    assert inflected_forms("seltene Erkrankung", "de") == ["seltene Erkrankung"]


# (language, English source, correct translation) — numbers that must agree.
NUMBERS_AGREE = [
    ("de", "The project is worth 5 billion rubles.", "Das Projekt ist 5 Milliarden Rubel wert."),
    ("de", "The project is worth 5 billion rubles.", "Das Projekt ist 5 Mrd. Rubel wert."),
    (
        "de",
        "It covers 30,000 square meters and 3.2 hectares.",
        "Es umfasst 30.000 Quadratmeter und 3,2 Hektar.",
    ),
    ("fr", "The project is worth 5 billion rubles.", "Le projet vaut 5 milliards de roubles."),
    ("fr", "The plant covers 12,500 square meters.", "L'usine couvre 12\u202f500 mètres carrés."),
    ("fr", "It costs 1.5 million euros.", "Il coûte 1,5 million d'euros."),
    ("es", "The project is worth 5 billion rubles.", "El proyecto vale 5 mil millones de rublos."),
    ("es", "The project is worth 5 billion rubles.", "El proyecto vale 5.000 millones de rublos."),
    ("it", "The project is worth 5 billion rubles.", "Il progetto vale 5 miliardi di rubli."),
    ("it", "The project is worth 5 billion rubles.", "Il progetto vale 5 mld di rubli."),
    (
        "pt",
        "The plant will create 250 jobs and cost 2.5 million reais.",
        "A fábrica criará 250 empregos e custará 2,5 milhões de reais.",
    ),
    ("uk", "The project is worth 5 billion rubles.", "Проєкт коштує 5 мільярдів рублів."),
    ("uk", "The plant will make 150 thousand units.", "Завод випускатиме 150 тис. одиниць."),
    ("uk", "It will invest 2 billion.", "Вона інвестує двома мільярдами."),
    ("pl", "The project is worth 5 billion rubles.", "Projekt jest wart 5 mld rubli."),
    ("pl", "The project is worth 5 billion rubles.", "Projekt jest wart 5 miliardów rubli."),
    ("pl", "The plant covers 12,500 square meters.", "Zakład zajmuje 12 500 metrów kwadratowych."),
    ("zh", "The project is worth 5 billion rubles.", "该项目价值50亿卢布。"),
    ("zh", "The plant will make 150 thousand units.", "工厂将生产15万件产品。"),
    ("zh", "The site covers 12,500 square meters.", "该场地占地12,500平方米。"),
    ("ja", "The project is worth 5 billion rubles.", "事業の価値は50億ルーブルだ。"),
    ("ja", "The site covers 30 thousand square meters.", "面積は3万平方メートルです。"),
    ("ja", "The plant will employ 3 thousand people.", "工場の従業員は3千人になる。"),
    ("zh", "It will invest 1.2 trillion yuan.", "将投资1.2万亿元。"),
    ("ru", "The project is worth 5 billion rubles.", "Проект оценивается в 5 миллиардов рублей."),
]

# (language, source, wrong translation, the value reported missing, the value reported extra)
NUMBERS_DIFFER = [
    (
        "de",
        "The project is worth 5 billion rubles.",
        "Das Projekt ist 5 Millionen Rubel wert.",
        "5000000000",
        "5000000",
    ),
    (
        "fr",
        "It costs 1.5 million euros.",
        "Il coûte 1,5 milliard d'euros.",
        "1500000",
        "1500000000",
    ),
    (
        "es",
        "The project is worth 5 billion rubles.",
        "El proyecto vale 5 millones de rublos.",
        "5000000000",
        "5000000",
    ),
    (
        "it",
        "The plant will make 150 thousand units.",
        "Lo stabilimento produrrà 15 mila unità.",
        "150000",
        "15000",
    ),
    ("pt", "The plant will create 250 jobs.", "A fábrica criará 205 empregos.", "250", "205"),
    (
        "uk",
        "The plant will make 150 thousand units.",
        "Завод випускатиме 150 млн одиниць.",
        "150000",
        "150000000",
    ),
    (
        "pl",
        "The project is worth 5 billion rubles.",
        "Projekt jest wart 5 mln rubli.",
        "5000000000",
        "5000000",
    ),
    (
        "zh",
        "The project is worth 5 billion rubles.",
        "该项目价值5亿卢布。",
        "5000000000",
        "500000000",
    ),
    (
        "ja",
        "The plant will make 150 thousand units.",
        "工場は150万個を生産する。",
        "150000",
        "1500000",
    ),
]


def _values(mentions: list) -> list[str]:
    return [format(m.values[0].normalize(), "f") for m in mentions]


@pytest.mark.parametrize(("lang", "source", "target"), NUMBERS_AGREE)
def test_numbers_agree_in_locale_formatting(lang: str, source: str, target: str) -> None:
    missing, extra = compare_numbers(extract_numbers(source, "en"), extract_numbers(target, lang))
    assert (missing, extra) == ([], [])


@pytest.mark.parametrize(("lang", "source", "target", "missing", "extra"), NUMBERS_DIFFER)
def test_numbers_differ_both_ways(
    lang: str, source: str, target: str, missing: str, extra: str
) -> None:
    found_missing, found_extra = compare_numbers(
        extract_numbers(source, "en"), extract_numbers(target, lang)
    )
    assert _values(found_missing) == [missing]
    assert _values(found_extra) == [extra]
    # The other direction: the translation's number is missing from a source.
    back_missing, back_extra = compare_numbers(
        extract_numbers(target, lang), extract_numbers(source, "en")
    )
    assert _values(back_missing) == [extra] and _values(back_extra) == [missing]


def test_magnitude_words_come_from_cldr_with_their_plural_forms() -> None:
    assert profile("de").magnitude("Milliarden") == Decimal(10) ** 9
    assert profile("de").magnitude("Milliarde") == Decimal(10) ** 9
    assert profile("de").magnitude("Mrd.") == Decimal(10) ** 9
    assert profile("fr").magnitude("milliards") == Decimal(10) ** 9
    assert profile("it").magnitude("mld") == Decimal(10) ** 9
    assert profile("ru").magnitude("млрд") == Decimal(10) ** 9
    assert profile("ru").magnitude("миллиардами") == Decimal(10) ** 9  # lemmatised
    assert profile("pl").magnitude("miliardami") == Decimal(10) ** 9
    assert profile("zh").magnitude("亿") == Decimal(10) ** 8
    assert profile("ja").magnitude("億") == Decimal(10) ** 8
    assert profile("en").magnitude("m") is None  # single letters are units, not magnitudes


def test_profiles_carry_cldr_conventions() -> None:
    assert (profile("de").decimal_symbol, profile("de").group_symbol) == (",", ".")
    assert profile("fr").group_symbol == "\u202f"
    assert profile("ar").direction == "rtl" and profile("he").direction == "rtl"
    assert profile("ru").direction == "ltr"
    assert profile("uk").script == "Cyrl" and profile("ja").script == "Jpan"
    assert "und" in profile("de").conjunctions and "和" in profile("zh").conjunctions
    assert profile("ar").plural_forms.startswith("nplurals=6;")
    assert profile("zh").sentence_separator == "" and profile("de").sentence_separator == " "


def test_default_models_exist_only_where_the_hub_has_them() -> None:
    assert default_models("de") == ("Helsinki-NLP/opus-mt-en-de", "Helsinki-NLP/opus-mt-de-en")
    assert default_models("zh_Hans") == (
        "Helsinki-NLP/opus-mt-en-zh",
        "Helsinki-NLP/opus-mt-zh-en",
    )
    assert default_models("pl") == (None, "Helsinki-NLP/opus-mt-pl-en")
    assert default_models("pt-BR") == (None, None)
    # No row: nothing known against the conventional names.
    assert default_models("sw") == ("Helsinki-NLP/opus-mt-en-sw", "Helsinki-NLP/opus-mt-sw-en")


def test_a_russian_run_does_not_import_simplemma() -> None:
    state = analysers_loaded(
        "ru", "Резидент особой экономической зоны.", "особая экономическая зона"
    )
    assert state == {
        "found": True,
        "opencc": False,
        "simplemma": False,
        "pymorphy3": True,
        "dictionaries": True,
    }


def test_a_german_run_loads_no_pymorphy_dictionaries() -> None:
    state = analysers_loaded("de", "Drei Sonderwirtschaftszonen.", "Sonderwirtschaftszone")
    assert state == {
        "found": True,
        "opencc": False,
        "simplemma": True,
        "pymorphy3": False,
        "dictionaries": False,
    }


_CLDR_LANGUAGES = ["de", "fr", "es", "it", "pt", "uk", "pl", "ru", "zh", "ja", "ar", "nl", "cs"]


@settings(max_examples=300, deadline=None)
@given(
    digits=st.integers(min_value=1, max_value=99),
    exponent=st.integers(min_value=4, max_value=12),
    lang=st.sampled_from(_CLDR_LANGUAGES),
    style=st.sampled_from(["long", "short"]),
)
def test_cldr_formatted_amounts_match_english(
    digits: int, exponent: int, lang: str, style: str
) -> None:
    """An amount as CLDR writes it in English and in the target language agrees."""
    value = digits * 10**exponent
    english = format_compact_decimal(value, format_type="long", locale="en", fraction_digits=1)
    target = format_compact_decimal(value, format_type=style, locale=lang, fraction_digits=1)
    words = target.strip("0123456789.,").split()
    # "150K", "1 M", "10 mil M": single letters are read as units, not magnitudes.
    assume(not any(len(word) == 1 and word.isascii() for word in words))
    source_numbers = extract_numbers(f"It is worth {english} rubles.", "en")
    target_numbers = extract_numbers(f"{target} ", lang)
    assert compare_numbers(source_numbers, target_numbers) == ([], []), (english, target)


@settings(max_examples=300, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    lang=st.sampled_from(_CLDR_LANGUAGES),
)
def test_cldr_formatted_decimals_match_english(value: Decimal, lang: str) -> None:
    """Locale decimal and group symbols are read back as the same value."""
    english = format_decimal(value, locale="en")
    target = format_decimal(value, locale=lang)
    source_numbers = extract_numbers(f"The total was {english}.", "en")
    target_numbers = extract_numbers(f"{target} ", lang)
    assert compare_numbers(source_numbers, target_numbers) == ([], []), (english, target)
