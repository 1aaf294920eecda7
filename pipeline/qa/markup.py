"""The ``markup`` check: the inline codes of the source (``<b1>…</b1>``, ``<x2/>``, see
:mod:`pipeline.inline`) are all in the translation, each exactly once, paired codes opened
before they are closed and properly nested, and no code is invented. An error: ``l10n
build`` cannot place the formatting of a translation whose codes do not fit.
"""

from __future__ import annotations

from ..inline import CODE, markup_problems
from . import QAFinding, QAItem, QAOptions, Severity, check, finding

CHECK_ID = "markup"


@check(
    CHECK_ID,
    Severity.ERROR,
    "inline codes of the source (<b1>…</b1>, <x2/>) each exactly once in the target, "
    "paired and properly nested, none invented",
)
def check_markup(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """One finding per problem with the target's inline codes."""
    if not CODE.search(item.source) and not CODE.search(item.target):
        return []
    return [finding(CHECK_ID, problem) for problem in markup_problems(item.source, item.target)]
