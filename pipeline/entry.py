"""A catalog entry as the tool sees it: a small view over a :class:`polib.POEntry`.

Like ``babel.messages.catalog.Message``, :class:`Entry` answers the questions every stage
asks of an entry — its state (reviewed, untouched MT, fuzzy, untranslated, obsolete), the
tool's comments (:mod:`pipeline.catalog` prefixes), its plural forms — so no module reads
``entry.flags`` or parses comment lines itself. It holds no copy: reading and changing go
straight to the polib entry, which stays what is written.

:func:`catalog_stats` is the one count of entries and source words per state, used by
``l10n build --stats`` and the review page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum

import polib

from .catalog import (
    BACK_TRANSLATION_PREFIX,
    QA_PREFIX,
    ROUNDTRIP_PREFIX,
    SOURCE_LANGUAGE_PREFIX,
    SPLIT_PREFIX,
    TERMS_PREFIX,
    TRANSLATION_PREFIXES,
    WARNING_PREFIX,
    mt_provenance,
    output_checksum,
    split_comment_lines,
    strip_prefixed,
)

FUZZY = "fuzzy"
# The notes that describe an MT output (its term compliance, back-translation, round trip,
# warnings, split): they leave once a person changed or approved the msgstr. The ``mt:``
# line stays, as the history of where the translation started.
MT_NOTE_PREFIXES = (
    TERMS_PREFIX,
    BACK_TRANSLATION_PREFIX,
    ROUNDTRIP_PREFIX,
    WARNING_PREFIX,
    SPLIT_PREFIX,
)
_SOURCE_NOTE = f"{SOURCE_LANGUAGE_PREFIX}source is in '"


class EntryState(StrEnum):
    """Where an entry stands in translation."""

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"  # fuzzy, and its msgstr is still exactly the MT output
    FUZZY = "fuzzy"  # fuzzy, to review (a suggestion, or an MT output a person edited)
    REVIEWED = "reviewed"  # translated and not fuzzy: a person's translation
    OBSOLETE = "obsolete"


class Entry:
    """A view over one polib entry (``entry.po``)."""

    __slots__ = ("po",)

    def __init__(self, po: polib.POEntry) -> None:
        self.po = po

    # --- state ---------------------------------------------------------------------------

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.po.flags

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and FUZZY not in self.po.flags:
            self.po.flags.append(FUZZY)
        elif not value and FUZZY in self.po.flags:
            self.po.flags.remove(FUZZY)

    @property
    def obsolete(self) -> bool:
        return bool(self.po.obsolete)

    @property
    def translated(self) -> bool:
        """Whether an active entry holds a translation (fuzzy counts; any plural form)."""
        if self.po.obsolete:
            return False
        if self.po.msgid_plural:
            return any(self.po.msgstr_plural.values())
        return bool(self.po.msgstr)

    @property
    def machine_output(self) -> bool:
        """The msgstr is still exactly what MT wrote, fuzzy or not (a reviewer may have
        accepted it unchanged)."""
        provenance = self.mt_provenance
        return (
            bool(self.po.msgstr)
            and provenance is not None
            and provenance[1] == output_checksum(self.po.msgstr)
        )

    @property
    def machine_translation(self) -> bool:
        """The msgstr is exactly what MT wrote and nobody has reviewed it since."""
        return self.fuzzy and self.machine_output

    @property
    def human_translation(self) -> bool:
        """A translation the tool must never change: any msgstr that is not an untouched MT
        output."""
        return bool(self.po.msgstr) and not self.machine_translation

    @property
    def needs_machine_translation(self) -> bool:
        """MT may fill or refresh this entry: it is empty or holds an untouched MT output."""
        return not self.po.msgstr or self.machine_translation

    @property
    def state(self) -> EntryState:
        if self.po.obsolete:
            return EntryState.OBSOLETE
        if not self.translated:
            return EntryState.UNTRANSLATED
        if not self.fuzzy:
            return EntryState.REVIEWED
        return EntryState.MACHINE if self.machine_output else EntryState.FUZZY

    # --- the tool's comments -------------------------------------------------------------

    def comment_lines(self) -> list[str]:
        """The extracted comments, one item per tool comment (wrapped lines joined)."""
        return split_comment_lines(self.po.comment or "")

    def comment_values(self, prefix: str) -> list[str]:
        """The values of the extracted comments starting with ``prefix``."""
        return [
            line.removeprefix(prefix) for line in self.comment_lines() if line.startswith(prefix)
        ]

    def comments_without(self, prefixes: tuple[str, ...]) -> list[str]:
        """The extracted comments that do not start with any of ``prefixes``."""
        return strip_prefixed(self.po.comment or "", prefixes)

    def drop_translation_comments(self) -> list[str]:
        """Remove the comments that describe the msgstr (MT, memory, QA…); returns the rest,
        which stays the entry's comment."""
        kept = self.comments_without((*TRANSLATION_PREFIXES, QA_PREFIX))
        self.po.comment = "\n".join(kept)
        return kept

    @property
    def mt_notes_current(self) -> bool:
        """Whether the MT notes still describe the msgstr: it is the untouched MT output and
        no person has approved it (once changed or approved they are no longer findings)."""
        return self.machine_translation

    def mt_note_values(self, prefix: str) -> list[str]:
        """The values of one kind of MT note (``prefix`` of :data:`MT_NOTE_PREFIXES`) while
        they are current, else none."""
        return self.comment_values(prefix) if self.mt_notes_current else []

    def current_comment_lines(self) -> list[str]:
        """The extracted comments without MT notes that are no longer current (what an
        exchange file or a reviewer is shown)."""
        if self.mt_notes_current:
            return self.comment_lines()
        return self.comments_without(MT_NOTE_PREFIXES)

    def drop_stale_mt_notes(self) -> bool:
        """Remove the MT notes once a person changed or approved the msgstr (every path that
        writes a catalog calls it); whether anything was removed."""
        if self.mt_notes_current:
            return False
        lines = self.comment_lines()
        kept = [line for line in lines if not line.startswith(MT_NOTE_PREFIXES)]
        if len(kept) == len(lines):
            return False
        self.po.comment = "\n".join(kept)
        return True

    @property
    def mt_provenance(self) -> tuple[str, str] | None:
        """``(signature, output checksum)`` of the MT output the comments record."""
        return mt_provenance(self.po.comment or "")

    @property
    def mt_signature(self) -> str | None:
        provenance = self.mt_provenance
        return provenance[0] if provenance else None

    @property
    def roundtrip_chrf(self) -> float | None:
        """The ``round-trip chrF`` recorded for the msgstr, while it is still the untouched
        MT output."""
        if not self.machine_translation:
            return None
        for value in self.comment_values(ROUNDTRIP_PREFIX):
            try:
                return float(value.split()[0])
            except (ValueError, IndexError):
                return None
        return None

    @property
    def source_language(self) -> str | None:
        """The language of the source when the catalog notes it is not English
        (``l10n: source is in 'de'…``), else None."""
        for line in (self.po.tcomment or "").splitlines():
            if line.startswith(_SOURCE_NOTE):
                return line.removeprefix(_SOURCE_NOTE).partition("'")[0] or None
        return None

    # --- plural forms --------------------------------------------------------------------

    def forms(self) -> list[tuple[str, str]]:
        """``(source, translation)`` of every non-empty translation: the msgstr, or each
        plural form (form 0 with msgid, the others with msgid_plural)."""
        if not self.po.msgid_plural:
            return [(self.po.msgid, self.po.msgstr)] if self.po.msgstr else []
        return [
            (self.po.msgid if int(index) == 0 else self.po.msgid_plural, form)
            for index, form in sorted(self.po.msgstr_plural.items(), key=lambda kv: int(kv[0]))
            if form
        ]

    @property
    def target_text(self) -> str:
        """The translation to show: the msgstr, or the non-empty plural forms, one a line."""
        return "\n".join(form for _, form in self.forms())


