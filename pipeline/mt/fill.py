"""Filling a catalog entry: from an MT result (with its round trip and term verdicts) or
from translation memory; always fuzzy, for a person to review."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polib

from ..catalog import (
    BACK_TRANSLATION_PREFIX,
    ROUNDTRIP_PREFIX,
    SPLIT_PREFIX,
    TERMS_PREFIX,
    WARNING_PREFIX,
    mt_comment,
)
from ..entry import Entry

if TYPE_CHECKING:
    from ..memory import MemoryMatch
    from .chunk import MachineTranslation, MTSettings


def apply_machine_translation(
    entry: polib.POEntry, result: MachineTranslation, settings: MTSettings
) -> None:
    """Fill an entry with an MT result: fuzzy, with signature, round trip and term compliance."""
    view = Entry(entry)
    lines = view.drop_translation_comments()
    if result.term_checks:
        verdicts = "; ".join(
            f"{c.term.label} ✓" if c.ok else f"{c.message} ✗" for c in result.term_checks
        )
        lines.append(f"{TERMS_PREFIX}{verdicts}")
    lines.append(mt_comment(result.signature, result.text))
    lines.append(f"{BACK_TRANSLATION_PREFIX}{result.back_translation}")
    lines.append(f"{ROUNDTRIP_PREFIX}{result.chrf:.1f}")
    if result.split:
        lines.append(f"{SPLIT_PREFIX}too long for the model; translated in pieces")
    if not result.codes_placed:
        lines.append(
            f"{WARNING_PREFIX}inline codes could not all be placed with confidence; "
            "move them to the words they belong to"
        )
    if result.chrf < settings.min_chrf:
        lines.append(
            f"{WARNING_PREFIX}round trip chrF {result.chrf:.1f} is below {settings.min_chrf:g}; "
            "check the meaning carefully"
        )
    if not result.compliant:
        failed = ", ".join(c.term.term for c in result.term_checks if not c.ok)
        lines.append(f"{WARNING_PREFIX}no MT hypothesis uses the glossary terms: {failed}")
    entry.msgstr = result.text
    entry.previous_msgid = None
    view.fuzzy = True
    entry.comment = "\n".join(lines)


def apply_memory_match(entry: polib.POEntry, match: MemoryMatch) -> None:
    """Fill an empty entry from translation memory, as a fuzzy suggestion to review."""
    view = Entry(entry)
    keep = view.drop_translation_comments()
    entry.msgstr = match.translation
    entry.previous_msgid = None if match.exact else match.source
    view.fuzzy = True
    entry.comment = "\n".join([*keep, match.comment()])
