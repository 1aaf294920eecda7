"""The MT stage: memory first, then the engine with glossary enforcement, then the round trip.

Engines are loaded only when a sentence actually needs them: results are cached by
(engine signature, source sentence), so a re-run on an unchanged document loads no model.
Sentences are translated in chunks (:func:`translate_chunk`), each chunk's results stored in
the cache in one transaction; a chunk job only *asks* for engine calls, so a
:class:`ChunkRunner` can answer them here (:class:`LocalRunner`) or on a cluster
(:mod:`pipeline.cluster`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import polib

from .catalog import (
    BACK_TRANSLATION_PREFIX,
    ROUNDTRIP_PREFIX,
    SPLIT_PREFIX,
    TERMS_PREFIX,
    WARNING_PREFIX,
    mt_comment,
)
from .entry import Entry
from .inline import mask_codes, restore_codes
from .roundtrip import DEFAULT_MIN_CHRF

if TYPE_CHECKING:
    from .engines import Hypothesis, TranslationEngine
    from .glossary import Glossary, GlossaryTerm, TermCheck
    from .memory import MemoryMatch

CACHE_NAME = ".l10n-cache.sqlite"
CACHE_PAGE_KIB = 256


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
            # Rows are read once each: a small page cache keeps a corpus run's memory flat.
            self._db.execute(f"PRAGMA cache_size=-{CACHE_PAGE_KIB}")
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

    def store(self, rows: Sequence[tuple[str, str, str, Sequence[Hypothesis]]]) -> None:
        """Store ``(signature, source, options, hypotheses)`` rows in one transaction."""
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
                        json.dumps([[h.text, h.score, h.pieces] for h in hyps], ensure_ascii=False),
                    )
                    for signature, source, options, hyps in rows
                ],
            )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def cache_options(
    num_hypotheses: int | None, prefer: Sequence[str] | None, avoid: Sequence[str] | None
) -> str:
    """The cache key part for everything besides engine and source that changes the output."""
    return json.dumps([num_hypotheses, list(prefer or []), list(avoid or [])], ensure_ascii=False)


class CachedEngine:
    """A lazily loaded engine behind the MT cache (what :func:`machine_translate` takes)."""

    def __init__(self, engine: LazyEngine, cache: MTCache) -> None:
        self.engine = engine
        self.cache = cache
        self.signature = engine.signature


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


@dataclass
class TermRequest:
    """The glossary's part in translating one source: its terms, forms to prefer and avoid."""

    terms: list[GlossaryTerm]
    prefer: list[str]
    avoid: list[str]
    forms: dict[str, list[str]] = field(default_factory=dict)  # term → its target forms


def term_request(source: str, settings: MTSettings) -> TermRequest:
    """What the glossary asks of the translation of ``source`` (nothing without a glossary)."""
    if settings.glossary is None:
        return TermRequest([], [], [])
    seen: dict[tuple[str, str], GlossaryTerm] = {}
    for match in settings.glossary.find_in_source(source, settings.lang):
        seen.setdefault((match.term.term, match.term.lang), match.term)
    terms = list(seen.values())
    if not terms:
        return TermRequest([], [], [])
    from .glossary.enforce import forbidden_forms, inflected_forms

    prefer: list[str] = []
    avoid: list[str] = []
    forms: dict[str, list[str]] = {}
    for term in terms:
        if term.dnt:
            prefer.append(term.term)
            continue
        term_forms = [
            form
            for translation in term.translations
            for form in inflected_forms(translation, settings.lang)
        ]
        prefer.extend(term_forms)
        forms.setdefault(term.term, []).extend(term_forms)
        avoid.extend(forbidden_forms(term, settings.lang))
    return TermRequest(terms, prefer, avoid, forms)


def forward_cache_options(request: TermRequest, settings: MTSettings) -> str:
    """The forward cache key part of a source with ``request``."""
    return cache_options(settings.num_hypotheses, request.prefer, request.avoid)


@dataclass(frozen=True)
class EngineCall:
    """One request a chunk job makes of the engines' side.

    ``direction`` "forward" or "backward": n-best lists of ``sources`` from that engine;
    "chrf": the round-trip chrF of each back-translation in ``sources`` against the English
    source in ``references`` (scored where the engines run, off the driver).
    """

    direction: str
    sources: list[str]
    num_hypotheses: int = 1
    prefer: list[list[str]] | None = None
    avoid: list[list[str]] | None = None
    references: list[str] | None = None


