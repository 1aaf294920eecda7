"""The ``numbers`` check language by language, on fresh press-release sentences.

AGREE: an English source and a correct translation written as the language writes numbers
(separators, magnitude words and abbreviations, currencies, percentages, ranges, dates,
digits of other scripts): no finding. DIFFER: a wrong translation; the source's number is
reported missing and the translation's reported extra, and the other way round when the
translation is taken as the source.
"""

from __future__ import annotations

import pytest

from pipeline.qa import QAItem, QAOptions, run_checks
from pipeline.qa.numbers import compare_numbers, extract_numbers

from .helpers import loaded_in_fresh_python

NNBSP = "\u202f"
NBSP = "\u00a0"

AGREE = [
    # German and Swiss German.
    ("de", "Sales rose 5% to €5bn in 2024.", "Der Umsatz stieg 2024 um 5 % auf 5 Mrd. €."),
    (
        "de",
        "Sales rose 5% to €5bn in 2024.",
        "Der Umsatz stieg 2024 um 5 Prozent auf 5 Milliarden Euro.",
    ),
    ("de", "The contract is worth US$1.2 million.", "Der Vertrag ist 1,2 Mio. US-Dollar wert."),
    ("de", "Between 10–12 plants will be built.", "Es werden 10–12 Werke gebaut."),
    ("de", "Between 10 and 12 plants will be built.", "Es werden 10 bis 12 Werke gebaut."),
    ("de", "The margin fell to -3.5%.", "Die Marge sank auf −3,5 %."),
    ("de", "The plant opened on 12 March 2025.", "Das Werk wurde am 12. März 2025 eröffnet."),
    ("de", "The plant opened on March 12, 2025.", "Das Werk wurde am 12.03.2025 eröffnet."),
    ("de", "It employs 2,500 people.", "Es beschäftigt 2500 Menschen."),
    ("de", "It employs 2,500 people.", "Es beschäftigt 2.500 Menschen."),
    ("de", "It employs 2.5 thousand people.", "Es beschäftigt 2,5 Tsd. Menschen."),
    ("de-CH", "It produced 1,250,000 packs.", "Es produzierte 1’250’000 Packungen."),
    ("de-CH", "It produced 1,250,000 packs.", "Es produzierte 1'250'000 Packungen."),
    ("de-CH", "It costs CHF 3.5 million.", "Es kostet 3,5 Mio. CHF."),
    ("de", "Revenue: $5M.", "Umsatz: 5 Mio. $."),
    ("de", "The drug reached 1.5m patients.", "Das Präparat erreichte 1,5 Mio. Patienten."),
    ("de", "The cable is 5m long.", "Das Kabel ist 5 m lang."),
    ("de", "It shipped a million doses.", "Es lieferte 1 Million Dosen."),
    ("ru", "It shipped 1 million doses.", "Компания поставила миллион доз."),
    ("ru", "More than a million people were treated.", "Лечение получили более миллиона человек."),
    ("es", "It costs a billion euros.", "Cuesta mil millones de euros."),
    # French: narrow no-break spaces, "Md€", "M€", "k€".
    ("fr", "It costs €5bn.", f"Il coûte 5{NNBSP}Md€."),
    ("fr", "It costs €5bn.", "Il coûte 5 milliards d'euros."),
    ("fr", "Sales rose 5.5%.", f"Les ventes ont augmenté de 5,5{NBSP}%."),
    ("fr", "It covers 1,234,567.89 m2.", f"Il couvre 1{NNBSP}234{NNBSP}567,89 m2."),
    ("fr", "It costs 3 million euros.", "Il coûte 3 M€."),
    ("fr", "It costs 300 thousand euros.", "Il coûte 300 k€."),
    ("fr", "It costs 300 thousand euros.", f"Il coûte 300{NBSP}000 euros."),
    ("fr", "It costs 300 thousand euros.", "Il coûte 300 mille euros."),
    ("fr", "The site opened on 1 April 2026.", "Le site a ouvert le 1er avril 2026."),
    ("fr", "The site opened on 1 April 2026.", "Le site a ouvert le 01/04/2026."),
    # Spanish.
    ("es", "It costs US$1.2 million.", "Cuesta 1,2 millones de dólares."),
    ("es", "It costs $1.2bn.", "Cuesta 1200 millones de dólares."),
    ("es", "It costs $1.2bn.", "Cuesta 1.200 millones de dólares."),
    ("es", "It costs $1.2bn.", "Cuesta 1,2 mil millones de dólares."),
    ("es", "It costs 5 million euros.", "Cuesta 5 M€."),
    ("es", "It costs 5 million euros.", "Cuesta 5 mill. de euros."),
    ("es", "Sales rose 12% in 2025.", "Las ventas crecieron un 12 % en 2025."),
    ("es", "In 2024–2026 the plant will grow.", "En 2024-2026 la planta crecerá."),
    # Italian.
    ("it", "It costs €5bn.", "Costa 5 miliardi di euro."),
    ("it", "It costs 5 million euros.", "Costa 5 milioni di euro."),
    ("it", "It costs 5 million euros.", "Costa 5 mln di euro."),
    ("it", "It costs 150 thousand euros.", "Costa 150 mila euro."),
    ("it", "Sales rose 5.5%.", "Le vendite sono cresciute del 5,5%."),
    ("it", "It has 12,500 employees.", "Ha 12.500 dipendenti."),
    # Portuguese.
    ("pt", "It costs R$1.5 billion.", "Custa R$ 1,5 bilhão."),
    ("pt", "It costs R$1.5 billion.", "Custa R$ 1,5 bilhões."),
    ("pt", "It costs R$1.5 billion.", "Custa R$ 1,5 mil milhões."),
    ("pt", "It costs R$15 million.", "Custa R$ 15 milhões."),
    ("pt", "It costs R$15 million.", "Custa R$ 15 mi."),
    ("pt-BR", "The plant has 1,200 workers.", "A fábrica tem 1.200 funcionários."),
    # Dutch.
    ("nl", "It costs €5bn.", "Het kost € 5 mrd."),
    ("nl", "It costs €5bn.", "Het kost 5 miljard euro."),
    ("nl", "It costs €5 million.", "Het kost € 5 mln."),
    ("nl", "Up 5.5%.", "Een stijging van 5,5%."),
    # Polish.
    ("pl", "It costs 5 million zlotys.", "Kosztuje 5 mln zł."),
    ("pl", "It costs 5.5 billion zlotys.", "Kosztuje 5,5 mld zł."),
    ("pl", "It costs 150 thousand zlotys.", "Kosztuje 150 tys. zł."),
    ("pl", "It costs 150 thousand zlotys.", "Kosztuje 150 tysięcy złotych."),
    ("pl", "It costs 5 million zlotys.", "Kosztuje 5 milionów złotych."),
    ("pl", "The plant opened on 3 May 2024.", "Zakład otwarto 3.05.2024."),
    # Czech.
    ("cs", "It costs 5 million crowns.", "Stojí 5 mil. Kč."),
    ("cs", "It costs 5 million crowns.", "Stojí 5 milionů korun."),
    ("cs", "It costs 5 billion crowns.", "Stojí 5 mld. Kč."),
    ("cs", "It costs 150 thousand crowns.", "Stojí 150 tis. Kč."),
    ("cs", "It has 12,500 m2.", f"Má 12{NBSP}500 m2."),
    # Ukrainian and Russian.
    ("uk", "It costs 5 billion hryvnias.", "Коштує 5 млрд грн."),
    ("uk", "It costs 5 billion hryvnias.", "Коштує 5 мільярдів гривень."),
    ("uk", "It costs 150 thousand hryvnias.", "Коштує 150 тисяч гривень."),
    ("uk", "It costs 1.5 million hryvnias.", "Коштує 1,5 млн грн."),
    ("uk", "Exports grew by 7.2% in 2025.", "У 2025 році експорт зріс на 7,2%."),
    ("ru", "It costs 5 billion rubles.", "Стоит 5 млрд ₽."),
    ("ru", "It costs 150 thousand rubles.", "Стоит 150 тыс. руб."),
    ("ru", "It costs 1.5 trillion rubles.", "Стоит 1,5 трлн руб."),
    ("ru", "It costs 1.5 trillion rubles.", "Стоит 1,5 триллиона рублей."),
    ("ru", "On 12 March 2025 the plant opened.", "12 марта 2025 года завод открылся."),
    ("ru", "It costs 1.5 billion rubles.", "Стоит полтора миллиарда рублей."),
    ("uk", "It costs 1.5 billion hryvnias.", "Коштує півтора мільярда гривень."),
    ("ru", "In 2024–2025 the output doubled.", "В 2024–2025 годах выпуск удвоился."),
    ("ru", "The area is 12,500 square meters.", f"Площадь — 12{NBSP}500 кв. м."),
    # Chinese (Simplified and Traditional) and Japanese.
    ("zh", "It costs 5 billion yuan.", "耗资50亿元。"),
    ("zh", "It costs 5 billion yuan.", "耗資50億元。"),
    ("zh", "It costs 5 billion yuan.", "耗资五十亿元。"),
    ("zh", "It costs 1.2 million yuan.", "耗资120万元。"),
    ("zh", "It costs 1.2 million yuan.", "耗資120萬元。"),
    ("zh", "Sales rose 5.5%.", "销售额增长5.5%。"),
    ("zh", "The plant opened on 12 March 2025.", "工厂于2025年3月12日投产。"),
    ("zh", "It costs 12,000 yuan.", "耗资1.2万元。"),
    ("zh", "It employs 3,000 people.", "员工三千人。"),
    ("ja", "It costs 5 billion yen.", "費用は50億円。"),
    ("ja", "It costs 5 billion yen.", "費用は５０億円。"),
    ("ja", "It costs 1.2 million yen.", "費用は120万円。"),
    ("ja", "It costs 1 trillion yen.", "費用は1兆円。"),
    ("ja", "The plant opened on 12 March 2025.", "工場は2025年3月12日に稼働した。"),
    ("ja", "Sales rose 5.5%.", "売上高は5.5％増加した。"),
    ("ja", "It costs 120 million yen.", "費用は1億2000万円。"),
    ("ja", "It employs 35,000 people.", "従業員は3万5000人。"),
    ("zh", "It costs 120 million yuan.", "耗资1亿2000万元。"),
    # Korean and Greek.
    ("ko", "It costs 5 billion won.", "50억 원이 든다."),
    ("el", "It costs 5 million euros.", "Κοστίζει 5 εκατ. ευρώ."),
    ("el", "It costs 5 billion euros.", "Κοστίζει 5 δισ. ευρώ."),
    # Arabic (Western and Arabic-Indic digits) and Hebrew.
    ("ar", "It costs 5 million dollars.", "يكلف 5 ملايين دولار."),
    ("ar", "It costs 5 million dollars.", "يكلف ٥ ملايين دولار."),
    ("ar", "Sales rose 5.5%.", "ارتفعت المبيعات بنسبة ٥٫٥٪."),
    ("ar", "It employs 12,500 people.", "يعمل فيها ١٢٬٥٠٠ شخص."),
    ("he", "It costs 5 million dollars.", "זה עולה 5 מיליון דולר."),
    ("he", "Sales rose 5.5%.", "המכירות עלו ב-5.5%."),
    # Indian grouping (optional in the brief, read all the same).
    ("hi", "It costs 12,500,000 rupees.", "इसकी कीमत 1,25,00,000 रुपये है।"),
]

