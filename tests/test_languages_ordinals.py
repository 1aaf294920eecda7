"""Czech and Polish ordinals written as words in the ``numbers`` check.

CLDR's spell-out rules have no Czech or Polish ordinals: the rows name the dictionary forms of
1st … 10th and simplemma's dictionary gives every case, gender and number (generated into
``pipeline/languages/data/ordinals.json``). They stand only for an ordinal of the source
(``3rd``), since ``druhý`` and ``drugi`` also mean *other*. The sentences are written for
these tests, not taken from the catalogs the figures in docs/qa.md were measured on.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.languages import PROFILES, profile
from pipeline.languages.ordinals import DATA, dumps, generate, ordinal_forms
from pipeline.qa import QAItem, QAOptions, run_checks

from .helpers import loaded_in_fresh_python


def _numbers(source: str, target: str, lang: str) -> list[str]:
    return [f.message for f in run_checks(QAItem(source, target, lang), QAOptions(), ["numbers"])]


AGREE = [
    ("cs", "Click the 1st button in the toolbar.", "Klikněte na první tlačítko v liště."),
    ("cs", "Open the settings of the 1st account.", "Otevřete nastavení prvního účtu."),
    ("cs", "The 2nd edition adds an index.", "Druhé vydání přidává rejstřík."),
    ("cs", "Compare it with the 2nd version.", "Porovnejte ji s druhou verzí."),
    ("cs", "The 2nd and 3rd players tie.", "Druzí a třetí hráči remizují."),
    ("cs", "In the 3rd quarter, sales rose by 5%.", "Ve třetím čtvrtletí vzrostly tržby o 5 %."),
    ("cs", "It was the 4th attempt.", "Byl to čtvrtý pokus."),
    ("cs", "Skip the 5th row.", "Přeskočte pátou řádku."),
    ("cs", "From the 6th line on, lines are ignored.", "Od šestého řádku se řádky přeskakují."),
    ("cs", "The 7th column is empty.", "Sedmý sloupec je prázdný."),
    ("cs", "The 8th day of the trial", "Osmý den zkoušky"),
    ("cs", "In the 9th chapter we meet her.", "V deváté kapitole ji potkáme."),
    ("cs", "The 10th anniversary", "Desáté výročí"),
    ("cs", "the 3rd quarter", "3. čtvrtletí"),
    ("pl", "He finished 2nd in the race.", "Zajął drugie miejsce w wyścigu."),
    ("pl", "Ask the 1st user.", "Zapytaj pierwszego użytkownika."),
    ("pl", "The 1st and 2nd teams won.", "Pierwsi i drudzy wygrali."),
    ("pl", "Compare it with the 2nd copy.", "Porównaj ją z drugą kopią."),
    ("pl", "In the 3rd quarter, sales rose by 5%.", "W trzecim kwartale sprzedaż wzrosła o 5%."),
    ("pl", "Read the 3rd page.", "Przeczytaj trzecią stronę."),
    ("pl", "The 4th floor is closed.", "Czwarte piętro jest zamknięte."),
    ("pl", "Start on the 5th day.", "Zacznij piątego dnia."),
    ("pl", "Go to the 6th byte of the file.", "Idź do szóstego bajtu w pliku."),
    ("pl", "In the 7th edition", "W siódmej edycji"),
    ("pl", "The 8th column", "Ósma kolumna"),
    ("pl", "On the 9th floor", "Na dziewiątym piętrze"),
    ("pl", "The 10th version of the file", "Dziesiąta wersja pliku"),
    # No number in the source: "the other" is druhý/drugi, and nothing is reported.
    ("cs", "Make the other device visible.", "Zviditelněte druhé zařízení."),
    ("cs", "Ask the other user.", "Zeptejte se druhého uživatele."),
    ("pl", "Make the other device visible.", "Ustaw drugie urządzenie jako widoczne."),
    ("pl", "Some files are on the other disk.", "Część plików jest na drugim dysku."),
]


@pytest.mark.parametrize(("lang", "source", "target"), AGREE)
def test_an_ordinal_in_any_case_stands_for_the_digits(lang: str, source: str, target: str) -> None:
    assert _numbers(source, target, lang) == []


DIFFER = [
    # The wrong ordinal.
    ("cs", "In the 3rd quarter, sales rose by 5%.", "Ve čtvrtém čtvrtletí vzrostly tržby o 5 %."),
    ("pl", "He finished 2nd in the race.", "Zajął trzecie miejsce w wyścigu."),
    ("pl", "Go to the 6th byte of the file.", "Idź do siódmego bajtu w pliku."),
    # A cardinal of the source lost, and "other" in its place: still missing.
    ("cs", "Select 2 files.", "Vyberte druhé soubory."),
    ("cs", "Connect 2 devices.", "Připojte druhé zařízení."),
    ("pl", "Open 2 windows.", "Otwórz drugie okno."),
    ("pl", "Copy 2 files to the disk.", "Skopiuj drugi plik na dysk."),
    # Eleventh and later are not read: digits or nothing.
    ("pl", "The 21st century", "XXI wiek"),
]


@pytest.mark.parametrize(("lang", "source", "target"), DIFFER)
def test_a_wrong_or_lost_number_is_still_reported(lang: str, source: str, target: str) -> None:
    assert _numbers(source, target, lang) != []


@pytest.mark.parametrize(
    ("lang", "word", "value"),
    [
        ("cs", "prvními", 1),
        ("cs", "druzí", 2),
        ("cs", "třetího", 3),
        ("cs", "čtvrtému", 4),
        ("cs", "desátých", 10),
        ("pl", "pierwszej", 1),
        ("pl", "drugą", 2),
        ("pl", "trzeciej", 3),
        ("pl", "piątej", 5),
        ("pl", "dziesiątymi", 10),
        # Cardinals and nouns that look like an ordinal's lemma but for one letter.
        ("cs", "osm", None),
        ("cs", "sedmi", None),
        ("cs", "šest", None),
        ("cs", "druh", None),
        ("cs", "druhy", None),
        ("cs", "čtvrt", None),
        ("pl", "dwa", None),
        ("pl", "druh", None),
        ("pl", "pięć", None),
    ],
)
def test_declined_ordinals_come_from_the_lemmatiser(
    lang: str, word: str, value: int | None
) -> None:
    expected = None if value is None else Decimal(value)
    assert profile(lang).declined_ordinal(word) == expected


@pytest.mark.parametrize(
    ("lang", "value", "ending", "ordinal"),
    [
        ("en", 2, "nd", True),
        ("en", 21, "st", True),
        ("en", 12, "th", True),
        ("en", 3, "rd", True),
        ("en", 3, "D", False),  # 3D
        ("en", 5, "h", False),  # 5h
        ("en", 2, "st", False),
        ("ru", 2, "-й", True),
        ("fr", 1, "er", True),
    ],
)
def test_digits_written_as_an_ordinal(lang: str, value: int, ending: str, ordinal: bool) -> None:
    assert profile(lang).ordinal_ending(Decimal(value), ending) is ordinal


def test_other_languages_read_no_declined_ordinals() -> None:
    """Only the rows that name ordinal lemmas read them: a German ``zweite`` is CLDR's."""
    assert profile("de").declined_ordinals_in("die zweite Auflage") == []
    assert profile("cs").declined_ordinals_in("druhé vydání, druh a osm") == [
        (0, "druhé", Decimal(2))
    ]


