"""The translator-facing hint for a segment: ``glossary: SEZ → ОЭЗ; …``."""

from __future__ import annotations

from collections.abc import Iterable

from .terms import GlossaryTerm, SourceMatch

NOTE_LIMIT = 60


def _brief(note: str, limit: int = NOTE_LIMIT) -> str:
    note = " ".join(note.split())
    return note if len(note) <= limit else note[: limit - 1].rstrip() + "…"


def hint_comment(matches: Iterable[SourceMatch | GlossaryTerm]) -> str:
    """One line listing the terms of a segment, e.g. for a PO translator comment.

    ``glossary: SEZ → ОЭЗ; Generium Next → (do not translate); orphan disease → орфанное
    заболевание (note)``: each term once, in the order given, with its note shortened.
    Empty when there are no matches.
    """
    terms = dict.fromkeys(m.term if isinstance(m, SourceMatch) else m for m in matches)
    if not terms:
        return ""
    parts = []
    for term in terms:
        part = term.label
        if term.note:
            part += f" ({_brief(term.note)})"
        parts.append(part)
    return "glossary: " + "; ".join(parts)