# (language, source, wrong translation, the value reported missing, the value reported extra)
DIFFER = [
    (
        "de",
        "Sales rose 5% to €5bn.",
        "Der Umsatz stieg um 5 % auf 5 Mio. €.",
        "5000000000",
        "5000000",
    ),
    ("de", "It employs 2,500 people.", "Es beschäftigt 25.000 Menschen.", "2500", "25000"),
    ("de", "The margin is 3.5%.", "Die Marge beträgt 35 %.", "3.5", "35"),
    (
        "de-CH",
        "It produced 1,250,000 packs.",
        "Es produzierte 1’520’000 Packungen.",
        "1250000",
        "1520000",
    ),
    ("fr", "It costs 3 million euros.", "Il coûte 3 Md€.", "3000000", "3000000000"),
    ("fr", "It covers 12,500 m2.", f"Il couvre 12{NNBSP}800 m2.", "12500", "12800"),
    ("es", "It costs $1.2bn.", "Cuesta 12.000 millones de dólares.", "1200000000", "12000000000"),
    ("es", "Sales rose 12%.", "Las ventas crecieron un 21 %.", "12", "21"),
    ("it", "It costs €5bn.", "Costa 5 milioni di euro.", "5000000000", "5000000"),
    ("pt", "It costs R$15 million.", "Custa R$ 15 bilhões.", "15000000", "15000000000"),
    ("nl", "It costs €5bn.", "Het kost 5 miljoen euro.", "5000000000", "5000000"),
    ("pl", "It costs 150 thousand zlotys.", "Kosztuje 150 mln zł.", "150000", "150000000"),
    ("cs", "It costs 5 billion crowns.", "Stojí 5 mil. Kč.", "5000000000", "5000000"),
    ("uk", "Exports grew by 7.2%.", "Експорт зріс на 7,7%.", "7.2", "7.7"),
    ("ru", "It costs 1.5 trillion rubles.", "Стоит 1,5 млрд руб.", "1500000000000", "1500000000"),
    ("ru", "The plant opened in 2024.", "Завод открылся в 2025 году.", "2024", "2025"),
    ("zh", "It costs 5 billion yuan.", "耗资5亿元。", "5000000000", "500000000"),
    ("zh", "It costs 5 billion yuan.", "耗資5億元。", "5000000000", "500000000"),
    ("ja", "It costs 1 trillion yen.", "費用は1億円。", "1000000000000", "100000000"),
    ("ja", "It costs 120 million yen.", "費用は1億2500万円。", "120000000", "125000000"),
    ("ar", "It costs 5 million dollars.", "يكلف ٥ مليارات دولار.", "5000000", "5000000000"),
    ("he", "It costs 5 million dollars.", "זה עולה 5 מיליארד דולר.", "5000000", "5000000000"),
]


