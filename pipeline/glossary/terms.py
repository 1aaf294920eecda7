"""The glossary's data model: terms, source matches and target checks.

Also the helpers every module shares: the column names of ``terms.csv``, ``|``-separated
alternatives, yes/no values and language-code comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..languages import primary_subtag, read_language

# Columns of terms.csv, in the order they are written.
COLUMNS = ("term", "lang", "translation", "forbidden", "pos", "case_sensitive", "dnt", "note")
REQUIRED_COLUMNS = ("term", "lang", "translation")
YES_NO_COLUMNS = ("case_sensitive", "dnt")
ALTERNATIVE_SEPARATOR = "|"

_YES = "yes"
_NO = "no"


@dataclass(frozen=True)
class GlossaryTerm:
    """One glossary entry: an English term and its target-language terminology.

    ``translations`` holds the preferred translation first, then admitted alternatives;
    ``forbidden`` the target variants that must not be used; ``line`` the 1-based line of
    the entry in the CSV file (0 when it did not come from one).
    """

    term: str
    lang: str
    translations: tuple[str, ...]
    forbidden: tuple[str, ...] = ()
    pos: str = ""
    case_sensitive: bool = False
    dnt: bool = False
    note: str = ""
    line: int = 0

    @property
    def preferred(self) -> str:
        """The preferred translation (the first alternative)."""
        return self.translations[0] if self.translations else ""

    @property
    def label(self) -> str:
        """``term → preferred translation`` as shown in messages and hints."""
        target = "(do not translate)" if self.dnt else self.preferred
        return f"{self.term} → {target}"


@dataclass(frozen=True)
class SourceMatch:
    """A glossary term found in English source text: ``text[start:end]`` as it occurs."""

    term: GlossaryTerm
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TermCheck:
    """Whether a target text uses one required term correctly.

    ``ok`` is true when a translation alternative (for do-not-translate terms, the English
    term) is present and no forbidden variant is; ``message`` says what is wrong, e.g.
    ``SEZ → ОЭЗ: missing``.
    """

    term: GlossaryTerm
    ok: bool
    found_forbidden: tuple[str, ...] = ()
    message: str = ""


def split_alternatives(value: str) -> tuple[str, ...]:
    """``"a | b|c"`` → ``("a", "b", "c")``; blanks are dropped."""
    parts = (part.strip() for part in value.split(ALTERNATIVE_SEPARATOR))
    return tuple(part for part in parts if part)


def join_alternatives(values: tuple[str, ...]) -> str:
    """The inverse of :func:`split_alternatives`."""
    return ALTERNATIVE_SEPARATOR.join(values)


def parse_yes_no(value: str) -> bool | None:
    """``yes`` → True, ``no`` or empty → False, anything else → None (case-insensitive)."""
    normalized = value.strip().lower()
    if normalized == _YES:
        return True
    if normalized in (_NO, ""):
        return False
    return None


def format_yes_no(value: bool) -> str:
    """True → ``yes``, False → ``no``."""
    return _YES if value else _NO


def normalize_lang(code: str) -> str:
    """A language code in one spelling for comparison, as the language layer reads it:
    ``pt-br`` → ``pt_BR``, ``por`` → ``pt`` (a code it refuses is kept as written)."""
    return read_language(code) or code.strip()


def language_applies(term_lang: str, wanted_lang: str) -> bool:
    """Whether a term written for ``term_lang`` applies to text in ``wanted_lang``.

    Equal codes match, and a code matches its own primary language either way round
    (``ru`` terms apply to ``ru-RU`` and the other way), but ``pt-PT`` does not match ``pt-BR``.
    """
    term_code, wanted_code = normalize_lang(term_lang), normalize_lang(wanted_lang)
    return (
        term_code == wanted_code
        or term_code == primary_subtag(wanted_code)
        or wanted_code == primary_subtag(term_code)
    )
