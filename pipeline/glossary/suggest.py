"""``glossary suggest``: candidate terms in source documents that the glossary lacks.

Text already covered by a glossary term is masked first; in what remains of each English
sentence three kinds of candidate are counted:

* ``acronym``: words of two or more capitals (``LLC``, ``CEO``; ``SEZs`` counts as ``SEZ``);
* ``name``: two or more capitalised words in a row, ``of``/``for``/``and``/``the`` allowed
  inside (``Alexander Prokhorov``, ``Russian Federation``);
* ``phrase``: lower-case two- and three-word sequences without function words that occur
  at least twice (``production capacity``), a plural counted with its singular.

Maintainers triage the list by hand, so the heuristics favour recall.

With reviewed bilingual entries (catalogs, TMX, memory), :func:`suggest_translations` goes
one step further: for each candidate found in their English sources (or each term a
maintainer lists) it mines the established translation (:mod:`.mining`) and returns rows in
the glossary's own format, the evidence in ``note``, for a maintainer to review and paste.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .mining import Miner, Rendering, plain_text
from .store import Glossary
from .terms import GlossaryTerm

PHRASE_MIN_COUNT = 2
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9&]*[A-Z][A-Z0-9&]*)(?:s|['’]s)?(?![\w-])")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”«»„‘’—–]|\s-\s|\d")
_NAME_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "on", "in"})
_STOPWORDS = frozenset(
    """a about above after again against all also am among an and any are as at be because
    been before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how however i if in
    into is it its itself just least less many may me might more most much must my new no
    nor not now of off on once one only or other our ours out over own per same she should
    so some such than that the their theirs them then there these they this those through
    to too two under until up upon us very was we well were what when where which while who
    whom why will with within without would year years you your yours said says say
    including include includes included according almost already expected planned
    plans plan first second third thousand thousands million millions billion billions
    mr ms dr""".split()
)


@dataclass(frozen=True)
class Suggestion:
    """A candidate term, how often it occurs and which heuristic found it."""

    text: str
    count: int
    kind: str  # "acronym", "name" or "phrase"


def _unmatched_fragments(text: str, glossary: Glossary, lang: str) -> list[str]:
    fragments: list[str] = []
    position = 0
    for match in glossary.find_in_source(text, lang):
        fragments.append(text[position : match.start])
        position = match.end
    fragments.append(text[position:])
    return fragments


def _strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def _names(fragment: str) -> Iterable[str]:
    run: list[str] = []
    previous_end = -1
    for match in _WORD.finditer(fragment):
        word = _strip_possessive(match.group())
        joined = previous_end < 0 or fragment[previous_end : match.start()].strip() == ""
        capitalised = word[:1].isupper()
        if run and joined and (capitalised or word in _NAME_CONNECTORS):
            run.append(word)
        else:
            yield from _name_from_run(run)
            run = [word] if capitalised else []
        previous_end = match.end()
        if word != match.group():  # a possessive ends a name
            yield from _name_from_run(run)
            run, previous_end = [], -1
    yield from _name_from_run(run)


def _name_from_run(run: list[str]) -> Iterable[str]:
    words = list(run)
    while words and (words[0].lower() in _STOPWORDS or words[0] in _NAME_CONNECTORS):
        words.pop(0)
    while words and words[-1] in _NAME_CONNECTORS:
        words.pop()
    capitalised = sum(1 for word in words for part in word.split("-") if part[:1].isupper())
    if capitalised >= 2:
        yield " ".join(words)


def _phrase_key(words: list[str]) -> tuple[str, ...]:
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return (*words[:-1], last)


def _phrases(fragment: str) -> Iterable[tuple[tuple[str, ...], str]]:
    for clause in _CLAUSE_BREAK.split(fragment):
        words = clause.split()
        for size in (2, 3):
            for start in range(len(words) - size + 1):
                gram = words[start : start + size]
                if all(w.isalpha() and w.islower() and w not in _STOPWORDS for w in gram):
                    yield _phrase_key(gram), " ".join(gram)


def suggest_terms(
    sentences: Iterable[str], glossary: Glossary, lang: str, min_count: int = 1
) -> list[Suggestion]:
    """Candidate terms in English sentences that the glossary (for ``lang``) lacks.

    Sorted by count (highest first), then text; phrases need at least two occurrences.
    """
    counts: Counter[tuple[str, str]] = Counter()
    phrase_counts: Counter[tuple[str, ...]] = Counter()
    phrase_surfaces: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for fragment in _unmatched_fragments(sentence, glossary, lang):
            counts.update(("acronym", m.group(1)) for m in _ACRONYM.finditer(fragment))
            counts.update(("name", name) for name in _names(fragment))
            for key, surface in _phrases(fragment):
                phrase_counts[key] += 1
                phrase_surfaces[key][surface] += 1
    for key, count in phrase_counts.items():
        if count < PHRASE_MIN_COUNT or _subsumed(key, count, phrase_counts):
            continue
        counts[("phrase", phrase_surfaces[key].most_common(1)[0][0])] = count
    suggestions = [
        Suggestion(text=text, count=count, kind=kind)
        for (kind, text), count in counts.items()
        if count >= min_count
    ]
    suggestions.sort(key=lambda s: (-s.count, s.text.lower(), s.kind))
    return suggestions


def _subsumed(key: tuple[str, ...], count: int, counts: Counter[tuple[str, ...]]) -> bool:
    """Whether a longer phrase containing this one occurs as often (keep only the longer)."""
    size = len(key)
    return any(
        len(other) > size
        and other_count >= count
        and any(other[i : i + size] == key for i in range(len(other) - size + 1))
        for other, other_count in counts.items()
    )


@dataclass(frozen=True)
class MinedSuggestion:
    """A candidate English term, the entries holding it and the rendering mined for it
    (None when no phrase has enough evidence)."""

    term: str
    entries: int
    rendering: Rendering | None

    def glossary_term(self, lang: str) -> GlossaryTerm:
        """The row to paste into the glossary: the most frequent surface form as the
        translation, the evidence in ``note``."""
        rendering = self.rendering
        if rendering is None:
            raise ValueError(f"no rendering mined for {self.term!r}")
        note = (
            f"mined: in {rendering.evidence} of {self.entries} reviewed entries with the term "
            f"(confidence {rendering.confidence:.2f}, G² {rendering.llr:.1f}; "
            f"lemma {rendering.lemma})"
        )
        return GlossaryTerm(
            term=self.term,
            lang=lang,
            translations=(rendering.surface,),
            pos="",
            note=note,
        )


def suggest_translations(
    sources: list[str],
    targets: list[str],
    glossary: Glossary,
    lang: str,
    terms: list[str] | None = None,
    min_count: int = 2,
) -> list[MinedSuggestion]:
    """Mined translations for candidate terms of reviewed bilingual entries.

    ``terms``: exactly these English terms (in this order); None: the candidates
    :func:`suggest_terms` finds in the sources (seen ``min_count`` times or more, terms the
    glossary already has for ``lang`` left out).
    """
    miner = Miner(sources, targets, lang)
    if terms is None:
        found = suggest_terms([plain_text(text) for text in sources], glossary, lang, min_count)
        terms = [suggestion.text for suggestion in found]
    results = []
    for term in dict.fromkeys(t.strip() for t in terms if t.strip()):
        entries = miner.entries_with(term)
        rendering = miner.best(term, within=entries) if entries else None
        results.append(MinedSuggestion(term, len(entries), rendering))
    return results