def _values(mentions: list) -> list[str]:
    return [format(m.values[0].normalize(), "f") for m in mentions]


@pytest.mark.parametrize(("lang", "source", "target"), AGREE)
def test_correct_locale_formatting_is_no_mismatch(lang: str, source: str, target: str) -> None:
    missing, extra = compare_numbers(extract_numbers(source, "en"), extract_numbers(target, lang))
    assert (_values(missing), _values(extra)) == ([], [])


@pytest.mark.parametrize(("lang", "source", "target", "missing", "extra"), DIFFER)
def test_a_wrong_number_is_caught_both_ways(
    lang: str, source: str, target: str, missing: str, extra: str
) -> None:
    found_missing, found_extra = compare_numbers(
        extract_numbers(source, "en"), extract_numbers(target, lang)
    )
    assert (_values(found_missing), _values(found_extra)) == ([missing], [extra])
    back_missing, back_extra = compare_numbers(
        extract_numbers(target, lang), extract_numbers(source, "en")
    )
    assert (_values(back_missing), _values(back_extra)) == ([extra], [missing])


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("$5M", "en", ["5000000"]),
        ("US$300k", "en", ["300000"]),
        ("€3m and 5 m of cable", "en", ["3000000", "5"]),  # metres stay metres
        ("EUR 2B", "en", ["2000000000"]),
        ("a 5 K resistor", "en", ["5"]),
        ("1.5m people", "en", ["1.5"]),  # preferred reading first; 1.5e6 also matches
        ("2024-05-06", "en", ["2024", "5", "6"]),
        ("二〇二五年", "zh", ["2025"]),
        ("一百零五家", "zh", ["105"]),
        ("三千五百万", "zh", ["35000000"]),
        ("两千人", "zh", ["2000"]),
        ("一万亿", "zh", ["1000000000000"]),
    ],
)
def test_values_read(text: str, lang: str, values: list[str]) -> None:
    assert _values(extract_numbers(text, lang)) == values


