"""Quality checks of translations in PO catalogs (``l10n qa``, ``l10n review``).

Every entry with a translation (fuzzy or not, not obsolete) is checked; the source language
is English, the target language is the catalog's ``Language`` header.

A check is a function declared with :func:`check`, which gives its stable id, its severity
and what it reports; the modules named in :data:`CHECK_MODULES` hold them and are imported
on first use. That registry is the only list of checks: ``l10n qa --help``, the table in
docs/qa.md (:func:`checks_markdown`) and the findings' severities come from it. Findings go
back into the PO as ``#. qa: <check>: <message>`` comments.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import polib

from ..catalog import QA_PREFIX, TEMPLATE_PREFIXES, TRANSLATION_PREFIXES
from ..entry import Entry
from ..errors import InputError
from ..languages import SOURCE_LANGUAGE, parse_language
from ..languages.detect import detect_language
from ..roundtrip import DEFAULT_MIN_CHRF

if TYPE_CHECKING:
    from ..glossary import Glossary
    from .consistency_index import ConsistencyIndex
    from .plural_forms import PluralRule

_TOOL_PREFIXES = (*TEMPLATE_PREFIXES, *TRANSLATION_PREFIXES, QA_PREFIX)


class Severity(StrEnum):
    """How bad a finding is: errors make ``l10n qa`` exit 1, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class QAFinding:
    """One problem found in one translation."""

    check: str
    severity: Severity
    message: str

    @property
    def comment(self) -> str:
        """The extracted comment recording it in the PO (one line)."""
        return f"{QA_PREFIX}{self.check}: {' '.join(self.message.split())}"


@dataclass(frozen=True)
class EntryContext:
    """What a check may need of the catalog entry a translation comes from: its flags
    (``python-format``…), both sources, which plural form it is and how many the entry
    has, the catalog's plural rule, the header's problems (given to one entry only), and
    whether the msgstr is still the untouched MT output (``machine``)."""

    msgid: str
    msgid_plural: str = ""
    flags: frozenset[str] = frozenset()
    form: int | None = None
    form_count: int = 0
    plural_rule: PluralRule | None = None
    header_problems: tuple[str, ...] = ()
    machine: bool = False
    msgctxt: str | None = None

    @property
    def single_value(self) -> bool:
        """This plural form is selected by one number only (``n == 1``)."""
        return (
            self.form is not None
            and self.plural_rule is not None
            and self.plural_rule.single_value(self.form)
        )


@dataclass(frozen=True)
class QAItem:
    """One translation to check: source, target text and its target language.

    ``roundtrip_chrf`` is the round-trip score recorded at MT time, None when there is none
    or the msgstr is no longer the MT output. ``source_lang`` is ``en`` except for the odd
    segment in another language (the catalog's ``l10n: source is in …`` entries).
    ``context``: the entry it comes from, when it comes from a catalog.
    """

    source: str
    target: str
    lang: str
    roundtrip_chrf: float | None = None
    source_lang: str = SOURCE_LANGUAGE
    context: EntryContext | None = None


@dataclass(frozen=True)
class QAOptions:
    """Settings shared by all checks of a run."""

    glossary: Glossary | None = None
    min_chrf: float = DEFAULT_MIN_CHRF
    # The run's entries, for the consistency check (None: a catalog checked alone).
    consistency: ConsistencyIndex | None = None


CheckFunction = Callable[[QAItem, QAOptions], list[QAFinding]]

# The modules that define checks, in the order their checks run and are listed (within a
# module, in the order of definition).
CHECK_MODULES = (
    "placeholders",
    "plurals",
    "numbers",
    "glossary_check",
    "markup",
    "text",
    "roundtrip_check",
    "consistency",
)


@dataclass(frozen=True)
class Check:
    """A registered check: stable id, (highest) severity, what it reports, implementation."""

    id: str
    severity: Severity
    description: str
    function: CheckFunction


_REGISTERED: dict[str, Check] = {}


def check(
    check_id: str, severity: Severity, description: str
) -> Callable[[CheckFunction], CheckFunction]:
    """Declare a function as the check ``check_id``; its module must be in CHECK_MODULES."""

    def register(function: CheckFunction) -> CheckFunction:
        known = _REGISTERED.get(check_id)
        where = (function.__module__, function.__qualname__)
        if known and (known.function.__module__, known.function.__qualname__) != where:
            raise ValueError(f"check id '{check_id}' is declared twice")
        _REGISTERED[check_id] = Check(check_id, severity, " ".join(description.split()), function)
        return function

    return register


@cache
def all_checks() -> Mapping[str, Check]:
    """Every check by id, in the order they run (imports :data:`CHECK_MODULES`)."""
    ordered: dict[str, Check] = {}
    for name in CHECK_MODULES:
        module = importlib.import_module(f"{__name__}.{name}").__name__
        ordered |= {k: c for k, c in _REGISTERED.items() if c.function.__module__ == module}
    return MappingProxyType(ordered)


def checks_markdown() -> str:
    """The checks as the Markdown table of docs/qa.md."""
    rows = [
        f"| `{c.id}` | {c.severity} | {_markdown_cell(c.description)} |"
        for c in all_checks().values()
    ]
    return "\n".join(["| check | severity | what it reports |", "| --- | --- | --- |", *rows])


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")


def finding(check_id: str, message: str, severity: Severity | None = None) -> QAFinding:
    """A finding of a check, with the check's declared severity unless given."""
    return QAFinding(check_id, severity or _REGISTERED[check_id].severity, message)


