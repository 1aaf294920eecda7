"""Glossary terms in translations, language by language, on fresh press-release sentences.

Each language has a small glossary of its own (the domain's terms) and two tables: sentences
with the terms in other cases, numbers, spellings and coordinations (the English names of
the terms found, in text order), and sentences with only the separate words of a term, a
term word inside another word, or similar words (nothing found).
"""

from __future__ import annotations

import pytest

from pipeline.glossary import GlossaryTerm, check_target, find_target_terms

from .helpers import analysers_loaded


def _glossary(lang: str, rows: dict[str, str]) -> list[GlossaryTerm]:
    return [GlossaryTerm(name, lang, tuple(t.split("|"))) for name, t in rows.items()]


TERMS = {
    "de": _glossary(
        "de",
        {
            "special economic zone": "Sonderwirtschaftszone",
            "investment project": "Investitionsprojekt",
            "rare disease": "seltene Erkrankung",
            "hereditary disease": "erbliche Erkrankung",
            "Ministry of Health": "Gesundheitsministerium",
            "dosage form": "Darreichungsform",
            "clinical trial": "klinische Studie",
            "Gaucher disease": "Morbus Gaucher",
            "primary packaging": "Primärverpackung",
            "secondary packaging": "Sekundärverpackung",
        },
    ),
    "fr": _glossary(
        "fr",
        {
            "special economic zone": "zone économique spéciale",
            "investment project": "projet d'investissement",
            "investment": "investissement",
            "rare disease": "maladie rare",
            "orphan disease": "maladie orpheline",
            "hereditary disease": "maladie héréditaire",
            "Ministry of Health": "ministère de la Santé",
            "clinical trial": "essai clinique",
            "dosage form": "forme pharmaceutique",
        },
    ),
    "es": _glossary(
        "es",
        {
            "special economic zone": "zona económica especial",
            "investment project": "proyecto de inversión",
            "rare disease": "enfermedad rara",
            "orphan disease": "enfermedad huérfana",
            "hereditary disease": "enfermedad hereditaria",
            "Ministry of Health": "Ministerio de Sanidad",
            "clinical trial": "ensayo clínico",
        },
    ),
    "it": _glossary(
        "it",
        {
            "special economic zone": "zona economica speciale",
            "investment project": "progetto di investimento",
            "investment": "investimento",
            "rare disease": "malattia rara",
            "hereditary disease": "malattia ereditaria",
            "clinical trial": "sperimentazione clinica",
            "dosage form": "forma farmaceutica",
        },
    ),
    "pt": _glossary(
        "pt",
        {
            "special economic zone": "zona econômica especial|zona económica especial",
            "investment project": "projeto de investimento",
            "rare disease": "doença rara",
            "hereditary disease": "doença hereditária",
            "clinical trial": "ensaio clínico",
        },
    ),
    "nl": _glossary(
        "nl",
        {
            "special economic zone": "speciale economische zone",
            "investment project": "investeringsproject",
            "rare disease": "zeldzame ziekte",
            "hereditary disease": "erfelijke ziekte",
            "clinical trial": "klinische studie",
        },
    ),
    "pl": _glossary(
        "pl",
        {
            "special economic zone": "specjalna strefa ekonomiczna",
            "investment project": "projekt inwestycyjny",
            "rare disease": "choroba rzadka",
            "hereditary disease": "choroba dziedziczna",
            "Ministry of Health": "Ministerstwo Zdrowia",
            "clinical trial": "badanie kliniczne",
        },
    ),
    "cs": _glossary(
        "cs",
        {
            "special economic zone": "zvláštní ekonomická zóna",
            "investment project": "investiční projekt",
            "rare disease": "vzácné onemocnění",
            "hereditary disease": "dědičné onemocnění",
            "clinical trial": "klinická studie",
        },
    ),
    "uk": _glossary(
        "uk",
        {
            "special economic zone": "спеціальна економічна зона",
            "investment project": "інвестиційний проєкт|інвестиційний проект",
            "rare disease": "рідкісне захворювання",
            "hereditary disease": "спадкове захворювання",
            "orphan disease": "орфанне захворювання",
            "Ministry of Health": "Міністерство охорони здоров'я|МОЗ",
            "clinical trial": "клінічне дослідження",
        },
    ),
    "ru": _glossary(
        "ru",
        {
            "special economic zone": "особая экономическая зона",
            "investment project": "инвестиционный проект",
            "rare disease": "редкое заболевание",
            "hereditary disease": "наследственное заболевание",
            "clinical trial": "клиническое исследование",
            "Ministry of Health": "Министерство здравоохранения|Минздрав",
        },
    ),
    "zh": _glossary(
        "zh",
        {
            "special economic zone": "经济特区",
            "rare disease": "罕见病",
            "hereditary disease": "遗传病",
            "investment project": "投资项目",
            "clinical trial": "临床试验",
        },
    ),
    "ja": _glossary(
        "ja",
        {
            "special economic zone": "経済特区",
            "rare disease": "希少疾患",
            "investment project": "投資プロジェクト",
            "clinical trial": "臨床試験",
            "Ministry of Health": "厚生労働省",
        },
    ),
    "ko": _glossary(
        "ko",
        {
            "special economic zone": "경제특구",
            "rare disease": "희귀질환",
        },
    ),
    "ar": _glossary(
        "ar",
        {
            "special economic zone": "منطقة اقتصادية خاصة",
            "rare disease": "مرض نادر",
            "chronic disease": "مرض مزمن",
        },
    ),
    "he": _glossary(
        "he",
        {
            "special economic zone": "אזור כלכלי מיוחד",
            "rare disease": "מחלה נדירה",
            "hereditary disease": "מחלה תורשתית",
        },
    ),
}

