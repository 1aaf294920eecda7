"""Terminology enforcement during machine translation.

* :func:`choose_hypothesis` picks, from an n-best list, the best-scoring hypothesis that
  uses every required term and no forbidden variant (or the least bad one).
* :func:`inflected_forms` / :func:`term_forms` give the forms of target terms that the
  language's profile can generate (case and number forms with pymorphy3 for Russian and
  Ukrainian; the term as written elsewhere, where the n-best choice with lemma-level
  matching does the work), for biasing decoding towards them (transformers
  ``sequence_bias``); :func:`forbidden_forms` those of forbidden variants (``bad_words_ids``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..languages import profile
from .target import check_target
from .terms import GlossaryTerm, TermCheck


@dataclass(frozen=True)
class Choice:
    """The hypothesis chosen from an n-best list.

    ``index`` is its position in the list; ``compliant`` is true when it passes every term
    check, otherwise ``failed`` holds the checks it fails; ``checks``: all its checks, one
    per term (as :func:`check_target` gives them).
    """

    text: str
    score: float
    index: int
    compliant: bool
    failed: tuple[TermCheck, ...] = ()
    checks: tuple[TermCheck, ...] = ()


def choose_hypothesis(
    hypotheses: Sequence[tuple[str, float]], terms: Sequence[GlossaryTerm], lang: str
) -> Choice:
    """The best-scoring compliant hypothesis; else the one with fewest failed terms.

    ``hypotheses`` are ``(text, score)`` pairs, higher scores better (best first, as beam
    search returns them); ties in score go to the earlier hypothesis.
    """
    if not hypotheses:
        raise ValueError("no hypotheses to choose from")
    best: tuple[tuple[int, float, int], Choice] | None = None
    for index, (text, score) in enumerate(hypotheses):
        checks = tuple(check_target(text, terms, lang))
        failed = tuple(check for check in checks if not check.ok)
        key = (len(failed), -score, index)
        if best is None or key < best[0]:
            choice = Choice(
                text=text,
                score=score,
                index=index,
                compliant=not failed,
                failed=failed,
                checks=checks,
            )
            best = (key, choice)
        chosen = best[1]
        if chosen.compliant and all(later <= chosen.score for _, later in hypotheses[index + 1 :]):
            break  # nothing after it can do better: no failures, no better score
    assert best is not None
    return best[1]


def inflected_forms(translation: str, lang: str) -> list[str]:
    """The forms of a target term the language's profile generates, the term first.

    With pymorphy3 (Russian, Ukrainian): six cases × singular/plural with agreement, quoted
    names, acronyms and unknown words left as they are; elsewhere the term alone.
    """
    return profile(lang).analyzer.inflect(translation)


def term_forms(term: GlossaryTerm, lang: str) -> list[str]:
    """Every form of every translation alternative of a term (the English term if dnt)."""
    if term.dnt:
        return [term.term]
    forms = [form for phrase in term.translations for form in inflected_forms(phrase, lang)]
    return list(dict.fromkeys(forms))


def forbidden_forms(term: GlossaryTerm, lang: str) -> list[str]:
    """Every form of the term's forbidden variants, also with a capital first letter.

    The capitalised spellings cover a variant at the start of a sentence; use the list for
    ``bad_words_ids``.
    """
    forms: list[str] = []
    for variant in term.forbidden:
        for form in inflected_forms(variant, lang):
            forms.append(form)
            forms.append(form[:1].upper() + form[1:])
    return list(dict.fromkeys(forms))