def entries(catalog: Iterable[polib.POEntry]) -> list[Entry]:
    """Every entry of a catalog as a view."""
    return [Entry(po) for po in catalog]


@dataclass
class CatalogStats:
    """Counts of one catalog (or a total): entries and source words per state.

    ``translated`` counts reviewed entries; ``fuzzy`` counts fuzzy entries with a
    translation, untouched MT outputs among them (``machine``), as ``msgfmt --statistics``
    counts them. ``kept`` counts empty entries whose source is not English (the catalog
    notes its language): the build keeps them as they are, so they are not untranslated.
    """

    name: str = ""
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    machine: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0
    untranslated_words: int = 0
    kept: int = 0
    kept_words: int = 0

    @property
    def entries(self) -> int:
        """Active entries."""
        return self.translated + self.fuzzy + self.untranslated + self.kept

    def count(self, entry: Entry) -> None:
        """Add one entry."""
        state = entry.state
        if state is EntryState.OBSOLETE:
            self.obsolete += 1
            return
        words = len(entry.po.msgid.split())
        if state is EntryState.REVIEWED:
            self.translated += 1
            self.translated_words += words
        elif state is EntryState.UNTRANSLATED and entry.source_language is not None:
            self.kept += 1
            self.kept_words += words
        elif state is EntryState.UNTRANSLATED:
            self.untranslated += 1
            self.untranslated_words += words
        else:
            self.fuzzy += 1
            self.fuzzy_words += words
            self.machine += state is EntryState.MACHINE

    def add(self, other: CatalogStats) -> None:
        """Add the counts of ``other`` to these."""
        for counter in fields(self)[1:]:  # every field after the name
            setattr(self, counter.name, getattr(self, counter.name) + getattr(other, counter.name))


def catalog_stats(catalog: Iterable[polib.POEntry], name: str = "") -> CatalogStats:
    """Entry and word counts per state of a catalog (or of any entries)."""
    stats = CatalogStats(name)
    for po in catalog:
        stats.count(Entry(po))
    return stats


def total_stats(rows: Sequence[CatalogStats], name: str = "total") -> CatalogStats:
    """The sum of several catalogs' counts."""
    total = CatalogStats(name)
    for row in rows:
        total.add(row)
    return total