def run_checks(
    item: QAItem, options: QAOptions | None = None, only: Iterable[str] | None = None
) -> list[QAFinding]:
    """All findings for one translation, in :func:`all_checks` order (``only``: some ids)."""
    options = options or QAOptions()
    registry = all_checks()
    wanted = set(registry if only is None else only)
    unknown = wanted - set(registry)
    if unknown:
        raise ValueError(f"unknown check ids: {', '.join(sorted(unknown))}")
    findings: list[QAFinding] = []
    plain = without_inline_codes(item)
    for check_id, registered in registry.items():
        if check_id in wanted:
            checked = item if check_id in CHECKS_OF_CODES else plain
            findings.extend(registered.function(checked, options))
    return findings


# Checks that see the inline codes (<b1>…</b1>); the others get the text without them.
CHECKS_OF_CODES = frozenset({"markup"})


def without_inline_codes(item: QAItem) -> QAItem:
    """The item with the inline codes of a rich document taken out of source and target."""
    from dataclasses import replace

    from ..inline import has_codes, strip_codes

    if not has_codes(item.source) and not has_codes(item.target):
        return item
    return replace(item, source=strip_codes(item.source), target=strip_codes(item.target))


# --- catalogs -------------------------------------------------------------------------------


@dataclass
class EntryReport:
    """The findings of one PO entry (empty for entries without translation)."""

    entry: polib.POEntry
    findings: list[QAFinding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


def catalog_language(catalog: polib.POFile, path: object = None) -> str:
    """The target language of a catalog (its ``Language`` header)."""
    lang = (catalog.metadata.get("Language") or "").strip()
    if not lang:
        raise InputError("catalog has no Language header", path=path)
    return parse_language(lang, where=f"{path}: Language header" if path else "Language header")


def entry_items(
    entry: polib.POEntry,
    lang: str,
    plural_rule: PluralRule | None = None,
    header_problems: tuple[str, ...] = (),
) -> list[QAItem]:
    """The translations of an entry as QA items (one per non-empty plural form).

    A plural form is checked against ``msgid`` when the catalog's ``plural_rule`` selects it
    for n = 1 (form 0 without a rule), else against ``msgid_plural``.
    """
    view = Entry(entry)
    if not view.translated:
        return []
    source_lang = detect_language(entry.msgid)
    chrf = None if entry.msgid_plural else view.roundtrip_chrf
    flags = frozenset(entry.flags)
    machine = view.machine_output
    if not entry.msgid_plural:
        context = EntryContext(entry.msgid, flags=flags, machine=machine, msgctxt=entry.msgctxt)
        return [QAItem(entry.msgid, entry.msgstr, lang, chrf, source_lang, context)]
    items: list[QAItem] = []
    forms = sorted((int(index), form) for index, form in entry.msgstr_plural.items())
    for index, form in forms:
        if not form:
            continue
        context = EntryContext(
            entry.msgid,
            entry.msgid_plural,
            flags,
            index,
            len(forms),
            plural_rule,
            header_problems if not items else (),
            machine,
            entry.msgctxt,
        )
        source = entry.msgid if _selected_by_one(plural_rule, index) else entry.msgid_plural
        items.append(QAItem(source, form, lang, None, source_lang, context))
    return items


def _selected_by_one(rule: PluralRule | None, index: int) -> bool:
    """Whether plural form ``index`` is the one n = 1 selects."""
    if rule is None or rule.selects is None:
        return index == 0
    return index < len(rule.selects) and 1 in rule.selects[index]


def check_catalog(catalog: polib.POFile, lang: str, options: QAOptions) -> list[EntryReport]:
    """A report for every active entry of a catalog, in document order.

    The problems of the catalog's ``Plural-Forms`` header are reported on its first plural
    entry."""
    from .plural_forms import header_problems, parse_plural_forms

    header = catalog.metadata.get("Plural-Forms", "")
    rule = parse_plural_forms(header)
    problems = tuple(header_problems(header, lang))
    reports: list[EntryReport] = []
    for entry in catalog:
        if entry.obsolete:
            continue
        findings: list[QAFinding] = []
        given = problems if entry.msgid_plural and Entry(entry).translated else ()
        for item in entry_items(entry, lang, rule, given):
            for found in run_checks(item, options):
                if found not in findings:
                    findings.append(found)
        if given:
            problems = ()
        reports.append(EntryReport(entry, findings))
    return reports


def replace_qa_comments(entry: polib.POEntry, findings: Sequence[QAFinding]) -> bool:
    """Put ``findings`` in the entry's ``qa:`` comments, replacing the old ones.

    Every other comment line stays exactly as it is; the ``qa:`` lines (and lines wrapped
    from them) are removed and the new ones appended. True if the comment changed.
    """
    old_lines = (entry.comment or "").splitlines()
    old_qa = [line for line in Entry(entry).comment_lines() if is_qa_line(line)]
    new_qa = [f.comment for f in findings]
    if [_unwrapped(line) for line in old_qa] == [_unwrapped(line) for line in new_qa]:
        return False  # the same findings, however polib wrapped them
    kept: list[str] = []
    in_qa = False
    for line in old_lines:
        stripped = line.strip()
        if stripped.startswith(QA_PREFIX):
            in_qa = True
        elif stripped.startswith(_TOOL_PREFIXES):
            in_qa = False
        if not in_qa:
            kept.append(line)
    entry.comment = "\n".join([*kept, *new_qa])
    return True


def _unwrapped(line: str) -> str:
    """A comment without its white space: polib may wrap a line after a hyphen."""
    return "".join(line.split())


def is_qa_line(line: str) -> bool:
    """Whether a (joined) comment line is a QA finding written by the tool."""
    return line.startswith(QA_PREFIX)
