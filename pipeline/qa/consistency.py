"""The ``consistency`` check (warning): within one run of ``l10n qa`` (or ``review``) over
several catalogs, a source translated two different ways in one language (entries with
another msgctxt are other messages), and one translation used for two different sources.

The run's entries are indexed first (:class:`~pipeline.qa.consistency_index.ConsistencyIndex`,
given to the checks in :class:`~pipeline.qa.QAOptions`); a finding names the other
translation or source and where it is. Plural entries are left out (their forms differ by
design).
"""

from __future__ import annotations

from . import QAFinding, QAItem, QAOptions, Severity, check, finding

CHECK_ID = "consistency"


@check(
    CHECK_ID,
    Severity.WARNING,
    "within one run over several catalogs of a language: the same source (and msgctxt) "
    "translated two different ways, or one translation used for two different sources "
    "(translations compared at lemma level where the language has an analyser)",
)
def check_consistency(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """The run's other translations of this source, and other sources of this translation."""
    index = options.consistency
    context = item.context
    if index is None or context is None or context.msgid_plural:
        return []
    problems = index.problems(context.msgid, item.target, item.lang, context.msgctxt)
    return [finding(CHECK_ID, problem) for problem in problems]
