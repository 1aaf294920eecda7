"""The ``placeholders`` check: the format placeholders of the source are those of the
translation, compared as each format's runtime reads them.

Formats, from the entry's flag (``#, python-format``, ``python-brace-format``,
``c-format``), or for an entry without one from what the source clearly holds (a named
``%(name)s``, a bare ``%s``/``%d``, ``%1$s``, ``{name}``/``{0}``):

* python-format: placeholders as Babel's ``PYTHON_FORMAT`` reads them (``%(name)s``,
  ``%-5.2f``, ``%*d``), ``%%`` a literal. Named ones are compared by name in any order,
  positional ones by position; types compatible as ``babel.messages.checkers`` accepts them
  (``%d`` = ``%i``). The translation is also formatted, as Python would, with arguments made
  for the source: what raises there (``%(name`` cut short, named mixed with positional) is a
  finding.
* python-brace-format: fields as :class:`string.Formatter` parses them (``{0}``, ``{}``,
  ``{name!r:>10}``, ``{user.name}``, nested ``{0:{width}}``), ``{{`` a literal; an
  unparseable translation, an unknown name or an index beyond the source's are findings.
* c-format: conversions as translate-toolkit's ``printf_pat`` reads them, ``%1$s``
  reordering included: the translation may reorder the arguments, not change their types.

A named placeholder the translation leaves out is reported too (the value is lost), except
in a plural form that only one number selects (``n == 1``: «one file» for ``%(n)d
files``), as msgfmt allows. Every plural form is compared with ``msgid`` (the form ``n ==
1`` selects) or ``msgid_plural`` (the others); a name of either is known to every form.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field

from babel.messages.catalog import PYTHON_FORMAT
from translate.filters.checks.standard import printf_pat

from . import QAFinding, QAItem, QAOptions, Severity, check, finding

CHECK_ID = "placeholders"
PYTHON = "python-format"
BRACE = "python-brace-format"
C = "c-format"
FORMATS = (PYTHON, BRACE, C)

# Types a runtime accepts for one another (babel.messages.checkers' groups, and C's %i = %d).
_COMPATIBLE = ({"i", "d", "u"}, {"x", "X"}, {"f", "F", "g", "G", "e", "E"})

# Entries without a format flag: what makes a source clearly hold placeholders.
_NAMED_PERCENT = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
_BARE_PERCENT = re.compile(r"(?<![\w%])%(?:\d+\$)?[sdifr](?![A-Za-z0-9])")
_C_ORDERED = re.compile(r"%\d+\$[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]")
_BRACE_FIELD = re.compile(r"(?<!\{)\{(?:[A-Za-z_]\w*|\d+)?(?:![rsa])?(?::[^{}]*)?\}(?!\})")


@dataclass
class Signature:
    """The placeholders of a text: named ones by name (with their types), positional ones
    by argument index, and what made the text unreadable as its format."""

    named: dict[str, list[str]] = field(default_factory=dict)
    positional: dict[int, list[str]] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)  # key → as written
    problems: list[str] = field(default_factory=list)

    def add(self, key: str | int, kind: str, text: str) -> None:
        """Record one placeholder: a name or an argument index, its type, how written."""
        if isinstance(key, int):
            self.positional.setdefault(key, []).append(kind)
        else:
            self.named.setdefault(key, []).append(kind)
        self.written.setdefault(str(key), text)

    def show(self, key: str | int) -> str:
        return self.written.get(str(key), str(key))


def python_signature(text: str) -> Signature:
    """The placeholders of a python-format string (Babel's ``PYTHON_FORMAT``)."""
    signature = Signature()
    index = 0
    for match in PYTHON_FORMAT.finditer(text):
        name, spec, kind = match.groups()
        if kind == "%" and name is None:
            continue
        if name is None:
            for _ in range(spec.count("*")):
                signature.add(index, "d", "*")
                index += 1
            signature.add(index, kind, match.group())
            index += 1
        else:
            signature.add(name, kind, match.group())
    return signature


def c_signature(text: str) -> Signature:
    """The conversions of a c-format string (translate-toolkit's ``printf_pat``); ``%1$s``
    names argument 1, unnumbered ones take the arguments in turn."""
    signature = Signature()
    index = 0
    for match in printf_pat.finditer(text.replace("%%", "")):
        if match.group("boost_ord"):
            signature.add(int(match.group("boost_ord")) - 1, "s", match.group())
            continue
        kind = match.group("type")
        if match.group("key"):
            signature.add(match.group("key"), kind, match.group())
        elif match.group("ord"):
            signature.add(int(match.group("ord")) - 1, kind, match.group())
        else:
            signature.add(index, kind, match.group())
            index += 1
    return signature


def brace_signature(text: str) -> Signature:
    """The replacement fields of a python-brace-format string, as ``str.format`` parses
    them (automatic and manual numbering, names, attributes, nested fields)."""
    signature = Signature()
    auto = 0
    numbering: set[str] = set()

    def walk(part: str, depth: int) -> None:
        nonlocal auto
        for _literal, name, spec, conversion in string.Formatter().parse(part):
            if name is None:
                continue
            head = re.split(r"[.\[]", name, maxsplit=1)[0]
            written = "{" + name + (f"!{conversion}" if conversion else "") + "}"
            if head == "":
                numbering.add("automatic")
                signature.add(auto, "", written)
                auto += 1
            elif head.isdigit():
                numbering.add("manual")
                signature.add(int(head), "", written)
            else:
                signature.add(head, "", written)
            if spec and depth < 2:
                walk(spec, depth + 1)

    try:
        walk(text, 0)
    except ValueError as exc:
        signature.problems.append(f"not a valid format string: {exc}")
    if len(numbering) == 2:
        signature.problems.append("automatic {} and numbered {0} fields mixed")
    return signature


_PARSERS: dict[str, Callable[[str], Signature]] = {
    PYTHON: python_signature,
    BRACE: brace_signature,
    C: c_signature,
}


def formats_of(flags: frozenset[str], source: str) -> list[str]:
    """The formats to check: the flagged ones, or those the source clearly holds."""
    flagged = [fmt for fmt in FORMATS if fmt in flags]
    if flagged:
        return flagged
    if any(f"no-{fmt}" in flags for fmt in FORMATS):
        return []
    found: list[str] = []
    if _C_ORDERED.search(source):
        found.append(C)
    elif _NAMED_PERCENT.search(source) or _BARE_PERCENT.search(source):
        found.append(PYTHON)
    if _BRACE_FIELD.search(source) and not brace_signature(source).problems:
        found.append(BRACE)
    return found


def _compatible(first: str, second: str) -> bool:
    return first == second or any(first in group and second in group for group in _COMPATIBLE)


def compare(
    fmt: str, source: Signature, target: Signature, known: set[str], may_omit: bool
) -> list[str]:
    """What the target's placeholders get wrong against the source's.

    ``known``: names the target may use (those of msgid and msgid_plural); ``may_omit``:
    named placeholders may be left out (a plural form only one number selects).
    """
    problems = list(target.problems)
    extra = [name for name in target.named if name not in known]
    missing = [name for name in source.named if name not in target.named]
    if len(extra) == 1 and len(missing) == 1:
        problems.append(
            f"{target.show(extra[0])} where the source has {source.show(missing[0])} "
            "(renamed or cut short)"
        )
        extra, missing = [], []
    problems += [f"{target.show(name)} is not in the source" for name in extra]
    if not may_omit:
        problems += [f"{source.show(name)} is missing" for name in missing]
    for name, kinds in target.named.items():
        expected = source.named.get(name)
        if expected and fmt != BRACE and not all(_compatible(k, expected[0]) for k in kinds):
            problems.append(
                f"{target.show(name)} where the source has {source.show(name)} (another type)"
            )
    if fmt == PYTHON and target.named and target.positional:
        problems.append("named and positional placeholders mixed (Python cannot format it)")
    problems += _compare_positional(fmt, source, target, may_omit)
    return problems


def _compare_positional(fmt: str, source: Signature, target: Signature, may_omit: bool) -> list:
    problems: list[str] = []
    if fmt == PYTHON and source.positional and not target.positional and target.named:
        return problems  # reported as mixed or missing above
    if fmt == PYTHON and len(source.positional) != len(target.positional):
        listed = " ".join(source.show(i) for i in sorted(source.positional)) or "none"
        problems.append(
            f"{len(target.positional)} positional placeholders, the source has "
            f"{len(source.positional)} ({listed})"
        )
        return problems
    for index in sorted(target.positional):
        if index not in source.positional:
            problems.append(
                f"{target.show(index)} refers to argument {index + 1}, the source has "
                f"{len(source.positional)}"
            )
        elif fmt != BRACE and not _compatible(
            target.positional[index][0], source.positional[index][0]
        ):
            problems.append(
                f"{target.show(index)} where the source has {source.show(index)} "
                f"(argument {index + 1})"
            )
    if fmt == C and not may_omit:
        for index in sorted(set(source.positional) - set(target.positional)):
            problems.append(f"{source.show(index)} (argument {index + 1}) is missing")
    if fmt == BRACE and not may_omit:
        for index in sorted(set(source.positional) - set(target.positional)):
            problems.append(f"{source.show(index)} is missing")
    return problems


class _Anything:
    """An argument that formats as anything (attributes, items, any format spec)."""

    def __format__(self, spec: str) -> str:
        return ""

    def __getattr__(self, name: str) -> _Anything:
        return self

    def __getitem__(self, key: object) -> _Anything:
        return self


_PYTHON_VALUES = {"s": "x", "r": "x", "a": "x", "c": 1}


def _python_value(kind: str) -> object:
    return _PYTHON_VALUES.get(kind, 1)


def runtime_problem(fmt: str, source: Signature, target_text: str) -> str | None:
    """Formatting the translation as its runtime would, with the arguments of the source;
    the error message, None when it formats."""
    if fmt == PYTHON:
        if source.named:
            arguments: object = {k: _python_value(v[0]) for k, v in source.named.items()}
        else:
            arguments = tuple(
                _python_value(source.positional[i][0]) for i in sorted(source.positional)
            )
        try:
            target_text % arguments  # noqa: B018 - the runtime's own check
        except (TypeError, ValueError, KeyError) as exc:
            return f"Python cannot format it ({type(exc).__name__}: {exc})"
    return None


def check_form(
    fmt: str, source: str, target: str, known_sources: tuple[str, ...], may_omit: bool
) -> list[str]:
    """The problems of one translation (one plural form) in one format."""
    parse = _PARSERS[fmt]
    source_signature = parse(source)
    if source_signature.problems:
        return []  # the source itself is not of this format: nothing to compare with
    target_signature = parse(target)
    arguments = Signature(dict(source_signature.named), dict(source_signature.positional))
    for text in known_sources:
        if text != source:
            for name, kinds in parse(text).named.items():
                arguments.named.setdefault(name, kinds)
    problems = compare(fmt, source_signature, target_signature, set(arguments.named), may_omit)
    if not problems:
        failure = runtime_problem(fmt, arguments, target)
        if failure and runtime_problem(fmt, arguments, source) is None:
            problems.append(failure)
    return problems


@check(
    CHECK_ID,
    Severity.ERROR,
    "format placeholders of the source (python-format %(name)s %s, python-brace-format "
    "{name} {0}, c-format %1$s; from the entry's flag, or what the source clearly holds) "
    "are those of the target: named in any order, positional by position, types compatible, "
    "%% and {{ literal; every plural form against msgid or msgid_plural",
)
def check_placeholders(item: QAItem, options: QAOptions) -> list[QAFinding]:
    """One finding per placeholder problem of the translation."""
    context = item.context
    flags = context.flags if context else frozenset()
    sources = (context.msgid, context.msgid_plural) if context else (item.source,)
    may_omit = bool(context and context.single_value)
    findings: list[QAFinding] = []
    for fmt in formats_of(flags, item.source):
        for problem in check_form(fmt, item.source, item.target, sources, may_omit):
            findings.append(finding(CHECK_ID, f"{fmt}: {problem}"))
    return findings
