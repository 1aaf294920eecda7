"""The ``plurals`` check: the catalog's ``Plural-Forms`` header against the language's CLDR
plural rules, and every plural entry's number of ``msgstr[n]`` against the header.

``msgfmt -c`` rejects a catalog whose plural entries have another number of forms than the
header's ``nplurals``, and a ``plural`` expression that can select a form beyond it; either
way ``ngettext`` picks a wrong or missing form at run time. How the header is read and which
``nplurals`` CLDR allows is :mod:`.plural_forms`' business.

The header's findings go to the first plural entry of the catalog (the header itself has
no place for findings), an entry's own count to that entry.
"""

from __future__ import annotations

from . import QAFinding, QAItem, QAOptions, Severity, check, finding

CHECK_ID = "plurals"


@check(
    CHECK_ID,
    Severity.ERROR,
    "a plural entry's number of msgstr[n] differs from the header's nplurals, or the "
    "Plural-Forms header disagrees with the language's CLDR plural rules (the expected "
    "value named) or selects a form beyond nplurals — what msgfmt -c rejects",
)
def check_plurals(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """The entry's number of plural forms against the header, and the header's problems
    (given only to the catalog's first plural entry)."""
    context = item.context
    if context is None or not context.msgid_plural:
        return []
    findings = [finding(CHECK_ID, problem) for problem in context.header_problems]
    rule = context.plural_rule
    if rule is not None and rule.nplurals and context.form_count != rule.nplurals:
        findings.append(
            finding(
                CHECK_ID,
                f"the entry has {context.form_count} plural forms, the header's "
                f"Plural-Forms says nplurals={rule.nplurals}",
            )
        )
    return findings
