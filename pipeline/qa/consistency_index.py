"""The run's index for the ``consistency`` check (:mod:`pipeline.qa.consistency`): every
translated singular entry of the catalogs of one ``l10n qa`` or ``review`` run, by
language — translations per source (with its msgctxt), sources per translation.

Translations are compared at lemma level where the language layer has an analyser
(``Сохранить файл`` = ``сохранить файлы``; case, punctuation and spacing aside), sources
as written (case, spacing and end punctuation aside). Apart from the check module, so that
:class:`~pipeline.qa.QAOptions` can name it without an import cycle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import polib

from ..entry import Entry
from ..languages import profile

MAX_SHOWN = 2
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# "One translation for two sources" is reported for sentences only: short labels share a
# translation by design (Delete and Remove → Удалить, PM and p.m. → nachm.).
MIN_SENTENCE_WORDS = 3


def source_key(text: str) -> str:
    """A source as compared: as written, spacing aside (``Delete`` and ``Delete?``,
    ``May`` and ``may`` are other messages)."""
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def _lemma(word: str, lang: str) -> str:
    lemmas = profile(lang).analyzer.lemmas(word)
    return min(lemmas) if lemmas else word.casefold()


def wording_key(text: str) -> tuple[str, ...]:
    """A text's words as written, case aside (punctuation and spacing left out)."""
    return tuple(word.casefold() for word in _WORD.findall(text))


def translation_key(text: str, lang: str) -> tuple[str, ...]:
    """A translation as compared: its words' lemmas (the language's analyser), so that case,
    punctuation, spacing and inflection aside two translations are the same."""
    return tuple(_lemma(word, lang) for word in _WORD.findall(text))


@dataclass(frozen=True)
class Place:
    """Where an entry is, and its text as written."""

    where: str  # file:line
    text: str


@dataclass
class ConsistencyIndex:
    """Every translated singular entry of a run, by language: translations per source
    (with its msgctxt), sources per translation."""

    translations: dict[tuple[str, str | None, str], dict[tuple[str, ...], Place]] = field(
        default_factory=dict
    )
    # Sentence sources per wording of their translation (case and punctuation aside).
    sources: dict[tuple[str, tuple[str, ...]], dict[str, Place]] = field(default_factory=dict)

    def add(self, entry: polib.POEntry, lang: str, where: str) -> None:
        """Index one entry (skipped: untranslated, obsolete and plural entries)."""
        if entry.msgid_plural or not Entry(entry).translated or not entry.msgid:
            return
        target = translation_key(entry.msgstr, lang)
        source = source_key(entry.msgid)
        if not target or not any(ch.isalpha() for ch in source):
            return
        place = Place(f"{where}:{entry.linenum}", entry.msgstr)
        self.translations.setdefault((lang, entry.msgctxt, source), {}).setdefault(target, place)
        if len(_WORD.findall(entry.msgid)) >= MIN_SENTENCE_WORDS:
            wording = (lang, wording_key(entry.msgstr))
            self.sources.setdefault(wording, {}).setdefault(source, Place(place.where, entry.msgid))

    @classmethod
    def of_catalogs(cls, catalogs: Iterable[tuple[str, polib.POFile, str]]) -> ConsistencyIndex:
        """The index of ``(where, catalog, language)`` triples."""
        index = cls()
        for where, catalog, lang in catalogs:
            for entry in catalog:
                if not entry.obsolete:
                    index.add(entry, lang, where)
        return index

    def problems(self, source: str, target: str, lang: str, msgctxt: str | None) -> list[str]:
        """What is inconsistent about one translation within the run."""
        own_target = translation_key(target, lang)
        own_source = source_key(source)
        found: list[str] = []
        others = [
            place
            for key, place in self.translations.get((lang, msgctxt, own_source), {}).items()
            if key != own_target
        ]
        if others:
            shown = ", ".join(f"«{p.text}» ({p.where})" for p in others[:MAX_SHOWN])
            found.append(f"the same source is translated otherwise: {shown}")
        sources = [
            place
            for key, place in self.sources.get((lang, wording_key(target)), {}).items()
            if key.casefold() != own_source.casefold()
            and len(_WORD.findall(source)) >= MIN_SENTENCE_WORDS
        ]
        if sources:
            shown = ", ".join(f"«{p.text}» ({p.where})" for p in sources[:MAX_SHOWN])
            found.append(f"the same translation is used for another source: {shown}")
        return found
