"""The engine interface, and what every engine shares: long-input splitting, constraint
grouping, batching, n-best joins.

Kept free of torch and ctranslate2. An engine subclasses :class:`TranslationEngine` and
implements ``load``, ``count_tokens`` and ``_generate`` (one batch of inputs that fit, with
one set of forbidden forms and, when the engine's preferred forms bias decoding, one set of
preferred forms); the model family's :class:`~.families.LanguageTokens` say how to put the
languages to the model.

Scores
    :attr:`Hypothesis.score` is the length-normalised log-probability of the output: the sum
    of the log-probabilities of the generated tokens, ``</s>`` included, divided by their
    number (``length_penalty=1.0``; this is what ``generate`` returns as ``sequences_scores``
    and what CTranslate2 returns with ``return_scores=True``). It is at most 0; higher is
    better. With ``prefer`` terms the bias is part of the score (see :class:`EngineOptions`).

Long inputs
    Sources longer than :attr:`TranslationEngine.max_input_tokens` are split at ``;``, then
    ``,``, then whitespace into pieces that fit; the pieces are translated and their
    translations joined with a space. :attr:`Hypothesis.pieces` says into how many pieces a
    source was split (1: not split). Nothing is ever truncated: a run of text without
    whitespace that alone exceeds the limit raises :class:`~pipeline.errors.InputError`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..errors import InputError
from .options import EngineOptions
from .signature import EngineSignature

if TYPE_CHECKING:
    from ..modelstore import LocalModel
    from .families import LanguageTokens, ModelFamily

TermLists = Sequence[Sequence[str]]


@dataclass(frozen=True)
class Hypothesis:
    """One translation of a source: its text and score (see the module docstring).

    ``pieces`` is the number of pieces the source was split into to fit the model's input
    limit; 1 means it was translated whole.
    """

    text: str
    score: float
    pieces: int = 1

    @property
    def split(self) -> bool:
        """Whether the source was split to fit the model's input limit."""
        return self.pieces > 1


# A tokenizer's model_max_length above this is the "no limit" placeholder (1e30).
_NO_LIMIT = 1_000_000


def input_limit(positions: int | None, model_max_length: object) -> int:
    """Most source tokens (``</s>`` included) a model takes: its position limit and its
    tokenizer's ``model_max_length`` (unless that is the "no limit" placeholder), 512 if
    neither is known."""
    limits: list[object] = [positions]
    if isinstance(model_max_length, int) and model_max_length < _NO_LIMIT:
        limits.append(model_max_length)
    found = [limit for limit in limits if isinstance(limit, int) and limit > 0]
    return min(found) if found else 512


# Split levels for inputs over the model limit: after ``;`` (and the full-width clause and
# sentence marks of scripts written without spaces), after ``,`` (and ``，、``), then at
# whitespace; last, a run in such a script is cut between characters.
_SPLIT_LEVELS = (
    re.compile(r"(?<=;)\s+|(?<=[；。！？])"),
    re.compile(r"(?<=,)\s+|(?<=[，、])"),
    re.compile(r"\s+"),
)
# Han, kana, Thai, Lao, Myanmar, Khmer: scripts whose words are not separated by spaces.
_NO_SPACES = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
_SHOWN = 40