FOUND = [
    # German: cases and numbers, capitals, hyphenated and closed compounds, coordination.
    (
        "de",
        "Seit 2019 ist der Konzern Resident der Sonderwirtschaftszone Dubna.",
        ["special economic zone"],
    ),
    (
        "de",
        "Die Zahl der Sonderwirtschaftszonen in Russland ist auf 58 gestiegen.",
        ["special economic zone"],
    ),
    (
        "de",
        "Das neue Sonderwirtschaftszonen-Gesetz tritt im Mai in Kraft.",
        ["special economic zone"],
    ),
    ("de", "Das Sonderwirtschaftszonengesetz wurde 2005 verabschiedet.", ["special economic zone"]),
    ("de", "Die Sonderwirtschafts-Zone liegt im Norden.", ["special economic zone"]),
    ("de", "Beide Investitions-Projekte sind genehmigt.", ["investment project"]),
    (
        "de",
        "Das Werk ist Teil eines großen Investitionsprojektes der Gruppe.",
        ["investment project"],
    ),
    ("de", "Mit diesem Investitionsprojekt entstehen 300 Arbeitsplätze.", ["investment project"]),
    ("de", "Drei Großinvestitionsprojekte wurden genehmigt.", ["investment project"]),
    (
        "de",
        "Klinische Studien zu seltenen Erkrankungen laufen bereits.",
        ["clinical trial", "rare disease"],
    ),
    ("de", "Bei einer seltenen Erkrankung dauert die Diagnose oft Jahre.", ["rare disease"]),
    ("de", "MEDIKAMENTE GEGEN SELTENE ERKRANKUNGEN", ["rare disease"]),
    (
        "de",
        "Arzneimittel gegen seltene, erbliche und andere schwere Erkrankungen.",
        ["rare disease", "hereditary disease"],
    ),
    (
        "de",
        "Präparate für seltene sowie erbliche Erkrankungen.",
        ["rare disease", "hereditary disease"],
    ),
    ("de", "Das Bundesgesundheitsministerium hat das Präparat zugelassen.", ["Ministry of Health"]),
    ("de", "Neue Darreichungsformen für Kinder sind geplant.", ["dosage form"]),
    ("de", "Patienten mit Morbus Gaucher erhalten die Therapie kostenlos.", ["Gaucher disease"]),
    ("de", "Die Primärverpackung erfolgt im Reinraum.", ["primary packaging"]),
    # Suspended compounds: the head of the last compound serves the ones before it.
    (
        "de",
        "Das Werk übernimmt die Primär- und Sekundärverpackung.",
        ["primary packaging", "secondary packaging"],
    ),
    (
        "de",
        "Primär-, Sekundär- und Transportverpackungen werden geliefert.",
        ["primary packaging", "secondary packaging"],
    ),
    ("de", "Investitions- und Entwicklungsprojekte der Region.", ["investment project"]),
    # Invisible characters inside words (soft hyphens from a layout program).
    ("de", "Die Sonder\u00adwirtschafts\u00adzone wächst.", ["special economic zone"]),
    # French: elision (l', d'), typographic apostrophes, plural noun phrases, capitals,
    # adjectives after the noun coordinated.
    ("fr", "L'investissement total atteint 5 milliards de roubles.", ["investment"]),
    ("fr", "Le montant de l’investissement n’a pas été révélé.", ["investment"]),
    ("fr", "Deux projets d’investissement ont été approuvés en mars.", ["investment project"]),
    (
        "fr",
        "Les zones économiques spéciales de Moscou attirent des sociétés étrangères.",
        ["special economic zone"],
    ),
    (
        "fr",
        "Dans la Zone Économique Spéciale « Technopolis », le loyer est réduit.",
        ["special economic zone"],
    ),
    (
        "fr",
        "La société traite les maladies rares, orphelines et héréditaires.",
        ["rare disease", "orphan disease", "hereditary disease"],
    ),
    (
        "fr",
        "Des médicaments contre les maladies orphelines et rares.",
        ["orphan disease", "rare disease"],
    ),
    ("fr", "Les essais cliniques de phase III commenceront en 2026.", ["clinical trial"]),
    ("fr", "Le ministère de la Santé a enregistré le médicament.", ["Ministry of Health"]),
    ("fr", "Les formes pharmaceutiques solides seront produites sur place.", ["dosage form"]),
    # Spanish.
    (
        "es",
        "Las zonas económicas especiales atraen inversión extranjera.",
        ["special economic zone"],
    ),
    ("es", "En la Zona Económica Especial se construirá una planta.", ["special economic zone"]),
    ("es", "Los proyectos de inversión suman 3.000 millones de rublos.", ["investment project"]),
    ("es", "Tratamientos para enfermedades raras y huérfanas.", ["rare disease", "orphan disease"]),
    (
        "es",
        "Fármacos para enfermedades raras, hereditarias y huérfanas.",
        ["rare disease", "hereditary disease", "orphan disease"],
    ),
    (
        "es",
        "Enfermedades raras e hereditarias afectan a millones de personas.",
        ["rare disease", "hereditary disease"],
    ),
    ("es", "El primer ensayo clínico concluyó en abril.", ["clinical trial"]),
    ("es", "Padece una rara enfermedad genética.", ["rare disease"]),
    (
        "es",
        "El Ministerio de Sanidad aprobó los ensayos clínicos.",
        ["Ministry of Health", "clinical trial"],
    ),
    # Italian: elision (dell'), plurals, "ed".
    ("it", "L'importo dell'investimento supera i 2 miliardi.", ["investment"]),
    ("it", "Le zone economiche speciali della Russia sono 58.", ["special economic zone"]),
    ("it", "Nella zona economica speciale lavorano 40 aziende.", ["special economic zone"]),
    ("it", "I progetti di investimento saranno completati nel 2027.", ["investment project"]),
    ("it", "Farmaci per le malattie rare ed ereditarie.", ["rare disease", "hereditary disease"]),
    ("it", "Le sperimentazioni cliniche sono iniziate.", ["clinical trial"]),
    ("it", "Le forme farmaceutiche solide orali.", ["dosage form"]),
    # Portuguese (Brazilian and European spellings).
    ("pt", "As zonas econômicas especiais oferecem incentivos fiscais.", ["special economic zone"]),
    ("pt", "Na zona económica especial de Alabushevo.", ["special economic zone"]),
    ("pt", "Os projetos de investimento da empresa.", ["investment project"]),
    (
        "pt",
        "Medicamentos para doenças raras e hereditárias.",
        ["rare disease", "hereditary disease"],
    ),
    ("pt", "Os ensaios clínicos começam em maio.", ["clinical trial"]),
    # Dutch: plural, compounds, coordination before the noun.
    (
        "nl",
        "In de speciale economische zones gelden lagere belastingen.",
        ["special economic zone"],
    ),
    ("nl", "Het investeringsproject kost 2 miljard euro.", ["investment project"]),
    ("nl", "Beide investeringsprojecten zijn goedgekeurd.", ["investment project"]),
    (
        "nl",
        "Geneesmiddelen voor zeldzame en erfelijke ziekten.",
        ["rare disease", "hereditary disease"],
    ),
    ("nl", "De klinische studies lopen tot 2026.", ["clinical trial"]),
    # Polish: all cases, coordination after the noun (i, oraz).
    ("pl", "Zakład powstanie w specjalnych strefach ekonomicznych.", ["special economic zone"]),
    (
        "pl",
        "Spółka współpracuje ze specjalną strefą ekonomiczną od 2018 roku.",
        ["special economic zone"],
    ),
    ("pl", "Realizacja projektów inwestycyjnych potrwa trzy lata.", ["investment project"]),
    ("pl", "Leki na choroby rzadkie i dziedziczne.", ["rare disease", "hereditary disease"]),
    ("pl", "Leki na rzadkie choroby są drogie.", ["rare disease"]),  # either order
    (
        "pl",
        "W leczeniu chorób rzadkich oraz dziedzicznych.",
        ["rare disease", "hereditary disease"],
    ),
    ("pl", "Lek zarejestrowało Ministerstwo Zdrowia.", ["Ministry of Health"]),
    ("pl", "Decyzja Ministerstwa Zdrowia zapadła w marcu.", ["Ministry of Health"]),
    ("pl", "Badania kliniczne potwierdziły skuteczność.", ["clinical trial"]),
    # Czech.
    ("cs", "Závod vznikne ve zvláštní ekonomické zóně.", ["special economic zone"]),
    ("cs", "Realizace investičních projektů potrvá dva roky.", ["investment project"]),
    ("cs", "Léky na vzácná a dědičná onemocnění.", ["rare disease", "hereditary disease"]),
    ("cs", "Klinické studie byly dokončeny.", ["clinical trial"]),
    # Ukrainian: cases, apostrophes, acronym alternative, «та»/«і».
    ("uk", "Завод розташований у спеціальних економічних зонах Києва.", ["special economic zone"]),
    ("uk", "Компанія реалізує кілька інвестиційних проєктів.", ["investment project"]),
    ("uk", "Ліки для рідкісних і спадкових захворювань.", ["rare disease", "hereditary disease"]),
    (
        "uk",
        "Препарати від орфанних та інших рідкісних захворювань.",
        ["orphan disease", "rare disease"],
    ),
    ("uk", "Препарат зареєстровано Міністерством охорони здоров’я.", ["Ministry of Health"]),
    ("uk", "Рішення Міністерства охорони здоровʼя (U+02BC).", ["Ministry of Health"]),
    (
        "uk",
        "За даними МОЗ, тривають клінічні дослідження.",
        ["Ministry of Health", "clinical trial"],
    ),
    # Russian.
    ("ru", "Резиденты особых экономических зон получают льготы.", ["special economic zone"]),
    ("ru", "Компания реализует инвестиционные проекты в трёх регионах.", ["investment project"]),
    (
        "ru",
        "Лекарства от редких и наследственных заболеваний.",
        ["rare disease", "hereditary disease"],
    ),
    (
        "ru",
        "Минздравом одобрены клинические исследования препарата.",
        ["Ministry of Health", "clinical trial"],
    ),
    # Chinese: Simplified glossary, Traditional text; coordination with 和.
    ("zh", "该公司在经济特区投资建厂。", ["special economic zone"]),
    ("zh", "該公司在經濟特區投資建廠。", ["special economic zone"]),
    ("zh", "治療罕見病和遺傳病的藥物。", ["rare disease", "hereditary disease"]),
    ("zh", "這個投資項目將於2027年完成。", ["investment project"]),
    ("zh", "临床试验已经开始。", ["clinical trial"]),
    # Japanese.
    ("ja", "臨床試験は来年始まる。", ["clinical trial"]),
    ("ja", "厚生労働省は新薬を承認した。", ["Ministry of Health"]),
    ("ja", "希少疾患の患者は約700万人。", ["rare disease"]),
    ("ja", "投資プロジェクトと経済特区。", ["investment project", "special economic zone"]),
    ("ja", "厚生勞働省は經濟特區を指定した。", ["Ministry of Health", "special economic zone"]),
    # Korean: particles written onto the word.
    ("ko", "이 회사는 경제특구에 입주했다.", ["special economic zone"]),
    ("ko", "희귀질환 치료제를 생산한다.", ["rare disease"]),
    # Arabic and Hebrew: articles and prepositions written onto the word; "and" too.
    ("ar", "تقع الشركة في المنطقة الاقتصادية الخاصة.", ["special economic zone"]),
    ("ar", "أدوية للأمراض النادرة والمزمنة.", ["rare disease", "chronic disease"]),
    ("he", "החברה פועלת באזור הכלכלי המיוחד.", ["special economic zone"]),
    ("he", "תרופות למחלות נדירות ותורשתיות.", ["rare disease", "hereditary disease"]),
    # More cases, articles, elisions and plurals.
    ("de", "Die Aufsicht des Gesundheitsministeriums ist streng.", ["Ministry of Health"]),
    ("de", "Mit den Investitionsprojekten wächst die Region.", ["investment project"]),
    (
        "de",
        "In der Sonderwirtschaftszone „Technopolis Moskau“ arbeiten 40 Firmen.",
        ["special economic zone"],
    ),
    ("de", "Für Menschen mit seltenen Erkrankungen.", ["rare disease"]),
    ("de", "Die klinischen Studien der Phase III.", ["clinical trial"]),
    ("fr", "Les résultats de l'essai clinique sont positifs.", ["clinical trial"]),
    ("fr", "Une série d'essais cliniques est prévue.", ["clinical trial"]),
    ("fr", "Une nouvelle zone économique spéciale a été créée.", ["special economic zone"]),
    ("fr", "Les investissements étrangers augmentent.", ["investment"]),
    ("es", "Según datos del Ministerio de Sanidad, los casos bajan.", ["Ministry of Health"]),
    ("es", "Las enfermedades huérfanas y raras.", ["orphan disease", "rare disease"]),
    ("it", "Gli investimenti esteri crescono.", ["investment"]),
    ("it", "Una nuova zona economica speciale è stata creata.", ["special economic zone"]),
    ("it", "Le malattie rare colpiscono milioni di persone.", ["rare disease"]),
    ("pt", "A doença rara afeta crianças.", ["rare disease"]),
    ("pt", "Nas zonas económicas especiais de Portugal.", ["special economic zone"]),
    ("nl", "Zeldzame ziektes zijn moeilijk te behandelen.", ["rare disease"]),
    ("nl", "De investeringsprojecten van de regio.", ["investment project"]),
    ("pl", "W badaniach klinicznych wzięło udział 300 osób.", ["clinical trial"]),
    ("pl", "Firma działa w specjalnej strefie ekonomicznej.", ["special economic zone"]),
    ("pl", "Choroby rzadkie dotykają 3 mln Polaków.", ["rare disease"]),
    ("cs", "Na území zvláštních ekonomických zón.", ["special economic zone"]),
    ("cs", "Pacienti se vzácnými onemocněními.", ["rare disease"]),
    ("cs", "Investiční projekt byl schválen.", ["investment project"]),
    ("uk", "У спеціальній економічній зоні працюють 20 компаній.", ["special economic zone"]),
    ("uk", "Рідкісні захворювання вражають дітей.", ["rare disease"]),
    (
        "ru",
        "В особой экономической зоне «Технополис Москва» работают 40 компаний.",
        ["special economic zone"],
    ),
    ("ru", "Лечение редких заболеваний.", ["rare disease"]),
    ("zh", "该药物用于治疗罕见遗传病。", ["hereditary disease"]),
    ("ja", "希少疾患および経済特区。", ["rare disease", "special economic zone"]),
    ("he", "מחלות נדירות פוגעות בילדים.", ["rare disease"]),
    ("ar", "الأمراض النادرة تصيب الأطفال.", ["rare disease"]),
]

