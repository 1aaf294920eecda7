"""The MT stage: memory first, then the engine with glossary enforcement, then the round trip.

Engines are loaded only when a sentence actually needs them: results are cached by
(engine signature, source sentence), so a re-run on an unchanged document loads no model.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .catalog import (
    BACK_TRANSLATION_PREFIX,
    QA_PREFIX,
    ROUNDTRIP_PREFIX,
    SPLIT_PREFIX,
    TERMS_PREFIX,
    TRANSLATION_PREFIXES,
    WARNING_PREFIX,
    mt_comment,
    strip_prefixed,
)
from .roundtrip import DEFAULT_MIN_CHRF

if TYPE_CHECKING:
    from .engines import Hypothesis, TranslationEngine
    from .glossary import Glossary, GlossaryTerm, TermCheck
    from .memory import MemoryMatch

CACHE_NAME = ".l10n-cache.sqlite"


class LazyEngine:
    """An engine known by its signature, loaded on first use."""

    def __init__(self, signature: str, loader: Callable[[], TranslationEngine]) -> None:
        self.signature = signature
        self._loader = loader
        self._engine: TranslationEngine | None = None

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def get(self) -> TranslationEngine:
        if self._engine is None:
            self._engine = self._loader()
        return self._engine


class MTCache:
    """MT results keyed by (engine signature, source, options); SQLite beside the catalogs.

    ``options`` covers everything else that changes the output: the n-best size and the
    glossary forms preferred or avoided.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._broken = path is None

    def _connection(self, create: bool) -> sqlite3.Connection | None:
        """The database, opened on first use; created only when there is something to store."""
        if self._db is not None or self._broken or self.path is None:
            return self._db
        if not create and not self.path.exists():
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS mt (signature TEXT NOT NULL, source TEXT NOT NULL, "
                "options TEXT NOT NULL, hypotheses TEXT NOT NULL, "
                "PRIMARY KEY (signature, source, options))"
            )
        except (sqlite3.DatabaseError, OSError):
            self._db, self._broken = None, True  # an unusable cache only makes runs slower
        return self._db

    def get(self, signature: str, source: str, options: str) -> list[Hypothesis] | None:
        db = self._connection(create=False)
        if db is None:
            return None
        row = db.execute(
            "SELECT hypotheses FROM mt WHERE signature = ? AND source = ? AND options = ?",
            (signature, source, options),
        ).fetchone()
        if row is None:
            return None
        from .engines import Hypothesis

        return [Hypothesis(text, score, pieces) for text, score, pieces in json.loads(row[0])]

    def put_many(self, signature: str, rows: list[tuple[str, str, list[Hypothesis]]]) -> None:
        """Store ``(source, options, hypotheses)`` rows in one transaction."""
        db = self._connection(create=True) if rows else None
        if db is None:
            return
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO mt VALUES (?, ?, ?, ?)",
                [
                    (
                        signature,
                        source,
                        options,
                        json.dumps(
                            [[h.text, h.score, h.pieces] for h in hyps],
                            ensure_ascii=False,
                        ),
                    )
                    for source, options, hyps in rows
                ],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


class CachedEngine:
    """A lazily loaded engine behind the MT cache: only cache misses reach the model."""

    def __init__(self, engine: LazyEngine, cache: MTCache) -> None:
        self.engine = engine
        self.cache = cache
        self.signature = engine.signature

    def translate_batch(
        self,
        sources: Sequence[str],
        *,
        num_hypotheses: int | None = None,
        prefer: Sequence[Sequence[str]] | None = None,
        avoid: Sequence[Sequence[str]] | None = None,
    ) -> list[list[Hypothesis]]:
        """n-best lists for ``sources``, from the cache or (for the misses) the engine."""
        keys = [
            json.dumps(
                [
                    num_hypotheses,
                    list(prefer[i]) if prefer else [],
                    list(avoid[i]) if avoid else [],
                ],
                ensure_ascii=False,
            )
            for i in range(len(sources))
        ]
        results: list[list[Hypothesis] | None] = [
            self.cache.get(self.signature, source, key)
            for source, key in zip(sources, keys, strict=True)
        ]
        missing = [i for i, found in enumerate(results) if found is None]
        if missing:
            fresh = self.engine.get().translate_batch(
                [sources[i] for i in missing],
                num_hypotheses=num_hypotheses,
                prefer=[prefer[i] for i in missing] if prefer else None,
                avoid=[avoid[i] for i in missing] if avoid else None,
            )
            for i, hypotheses in zip(missing, fresh, strict=True):
                results[i] = hypotheses
            self.cache.put_many(
                self.signature, [(sources[i], keys[i], results[i] or []) for i in missing]
            )
        return [found or [] for found in results]


@dataclass
class MachineTranslation:
    """What MT made of one source sentence, with everything a reviewer should see."""

    source: str
    text: str
    signature: str
    back_translation: str
    chrf: float
    term_checks: list[TermCheck] = field(default_factory=list)
    compliant: bool = True
    split: bool = False
    codes_placed: bool = True  # the source's inline codes put back with confidence


