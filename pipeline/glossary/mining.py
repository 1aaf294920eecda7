"""Mining how an English term is translated across reviewed bilingual entries.

For a source term the candidates are the target phrases of one to :data:`MAX_WORDS` words
(character sequences of up to :data:`MAX_CHARS` in languages written without spaces) of
the entries whose source holds the term. Words are compared as lemmas through the language
layer (:mod:`pipeline.languages`: pymorphy3 for Russian and Ukrainian, simplemma for German,
French, Polish…), so «пароля», «паролем» and «пароль» count as one phrase. A word with
several possible lemmas is counted under the one most frequent in the whole text, so that
every form of one word lands on the same key.

A candidate is scored with the Dice coefficient of entry frequencies,
``2·a / (f_term + f_phrase)``: ``a`` entries hold both the term (source) and the phrase
(target), ``f`` count the entries holding each. It prefers phrases present in most entries
with the term and rare elsewhere. Ties go to the higher log-likelihood ratio (Dunning's G²
over the same 2×2 table), then to the longer phrase (an exact tie means the shorter one
only occurs inside it: ``passe`` in «mot de passe»). In languages written without spaces a
longer sequence containing the best one wins when it scores nearly as well (权限 rather
than 权). The result names the lemma key, the most frequent surface form among the entries
with the term, the Dice score as confidence and ``a`` as the evidence count.

Placeholders (``%(name)s``, ``{0}``, ``%s``), markup tags, entities and URLs are blanked out
on both sides first, and no phrase spans them: they are copied, not translated, and would
otherwise "render" every term they happen to name.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..languages import normalize_word, profile
from .match import contains_source_term, find_source_matches
from .target import _words as target_words
from .terms import GlossaryTerm

MAX_WORDS = 4
MAX_CHARS = 8
MIN_EVIDENCE = 2
EXTEND = 0.9  # unspaced languages: a longer sequence with this share of the best Dice wins
MIN_CONFIDENCE = 0.2  # below this Dice, :meth:`Miner.best` reports no rendering
# Words of a phrase may be separated by spaces, hyphens and apostrophes (not by a line
# break, a comma or other punctuation).
_WORD = re.compile(r"[^\W_\u02bc]+(?:[\u00ad\u200b\u2060]+[^\W_\u02bc]+)*")
_PHRASE_GAP = re.compile(r"[ \t\u00a0\u202f\-\u2010\u2011'\u2019\u02bc]*")
_HYPHENS = frozenset("-\u2010\u2011")
_CODE = re.compile(
    r"%\([^)\s]{1,40}\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]"  # %(name)s
    r"|%[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGcoub]"  # %s, %d, %.2f
    r"|\{[^{}\s]{0,40}\}"  # {0}, {name}
    r"|<[^<>]{1,200}>"  # markup tags, inline codes
    r"|&#?\w{1,10};"  # entities
    r"|(?:https?|ftp)://\S+"  # URLs
)
_SOURCE_WORD = re.compile(r"[^\W_]+")
_SOURCE_KEY = 3  # letters of a source word indexed (policy/policies, SEZ/SEZs share them)


_BLANK = " \ufffc "  # neither a word nor a gap between the words of a phrase


def plain_text(text: str) -> str:
    """``text`` with placeholders, tags, entities and URLs replaced by a mark that no
    phrase or term spans."""
    return _CODE.sub(_BLANK, text)


@dataclass(frozen=True)
class Rendering:
    """A mined translation of a source term.

    ``lemma``: the phrase as lemma keys; ``surface``: its most frequent form in the entries
    with the term; ``confidence``: the Dice coefficient (0-1); ``evidence``: entries holding
    both term and phrase; ``term_entries``: entries holding the term; ``phrase_entries``:
    entries holding the phrase; ``llr``: the log-likelihood ratio G².
    """

    lemma: str
    surface: str
    confidence: float
    evidence: int
    term_entries: int
    phrase_entries: int
    llr: float


@dataclass(frozen=True)
class _Segment:
    text: str  # placeholders blanked out
    keys: tuple[str, ...]  # one per token
    spans: tuple[tuple[int, int], ...]  # (start, end) of each token in text
    joined: tuple[bool, ...]  # joined[i]: token i follows token i-1 within a phrase
    hyphened: tuple[bool, ...]  # hyphened[i]: a hyphen alone separates tokens i-1 and i


class SourceIndex:
    """English sources, findable by term: an index of word beginnings narrows the entries,
    the term matcher (:func:`~pipeline.glossary.match.contains_source_term`) decides."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.texts = [plain_text(text) for text in sources]
        postings: defaultdict[str, set[int]] = defaultdict(set)
        for index, text in enumerate(self.texts):
            for match in _SOURCE_WORD.finditer(text):
                postings[match.group().lower()[:_SOURCE_KEY]].add(index)
        self._postings = dict(postings)
        self._glossary: tuple[GlossaryTerm, ...] = ()
        self._found: dict[int, frozenset[GlossaryTerm]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def entries_with(self, term: GlossaryTerm, glossary: Sequence[GlossaryTerm] = ()) -> list[int]:
        """Indexes of the sources holding the term, in order.

        With ``glossary`` (terms that include ``term``), an occurrence inside a longer term
        of it does not count (*Alabushevo* in *Alabushevo site*), as in the pipeline's hints
        and checks.
        """
        keys = {word.lower()[:_SOURCE_KEY] for word in _SOURCE_WORD.findall(term.term)}
        if not keys:
            return []
        lists = sorted((self._postings.get(key, set()) for key in keys), key=len)
        candidates = sorted(set(lists[0]).intersection(*lists[1:]))
        if glossary:
            return [i for i in candidates if term in self.glossary_terms(i, glossary)]
        return [i for i in candidates if contains_source_term(self.texts[i], term)]

    def glossary_terms(
        self, index: int, glossary: Sequence[GlossaryTerm]
    ) -> frozenset[GlossaryTerm]:
        """The terms of ``glossary`` the pipeline finds in source ``index`` (remembered for
        the last glossary asked about)."""
        glossary = tuple(glossary)
        if glossary != self._glossary:
            self._glossary, self._found = glossary, {}
        if index not in self._found:
            matches = find_source_matches(self.texts[index], glossary)
            self._found[index] = frozenset(match.term for match in matches)
        return self._found[index]


class TargetIndex:
    """Target texts of one language cut into lemma keys, with the entry frequency of every
    phrase of one to :data:`MAX_WORDS` words (or :data:`MAX_CHARS` characters)."""

    def __init__(self, targets: Sequence[str], lang: str) -> None:
        self.lang = lang
        self.profile = profile(lang)
        self.unspaced = self.profile.unspaced
        self.max_length = MAX_CHARS if self.unspaced else MAX_WORDS
        texts = [plain_text(text) for text in targets]
        self.segments = self._segments(texts)
        # The distinct phrases of each segment, and in how many segments each phrase is.
        self.phrase_sets = [frozenset(self._phrases(segment)) for segment in self.segments]
        self.frequency: Counter[tuple[str, ...]] = Counter()
        for phrases in self.phrase_sets:
            self.frequency.update(phrases)

    def __len__(self) -> int:
        return len(self.segments)

    def _segments(self, texts: Sequence[str]) -> list[_Segment]:
        tokens = [list(self._tokens(text)) for text in texts]
        if self.unspaced:
            keys_of: dict[str, str] = {}
        else:
            keys_of = self._lemma_keys(word for words in tokens for _, _, word in words)
        segments = []
        for text, words in zip(texts, tokens, strict=True):
            keys = tuple(keys_of.get(word, word) for _, _, word in words)
            spans = tuple((start, end) for start, end, _ in words)
            joined = tuple(
                index > 0 and self._adjacent(text, spans[index - 1][1], spans[index][0])
                for index in range(len(spans))
            )
            hyphened = tuple(
                index > 0 and text[spans[index - 1][1] : spans[index][0]] in _HYPHENS
                for index in range(len(spans))
            )
            segments.append(_Segment(text, keys, spans, joined, hyphened))
        return segments

    def _tokens(self, text: str) -> Iterable[tuple[int, int, str]]:
        """``(start, end, normalised token)``: words, or characters in unspaced languages
        (a run of Latin letters or digits stays one token there)."""
        if not self.unspaced:
            yield from self._words(text)
            return
        for match in _WORD.finditer(text):
            word = match.group()
            if word.isascii():
                yield match.start(), match.end(), normalize_word(word)
                continue
            folded = self.profile.analyzer.fold_variants(word)
            for offset, char in enumerate(folded if len(folded) == len(word) else word):
                start = match.start() + offset
                yield start, start + 1, unicodedata.normalize("NFKC", char).casefold()

    def _words(self, text: str) -> Iterable[tuple[int, int, str]]:
        """The words of a spaced language, as the term check cuts them (words joined by an
        apostrophe are one where the analyser knows the whole: ``об'єкт``)."""
        for word in target_words(text, self.profile.analyzer):
            yield word.start, word.end, normalize_word(word.text)

    def _adjacent(self, text: str, end: int, start: int) -> bool:
        if self.unspaced:
            return end == start
        return bool(_PHRASE_GAP.fullmatch(text, end, start))

    def _lemma_keys(self, words: Iterable[str]) -> dict[str, str]:
        """One lemma per word form: of its possible lemmas, the one most frequent in the
        text (weighted by how many lemmas each form has), ties alphabetically."""
        analyzer = self.profile.analyzer
        counts = Counter(words)
        lemmas = {}
        for word in counts:
            analysis = analyzer.analyze(word)
            found = analysis.lemmas if analysis.known else frozenset({analysis.surface})
            lemmas[word] = tuple(sorted(found)) or (word,)
        weight: Counter[str] = Counter()
        for word, count in counts.items():
            for lemma in lemmas[word]:
                weight[lemma] += count / len(lemmas[word])
        return {
            word: min(options, key=lambda lemma: (-weight[lemma], lemma))
            for word, options in lemmas.items()
        }

    def _spans(self, segment: _Segment) -> Iterable[tuple[int, int]]:
        """``(first, last)`` token of every candidate phrase of a segment.

        A phrase of several words neither begins nor ends with a word of one or two letters
        (articles, prepositions, elided ``l'``/``d'``) unless a hyphen joins it to the
        phrase (``E-Mail``).
        A sequence of several characters neither begins nor ends with a hiragana character
        unless it is all hiragana (particles and endings: リストを, 削除します).
        """
        keys, joined, hyphened = segment.keys, segment.joined, segment.hyphened
        for first in range(len(keys)):
            for last in range(first, min(first + self.max_length, len(keys))):
                if last > first and not joined[last]:
                    break
                if last == first:
                    yield first, last
                elif self.unspaced:
                    if not _kana_edge(keys[first : last + 1]):
                        yield first, last
                elif (len(keys[first]) > 2 or hyphened[first + 1]) and (
                    len(keys[last]) > 2 or hyphened[last]
                ):
                    yield first, last

    def _phrases(self, segment: _Segment) -> Iterable[tuple[str, ...]]:
        for first, last in self._spans(segment):
            yield segment.keys[first : last + 1]

    def surfaces(self, index: int, phrase: tuple[str, ...]) -> Iterable[str]:
        """The text of each occurrence of a phrase in a segment, as written there."""
        segment = self.segments[index]
        keys, size = segment.keys, len(phrase)
        for first in range(len(keys) - size + 1):
            if keys[first : first + size] == phrase and all(
                segment.joined[first + 1 : first + size]
            ):
                start, end = segment.spans[first][0], segment.spans[first + size - 1][1]
                yield segment.text[start:end]

    def lemma_text(self, phrase: tuple[str, ...]) -> str:
        return ("" if self.unspaced else " ").join(phrase)


def log_likelihood(both: int, term: int, phrase: int, total: int) -> float:
    """Dunning's G² for a 2×2 table of entry counts (both, term only, phrase only, neither)."""
    cells = (
        (both, term, phrase),
        (term - both, term, total - phrase),
        (phrase - both, total - term, phrase),
        (total - term - phrase + both, total - term, total - phrase),
    )
    score = 0.0
    for observed, row, column in cells:
        if observed > 0 and total > 0:
            expected = row * column / total
            score += observed * math.log(observed / expected)
    return 2.0 * score


class Miner:
    """Reviewed bilingual entries of one language, indexed once for many terms."""

    def __init__(self, sources: Sequence[str], targets: Sequence[str], lang: str) -> None:
        if len(sources) != len(targets):
            raise ValueError("sources and targets differ in length")
        self.lang = lang
        self.source = SourceIndex(sources)
        self.target = TargetIndex(targets, lang)

    def __len__(self) -> int:
        return len(self.source)

    def entries_with(
        self, term: GlossaryTerm | str, glossary: Sequence[GlossaryTerm] = ()
    ) -> list[int]:
        """Indexes of the entries whose source holds the term (see
        :meth:`SourceIndex.entries_with`)."""
        return self.source.entries_with(_as_term(term, self.lang), glossary)

    def candidates(
        self, term: GlossaryTerm | str, within: Sequence[int] | None = None, limit: int = 5
    ) -> list[Rendering]:
        """The best target phrases for a term, best first.

        ``within``: the entries to mine (default: every entry whose source has the term);
        phrases seen in fewer than :data:`MIN_EVIDENCE` of them are left out.
        """
        entries = self.entries_with(term) if within is None else list(within)
        if not entries:
            return []
        together: Counter[tuple[str, ...]] = Counter()
        for index in entries:
            together.update(self.target.phrase_sets[index])
        total, count = len(self.target), len(entries)
        frequency_of = self.target.frequency
        dices = [
            (2.0 * both / (count + frequency_of[phrase]), phrase, both)
            for phrase, both in together.items()
            if both >= MIN_EVIDENCE
        ]
        if not dices:
            return []
        # Only the phrases that can still rank (or extend the best one) get the rest.
        floor = min(
            EXTEND * max(d for d, _, _ in dices),
            sorted(d for d, _, _ in dices)[-min(limit, len(dices))],
        )
        scored = []
        for dice, phrase, both in dices:
            if dice < floor:
                continue
            frequency = frequency_of[phrase]
            llr = log_likelihood(both, count, frequency, total)
            # An exact tie means the shorter phrase only ever occurs inside the longer one
            # ("passe" in «mot de passe»): the longer is the whole rendering.
            scored.append((-dice, -llr, -len(phrase), phrase, both, frequency, llr, dice))
        scored.sort()
        if scored and self.target.unspaced:
            top = _whole_word(scored)
            scored.remove(top)
            scored.insert(0, top)
        return [
            Rendering(
                lemma=self.target.lemma_text(phrase),
                surface=_most_common(
                    Counter(
                        surface
                        for index in entries
                        for surface in self.target.surfaces(index, phrase)
                    )
                ),
                confidence=round(dice, 3),
                evidence=both,
                term_entries=count,
                phrase_entries=frequency,
                llr=round(llr, 1),
            )
            for _, _, _, phrase, both, frequency, llr, dice in scored[:limit]
        ]

    def best(
        self, term: GlossaryTerm | str, within: Sequence[int] | None = None
    ) -> Rendering | None:
        """The top candidate for a term, or None when no phrase has enough evidence or a
        confidence of :data:`MIN_CONFIDENCE`."""
        found = self.candidates(term, within, limit=1)
        return found[0] if found and found[0].confidence >= MIN_CONFIDENCE else None


def _is_hiragana(char: str) -> bool:
    return "\u3041" <= char <= "\u309f"


def _kana_edge(chars: tuple[str, ...]) -> bool:
    """A character sequence that begins or ends with hiragana but is not all hiragana."""
    edges = _is_hiragana(chars[0]) or _is_hiragana(chars[-1])
    return edges and not all(_is_hiragana(char) for char in chars)


def _whole_word(scored: list[tuple]) -> tuple:
    """In a language written without spaces, the best character sequence or a longer one
    containing it that scores nearly as well (:data:`EXTEND`): 权限 rather than 权, 站点
    rather than 站 — a character that scores higher only because it also occurs in other
    words is not the rendering."""
    best = scored[0]
    while True:
        phrase, dice = best[3], best[7]
        longer = [
            item
            for item in scored
            if len(item[3]) > len(phrase)
            and item[7] >= EXTEND * dice
            and _contains(item[3], phrase)
        ]
        if not longer:
            return best
        best = longer[0]  # scored is sorted: the best of them


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def _most_common(counter: Counter[str]) -> str:
    """The most frequent surface; ties to the lower-case one, then alphabetically."""
    return min(counter.items(), key=lambda item: (-item[1], not item[0].islower(), item[0]))[0]


def _as_term(term: GlossaryTerm | str, lang: str) -> GlossaryTerm:
    if isinstance(term, GlossaryTerm):
        return term
    return GlossaryTerm(term=term.strip(), lang=lang, translations=())