NOT_FOUND = [
    ("de", "Die Wirtschaft in der Zone gilt als sonderbar."),
    ("de", "Die Investition in das Projekt lohnt sich."),
    ("de", "Die Erkrankungen sind selten und erblich."),
    ("de", "Seltene Pflanzen und schwere Erkrankungen."),
    ("de", "Die Projektionen der Studie sind klinisch relevant."),
    ("de", "Das Ministerium fördert die Gesundheit."),
    ("de", "Primär- und Sekundärprävention sind wichtig."),
    # Stacked adjectives are not looked through: the term's words must be adjacent.
    ("de", "Eine seltene genetische Erkrankung."),
    ("de", "Investitions- und Bauvorhaben der Region."),
    ("fr", "Une zone spéciale et une économie forte."),
    ("fr", "Ce projet n'investit pas dans la santé."),
    ("fr", "Les investisseurs étrangers sont les bienvenus."),
    ("fr", "La maladie est-elle rare ?"),
    ("fr", "Les maladies et les zones sont rares."),
    ("es", "La zona es especial por su economía."),
    ("es", "El proyecto busca inversión privada."),
    ("es", "Es raro que la enfermedad aparezca tan pronto."),
    ("it", "La zona è speciale per la sua economia."),
    ("it", "Il progetto e l'investitore."),
    ("pt", "A zona é especial para a economia."),
    ("nl", "De ziekte is zeldzaam en niet erfelijk."),
    ("pl", "Strefa jest specjalna, a choroba nie jest rzadka."),
    ("pl", "Projekt jest inwestycją."),
    ("pl", "Rzadkie są choroby tego typu."),
    ("cs", "Zóna je zvláštní a ekonomika silná."),
    ("uk", "Зона є спеціальною, а економіка сильною."),
    ("uk", "Спадкові ознаки та рідкісні хвороби."),
    ("ru", "Экономическая зона особенно велика."),
    ("zh", "经济发展和特区建设。"),
    ("zh", "罕见的病例。"),
    ("ja", "経済の特区ではない。"),
    ("ja", "投資とプロジェクト。"),
    ("ar", "المنطقة خاصة والاقتصاد قوي."),
    ("he", "האזור מיוחד והכלכלה חזקה."),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_terms_are_found_in_every_form(lang: str, text: str, expected: list[str]) -> None:
    found = find_target_terms(text, TERMS[lang], lang)
    assert [term.term for term in found] == expected


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_separate_or_similar_words_are_not_a_term(lang: str, text: str) -> None:
    assert find_target_terms(text, TERMS[lang], lang) == []


def test_a_term_found_is_a_term_checked() -> None:
    """check_target agrees with find_target_terms: a term found passes its check, and no
    check passes on the separate words of a term."""
    for lang, text, expected in FOUND:
        checks = {c.term.term: c.ok for c in check_target(text, TERMS[lang], lang)}
        assert set(expected) <= {name for name, ok in checks.items() if ok}, (lang, text)
    for lang, text in NOT_FOUND:
        assert not any(c.ok for c in check_target(text, TERMS[lang], lang)), (lang, text)


def test_traditional_glossary_matches_simplified_text() -> None:
    zone = GlossaryTerm("special economic zone", "zh-TW", ("經濟特區",))
    assert check_target("该公司入驻经济特区。", [zone], "zh-TW")[0].ok
    assert check_target("該公司入駐經濟特區。", [zone], "zh")[0].ok


def test_forbidden_variants_in_traditional_script_are_caught() -> None:
    zone = GlossaryTerm("special economic zone", "zh", ("经济特区",), forbidden=("自由贸易区",))
    (check,) = check_target("該公司入駐經濟特區和自由貿易區。", [zone], "zh")
    assert not check.ok and check.found_forbidden == ("自由贸易区",)


def _loaded(lang: str, text: str, translation: str) -> dict[str, bool]:
    state = analysers_loaded(lang, text, translation)
    del state["dictionaries"]
    return state


def test_opencc_is_loaded_only_for_chinese_and_japanese() -> None:
    assert _loaded("zh", "該公司入駐經濟特區。", "经济特区") == {
        "found": True,
        "opencc": True,
        "simplemma": False,
        "pymorphy3": False,
    }
    assert _loaded("ja", "経済特区に入居した。", "経済特区") == {
        "found": True,
        "opencc": True,
        "simplemma": False,
        "pymorphy3": False,
    }
    assert _loaded("de", "In der Sonderwirtschaftszone.", "Sonderwirtschaftszone") == {
        "found": True,
        "opencc": False,
        "simplemma": True,
        "pymorphy3": False,
    }
    assert _loaded("ru", "В особой экономической зоне.", "особая экономическая зона") == {
        "found": True,
        "opencc": False,
        "simplemma": False,
        "pymorphy3": True,
    }