def test_the_month_of_a_numeric_date_is_optional_the_day_is_not() -> None:
    mentions = extract_numbers("am 12.03.2025", "de")
    assert [(m.text, m.spelled) for m in mentions] == [
        ("12", False),
        ("03", True),
        ("2025", False),
    ]
    missing, extra = compare_numbers(
        extract_numbers("on 14 March 2025", "en"), extract_numbers("am 12.03.2025", "de")
    )
    assert (_values(missing), _values(extra)) == (["14"], ["12"])


def test_chinese_numerals_are_optional() -> None:
    """Written out, a number may stand for the other side's digits but is never missing."""
    missing, extra = compare_numbers(
        extract_numbers("统一标准", "zh"), extract_numbers("a common standard", "en")
    )
    assert (missing, extra) == ([], [])


@pytest.mark.parametrize(
    ("lang", "source", "target", "ok"),
    [
        (
            "de",
            "The press conference starts at 10:30.",
            "Die Pressekonferenz beginnt um 10.30 Uhr.",
            True,
        ),
        (
            "de",
            "The press conference starts at 10:30.",
            "Die Pressekonferenz beginnt um 11.30 Uhr.",
            False,
        ),
        ("fr", "The press conference starts at 10:30.", "La conférence commence à 10 h 30.", True),
        ("de", "The price is 10.30 euros.", "Der Preis beträgt 10,30 Euro.", True),
        ("de", "The price is 10.30 euros.", "Der Preis beträgt 10 Euro.", False),
    ],
)
def test_times_of_day_with_a_dot(lang: str, source: str, target: str, ok: bool) -> None:
    findings = run_checks(QAItem(source, target, lang), QAOptions(), only=["numbers"])
    assert (findings == []) is ok


def test_the_qa_check_uses_the_target_language() -> None:
    item = QAItem(source="It costs €5bn.", target=f"Il coûte 5{NNBSP}Md€.", lang="fr")
    assert run_checks(item, QAOptions(), only=["numbers"]) == []
    wrong = QAItem(source="It costs €5bn.", target="Il coûte 5 M€.", lang="fr")
    (found,) = run_checks(wrong, QAOptions(), only=["numbers"])
    assert "5 M" in found.message and "5000000" in found.message


def test_a_russian_numbers_check_does_not_load_simplemma_for_the_english_source() -> None:
    """English words that look like magnitude words (trials, those, military) are not
    looked up in a lemmatiser: a Russian run keeps simplemma unloaded."""
    setup = (
        "from pipeline.qa import QAItem, QAOptions, run_checks\n"
        "item = QAItem('Those military trials cost 5 billion rubles, a million each.',\n"
        "              'Эти военные испытания стоят 5 млрд рублей, миллион каждое.', 'ru')\n"
        "assert run_checks(item, QAOptions(), only=['numbers']) == []\n"
    )
    assert loaded_in_fresh_python(setup, ("simplemma",)) == []
