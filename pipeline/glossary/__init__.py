"""The domain glossary: ``glossary/terms.csv``, term matching, checks and enforcement.

Modules: :mod:`.terms` (the data classes), :mod:`.csvfile` (the CSV format), :mod:`.store`
(:class:`Glossary`), :mod:`.match` (English source matching), :mod:`.target`
(target-side matching, lemma level through :mod:`pipeline.languages`), :mod:`.hints`,
:mod:`.enforce` (n-best selection, inflected forms for decoding), :mod:`.lint`,
:mod:`.tbx` (TBX import/export) and :mod:`.suggest`.
"""

from __future__ import annotations

from .enforce import Choice, choose_hypothesis, forbidden_forms, inflected_forms, term_forms
from .hints import hint_comment
from .store import DEFAULT_GLOSSARY_PATH, Glossary
from .target import check_target, find_target_terms
from .terms import GlossaryTerm, SourceMatch, TermCheck

__all__ = [
    "DEFAULT_GLOSSARY_PATH",
    "Choice",
    "Glossary",
    "GlossaryTerm",
    "SourceMatch",
    "TermCheck",
    "check_target",
    "choose_hypothesis",
    "find_target_terms",
    "forbidden_forms",
    "hint_comment",
    "inflected_forms",
    "term_forms",
]
