"""Terminology enforcement: n-best selection, term checks, forms for constrained decoding."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.glossary import (
    Choice,
    GlossaryTerm,
    check_target,
    choose_hypothesis,
    forbidden_forms,
    term_forms,
)

SEZ = GlossaryTerm("SEZ", "ru", ("ОЭЗ",), ("СЭЗ",), case_sensitive=True)
RESIDENT = GlossaryTerm("resident", "ru", ("резидент",), ("житель",))
ORPHAN = GlossaryTerm("orphan disease", "ru", ("орфанное заболевание",), ("сиротское заболевание",))
COMPANY = GlossaryTerm("Generium Next", "ru", ("Generium Next",), ("Генериум Некст",), dnt=True)


def test_best_scoring_compliant_hypothesis_is_chosen() -> None:
    hypotheses = [
        ("Компания стала резидентом СЭЗ.", -0.10),  # forbidden variant
        ("Компания стала жителем ОЭЗ.", -0.20),  # forbidden variant, term missing
        ("Компания стала резидентом ОЭЗ.", -0.30),  # compliant
        ("Компания получила статус резидента ОЭЗ.", -0.40),  # compliant, worse score
    ]
    choice = choose_hypothesis(hypotheses, [SEZ, RESIDENT], "ru")
    assert choice == Choice(
        text="Компания стала резидентом ОЭЗ.",
        score=-0.30,
        index=2,
        compliant=True,
        failed=(),
        checks=choice.checks,
    )
    assert tuple(check_target(choice.text, [SEZ, RESIDENT], "ru")) == choice.checks


def test_the_first_compliant_hypothesis_ends_the_search_only_when_no_later_scores_higher(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline.glossary import enforce

    checked: list[str] = []

    def counting(text: str, terms: Any, lang: str) -> Any:
        checked.append(text)
        return check_target(text, terms, lang)

    monkeypatch.setattr(enforce, "check_target", counting)
    best_first = [("Резиденты ОЭЗ.", -0.1), ("Жители ОЭЗ.", -0.2), ("Резиденты ОЭЗ!", -0.3)]
    choice = enforce.choose_hypothesis(best_first, [SEZ, RESIDENT], "ru")
    assert (choice.index, choice.compliant, checked) == (0, True, ["Резиденты ОЭЗ."])
    checked.clear()
    unordered = [("Резиденты ОЭЗ.", -0.4), ("Жители ОЭЗ.", -0.2), ("Резиденты ОЭЗ!", -0.3)]
    choice = enforce.choose_hypothesis(unordered, [SEZ, RESIDENT], "ru")
    assert (choice.index, choice.compliant, len(checked)) == (2, True, 3)


def test_without_a_compliant_hypothesis_the_fewest_failures_win() -> None:
    hypotheses = [
        ("Жители СЭЗ лечат сиротские заболевания.", -0.1),  # 3 failures
        ("Жители ОЭЗ лечат сиротские заболевания.", -0.2),  # 2 failures
        ("Резиденты СЭЗ лечат орфанные заболевания.", -0.3),  # 1 failure
    ]
    choice = choose_hypothesis(hypotheses, [SEZ, RESIDENT, ORPHAN], "ru")
    assert (choice.index, choice.compliant) == (2, False)
    assert [check.term for check in choice.failed] == [SEZ]
    assert choice.failed[0].message == "SEZ → ОЭЗ: missing; forbidden variant «СЭЗ» used"


def test_ties_in_failures_go_to_the_best_score() -> None:
    hypotheses = [
        ("Жители ОЭЗ.", -0.5),
        ("Резиденты СЭЗ.", -0.2),
        ("Резиденты СЭЗ!", -0.2),
    ]
    choice = choose_hypothesis(hypotheses, [SEZ, RESIDENT], "ru")
    assert (choice.index, choice.score, choice.compliant) == (1, -0.2, False)


def test_no_terms_keeps_the_best_hypothesis() -> None:
    choice = choose_hypothesis([("a", -1.0), ("b", -0.5)], [], "ru")
    assert (choice.text, choice.compliant) == ("b", True)


def test_no_hypotheses_is_an_error() -> None:
    with pytest.raises(ValueError):
        choose_hypothesis([], [SEZ], "ru")


def test_do_not_translate_term_must_stay_in_english() -> None:
    ok, wrong = (
        check_target("Компания Generium Next", [COMPANY], "ru"),
        check_target("Компания Генериум Некст", [COMPANY], "ru"),
    )
    assert ok[0].ok
    assert not check_target("Компания generium next", [COMPANY], "ru")[0].ok  # verbatim
    assert not wrong[0].ok
    assert wrong[0].message == (
        "Generium Next → (do not translate): missing; forbidden variant «Генериум Некст» used"
    )


def test_check_target_reports_each_required_term_once_in_order() -> None:
    checks = check_target("Резиденты ОЭЗ.", [RESIDENT, SEZ, RESIDENT, ORPHAN], "ru")
    assert [(c.term.term, c.ok) for c in checks] == [
        ("resident", True),
        ("SEZ", True),
        ("orphan disease", False),
    ]
    assert checks[0].message == "resident → резидент: ok"
    assert checks[2].message == "orphan disease → орфанное заболевание: missing"


def test_term_forms_cover_every_alternative_and_inflection() -> None:
    ministry = GlossaryTerm(
        "Ministry of Health", "ru", ("Минздрав", "Министерство здравоохранения")
    )
    forms = term_forms(ministry, "ru")
    assert forms[0] == "Минздрав"
    assert {"Минздравом", "Министерством здравоохранения", "Министерства здравоохранения"} <= set(
        forms
    )
    assert term_forms(COMPANY, "ru") == ["Generium Next"]


def test_forbidden_forms_are_inflected_and_capitalised() -> None:
    forms = forbidden_forms(ORPHAN, "ru")
    assert {
        "сиротское заболевание",
        "Сиротское заболевание",
        "сиротскими заболеваниями",
        "Сиротскими заболеваниями",
    } <= set(forms)
    assert forbidden_forms(SEZ, "ru") == ["СЭЗ"]
    assert forbidden_forms(RESIDENT, "de") == ["житель", "Житель"]
