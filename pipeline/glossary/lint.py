"""``glossary lint``: every problem in a glossary CSV, with its line number.

Besides the structural problems that stop the glossary from loading (see
:mod:`pipeline.glossary.csvfile`), lint reports unknown columns, duplicate entries,
contradicting entries (same term and language, different translation), a forbidden variant
that is also a translation, language codes Babel does not know and entries whose target
language is English, the source language.
"""

from __future__ import annotations

from pathlib import Path

from ..languages import SOURCE_LANGUAGE, is_language, normalize_word, primary_subtag
from .csvfile import LintFinding, parse_terms, read_bytes
from .terms import GlossaryTerm, normalize_lang


def _comparable(text: str) -> str:
    """Text as matching sees it: case, ё/е, quotes and hyphen/space differences ignored."""
    words = "".join(ch if ch.isalnum() else " " for ch in normalize_word(text)).split()
    return " ".join(words)


def term_key(term: GlossaryTerm) -> tuple[str, str]:
    """The identity of an entry: its term (case-folded unless case-sensitive) and language."""
    source = term.term if term.case_sensitive else term.term.casefold()
    return " ".join(source.replace("-", " ").split()), normalize_lang(term.lang)


def lint_terms(terms: list[GlossaryTerm]) -> list[LintFinding]:
    """Semantic findings about loaded terms (duplicates, contradictions, codes, variants)."""
    findings: list[LintFinding] = []
    first_by_key: dict[tuple[str, str], GlossaryTerm] = {}
    for term in terms:
        if not is_language(term.lang):
            findings.append(LintFinding(term.line, f"unknown language code '{term.lang}'"))
        elif primary_subtag(term.lang) == SOURCE_LANGUAGE:
            findings.append(
                LintFinding(
                    term.line, f"language '{term.lang}' is the source language, not a target"
                )
            )
        translations = {_comparable(t) for t in term.translations}
        for variant in term.forbidden:
            if _comparable(variant) in translations:
                findings.append(
                    LintFinding(term.line, f"forbidden variant '{variant}' is also a translation")
                )
        key = term_key(term)
        first = first_by_key.setdefault(key, term)
        if first is term:
            continue
        if [_comparable(t) for t in first.translations] == [
            _comparable(t) for t in term.translations
        ]:
            findings.append(
                LintFinding(
                    term.line, f"duplicate of line {first.line}: '{term.term}' ({term.lang})"
                )
            )
        else:
            findings.append(
                LintFinding(
                    term.line,
                    f"'{term.term}' ({term.lang}) contradicts line {first.line}: "
                    f"'{'|'.join(term.translations)}' vs '{'|'.join(first.translations)}'",
                )
            )
    return findings


def lint_glossary(path: str | Path) -> list[LintFinding]:
    """All findings for a glossary CSV, sorted by line; raises InputError if unreadable."""
    terms, findings = parse_terms(read_bytes(Path(path)))
    findings = findings + lint_terms(terms)
    findings.sort(key=lambda finding: finding.line)
    return findings
