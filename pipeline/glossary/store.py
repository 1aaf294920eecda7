"""The :class:`Glossary`: the terms of ``terms.csv`` and the source-side lookups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .csvfile import load_terms
from .match import find_source_matches
from .terms import GlossaryTerm, SourceMatch, language_applies

DEFAULT_GLOSSARY_PATH = Path("glossary/terms.csv")


class Glossary:
    """A domain glossary: English terms with their translations per target language."""

    def __init__(self, terms: Iterable[GlossaryTerm] = (), path: Path | None = None) -> None:
        self.terms: tuple[GlossaryTerm, ...] = tuple(terms)
        self.path = path
        self._by_language: dict[str, list[GlossaryTerm]] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Glossary:
        """Load a glossary CSV; ``None`` means :data:`DEFAULT_GLOSSARY_PATH`.

        A missing default file gives an empty glossary; a missing file named explicitly, or
        a file with a structural problem, raises :class:`~pipeline.errors.InputError`.
        """
        if path is None:
            if not DEFAULT_GLOSSARY_PATH.exists():
                return cls((), DEFAULT_GLOSSARY_PATH)
            path = DEFAULT_GLOSSARY_PATH
        path = Path(path)
        if not path.exists():
            raise InputError("no such glossary file", path=path)
        return cls(load_terms(path), path)

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[GlossaryTerm]:
        return iter(self.terms)

    def terms_for(self, lang: str) -> list[GlossaryTerm]:
        """The terms for a target language (``ru`` terms also serve ``ru-RU`` and back)."""
        if lang not in self._by_language:
            self._by_language[lang] = [t for t in self.terms if language_applies(t.lang, lang)]
        return self._by_language[lang]

    def find_in_source(self, text: str, lang: str) -> list[SourceMatch]:
        """The terms (for target ``lang``) in an English text: longest, non-overlapping."""
        return find_source_matches(text, self.terms_for(lang))
