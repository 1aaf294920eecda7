"""Words joined by an apostrophe in target text: one word where the language's analyser
knows the whole (Ukrainian об'єкт, ім'я; French aujourd'hui), an elision otherwise
(French l'utilisateur)."""

from __future__ import annotations

import pytest

from pipeline.glossary import GlossaryTerm, find_target_terms
from pipeline.glossary.target import TargetText

OBJECT = GlossaryTerm("object", "uk", ("об'єкт",))
USERNAME = GlossaryTerm("username", "uk", ("ім'я користувача",))


@pytest.mark.parametrize(
    "text",
    [
        "Видалити вибрані об'єкти",
        "Немає об’єктів",  # right single quotation mark
        "Список обʼєктів",  # modifier letter apostrophe
        "Об'єктом цього запису",
    ],
)
def test_inflected_ukrainian_apostrophe_words_match(text: str) -> None:
    assert find_target_terms(text, [OBJECT], "uk") == [OBJECT]


def test_a_phrase_with_an_apostrophe_word_matches_in_any_case() -> None:
    assert find_target_terms("Введіть ім’я користувача", [USERNAME], "uk") == [USERNAME]
    assert find_target_terms("Без імені користувача", [USERNAME], "uk") == [USERNAME]
    assert find_target_terms("Без імені", [USERNAME], "uk") == []


def test_french_elisions_stay_two_words() -> None:
    text = TargetText("l'utilisateur, aujourd'hui", "fr")
    assert [word.text for word in text.words] == ["l", "utilisateur", "aujourd'hui"]
    user = GlossaryTerm("user", "fr", ("utilisateur",))
    assert find_target_terms("Supprimer l’utilisateur", [user], "fr") == [user]
