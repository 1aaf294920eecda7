"""The language profiles: one row per language (see docs/languages.md, "Adding a language").

Only what no library has is written here. Default models: whether the Helsinki-NLP
``opus-mt-en-XX`` and ``opus-mt-XX-en`` repositories exist on the Hugging Face hub.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from .profile import LanguageProfile

_FRENCH_SPACED = ";:!?"
_CJK_BAND = (0.15, 1.0)
_CYRILLIC_BAND = (0.8, 1.8)
_LATIN_BAND = (0.8, 1.9)


def _counting(words: str, first: int, **others: Decimal) -> MappingProxyType[str, Decimal]:
    """``"two three"``, 2 → ``{"two": 2, "three": 3}`` (small numbers written out), plus
    ``others`` (``полтора=Decimal("1.5")``)."""
    counted = {word: Decimal(value) for value, word in enumerate(words.split(), first)}
    return MappingProxyType({**counted, **others})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _words_tuple(text: str) -> tuple[str, ...]:
    """Affixes, longest first (the order they are tried in does not matter, but reads best)."""
    return tuple(sorted(text.split(), key=len, reverse=True))


PROFILES: tuple[LanguageProfile, ...] = (
    LanguageProfile(
        "en",
        words="simplemma",
        extra_magnitudes=MappingProxyType({"bn": 9, "mln": 6, "mn": 6, "tn": 12}),
        number_words=_counting("one two three four five six seven eight nine ten", 1),
        allowed_doubles=_words("had that is"),
        function_words=_words(
            "the and of to in is are was were for with that this which on by from be it "
            "a an into at as or not has have will its their our we"
        ),
    ),
    LanguageProfile(
        "ru",
        words="pymorphy3",
        forward_model=True,
        backward_model=True,
        length_band=_CYRILLIC_BAND,
        number_words=_counting(
            "один два три четыре пять шесть семь восемь девять десять", 1, полтора=Decimal("1.5")
        ),
    ),
    LanguageProfile(
        "uk",
        words="pymorphy3",
        forward_model=True,
        backward_model=True,
        length_band=_CYRILLIC_BAND,
        number_words=_counting(
            "один два три чотири п'ять шість сім вісім дев'ять десять",
            1,
            півтора=Decimal("1.5"),
            півтори=Decimal("1.5"),
        ),
        extra_conjunctions=("та", "й"),
        letters="іїєґ",
    ),
    LanguageProfile("be", length_band=_CYRILLIC_BAND),
    LanguageProfile(
        "bg",
        words="simplemma",
        forward_model=True,
        backward_model=True,
        length_band=_CYRILLIC_BAND,
    ),
    LanguageProfile("sr", length_band=_CYRILLIC_BAND),
    LanguageProfile(
        "mk", words="simplemma", forward_model=True, backward_model=True, length_band=_CYRILLIC_BAND
    ),
    LanguageProfile(
        "de",
        words="simplemma",
        forward_model=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        extra_magnitudes=MappingProxyType({"Tsd": 3}),
        extra_conjunctions=("sowie",),
        compound_links=("s", "n", "en", "es", "ns", "e", "er"),
        number_words=_counting("zwei drei vier fünf sechs sieben acht neun zehn", 2),
        allowed_doubles=_words("die der das den dem des sie"),
        function_words=_words(
            "der die das und ist nicht ein eine mit für von zu den dem des auf sich"
        ),
    ),
    LanguageProfile(
        "fr",
        words="simplemma",
        postposed_modifiers=True,
        modifiers_either_side=True,
        forward_model=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        space_before=_FRENCH_SPACED,
        extra_magnitudes=MappingProxyType({"Md": 9, "Mds": 9, "Mrd": 9, "Mrds": 9}),
        number_words=_counting("deux trois quatre cinq six sept huit neuf dix", 2),
        allowed_doubles=_words("nous vous"),
        function_words=_words(
            "le la les et est une des du pour dans avec sur qui que au aux ne pas"
        ),
    ),
    LanguageProfile(
        "es",
        words="simplemma",
        postposed_modifiers=True,
        modifiers_either_side=True,
        forward_model=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        number_words=_counting("dos tres cuatro cinco seis siete ocho nueve diez", 2),
        extra_magnitudes=MappingProxyType({"mill": 6}),
        extra_conjunctions=("e", "u"),
        function_words=_words("el la los las y es una del para con por que en se al no como más"),
    ),
    LanguageProfile(
        "it",
        words="simplemma",
        postposed_modifiers=True,
        modifiers_either_side=True,
        forward_model=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        extra_magnitudes=MappingProxyType({"Mrd": 9}),
        number_words=_counting("due tre quattro cinque sei sette otto nove dieci", 2),
        extra_conjunctions=("ed",),
        function_words=_words("il lo la gli le e è una del della per con che di non sono"),
        suffixes=("io", "i", "o", "a", "e"),  # principio, principi
    ),
    LanguageProfile(
        "pt",
        words="simplemma",
        postposed_modifiers=True,
        modifiers_either_side=True,
        length_band=_LATIN_BAND,
        number_words=_counting(
            "dois três quatro cinco seis sete oito nove dez", 2, duas=Decimal(2)
        ),
        function_words=_words("o os a as e é um uma do da dos das para com que em não"),
    ),
    LanguageProfile(
        "nl",
        words="simplemma",
        forward_model=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        extra_magnitudes=MappingProxyType({"mrd": 9}),
        compound_links=("s", "en", "e"),
        suffixes=("en", "s", "'s"),  # handelsvergunning|en: compounds simplemma lacks
        allowed_doubles=_words("die dat"),
        function_words=_words("de het een en is van voor met op dat niet zijn te"),
    ),
    LanguageProfile(
        "pl",
        words="simplemma",
        postposed_modifiers=True,
        modifiers_either_side=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        extra_magnitudes=MappingProxyType({"tys": 3}),
        extra_conjunctions=("oraz", "albo"),
        # CLDR's spell-out has no Polish ordinals (num2words, left out in issue 21, has no
        # Czech ones): the ten dictionary forms only; every case and gender comes from
        # simplemma's dictionary (data/ordinals.json: python -m pipeline.languages.ordinals).
        ordinal_lemmas=_counting(
            "pierwszy drugi trzeci czwarty piąty szósty siódmy ósmy dziewiąty dziesiąty", 1
        ),
    ),
    LanguageProfile(
        "cs",
        words="simplemma",
        forward_model=True,
        backward_model=True,
        length_band=_LATIN_BAND,
        # Case endings of adjectives (biosimilární, -ího, -ímu…) and nouns simplemma lacks.
        suffixes=_words_tuple(
            "ího ímu ích ími ím í ého ému ých ými ým ý á é ou u a y em ů ům ech ami e i"
        ),
        # As for Polish: CLDR has no Czech ordinals; their forms are simplemma's.
        ordinal_lemmas=_counting("první druhý třetí čtvrtý pátý šestý sedmý osmý devátý desátý", 1),
    ),
    LanguageProfile(
        "zh",
        words="characters",
        forward_model=True,
        backward_model=True,
        length_band=_CJK_BAND,
        sentence_separator="",
        full_width=True,
        extra_magnitudes=MappingProxyType({"千": 3}),
        variants="t2s",
    ),
    LanguageProfile(
        "ja",
        words="characters",
        backward_model=True,
        length_band=_CJK_BAND,
        sentence_separator="",
        full_width=True,
        extra_magnitudes=MappingProxyType({"千": 3}),
        variants="t2jp",
        spaced_variants=True,  # 臨床 試験 = 臨床試験
    ),
    # Korean writes particles onto the word (경제특구에): terms match as character sequences.
    LanguageProfile("ko", words="characters", length_band=_CJK_BAND, spaced_variants=True),
    LanguageProfile(
        "el",
        forward_model=True,
        backward_model=True,
        question_mark=";",
        extra_magnitudes=MappingProxyType({"εκατ": 6}),
    ),
    LanguageProfile(
        "ar",
        forward_model=True,
        backward_model=True,
        postposed_modifiers=True,
        min_stem=3,
        conjunction_prefixes=("و",),
        # The article and clitics simplemma leaves on (السريرية), dual and sound plurals.
        prefixes=_words_tuple("و ف ب ل ك ال وال بال فال كال لل ولل"),
        suffixes=_words_tuple("ة ت ات ان ين تان تين ون ية يتان يتين يين يات"),
    ),
    LanguageProfile(
        "he",
        forward_model=True,
        backward_model=True,
        postposed_modifiers=True,
        min_stem=3,
        conjunction_prefixes=("ו",),
    ),
    LanguageProfile("fa", postposed_modifiers=True, min_stem=3),
    LanguageProfile("th", words="characters"),
    # Hindi: simplemma leaves the oblique and plural endings (परीक्षणों, दवाएं, दवाओं).
    LanguageProfile(
        "hi",
        forward_model=True,
        backward_model=True,
        min_stem=3,
        suffixes=_words_tuple("ियों ियां ियाँ ाओं ाएं ाएँ ों ें ओं एं एँ ीं े ी ा ो"),
    ),
)