@dataclass
class ChunkOutcome:
    """The MT of one chunk: a result per distinct source and what the engines were asked."""

    results: dict[str, MachineTranslation]
    engine_calls: int = 0


# A chunk job yields the engine calls it needs, is sent their n-best lists, and returns
# its outcome once its results are in the cache (one transaction).
ChunkJob = Generator[EngineCall, list[Any], ChunkOutcome]


def translate_chunk(
    sources: Sequence[str],
    forward_signature: str,
    backward_signature: str,
    cache: MTCache,
    settings: MTSettings,
) -> ChunkJob:
    """Translate a chunk: cache first, then the forward engine, glossary choice, round trip.

    The engines are not called here: the job yields :class:`EngineCall` requests, so the same
    code runs with local engines (:func:`run_chunk_locally`) or remote ones. Both directions'
    new results are stored in one transaction at the end.

    Inline codes (``<b1>…</b1>``) never reach the engines: they translate the plain text (the
    cache key too), and the codes are put back into the result
    (:func:`pipeline.inline.restore_codes`).
    """
    from .engines import Hypothesis

    masked = {source: mask_codes(source) for source in dict.fromkeys(sources)}
    distinct = list(dict.fromkeys(masking.plain for masking in masked.values()))
    requests = [term_request(source, settings) for source in distinct]
    keys = [forward_cache_options(request, settings) for request in requests]
    nbest: list[list[Hypothesis] | None] = [
        cache.get(forward_signature, source, key)
        for source, key in zip(distinct, keys, strict=True)
    ]
    rows: list[tuple[str, str, str, list[Hypothesis]]] = []
    calls = 0
    missing = [i for i, found in enumerate(nbest) if found is None]
    if missing:
        any_terms = any(requests[i].prefer or requests[i].avoid for i in missing)
        fresh = yield EngineCall(
            "forward",
            [distinct[i] for i in missing],
            settings.num_hypotheses,
            [requests[i].prefer for i in missing] if any_terms else None,
            [requests[i].avoid for i in missing] if any_terms else None,
        )
        calls += 1
        for i, hypotheses in zip(missing, fresh, strict=True):
            hypotheses = list(hypotheses)
            nbest[i] = hypotheses
            rows.append((forward_signature, distinct[i], keys[i], hypotheses))

    chosen: list[tuple[Hypothesis, list[TermCheck], bool]] = []
    if any(request.terms for request in requests):
        from .glossary import check_target
        from .glossary.enforce import choose_hypothesis
    for request, hypotheses in zip(requests, nbest, strict=True):
        hypotheses = hypotheses or [Hypothesis("", 0.0)]
        if request.terms:
            choice = choose_hypothesis(
                [(h.text, h.score) for h in hypotheses], request.terms, settings.lang
            )
            checks = check_target(choice.text, request.terms, settings.lang)
            chosen.append((hypotheses[choice.index], checks, choice.compliant))
        else:
            chosen.append((hypotheses[0], [], True))

    back_key = cache_options(1, None, None)
    texts = [hypothesis.text for hypothesis, _, _ in chosen]
    wanted = list(dict.fromkeys(text for text in texts if text.strip()))
    backs: dict[str, str] = {}
    back_missing: list[str] = []
    for text in wanted:
        found = cache.get(backward_signature, text, back_key)
        if found is None:
            back_missing.append(text)
        else:
            backs[text] = found[0].text if found else ""
    if back_missing:
        fresh = yield EngineCall("backward", back_missing, 1)
        calls += 1
        for text, hypotheses in zip(back_missing, fresh, strict=True):
            hypotheses = list(hypotheses)
            backs[text] = hypotheses[0].text if hypotheses else ""
            rows.append((backward_signature, text, back_key, hypotheses))
    cache.store(rows)

    pairs = [
        (backs.get(hypothesis.text, ""), source)
        for source, (hypothesis, _, _) in zip(distinct, chosen, strict=True)
    ]
    scored = [i for i, (back, source) in enumerate(pairs) if back and source.strip()]
    scores = [0.0] * len(pairs)
    if scored:
        score_call = EngineCall(
            "chrf", [pairs[i][0] for i in scored], references=[pairs[i][1] for i in scored]
        )
        # Scored where the engines ran; a chunk served from the cache is scored here.
        found = (yield score_call) if calls else chrf_scores(score_call)
        for i, score in zip(scored, found, strict=True):
            scores[i] = score

    by_plain = {
        plain: (choice, request, back, score)
        for plain, choice, request, (back, _), score in zip(
            distinct, chosen, requests, pairs, scores, strict=True
        )
    }
    results: dict[str, MachineTranslation] = {}
    for source, masking in masked.items():
        (hypothesis, checks, compliant), request, back, score = by_plain[masking.plain]
        text, placed = restore_codes(masking, hypothesis.text, request.forms)
        results[source] = MachineTranslation(
            source=source,
            text=text,
            signature=forward_signature,
            back_translation=back,
            chrf=round(max(0.0, min(100.0, score)), 1),
            term_checks=checks,
            compliant=compliant,
            split=hypothesis.pieces > 1,
            codes_placed=placed,
        )
    return ChunkOutcome(results, calls)


