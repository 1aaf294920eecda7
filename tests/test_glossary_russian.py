"""Russian morphology of the glossary: inflection with agreement, lemma-level matching."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.glossary import GlossaryTerm, check_target, find_target_terms, inflected_forms
from pipeline.languages.pymorphy import PymorphyWords

_RUSSIAN = PymorphyWords("ru")
decline_phrase, inflect_phrase, morph_analyzer = (
    _RUSSIAN.decline,
    _RUSSIAN.inflect,
    _RUSSIAN.analyzer,
)

ROOT = Path(__file__).resolve().parent.parent

SPECIAL_ECONOMIC_ZONE = {
    ("nomn", "sing"): "особая экономическая зона",
    ("gent", "sing"): "особой экономической зоны",
    ("datv", "sing"): "особой экономической зоне",
    ("accs", "sing"): "особую экономическую зону",
    ("ablt", "sing"): "особой экономической зоной",
    ("loct", "sing"): "особой экономической зоне",
    ("nomn", "plur"): "особые экономические зоны",
    ("gent", "plur"): "особых экономических зон",
    ("datv", "plur"): "особым экономическим зонам",
    ("accs", "plur"): "особые экономические зоны",
    ("ablt", "plur"): "особыми экономическими зонами",
    ("loct", "plur"): "особых экономических зонах",
}

ORPHAN_DISEASE = {
    ("nomn", "sing"): "орфанное заболевание",
    ("gent", "sing"): "орфанного заболевания",
    ("datv", "sing"): "орфанному заболеванию",
    ("accs", "sing"): "орфанное заболевание",
    ("ablt", "sing"): "орфанным заболеванием",
    ("loct", "sing"): "орфанном заболевании",
    ("nomn", "plur"): "орфанные заболевания",
    ("gent", "plur"): "орфанных заболеваний",
    ("datv", "plur"): "орфанным заболеваниям",
    ("accs", "plur"): "орфанные заболевания",
    ("ablt", "plur"): "орфанными заболеваниями",
    ("loct", "plur"): "орфанных заболеваниях",
}


def term(translation: str, *forbidden: str, name: str = "term") -> GlossaryTerm:
    return GlossaryTerm(term=name, lang="ru", translations=(translation,), forbidden=forbidden)


def test_feminine_adjectives_agree_in_six_cases_both_numbers() -> None:
    assert decline_phrase("особая экономическая зона") == SPECIAL_ECONOMIC_ZONE


def test_neuter_adjective_guessed_by_pymorphy_agrees_with_head() -> None:
    assert decline_phrase("орфанное заболевание") == ORPHAN_DISEASE
    assert "орфанными заболеваниями" in inflected_forms("орфанное заболевание", "ru")


def test_masculine_animate_accusative_takes_genitive_form() -> None:
    forms = decline_phrase("особый резидент")
    assert forms[("accs", "sing")] == "особого резидента"
    assert forms[("accs", "plur")] == "особых резидентов"
    assert forms[("ablt", "sing")] == "особым резидентом"


def test_plural_term_declines_in_singular_too() -> None:
    forms = decline_phrase("жизненно необходимые и важнейшие лекарственные препараты (ЖНВЛП)")
    assert forms[("gent", "plur")] == (
        "жизненно необходимых и важнейших лекарственных препаратов (ЖНВЛП)"
    )
    assert forms[("nomn", "sing")] == (
        "жизненно необходимый и важнейший лекарственный препарат (ЖНВЛП)"
    )


def test_words_after_the_head_and_quoted_words_stay_as_written() -> None:
    assert decline_phrase("болезнь Гоше")[("gent", "sing")] == "болезни Гоше"
    assert decline_phrase("площадка «Алабушево»")[("ablt", "sing")] == "площадкой «Алабушево»"
    assert decline_phrase("Минздрав России")[("ablt", "sing")] == "Минздравом России"
    assert inflect_phrase("«Технополис Москва»") == ["«Технополис Москва»"]
    assert inflect_phrase("«Генериум-Некст»") == ["«Генериум-Некст»"]
    assert inflect_phrase("ОЭЗ") == ["ОЭЗ"]


def test_capitalisation_is_kept() -> None:
    assert decline_phrase("Российская Федерация")[("gent", "sing")] == "Российской Федерации"
    assert decline_phrase("Минздрав")[("ablt", "sing")] == "Минздравом"


def test_adjective_alone_declines_in_every_gender() -> None:
    forms = decline_phrase("генно-инженерный")
    assert forms[("ablt", "plur")] == "генно-инженерными"
    assert forms[("gent", "sing", "femn")] == "генно-инженерной"
    assert forms[("accs", "sing", "masc", "anim")] == "генно-инженерного"
    assert forms[("accs", "sing", "masc", "inan")] == "генно-инженерный"


def test_inflected_forms_starts_with_the_term_and_has_no_duplicates() -> None:
    forms = inflected_forms("особая экономическая зона", "ru")
    assert forms[0] == "особая экономическая зона"
    assert len(forms) == len(set(forms)) == len(set(SPECIAL_ECONOMIC_ZONE.values()))
    assert inflected_forms("Sonderwirtschaftszone", "de") == ["Sonderwirtschaftszone"]


def test_unknown_word_is_inflected_along_its_guessed_paradigm() -> None:
    assert "муковисцидозом" in inflected_forms("муковисцидоз", "ru")


@pytest.mark.parametrize(
    ("text", "translation"),
    [
        ("Компания стала резидентом особой экономической зоны.", "особая экономическая зона"),
        ("Препараты для лечения орфанными заболеваниями.", "орфанное заболевание"),
        ("Помещение на площадке «Алабушево».", "площадка «Алабушево»"),
        ("Перечень утверждён Минздравом.", "Минздрав"),
        ("Например, при болезни Гоше.", "болезнь Гоше"),
        ("Для больных муковисцидозом.", "муковисцидоз"),
        ("Компания Генериум Некст получила статус.", "«Генериум-Некст»"),
        ("Компания «Генериум-Некст» получила статус.", "Генериум Некст"),
        ("В ОЭЗ “Технополис Москва”.", "«Технополис Москва»"),
        ('В ОЭЗ "Технополис Москва".', "«Технополис Москва»"),
        ("В ОЭЗ „Технополис Москва“.", "«Технополис Москва»"),
        ("Зелёная зона.", "зеленая зона"),
        ("Зеленая зона.", "зелёная зона"),
        ("Выпуск генно-инженерных препаратов.", "генно-инженерный"),
        ("Резидент ОСОБОЙ ЭКОНОМИЧЕСКОЙ ЗОНЫ.", "особая экономическая зона"),
        ("Перечень ЖНВЛП.", "ЖНВЛП"),
    ],
)
def test_russian_terms_match_at_lemma_level(text: str, translation: str) -> None:
    (check,) = check_target(text, [term(translation)], "ru")
    assert check.ok, check.message


@pytest.mark.parametrize(
    ("text", "translation"),
    [
        ("Экономическая зона.", "особая экономическая зона"),  # a word missing
        ("Особой, экономической зоны.", "особая экономическая зона"),  # a comma between
        ("Зона экономическая особая.", "особая экономическая зона"),  # another order
        ("Резиденция компании.", "резидент"),
        ("Генериум получил статус.", "«Генериум-Некст»"),
    ],
)
def test_russian_terms_do_not_match_other_words(text: str, translation: str) -> None:
    (check,) = check_target(text, [term(translation)], "ru")
    assert not check.ok
    assert check.message.endswith(": missing")


def test_forbidden_variant_is_found_in_any_inflection() -> None:
    orphan = term("орфанное заболевание", "сиротское заболевание", name="orphan disease")
    (check,) = check_target("Лечение сиротскими заболеваниями.", [orphan], "ru")
    assert not check.ok
    assert check.found_forbidden == ("сиротское заболевание",)
    assert check.message == (
        "orphan disease → орфанное заболевание: missing; "
        "forbidden variant «сиротское заболевание» used"
    )


def test_forbidden_variant_next_to_the_right_term_is_still_reported() -> None:
    orphan = term("орфанное заболевание", "сиротское заболевание", name="orphan disease")
    (check,) = check_target("Орфанные заболевания (не сиротские заболевания).", [orphan], "ru")
    assert check.message == "orphan disease: forbidden variant «сиротское заболевание» used"


def test_forbidden_variant_inside_the_translation_is_ignored() -> None:
    zone = term("особая экономическая зона", "экономическая зона")
    assert check_target("Резидент особой экономической зоны.", [zone], "ru")[0].ok
    (check,) = check_target("Резидент экономической зоны.", [zone], "ru")
    assert check.found_forbidden == ("экономическая зона",)


def test_find_target_terms_prefers_the_longer_term() -> None:
    ministry = GlossaryTerm("Ministry of Health", "ru", ("Минздрав",))
    russian_ministry = GlossaryTerm("Russian Ministry of Health", "ru", ("Минздрав России",))
    found = find_target_terms("Минздравом России и Минздравом", [ministry, russian_ministry], "ru")
    assert found == [russian_ministry, ministry]
    assert find_target_terms("Минздравом России", [ministry, russian_ministry], "ru") == [
        russian_ministry
    ]


def test_other_languages_match_normalised_surface_forms() -> None:
    zone = GlossaryTerm("Technopolis Moscow", "de", ("„Technopolis Moskau“",))
    assert check_target("Die SEZ «technopolis moskau».", [zone], "de")[0].ok
    assert check_target("Die SEZ Technopolis-Moskau.", [zone], "de")[0].ok
    assert check_target("Die SEZ Technopolis Moskaus.", [zone], "de")[0].ok  # simplemma
    basque = GlossaryTerm("Technopolis Moscow", "eu", ("Technopolis Moskau",))
    assert not check_target("Technopolis Moskaus.", [basque], "eu")[0].ok  # no lemmatiser


def test_unspaced_languages_match_substrings() -> None:
    zone = GlossaryTerm("special economic zone", "zh", ("经济特区",))
    assert check_target("莫斯科经济特区", [zone], "zh")[0].ok


def test_declined_phrases_are_remembered_across_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A phrase is declined once; later processes read its forms from the cache file."""
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path))
    script = (
        "import json, sys\n"
        "from pipeline.languages import profile\n"
        "forms = profile('ru').analyzer.inflect(sys.argv[1])\n"
        "print(json.dumps(forms, ensure_ascii=False))\n"
    )

    def run(phrase: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", script, phrase],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        return json.loads(done.stdout)

    first = run("орфанное заболевание")
    assert first == inflect_phrase("орфанное заболевание")
    [cache_file] = tmp_path.glob("inflections-*.json")
    stored = json.loads(cache_file.read_text(encoding="utf-8"))
    assert stored["орфанное заболевание"] == first
    stored["орфанное заболевание"] = ["from the cache"]
    cache_file.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert run("орфанное заболевание") == ["from the cache"]
    # A damaged cache file is ignored (and rewritten), never an error.
    cache_file.write_text("{not json", encoding="utf-8")
    assert run("орфанное заболевание") == first
    assert json.loads(cache_file.read_text(encoding="utf-8"))["орфанное заболевание"] == first