def split_to_fit(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut ``text`` into pieces with ``count(piece) <= limit``, at clause boundaries first.

    Pieces are the text's own words (whitespace between pieces is dropped). A word that does
    not fit alone raises InputError naming it.
    """
    text = text.strip()
    if count(text) <= limit:
        return [text]
    return _split_level(text, count, limit, 0)


def _split_level(text: str, count: Callable[[str], int], limit: int, level: int) -> list[str]:
    if level == len(_SPLIT_LEVELS):
        if len(_NO_SPACES.findall(text)) * 2 > len(text) and len(text) > 1:
            middle = len(text) // 2
            return [
                piece
                for half in (text[:middle], text[middle:])
                for piece in (
                    [half] if count(half) <= limit else _split_level(half, count, limit, level)
                )
            ]
        shown = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
        raise InputError(
            f"cannot split {shown!r} to fit the model: {count(text)} tokens without a space, "
            f"the model takes at most {limit}"
        )
    chunks = [chunk for chunk in _SPLIT_LEVELS[level].split(text) if chunk]
    if len(chunks) == 1:
        return _split_level(text, count, limit, level + 1)
    pieces: list[str] = []
    current = ""
    for chunk in chunks:
        if count(chunk) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.extend(_split_level(chunk, count, limit, level + 1))
            continue
        candidate = f"{current} {chunk}" if current else chunk
        if count(candidate) <= limit:
            current = candidate
        else:
            pieces.append(current)
            current = chunk
    if current:
        pieces.append(current)
    return pieces


def term_variants(forms: Sequence[str]) -> list[str]:
    """The distinct non-empty forms, each also with its first letter upper-cased.

    Sentence-initial words are capitalised, so a form given in lower case is also matched
    (or suppressed) at the start of a sentence.
    """
    seen: dict[str, None] = {}
    for form in forms:
        form = " ".join(form.split())
        if not form:
            continue
        seen.setdefault(form, None)
        seen.setdefault(form[0].upper() + form[1:], None)
    return list(seen)


def starts_word(text: str, forms: Sequence[str]) -> bool:
    """Whether one of ``forms`` occurs in ``text`` where a word starts (also as the start of a
    longer word): every place where a decoder could have produced the form's tokens."""
    for form in forms:
        start = text.find(form)
        while start != -1:
            before = text[start - 1] if start else " "
            if not (before.isalnum() or before == "_"):
                return True
            start = text.find(form, start + 1)
    return False


@dataclass(frozen=True)
class _Piece:
    """A source (or a piece of a long one) to translate, with its terms."""

    index: int  # the source's position
    number: int  # the piece's position in the source
    piece: str
    preferred: tuple[str, ...]
    avoided: tuple[str, ...]


def join_pieces(per_piece: Sequence[Sequence[Hypothesis]], pieces: int) -> list[Hypothesis]:
    """n-best list of a split source from the n-best lists of its pieces.

    The k-th hypothesis joins the k-th hypothesis of every piece (the last one where a piece
    has fewer); its score is the mean of the pieces' scores. Duplicates are dropped.
    """
    width = max(len(hyps) for hyps in per_piece)
    joined: list[Hypothesis] = []
    seen: set[str] = set()
    for k in range(width):
        chosen = [hyps[min(k, len(hyps) - 1)] for hyps in per_piece]
        text = " ".join(h.text.strip() for h in chosen if h.text.strip())
        if text in seen:
            continue
        seen.add(text)
        score = sum(h.score for h in chosen) / len(chosen)
        joined.append(Hypothesis(text=text, score=score, pieces=pieces))
    joined.sort(key=lambda h: h.score, reverse=True)
    return joined


# Who wants to know when an engine load enters its native part (see on_native_load).
_native_load_listeners: list[Callable[[], None]] = []


@contextmanager
def on_native_load(listener: Callable[[], None]) -> Iterator[None]:
    """Call ``listener``, while the block runs, whenever an engine load enters its native
    part: the part that runs without the GIL (CTranslate2 reading its weights), beside which
    other Python work goes at full speed, where the load's own Python work (importing the
    library, reading the vocabulary) would share the GIL with it."""
    _native_load_listeners.append(listener)
    try:
        yield
    finally:
        _native_load_listeners.remove(listener)


def native_load_starts() -> None:
    """Called by an engine's load just before its native part (:func:`on_native_load`)."""
    for listener in list(_native_load_listeners):
        listener()


class TranslationEngine(ABC):
    """A loaded translation model, ready to translate batches of sentences.

    Subclasses provide loading, tokenisation and generation; ``translate_batch`` (splitting,
    grouping by terms, batching by length, joining pieces) is shared.
    """

    #: The engine's canonical name, as in :data:`pipeline.engines.ENGINES`.
    name: ClassVar[str]
    signature: EngineSignature
    options: EngineOptions
    max_input_tokens: int
    # Whether preferred forms change decoding for a whole batch (then sources with different
    # preferred forms go in different batches) or only rerank each source's hypotheses.
    terms_bias_decoding: ClassVar[bool] = True

    # -- to implement -------------------------------------------------------------------
    @classmethod
    @abstractmethod
    def load(
        cls,
        local: LocalModel,
        family: ModelFamily,
        tokens: LanguageTokens,
        *,
        source_lang: str,
        target_lang: str,
        options: EngineOptions,
    ) -> TranslationEngine:
        """Load model ``local`` of ``family`` for the direction ``tokens`` describe;
        ModelError when impossible."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Number of source-side tokens of ``text`` as the model sees it (language tokens
        and ``</s>`` included)."""

    @abstractmethod
    def _generate(
        self,
        texts: Sequence[str],
        num_hypotheses: int,
        prefer: Sequence[Sequence[str]],
        avoid: Sequence[str],
    ) -> list[list[Hypothesis]]:
        """n-best lists for ``texts`` (each fits the model): ``prefer`` per text (all equal
        when :attr:`terms_bias_decoding`), ``avoid`` for the whole batch."""

    # -- shared -------------------------------------------------------------------------
    def split_source(self, text: str) -> list[str]:
        """``text`` cut into pieces that fit ``max_input_tokens`` (``[text]`` when it fits)."""
        return split_to_fit(text, self.count_tokens, self.max_input_tokens)

    def translate_batch(
        self,
        sources: Sequence[str],
        *,
        num_hypotheses: int | None = None,
        prefer: TermLists | None = None,
        avoid: TermLists | None = None,
    ) -> list[list[Hypothesis]]:
        """Translate ``sources``: per source its n-best list, best first.

        A list holds up to ``num_hypotheses`` distinct texts (duplicates are dropped); an
        empty or blank source gets ``[Hypothesis("", 0.0)]``.

        ``num_hypotheses`` defaults to ``options.num_hypotheses``. ``prefer`` / ``avoid``
        (one list per source, or None) hold target-language word forms: preferred forms are
        biased up, avoided forms are never generated (transformers: ``sequence_bias`` and
        ``bad_words_ids``; ctranslate2: n-best reranking and ``suppress_sequences``).
        """
        if isinstance(sources, str):
            raise TypeError("translate_batch takes a sequence of strings, not one string")
        n = self.options.num_hypotheses if num_hypotheses is None else num_hypotheses
        if n < 1:
            raise ValueError(f"num_hypotheses must be at least 1, not {n}")
        prefer_lists = _per_source(prefer, len(sources), "prefer")
        avoid_lists = _per_source(avoid, len(sources), "avoid")

        # Every piece to translate, grouped by the terms that apply to it.
        filtering = self.filters_forbidden()
        piece_counts: list[int] = []
        groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[_Piece]] = {}
        for index, source in enumerate(sources):
            if not source.strip():
                piece_counts.append(0)
                continue
            pieces = self.split_source(source)
            piece_counts.append(len(pieces))
            preferred = tuple(term_variants(prefer_lists[index]))
            avoided = tuple(term_variants(avoid_lists[index]))
            key = (
                preferred if self.terms_bias_decoding else (),
                () if filtering else avoided,
            )
            for number, piece in enumerate(pieces):
                groups.setdefault(key, []).append(_Piece(index, number, piece, preferred, avoided))

        results: dict[tuple[int, int], list[Hypothesis]] = {}
        again: dict[tuple[tuple[str, ...], tuple[str, ...]], list[_Piece]] = {}
        for (prefer_key, avoid_key), items in groups.items():
            for item, hyps in zip(items, self._translate_items(items, n, avoid_key), strict=True):
                if filtering and item.avoided:
                    hyps = [h for h in hyps if not starts_word(h.text, item.avoided)]
                    if not hyps:  # every hypothesis has a forbidden form: decode again
                        again.setdefault((prefer_key, item.avoided), []).append(item)
                        continue
                results[(item.index, item.number)] = hyps
        for (_, avoid_key), items in again.items():
            for item, hyps in zip(items, self._translate_items(items, n, avoid_key), strict=True):
                results[(item.index, item.number)] = hyps

        output: list[list[Hypothesis]] = []
        for index, count in enumerate(piece_counts):
            if count == 0:
                output.append([Hypothesis(text="", score=0.0)])
            elif count == 1:
                output.append(results[(index, 0)])
            else:
                per_piece = [results[(index, number)] for number in range(count)]
                output.append(join_pieces(per_piece, count)[:n])
        return output

    def filters_forbidden(self) -> bool:
        """Whether forbidden forms are filtered out of n-best lists decoded without them
        (sources with different forbidden forms then share batches; a source left with no
        hypothesis is decoded again with its forms suppressed) rather than suppressed while
        decoding, one batch per set of forms."""
        return False

    def _translate_items(
        self, items: Sequence[_Piece], n: int, avoid: Sequence[str]
    ) -> list[list[Hypothesis]]:
        return self._translate_sorted(
            [item.piece for item in items], n, [item.preferred for item in items], avoid
        )

    def _translate_sorted(
        self,
        texts: Sequence[str],
        n: int,
        prefer: Sequence[Sequence[str]],
        avoid: Sequence[str],
    ) -> list[list[Hypothesis]]:
        """Translate in batches of similar length (longest first), in the original order."""
        order = sorted(range(len(texts)), key=lambda i: self.count_tokens(texts[i]), reverse=True)
        size = self.options.batch_size
        out: list[list[Hypothesis]] = [[] for _ in texts]
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            for i, hyps in zip(
                batch,
                self._generate([texts[i] for i in batch], n, [prefer[i] for i in batch], avoid),
                strict=True,
            ):
                out[i] = hyps
        return out


def _per_source(lists: TermLists | None, count: int, name: str) -> list[Sequence[str]]:
    if lists is None:
        return [()] * count
    if len(lists) != count:
        raise ValueError(f"{name} has {len(lists)} entries for {count} sources")
    result: list[Sequence[str]] = []
    for entry in lists:
        if isinstance(entry, str):
            raise TypeError(f"{name} takes one list of forms per source, not a string")
        result.append(entry or ())
    return result
