"""``glossary usage``: how reviewed translations render each glossary term.

For every term of the glossary for a language, the entries whose English source holds the
term (:mod:`.match`; as in the pipeline's hints, not where a longer term covers it) are
looked at; each reviewed one is counted once, under the first of:

* ``forbidden``: a forbidden variant occurs (outside an allowed translation);
* ``preferred``: the preferred translation occurs (for a do-not-translate term: the English
  term itself);
* ``alternative``: another admitted translation occurs;
* ``none``: none of them — then the rendering those entries use instead is mined
  (:mod:`.mining`) and a few of them are listed as examples (``file:line``).

Target text is compared at lemma level through the language layer, exactly as the
pipeline's term check does (:mod:`.target`). Entries that are not reviewed (untranslated,
fuzzy, MT accepted unchanged) are counted as ``unreviewed`` but never judged.

*Drift*: a reviewed entry whose MT output carried the term (its ``terms:`` line marks it
✓) while the reviewer's translation holds neither the preferred nor an alternative
translation counts as *overruled by reviewers*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .bitext import BilingualEntry
from .mining import Miner, Rendering, SourceIndex, plain_text
from .target import TargetText, _required_spans
from .terms import GlossaryTerm

EXAMPLES = 3
CATEGORIES = ("preferred", "alternative", "forbidden", "none")


@dataclass
class TermUsage:
    """What the reviewed translations of one term's entries use."""

    term: GlossaryTerm
    entries: int = 0  # entries whose source holds the term, any state
    reviewed: int = 0
    preferred: int = 0
    alternative: int = 0
    forbidden: int = 0
    none: int = 0
    overruled: int = 0  # drift: MT carried the term, the reviewer wrote something else
    forbidden_variants: dict[str, int] = field(default_factory=dict)
    rendering: Rendering | None = None  # mined from the "none" entries
    examples: list[str] = field(default_factory=list)  # file:line of "none" entries
    overruled_examples: list[str] = field(default_factory=list)

    @property
    def unreviewed(self) -> int:
        return self.entries - self.reviewed

    @property
    def seen(self) -> bool:
        return self.entries > 0

    def as_json(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {
            "term": self.term.term,
            "lang": self.term.lang,
            "preferred_translation": self.term.preferred,
            "entries": self.entries,
            "reviewed": self.reviewed,
            "unreviewed": self.unreviewed,
            "preferred": self.preferred,
            "alternative": self.alternative,
            "forbidden": self.forbidden,
            "forbidden_variants": self.forbidden_variants,
            "none": self.none,
            "none_rendering": _rendering_json(self.rendering),
            "none_examples": self.examples,
            "overruled_by_reviewers": self.overruled,
            "overruled_examples": self.overruled_examples,
        }


def _rendering_json(rendering: Rendering | None) -> dict[str, object] | None:
    if rendering is None:
        return None
    return {
        "surface": rendering.surface,
        "lemma": rendering.lemma,
        "confidence": rendering.confidence,
        "evidence": rendering.evidence,
    }


def classify(text: str, term: GlossaryTerm, lang: str) -> tuple[str, tuple[str, ...]]:
    """The category of one translation for a term, and the forbidden variants in it."""
    target = TargetText(plain_text(text), lang)
    if term.dnt:
        allowed = _required_spans(target, term)
        preferred, alternative = bool(allowed), False
    else:
        spans = [target.phrase_spans(phrase) for phrase in term.translations]
        allowed = [span for found in spans for span in found]
        preferred = bool(spans and spans[0])
        alternative = any(spans[1:])
    forbidden = _forbidden_variants(target, term, allowed)
    if forbidden:
        return "forbidden", forbidden
    if preferred:
        return "preferred", ()
    if alternative:
        return "alternative", ()
    return "none", ()


def _forbidden_variants(
    target: TargetText, term: GlossaryTerm, allowed: list[tuple[int, int]]
) -> tuple[str, ...]:
    """The forbidden variants used, outside allowed translations; where two variants find
    the same words (``сайт Алабушево``, ``сайт «Алабушево»``) only the first listed counts."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for variant in term.forbidden:
        spans = [
            (start, end)
            for start, end in target.phrase_spans(variant)
            if not any(a <= start and end <= b for a, b in allowed)
            and not any(start < b and a < end for a, b in taken)
        ]
        if spans:
            found.append(variant)
            taken.extend(spans)
    return tuple(found)


def term_usage(
    terms: Sequence[GlossaryTerm],
    entries: Sequence[BilingualEntry],
    lang: str,
    miner: Miner | None = None,
) -> list[TermUsage]:
    """The usage of each term (in the order given) across the entries.

    ``miner``: an index of the reviewed entries, in the same order (built when None).
    Entries that are not reviewed count in ``entries`` only.
    """
    positions = [i for i, entry in enumerate(entries) if entry.reviewed]
    reviewed = [entries[i] for i in positions]
    if miner is None:
        miner = Miner([e.source for e in reviewed], [e.target for e in reviewed], lang)
    everything = SourceIndex([e.source for e in entries])
    position_of = {position: index for index, position in enumerate(positions)}
    report = []
    for term in terms:
        usage = TermUsage(term)
        holding = everything.entries_with(term, terms)
        usage.entries = len(holding)
        none_entries: list[int] = []
        for index in (position_of[i] for i in holding if i in position_of):
            entry = reviewed[index]
            usage.reviewed += 1
            category, variants = classify(entry.target, term, lang)
            setattr(usage, category, getattr(usage, category) + 1)
            for variant in variants:
                usage.forbidden_variants[variant] = usage.forbidden_variants.get(variant, 0) + 1
            if category == "none":
                none_entries.append(index)
                if len(usage.examples) < EXAMPLES:
                    usage.examples.append(entry.location)
            if category in ("none", "forbidden") and term.label in entry.mt_terms:
                usage.overruled += 1
                if len(usage.overruled_examples) < EXAMPLES:
                    usage.overruled_examples.append(entry.location)
        if none_entries:
            usage.rendering = miner.best(term, within=none_entries)
        report.append(usage)
    return report


def format_table(report: Sequence[TermUsage]) -> str:
    """The report as a readable table, then the terms never seen and the drift."""
    header = ("term", "entries", "reviewed", "preferred", "altern.", "forbidden", "none")
    rows = [header]
    for usage in report:
        if usage.seen:
            rows.append(
                (
                    usage.term.term,
                    str(usage.entries),
                    str(usage.reviewed),
                    str(usage.preferred),
                    str(usage.alternative),
                    str(usage.forbidden),
                    str(usage.none),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    details = []
    for usage in report:
        if usage.forbidden_variants:
            used = ", ".join(f"«{v}» ×{n}" for v, n in usage.forbidden_variants.items())
            details.append(f"{usage.term.term}: forbidden {used}")
        if usage.none:
            rendering = usage.rendering
            mined = (
                f"mostly «{rendering.surface}» ({rendering.evidence} of {usage.none}, "
                f"confidence {rendering.confidence:.2f})"
                if rendering
                else "no common rendering"
            )
            details.append(
                f"{usage.term.term}: {usage.none} without a glossary translation, {mined}; "
                f"e.g. {', '.join(usage.examples)}"
            )
        if usage.overruled:
            details.append(
                f"{usage.term.term}: overruled by reviewers in {usage.overruled} "
                f"(MT had «{usage.term.preferred}»); e.g. {', '.join(usage.overruled_examples)}"
            )
    if details:
        lines += ["", *details]
    unseen = [usage.term.term for usage in report if not usage.seen]
    if unseen:
        lines += ["", f"never seen ({len(unseen)}): {', '.join(unseen)}"]
    return "\n".join(lines)