def chrf_scores(call: EngineCall) -> list[float]:
    """The chrF of each back-translation of a "chrf" call against its source."""
    from .roundtrip import chrf

    assert call.references is not None
    return [chrf(back, source) for back, source in zip(call.sources, call.references, strict=True)]


def answer_call(engines: dict[str, LazyEngine], call: EngineCall) -> list[Any]:
    """Answer one :class:`EngineCall` with ``engines`` ("forward", "backward"; loaded on
    first use): n-best lists, or chrF scores."""
    if call.direction == "chrf":
        return chrf_scores(call)
    return (
        engines[call.direction]
        .get()
        .translate_batch(
            call.sources, num_hypotheses=call.num_hypotheses, prefer=call.prefer, avoid=call.avoid
        )
    )


def run_chunk_locally(job: ChunkJob, forward: LazyEngine, backward: LazyEngine) -> ChunkOutcome:
    """Drive a chunk job with engines in this process (loaded on first call)."""
    engines = {"forward": forward, "backward": backward}
    try:
        call = next(job)
        while True:
            call = job.send(answer_call(engines, call))
    except StopIteration as stop:
        return stop.value


def machine_translate(
    sources: Sequence[str],
    forward: CachedEngine,
    backward: CachedEngine,
    settings: MTSettings,
) -> dict[str, MachineTranslation]:
    """Translate, enforce glossary terms over the n-best list, and back-translate, in one
    chunk with local engines."""
    job = translate_chunk(sources, forward.signature, backward.signature, forward.cache, settings)
    return run_chunk_locally(job, forward.engine, backward.engine).results


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


class ChunkRunner(Protocol):
    """Runs chunk jobs on a language's engines: here (:class:`LocalRunner`) or on a cluster.

    ``capacity`` is how many chunks may be in flight at once.
    """

    capacity: int

    def load(self) -> None:
        """Load the engines now (before anything is written)."""

    def submit(self, tag: object, job: ChunkJob) -> None:
        """Start a chunk job; its outcome comes back from :meth:`wait` with ``tag``."""

    def wait(self) -> list[tuple[object, ChunkOutcome]]:
        """Outcomes of finished jobs; blocks until at least one is done if any is in flight."""

    def in_flight(self) -> int:
        """Jobs submitted whose outcome :meth:`wait` has not returned yet."""

    def loaded(self) -> list[str]:
        """Signatures of the engines that were loaded."""

    def close(self) -> None:
        """Release the engines."""


class LocalRunner:
    """Runs each chunk job to completion when it is submitted, with engines in this process."""

    capacity = 1

    def __init__(self, forward: LazyEngine, backward: LazyEngine) -> None:
        self.forward = forward
        self.backward = backward
        self._done: list[tuple[object, ChunkOutcome]] = []

    def load(self) -> None:
        self.forward.get()
        self.backward.get()

    def submit(self, tag: object, job: ChunkJob) -> None:
        self._done.append((tag, run_chunk_locally(job, self.forward, self.backward)))

    def wait(self) -> list[tuple[object, ChunkOutcome]]:
        done, self._done = self._done, []
        return done

    def in_flight(self) -> int:
        return len(self._done)

    def loaded(self) -> list[str]:
        return [e.signature for e in (self.forward, self.backward) if e.loaded]

    def close(self) -> None:
        pass


def local_runner(lang: str, forward: LazyEngine, backward: LazyEngine) -> ChunkRunner:
    """The runner factory of a run on this machine."""
    return LocalRunner(forward, backward)
