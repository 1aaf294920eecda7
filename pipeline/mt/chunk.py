"""Chunk translation: cache first, then the forward engine, glossary choice, round trip.

A chunk job only *asks* for engine calls (:class:`EngineCall`), so a runner
(:mod:`pipeline.mt.runners`) can answer them here or on a cluster (:mod:`pipeline.cluster`).
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..inline import mask_codes, restore_codes
from ..roundtrip import DEFAULT_MIN_CHRF
from .cache import MTCache, cache_options

if TYPE_CHECKING:
    from ..engines import Hypothesis
    from ..glossary import Glossary, GlossaryTerm, TermCheck


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
    from ..glossary.enforce import forbidden_forms, inflected_forms

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
    from ..engines import Hypothesis

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
        from ..glossary.enforce import choose_hypothesis
    for request, hypotheses in zip(requests, nbest, strict=True):
        hypotheses = hypotheses or [Hypothesis("", 0.0)]
        if request.terms:
            choice = choose_hypothesis(
                [(h.text, h.score) for h in hypotheses], request.terms, settings.lang
            )
            chosen.append((hypotheses[choice.index], list(choice.checks), choice.compliant))
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
    from ..roundtrip import chrf

    assert call.references is not None
    return [chrf(back, source) for back, source in zip(call.sources, call.references, strict=True)]