@dataclass
class MTSettings:
    """Options of the MT stage."""

    lang: str
    num_hypotheses: int = 4
    min_chrf: float = DEFAULT_MIN_CHRF
    glossary: Glossary | None = None


def _required_terms(source: str, settings: MTSettings) -> list[GlossaryTerm]:
    if settings.glossary is None:
        return []
    seen: dict[tuple[str, str], GlossaryTerm] = {}
    for match in settings.glossary.find_in_source(source, settings.lang):
        seen.setdefault((match.term.term, match.term.lang), match.term)
    return list(seen.values())


def machine_translate(
    sources: Sequence[str],
    forward: CachedEngine,
    backward: CachedEngine,
    settings: MTSettings,
) -> dict[str, MachineTranslation]:
    """Translate, enforce glossary terms over the n-best list, and back-translate.

    Inline codes (``<b1>…</b1>``) never reach the engines: they translate the plain text,
    and the codes are put back into the result (:func:`pipeline.inline.restore_codes`).
    """
    from .inline import mask_codes, restore_codes
    from .roundtrip import round_trip

    masked = {source: mask_codes(source) for source in dict.fromkeys(sources)}
    distinct = list(dict.fromkeys(m.plain for m in masked.values()))
    terms = {source: _required_terms(source, settings) for source in distinct}
    prefer: list[list[str]] = []
    avoid: list[list[str]] = []
    if any(terms.values()):
        from .glossary import check_target
        from .glossary.enforce import choose_hypothesis, forbidden_forms, inflected_forms
    term_forms: dict[str, dict[str, list[str]]] = {}  # source → term → its target forms
    for source in distinct:
        preferred: list[str] = []
        avoided: list[str] = []
        for term in terms[source]:
            if term.dnt:
                preferred.append(term.term)
                continue
            forms = [
                form
                for translation in term.translations
                for form in inflected_forms(translation, settings.lang)
            ]
            preferred.extend(forms)
            term_forms.setdefault(source, {}).setdefault(term.term, []).extend(forms)
            avoided.extend(forbidden_forms(term, settings.lang))
        prefer.append(preferred)
        avoid.append(avoided)
    nbest = forward.translate_batch(
        distinct,
        num_hypotheses=settings.num_hypotheses,
        prefer=prefer if any(prefer) else None,
        avoid=avoid if any(avoid) else None,
    )
    chosen: list[tuple[Hypothesis, list[TermCheck], bool]] = []
    for source, hypotheses in zip(distinct, nbest, strict=True):
        if terms[source]:
            choice = choose_hypothesis(
                [(h.text, h.score) for h in hypotheses], terms[source], settings.lang
            )
            checks = check_target(choice.text, terms[source], settings.lang)
            chosen.append((hypotheses[choice.index], checks, choice.compliant))
        else:
            chosen.append((hypotheses[0], [], True))
    trips = round_trip(distinct, [h.text for h, _, _ in chosen], backward)
    by_plain = dict(zip(distinct, zip(chosen, trips, strict=True), strict=True))
    results: dict[str, MachineTranslation] = {}
    for source, masking in masked.items():
        (hypothesis, checks, compliant), trip = by_plain[masking.plain]
        text, placed = restore_codes(masking, hypothesis.text, term_forms.get(masking.plain))
        results[source] = MachineTranslation(
            source=source,
            text=text,
            signature=forward.signature,
            back_translation=trip.back_translation,
            chrf=round(trip.chrf, 1),
            term_checks=checks,
            compliant=compliant,
            split=hypothesis.pieces > 1,
            codes_placed=placed,
        )
    return results


def apply_machine_translation(
    entry: polib.POEntry, result: MachineTranslation, settings: MTSettings
) -> None:
    """Fill an entry with an MT result: fuzzy, with signature, round trip and term compliance."""
    keep = strip_prefixed(entry.comment or "", (*TRANSLATION_PREFIXES, QA_PREFIX))
    lines = [*keep]
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
    if result.chrf < settings.min_chrf:
        lines.append(
            f"{WARNING_PREFIX}round trip chrF {result.chrf:.1f} is below {settings.min_chrf:g}; "
            "check the meaning carefully"
        )
    if not result.compliant:
        failed = ", ".join(c.term.term for c in result.term_checks if not c.ok)
        lines.append(f"{WARNING_PREFIX}no MT hypothesis uses the glossary terms: {failed}")
    if not result.codes_placed:
        lines.append(
            f"{WARNING_PREFIX}inline codes could not all be placed with confidence; "
            "move them to the words they belong to"
        )
    entry.msgstr = result.text
    entry.previous_msgid = None
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    entry.comment = "\n".join(lines)


def apply_memory_match(entry: polib.POEntry, match: MemoryMatch) -> None:
    """Fill an empty entry from translation memory, as a fuzzy suggestion to review."""
    keep = strip_prefixed(entry.comment or "", (*TRANSLATION_PREFIXES, QA_PREFIX))
    entry.msgstr = match.translation
    entry.previous_msgid = None if match.exact else match.source
    if "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    entry.comment = "\n".join([*keep, match.comment()])
