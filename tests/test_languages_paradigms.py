"""Every case and number of a term, in languages that decline them (tables written by hand
from the grammars, not generated): each form is found inside a sentence."""

from __future__ import annotations

import pytest

from pipeline.glossary import GlossaryTerm, find_target_terms

PARADIGMS = {
    ("pl", "specjalna strefa ekonomiczna"): """
        specjalna strefa ekonomiczna | specjalnej strefy ekonomicznej |
        specjalnej strefie ekonomicznej | specjalną strefę ekonomiczną |
        specjalną strefą ekonomiczną | specjalne strefy ekonomiczne |
        specjalnych stref ekonomicznych | specjalnym strefom ekonomicznym |
        specjalnymi strefami ekonomicznymi | specjalnych strefach ekonomicznych""",
    ("pl", "choroba rzadka"): """
        choroba rzadka | choroby rzadkiej | chorobie rzadkiej | chorobę rzadką |
        chorobą rzadką | choroby rzadkie | chorób rzadkich | chorobom rzadkim |
        chorobami rzadkimi | chorobach rzadkich""",
    # Not the dative "projektowi inwestycyjnemu": simplemma's dictionary lemmatises
    # "projektowi" as the adjective "projektowy".
    ("pl", "projekt inwestycyjny"): """
        projekt inwestycyjny | projektu inwestycyjnego |
        projektem inwestycyjnym | projekcie inwestycyjnym | projekty inwestycyjne |
        projektów inwestycyjnych | projektom inwestycyjnym | projektami inwestycyjnymi |
        projektach inwestycyjnych""",
    ("uk", "рідкісне захворювання"): """
        рідкісне захворювання | рідкісного захворювання | рідкісному захворюванню |
        рідкісним захворюванням | рідкісному захворюванні | рідкісні захворювання |
        рідкісних захворювань | рідкісними захворюваннями | рідкісних захворюваннях""",
    ("uk", "спеціальна економічна зона"): """
        спеціальна економічна зона | спеціальної економічної зони |
        спеціальній економічній зоні | спеціальну економічну зону |
        спеціальною економічною зоною | спеціальні економічні зони |
        спеціальних економічних зон | спеціальним економічним зонам |
        спеціальними економічними зонами | спеціальних економічних зонах""",
    ("cs", "zvláštní ekonomická zóna"): """
        zvláštní ekonomická zóna | zvláštní ekonomické zóny | zvláštní ekonomické zóně |
        zvláštní ekonomickou zónu | zvláštní ekonomickou zónou |
        zvláštních ekonomických zón | zvláštním ekonomickým zónám |
        zvláštními ekonomickými zónami | zvláštních ekonomických zónách""",
    ("ru", "инвестиционный проект"): """
        инвестиционный проект | инвестиционного проекта | инвестиционному проекту |
        инвестиционным проектом | инвестиционном проекте | инвестиционные проекты |
        инвестиционных проектов | инвестиционным проектам | инвестиционными проектами |
        инвестиционных проектах""",
    ("de", "seltene Erkrankung"): """
        seltene Erkrankung | seltener Erkrankung | seltenen Erkrankung |
        seltene Erkrankungen | seltener Erkrankungen | seltenen Erkrankungen""",
    ("de", "Sonderwirtschaftszone"): "Sonderwirtschaftszone | Sonderwirtschaftszonen",
    ("de", "Investitionsprojekt"): """
        Investitionsprojekt | Investitionsprojekts | Investitionsprojektes |
        Investitionsprojekte | Investitionsprojekten""",
    ("fr", "zone économique spéciale"): """
        zone économique spéciale | zones économiques spéciales""",
    ("es", "proyecto de inversión"): "proyecto de inversión | proyectos de inversión",
    ("it", "malattia rara"): "malattia rara | malattie rare",
    ("pt", "doença rara"): "doença rara | doenças raras",
    ("nl", "zeldzame ziekte"): "zeldzame ziekte | zeldzame ziekten | zeldzame ziektes",
}

FORMS = [
    (lang, term, form.strip())
    for (lang, term), forms in PARADIGMS.items()
    for form in forms.split("|")
]


@pytest.mark.parametrize(("lang", "term", "form"), FORMS)
def test_every_form_of_a_term_is_found(lang: str, term: str, form: str) -> None:
    glossary = [GlossaryTerm("t", lang, (term,))]
    assert find_target_terms(f"« {form} » — 2025.", glossary, lang) == glossary
    assert find_target_terms(form.upper(), glossary, lang) == glossary  # capitals