def test_the_generated_forms_cover_every_row_with_ordinal_lemmas() -> None:
    rows = [row for row in PROFILES if row.ordinal_lemmas]
    assert {row.code for row in rows} == {"cs", "pl"}
    for row in rows:
        forms = ordinal_forms(row.code)
        assert all(forms[lemma] == value for lemma, value in row.ordinal_lemmas.items())
        assert len(forms) > 10 * len(row.ordinal_lemmas) // 2  # several forms of each


def test_a_polish_numbers_check_does_not_load_simplemma() -> None:
    """The forms are read from the generated file: simplemma's Polish dictionary (5.6 s,
    400 MB) stays unloaded."""
    setup = (
        "from pipeline.qa import QAItem, QAOptions, run_checks\n"
        "item = QAItem('In the 3rd quarter, 2 plants opened.',\n"
        "              'W trzecim kwartale otwarto 2 zakłady.', 'pl')\n"
        "assert run_checks(item, QAOptions(), only=['numbers']) == []\n"
    )
    assert loaded_in_fresh_python(setup, ("simplemma",)) == []


@pytest.mark.slow
def test_the_forms_file_is_what_the_generator_writes() -> None:
    """``python -m pipeline.languages.ordinals`` with the installed simplemma rewrites the
    file unchanged (loads simplemma's Polish dictionary: about 6 s and 400 MB)."""
    assert dumps(generate()) == DATA.read_text(encoding="utf-8")
