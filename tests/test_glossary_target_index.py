"""The word index of a target text (where a glossary phrase may start) finds exactly what
comparing every word finds: for every language kind (pymorphy3, surface forms, affixes,
two-word terms the other way round), whatever the words and separators."""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.glossary.target import TargetText, WordAnalysis


class _EveryWord(TargetText):
    """A target text that tries a match at every word (no index)."""

    def _starts(self, pattern: tuple[WordAnalysis, ...]) -> Iterable[int]:
        return range(len(self.words))


# Per language: glossary phrases, and words a text is made of (forms of the phrases'
# words, conjunctions, other words), so that matches, split terms and misses all occur.
_MATERIAL: dict[str, tuple[list[str], list[str]]] = {
    "ru": (
        ["особая экономическая зона", "орфанное заболевание", "Минздрав", "резидент"],
        "особой особая особую экономической экономическая зоны зона зоне орфанных орфанное "
        "редких заболеваний заболевание Минздравом Минздрав резидентом резиденты и или "
        "других наследственных новая".split(),
    ),
    "uk": (
        ["особлива економічна зона", "об'єкт"],
        "особливої особлива економічної економічна зони зона об'єктів об’єкт і або нова".split(),
    ),
    "sw": (
        ["eneo maalum", "ugonjwa"],
        "eneo maeneo maalum ugonjwa magonjwa na au mpya".split(),
    ),
    "ar": (
        ["منطقة اقتصادية", "مرض"],
        "منطقة والمنطقة اقتصادية الاقتصادية مرض والمرض بالمرض و أو".split(),
    ),
    "pl": (  # simplemma: near lemmas, so every word is tried (the index is not used)
        ["choroba rzadka", "specjalna strefa"],
        "rzadkie choroby choroba rzadka specjalnej strefy strefa i lub".split(),
    ),
}
_SEPARATORS = [" ", " ", " ", ", ", "-", " «", "» ", "'"]


@st.composite
def _texts(draw: st.DrawFn) -> tuple[str, str, str]:
    lang = draw(st.sampled_from(sorted(_MATERIAL)))
    phrases, words = _MATERIAL[lang]
    chosen = draw(st.lists(st.sampled_from(words), min_size=1, max_size=14))
    gaps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(chosen), max_size=len(chosen)))
    text = "".join(word + gap for word, gap in zip(chosen, gaps, strict=True)).strip()
    return lang, text, draw(st.sampled_from(phrases))


@settings(max_examples=150, deadline=None)
@given(_texts())
def test_the_index_finds_what_trying_every_word_finds(case: tuple[str, str, str]) -> None:
    lang, text, phrase = case
    indexed, every = TargetText(text, lang), _EveryWord(text, lang)
    assert indexed.phrase_spans(phrase) == every.phrase_spans(phrase)
    assert indexed.split_own == every.split_own


def test_a_text_is_indexed_once_for_all_its_phrases() -> None:
    text = TargetText("Резидентом особой экономической зоны стал новый завод", "ru")
    assert text.phrase_spans("резидент") == [(0, 10)]
    index = text._index
    assert index is not None
    assert text.phrase_spans("особая экономическая зона") == [(11, 36)]
    assert text._index is index
