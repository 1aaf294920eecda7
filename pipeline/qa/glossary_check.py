"""The ``glossary`` check: the target uses the glossary's terminology for the source's terms.

The glossary terms found in the English source (:meth:`Glossary.find_in_source`) are
checked in the target with :func:`pipeline.glossary.check_target` (Russian at lemma level):

* a forbidden variant is used → error;
* a do-not-translate term is not in the target verbatim → error;
* a required translation is missing → warning.

Without a glossary (no ``--glossary``) the check does nothing.
"""

from __future__ import annotations

from ..glossary import check_target
from . import QAFinding, QAItem, QAOptions, Severity, check, finding


@check(
    "glossary",
    Severity.ERROR,
    "glossary terms of the source: forbidden variant used or do-not-translate term "
    "not verbatim (error); required translation missing (warning)",
)
def check_glossary(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """Forbidden variants, do-not-translate terms changed, required terms missing."""
    if options.glossary is None:
        return []
    matches = options.glossary.find_in_source(item.source, item.lang)
    terms = list(dict.fromkeys(match.term for match in matches))
    if not terms:
        return []
    findings: list[QAFinding] = []
    for result in check_target(item.target, terms, item.lang):
        if result.ok:
            continue
        term = result.term
        if result.found_forbidden:
            used = ", ".join(f"«{variant}»" for variant in result.found_forbidden)
            message = f"{term.label}: forbidden variant {used} used"
            severity = Severity.ERROR
        elif term.dnt:
            message = f"«{term.term}» is not in the target verbatim (do not translate)"
            severity = Severity.ERROR
        else:
            message = result.message or f"{term.label}: missing"
            severity = Severity.WARNING
        if term.note:
            message = f"{message} ({term.note})"
        findings.append(finding("glossary", message, severity))
    return findings
