"""Mining term translations from reviewed bilingual entries (pipeline.glossary.mining).

The acceptance test hides a glossary of UI terms (tests/data/glossary/django-ui-terms.csv,
written by hand from the terminology Django's translators use) and checks that mining the
real Django catalogs of tests/data/glossary recovers each term's translation as the top
candidate, at lemma level, for at least 80 % of the terms seen at least five times.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.glossary import Glossary, GlossaryTerm
from pipeline.glossary.bitext import read_bitext
from pipeline.glossary.mining import Miner, log_likelihood, plain_text
from pipeline.glossary.target import TargetText

DATA = Path(__file__).resolve().parent / "data" / "glossary"
UI_TERMS = DATA / "django-ui-terms.csv"
MIN_OCCURRENCES = 5


def renders(surface: str, term: GlossaryTerm, lang: str) -> bool:
    """Whether a mined phrase is, word for word at lemma level, a translation of the term."""
    text = TargetText(surface, lang)
    if not text.words:
        return False
    whole = (text.words[0].start, text.words[-1].end)
    return any(whole in text.phrase_spans(phrase) for phrase in term.translations)


def recovery(lang: str) -> tuple[int, int, list[str]]:
    """(recovered, terms seen MIN_OCCURRENCES times or more, the misses) for a language."""
    reviewed = read_bitext([DATA / f"django-{lang}.po"], lang).reviewed
    miner = Miner([e.source for e in reviewed], [e.target for e in reviewed], lang)
    recovered, counted, misses = 0, 0, []
    for term in Glossary.load(UI_TERMS).terms_for(lang):
        if len(miner.entries_with(term)) < MIN_OCCURRENCES:
            continue
        counted += 1
        best = miner.best(term)
        if best is not None and renders(best.surface, term, lang):
            recovered += 1
        else:
            misses.append(term.term)
    return recovered, counted, misses


@pytest.mark.parametrize(
    "lang",
    # simplemma's Polish dictionary takes some 15 s to load
    ["ru", "uk", "de", "fr", "zh", "ja", pytest.param("pl", marks=pytest.mark.slow)],
)
def test_mining_recovers_a_hidden_glossary_from_real_catalogs(lang: str) -> None:
    recovered, counted, misses = recovery(lang)
    assert counted >= 30
    assert recovered / counted >= 0.8, misses


def test_inflected_forms_count_as_one_phrase() -> None:
    sources = ["Change password", "Old password", "The password is too short", "Log in"]
    targets = ["Изменить пароль", "Старый пароль", "Пароль слишком короткий", "Войти"]
    sources += ["Forgot your password?", "Password reset"]
    targets += ["Забыли свой пароль?", "Восстановление пароля"]
    best = Miner(sources, targets, "ru").best("password")
    assert best is not None
    assert (best.lemma, best.surface, best.evidence, best.confidence) == (
        "пароль",
        "пароль",
        5,
        1.0,
    )


def test_phrases_of_several_words_and_the_surface_most_seen() -> None:
    sources = [
        "Enter your email address",
        "The email address is invalid",
        "Email addresses of the users",
        "Your address",
        "Email",
    ]
    targets = [
        "Введите адрес электронной почты",
        "Адрес электронной почты неверен",
        "Адреса электронной почты пользователей",
        "Ваш адрес",
        "Почта",
    ]
    best = Miner(sources, targets, "ru").best("email address")
    assert best is not None
    assert best.lemma.split()[0] == "адрес" and len(best.lemma.split()) == 3
    assert best.surface == "адрес электронной почты"
    assert best.evidence == 3


def test_placeholders_and_markup_never_render_a_term() -> None:
    sources = ["Delete %(name)s", "Rename %(name)s", "<b>name</b> required", "Name"] * 2
    targets = ["Удалить %(name)s", "Переименовать %(name)s", "<b>имя</b> обязательно", "Имя"] * 2
    assert "name" not in plain_text("Delete %(name)s {name} <a href='x'>")
    best = Miner(sources, targets, "ru").best("name")
    assert best is not None and best.surface.lower() == "имя"


def test_character_sequences_in_chinese() -> None:
    sources = ["Change password", "Enter the password", "Password reset", "Log out", "Help"]
    targets = ["修改密码", "输入密码", "重置密碼", "注销", "帮助"]  # 密碼: Traditional, folded
    best = Miner(sources, targets, "zh").best("password")
    assert best is not None
    assert (best.lemma, best.evidence) == ("密码", 3)


def test_no_rendering_without_evidence() -> None:
    miner = Miner(["One user", "Other text"], ["Один пользователь", "Другой текст"], "ru")
    assert miner.best("user") is None  # seen once: nothing to learn from
    assert miner.best("password") is None
    assert miner.candidates("password") == []


def test_log_likelihood_grows_with_association() -> None:
    assert log_likelihood(10, 10, 10, 100) > log_likelihood(5, 10, 10, 100) > 0
    assert log_likelihood(1, 10, 10, 100) == pytest.approx(0.0, abs=0.1)
