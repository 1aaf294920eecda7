"""The ``roundtrip`` check: the round-trip chrF recorded at MT time is not too low.

``l10n translate`` back-translates every MT output to English and records the chrF of the
back-translation against the source as ``#. round-trip chrF: <score>``. A low score hints
at a mistranslation. The score is used only while the msgstr is still the untouched MT
output (:func:`pipeline.pofile.is_machine_translation`); without one the check is skipped.
"""

from __future__ import annotations

from . import QAFinding, QAItem, QAOptions, Severity, check, finding


@check(
    "roundtrip",
    Severity.WARNING,
    "round-trip chrF recorded at MT time below the threshold (default 40); only while"
    " the msgstr is still the untouched MT output",
)
def check_roundtrip(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """Round-trip chrF below ``options.min_chrf``."""
    score = item.roundtrip_chrf
    if score is None or score >= options.min_chrf:
        return []
    return [
        finding(
            "roundtrip",
            f"round-trip chrF {score:.1f} is below {options.min_chrf:g}: the back-translation "
            "differs much from the source",
        )
    ]
