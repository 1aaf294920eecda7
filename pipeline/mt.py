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
    """MT results keyed by (engine signature, source); an SQLite file beside the catalogs."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS mt (signature TEXT NOT NULL, source TEXT NOT NULL, "
                "hypotheses TEXT NOT NULL, PRIMARY KEY (signature, source))"
            )
        except (sqlite3.DatabaseError, OSError):
            self._db = None  # a cache that cannot be used is only slower, never an error

    def get(self, signature: str, source: str) -> list[tuple[str, float]] | None:
        if self._db is None:
            return None
        row = self._db.execute(
            "SELECT hypotheses FROM mt WHERE signature = ? AND source = ?", (signature, source)
        ).fetchone()
        return [tuple(item) for item in json.loads(row[0])] if row else None  # type: ignore[misc]

    def put_many(self, signature: str, results: dict[str, list[tuple[str, float]]]) -> None:
        if self._db is None or not results:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO mt VALUES (?, ?, ?)",
                [(signature, s, json.dumps(h, ensure_ascii=False)) for s, h in results.items()],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


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


@dataclass
class MTSettings:
    """Options of the MT stage."""

    lang: str
    num_hypotheses: int = 4
    min_chrf: float = 40.0
    glossary: Glossary | None = None


def _required_terms(source: str, settings: MTSettings) -> list[GlossaryTerm]:
    if settings.glossary is None:
        return []
    seen: dict[tuple[str, str], GlossaryTerm] = {}
    for match in settings.glossary.find_in_source(source, settings.lang):
        seen.setdefault((match.term.term, match.term.lang), match.term)
    return list(seen.values())


def _translate_cached(
    sources: Sequence[str],
    engine: LazyEngine,
    cache: MTCache,
    *,
    num_hypotheses: int,
    prefer: dict[str, list[str]] | None = None,
    avoid: dict[str, list[str]] | None = None,
) -> dict[str, list[tuple[str, float]]]:
    """n-best hypotheses for each distinct source, from the cache or the engine."""
    results: dict[str, list[tuple[str, float]]] = {}
    missing: list[str] = []
    for source in dict.fromkeys(sources):
        cached = cache.get(engine.signature, source)
        if cached is not None:
            results[source] = cached
        else:
            missing.append(source)
    if missing:
        hypotheses: list[list[Hypothesis]] = engine.get().translate_batch(
            missing,
            num_hypotheses=num_hypotheses,
            prefer=[(prefer or {}).get(s, []) for s in missing] if prefer else None,
            avoid=[(avoid or {}).get(s, []) for s in missing] if avoid else None,
        )
        fresh = {
            s: [(h.text, h.score) for h in hyps]
            for s, hyps in zip(missing, hypotheses, strict=True)
        }
        cache.put_many(engine.signature, fresh)
        results.update(fresh)
    return results


def machine_translate(
    sources: Sequence[str],
    forward: LazyEngine,
    backward: LazyEngine,
    cache: MTCache,
    settings: MTSettings,
) -> dict[str, MachineTranslation]:
    """Translate, enforce glossary terms over the n-best list, and back-translate."""
    from sacrebleu.metrics import CHRF

    terms = {source: _required_terms(source, settings) for source in sources}
    prefer: dict[str, list[str]] = {}
    avoid: dict[str, list[str]] = {}
    if any(terms.values()):
        from .glossary import check_target
        from .glossary.enforce import choose_hypothesis, forbidden_forms, inflected_forms
    for source, required in terms.items():
        for term in required:
            if term.dnt:
                prefer.setdefault(source, []).append(term.term)
                continue
            for translation in term.translations:
                prefer.setdefault(source, []).extend(inflected_forms(translation, settings.lang))
            avoid.setdefault(source, []).extend(forbidden_forms(term, settings.lang))
    nbest = _translate_cached(
        sources,
        forward,
        cache,
        num_hypotheses=settings.num_hypotheses,
        prefer=prefer or None,
        avoid=avoid or None,
    )
    chosen: dict[str, tuple[str, list[TermCheck], bool]] = {}
    for source in dict.fromkeys(sources):
        hypotheses = nbest[source]
        if terms[source]:
            choice = choose_hypothesis(hypotheses, terms[source], settings.lang)
            checks = check_target(choice.text, terms[source], settings.lang)
            chosen[source] = (choice.text, checks, choice.compliant)
        else:
            chosen[source] = (hypotheses[0][0], [], True)
    targets = list(dict.fromkeys(text for text, _, _ in chosen.values()))
    back = _translate_cached(targets, backward, cache, num_hypotheses=1)
    chrf = CHRF()
    results: dict[str, MachineTranslation] = {}
    for source, (text, checks, compliant) in chosen.items():
        back_translation = back[text][0][0]
        score = chrf.sentence_score(back_translation, [source]).score
        results[source] = MachineTranslation(
            source=source,
            text=text,
            signature=forward.signature,
            back_translation=back_translation,
            chrf=round(score, 1),
            term_checks=checks,
            compliant=compliant,
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
