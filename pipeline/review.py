"""The reviewer's HTML report (``l10n review``): one static, self-contained page.

For every active entry of the catalogs: source, translation, back-translation, glossary
hints and QA findings side by side, riskiest first (entries with errors, then with
warnings, then by round-trip chrF ascending, then document order), with the counts of the
whole review at the top. Inline CSS only: no script, no external resource. Every text from
a catalog goes through :func:`html.escape`.
"""

from __future__ import annotations

import difflib
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from . import __version__
from .atomic import atomic_write_text
from .catalog import BACK_TRANSLATION_PREFIX, GLOSSARY_PREFIX, WARNING_PREFIX
from .entry import CatalogStats, Entry, EntryState
from .glossary import hint_comment
from .glossary.usage import TermUsage
from .languages import SOURCE_LANGUAGE, bcp47, profile
from .qa import EntryReport, QAFinding, QAOptions, Severity
from .qa.plural_forms import PluralRule, parse_plural_forms


@dataclass
class ReviewRow:
    """One entry as the report shows it."""

    report: EntryReport
    position: int  # document order within its catalog
    chrf: float | None
    back_translation: str | None
    back_translation_current: bool
    hints: list[str]
    notes: list[str]

    @property
    def entry(self) -> polib.POEntry:
        return self.report.entry

    @property
    def findings(self) -> list[QAFinding]:
        return self.report.findings

    @property
    def state(self) -> str:
        """``untranslated``, ``fuzzy`` or ``translated``."""
        state = Entry(self.entry).state
        if state in (EntryState.MACHINE, EntryState.FUZZY):
            return "fuzzy"
        return "translated" if state is EntryState.REVIEWED else "untranslated"

    @property
    def machine_translated(self) -> bool:
        """The msgstr is still exactly an MT output (reviewed or not)."""
        return self.back_translation_current

    def risk_key(self) -> tuple[int, float, int]:
        """Errors first, then warnings, then low chrF, then document order."""
        level = 0 if self.report.errors else 1 if self.report.warnings else 2
        chrf = self.chrf if self.chrf is not None else math.inf
        return level, chrf, self.position


@dataclass
class ReviewCatalog:
    """The rows of one catalog, riskiest first."""

    path: Path
    lang: str
    rows: list[ReviewRow]
    plural_forms: str = ""  # the catalog's Plural-Forms header, to label plural forms


@dataclass
class ReviewCounts:
    """The numbers shown at the top of the report: the entries' states
    (:class:`~pipeline.entry.CatalogStats`) and the QA results."""

    states: CatalogStats = field(default_factory=CatalogStats)
    errors: int = 0
    warnings: int = 0
    chrf_scores: list[float] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return self.states.entries

    @property
    def mean_chrf(self) -> float | None:
        return sum(self.chrf_scores) / len(self.chrf_scores) if self.chrf_scores else None

    def add(self, row: ReviewRow) -> None:
        self.states.count(Entry(row.entry))
        self.errors += row.report.errors
        self.warnings += row.report.warnings
        if row.chrf is not None:
            self.chrf_scores.append(row.chrf)


def _split_hint(hint: str) -> list[str]:
    """``a → b; c → d (note; more)`` → one item per term (a part without ``→`` continues)."""
    items: list[str] = []
    for part in hint.split("; "):
        if items and "→" not in part:
            items[-1] = f"{items[-1]}; {part}"
        else:
            items.append(part)
    return items


def glossary_hints(entry: polib.POEntry, lang: str, options: QAOptions) -> list[str]:
    """One hint per glossary term of the source: from the glossary when one is given, else
    from the entry's ``glossary:`` comments."""
    if options.glossary is not None:
        terms = dict.fromkeys(m.term for m in options.glossary.find_in_source(entry.msgid, lang))
        return [hint_comment([term]).removeprefix(GLOSSARY_PREFIX) for term in terms]
    hints = [
        item for hint in Entry(entry).comment_values(GLOSSARY_PREFIX) for item in _split_hint(hint)
    ]
    return list(dict.fromkeys(hints))


def build_rows(reports: Sequence[EntryReport], lang: str, options: QAOptions) -> list[ReviewRow]:
    """Review rows of one catalog's reports, riskiest first."""
    rows: list[ReviewRow] = []
    for position, report in enumerate(reports):
        entry = Entry(report.entry)
        back = entry.mt_note_values(BACK_TRANSLATION_PREFIX)
        hints = glossary_hints(report.entry, lang, options)
        rows.append(
            ReviewRow(
                report=report,
                position=position,
                chrf=entry.roundtrip_chrf,
                back_translation=back[0] if back else None,
                back_translation_current=entry.machine_output,
                hints=hints,
                notes=entry.mt_note_values(WARNING_PREFIX),
            )
        )
    rows.sort(key=ReviewRow.risk_key)
    return rows


def count_rows(catalogs: Sequence[ReviewCatalog]) -> ReviewCounts:
    """The counts over every catalog of the review."""
    counts = ReviewCounts()
    for catalog in catalogs:
        for row in catalog.rows:
            counts.add(row)
    return counts


_CSS = """
:root { color-scheme: light; --err: #b42318; --warn: #b54708; --ok: #067647; --muted: #667085;
  --line: #e4e7ec; --bg: #f8f9fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "DejaVu Sans", sans-serif; color: #101828; background: var(--bg); }
header { padding: 20px 28px 8px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 28px 8px; }
h3 { font-size: 15px; margin: 16px 28px 6px; }
.meta { color: var(--muted); margin: 0; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; padding: 12px 28px 4px; margin: 0; }
.count { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px;
  min-width: 108px; }
.count dt { color: var(--muted); font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; }
.count dd { margin: 0; font-size: 22px; font-weight: 600; }
.count.errors dd { color: var(--err); } .count.warnings dd { color: var(--warn); }
.legend { color: var(--muted); margin: 8px 28px 0; }
table { width: calc(100% - 56px); margin: 0 28px 24px; border-collapse: collapse;
  table-layout: fixed; background: #fff; border: 1px solid var(--line); }
th, td { text-align: left; vertical-align: top; padding: 8px 10px;
  border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { background: #f2f4f7; font-size: 12px; text-transform: uppercase; letter-spacing: .04em;
  color: #344054; position: sticky; top: 0; }
col.c-line { width: 64px; } col.c-state { width: 116px; } col.c-gloss { width: 14%; }
col.c-find { width: 22%; }
tr.risk-error td:first-child { border-left: 4px solid var(--err); }
tr.risk-warning td:first-child { border-left: 4px solid var(--warn); }
tr.risk-ok td:first-child { border-left: 4px solid var(--ok); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 12px;
  font-weight: 600; margin: 0 4px 4px 0; white-space: nowrap; }
.state-translated { background: #dcfae6; color: var(--ok); }
.state-fuzzy { background: #fef0c7; color: var(--warn); }
.state-untranslated { background: #f2f4f7; color: var(--muted); }
.mt { background: #e0eaff; color: #3538cd; }
.chrf-low { background: #fee4e2; color: var(--err); }
.chrf-ok { background: #f2f4f7; color: #344054; }
.missing { color: var(--muted); font-style: italic; }
.stale { color: var(--muted); }
.previous { color: var(--muted); font-size: 12px; margin-top: 4px; }
.previous del { background: #fee4e2; color: var(--err); }
.previous ins { background: #dcfae6; color: var(--ok); text-decoration: none; }
.tcomment { color: var(--muted); font-size: 12px; margin-top: 4px; white-space: pre-wrap; }
ul { margin: 0; padding-left: 16px; }
li { margin-bottom: 4px; }
li.error { color: var(--err); } li.warning { color: var(--warn); }
li.note { color: var(--muted); }
.check { font-weight: 600; }
.none { color: var(--ok); }
.code { font: 11px ui-monospace, monospace; color: #6a3d9a; background: #f1eaf8;
  border-radius: 3px; padding: 0 2px; }
footer { color: var(--muted); padding: 0 28px 24px; font-size: 12px; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center;
  margin: 12px 28px 0; padding: 8px 12px; background: #fff; border: 1px solid var(--line);
  border-radius: 8px; position: sticky; top: 0; z-index: 2; }
.filters label { color: #344054; font-size: 13px; }
.filters select { font: inherit; margin-left: 4px; }
.ph { display: inline-block; white-space: nowrap; font-family: ui-monospace, monospace;
  font-size: 12px; background: #eef4ff; border-radius: 3px; padding: 0 2px; }
.ws { color: #b42318; background: #fee4e2; border-radius: 2px; }
.form { display: block; margin-bottom: 4px; }
.form-label { color: var(--muted); font-size: 11px; margin-right: 4px;
  font-family: ui-monospace, monospace; }
tr[hidden], section[hidden] { display: none; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


_ESCAPED_CODE = re.compile(r"&lt;/?[a-z]+\d+/?&gt;")


# Format placeholders, matched in escaped text: %(name)s, %s, %1$s, {name}, {0}, {}.
_PLACEHOLDER = re.compile(
    r"%\([^)\s]{1,64}\)[-#0 +]?\d*(?:\.\d+)?[a-zA-Z]|%\d+\$[-#0 +]?\d*(?:\.\d+)?[a-zA-Z]"
    r"|%[-#0+]?\d*(?:\.\d+)?[sdifxXeEgGcru]|\{[\w.]{0,64}(?:![rsa])?(?::[^{}<>\s]{0,32})?\}"
)
_EDGE_MARKS = {" ": "·", "\t": "→", "\u00a0": "⍽"}


def _edge_whitespace(run: str, where: str) -> str:
    """Leading or trailing spaces and tabs made visible (· space, → tab, ⍽ no-break)."""
    marks = "".join(_EDGE_MARKS.get(ch, ch) for ch in run)
    names = {" ": "space", "\t": "tab", "\u00a0": "no-break space"}
    kinds = ", ".join(dict.fromkeys(names.get(ch, "white space") for ch in run))
    return f'<span class="ws" title="{where} {kinds}">{marks}</span>'


def _text(text: str, edges: bool = False) -> str:
    """Escaped text with line breaks kept; inline codes (``<b1>``) shown as tokens, format
    placeholders kept on one line; with ``edges``, leading and trailing spaces and tabs
    made visible.

    The codes are matched in the already escaped text, so markup from a source document
    is only ever shown, never interpreted.
    """
    lead = trail = ""
    if edges:
        body = text.lstrip(" \t\u00a0")
        lead = text[: len(text) - len(body)]
        stripped = body.rstrip(" \t\u00a0")
        trail = body[len(stripped) :]
        text = stripped
    escaped = _e(text).replace("\n", "<br>")
    escaped = _ESCAPED_CODE.sub(lambda m: f'<span class="code">{m.group(0)}</span>', escaped)
    escaped = _PLACEHOLDER.sub(lambda m: f'<span class="ph">{m.group(0)}</span>', escaped)
    if lead:
        escaped = _edge_whitespace(lead, "leading") + escaped
    if trail:
        escaped += _edge_whitespace(trail, "trailing")
    return escaped


def _format_chrf(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _counts_html(counts: ReviewCounts) -> str:
    cells = [
        ("entries", "Entries", counts.states.entries),
        ("translated", "Translated", counts.states.translated),
        ("fuzzy", "Fuzzy", counts.states.fuzzy),
        ("untranslated", "Untranslated", counts.states.untranslated),
        ("errors", "Errors", counts.errors),
        ("warnings", "Warnings", counts.warnings),
        ("mean-chrf", "Mean chrF", _format_chrf(counts.mean_chrf)),
    ]
    items = "".join(
        f'<div class="count {key}" id="count-{key}"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>'
        for key, label, value in cells
    )
    return f'<dl class="counts">{items}</dl>'


def _target_attributes(lang: str) -> str:
    """``lang`` and ``dir`` of the translations: right-to-left languages get ``dir="rtl"``."""
    direction = profile(lang).direction
    return f' lang="{_e(bcp47(lang))}" dir="{direction}"'


_DIFF_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def _previous_html(previous: str, current: str) -> str:
    """The previous source of a changed sentence (``#| msgid``) as a word diff against the
    current one: removed words struck through, added words marked."""
    old, new = _DIFF_TOKEN.findall(previous), _DIFF_TOKEN.findall(current)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(_text("".join(old[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{_text(''.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_text(''.join(new[j1:j2]))}</ins>")
    return (
        f'<div class="previous" lang="{SOURCE_LANGUAGE}" title="#| msgid: the source the '
        f'translation was made for">was: {"".join(parts)}</div>'
    )


def _forms_html(entry: polib.POEntry, rule: PluralRule | None) -> str:
    """The plural forms of an entry, each labelled with its index and the numbers that
    select it (from the catalog's Plural-Forms)."""
    parts: list[str] = []
    for index, form in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0])):
        number = int(index)
        label = f"[{number}]"
        if rule is not None and rule.selects is not None and number < len(rule.selects):
            examples = rule.selects[number][:3]
            more = "…" if len(rule.selects[number]) > 3 else ""
            label += " n=" + ",".join(map(str, examples)) + more if examples else " unused"
        text = _text(form, edges=True) if form else '<span class="missing">empty</span>'
        parts.append(f'<span class="form"><span class="form-label">{_e(label)}</span>{text}</span>')
    return "".join(parts)


def _row_html(
    row: ReviewRow,
    options: QAOptions,
    target_attributes: str = "",
    rule: PluralRule | None = None,
    columns: tuple[bool, bool] = (True, True),
    file_index: int = 0,
) -> str:
    entry = row.entry
    risk = "error" if row.report.errors else "warning" if row.report.warnings else "ok"
    state = [f'<span class="badge state-{row.state}">{row.state}</span>']
    if row.machine_translated:
        state.append('<span class="badge mt" title="untouched machine translation">MT</span>')
    source = f"<div lang='{SOURCE_LANGUAGE}'>{_text(entry.msgid, edges=True)}</div>"
    if entry.msgid_plural:
        source += f"<div lang='{SOURCE_LANGUAGE}'>{_text(entry.msgid_plural, edges=True)}</div>"
    if entry.msgctxt:
        source = f'<div class="tcomment">context: {_e(entry.msgctxt)}</div>{source}'
    if entry.previous_msgid:
        source += _previous_html(entry.previous_msgid, entry.msgid)
    if entry.tcomment:
        source += f'<div class="tcomment">{_e(entry.tcomment)}</div>'
    view = Entry(entry)
    if view.translated and entry.msgid_plural:
        target = f"<div{target_attributes}>{_forms_html(entry, rule)}</div>"
    elif view.translated:
        target = f"<div{target_attributes}>{_text(entry.msgstr, edges=True)}</div>"
    else:
        target = '<span class="missing">not translated</span>'
    if row.back_translation is None:
        back = '<span class="missing">—</span>'
    else:
        stale = "" if row.back_translation_current else " stale"
        title = "" if row.back_translation_current else ' title="of an earlier MT output"'
        back_text = _text(row.back_translation)
        back = f'<div class="back{stale}"{title} lang="{SOURCE_LANGUAGE}">{back_text}</div>'
    if row.chrf is not None:
        level = "chrf-low" if row.chrf < options.min_chrf else "chrf-ok"
        back += f'<span class="badge {level}">chrF {_format_chrf(row.chrf)}</span>'
    hints = (
        "<ul>" + "".join(f"<li>{_e(hint)}</li>" for hint in row.hints) + "</ul>"
        if row.hints
        else '<span class="missing">—</span>'
    )
    ordered = sorted(row.findings, key=lambda f: f.severity is not Severity.ERROR)
    items = [
        f'<li class="{_e(f.severity)}"><span class="check">{_e(f.check)}</span> '
        f"({_e(f.severity)}): {_e(f.message)}</li>"
        for f in ordered
    ]
    items += [f'<li class="note">MT: {_e(note)}</li>' for note in row.notes]
    if items:
        findings = f"<ul>{''.join(items)}</ul>"
    elif view.translated:
        findings = '<span class="none">no findings</span>'
    else:
        findings = '<span class="missing">—</span>'
    checks = " ".join(sorted({f.check for f in row.findings}))
    states = row.state + (" mt" if row.machine_translated else "")
    optional = "".join(
        f"<td>{cell}</td>" for cell, shown in zip((back, hints), columns, strict=True) if shown
    )
    return (
        f'<tr class="risk-{risk} state-row-{row.state}" data-severity="{risk}" '
        f'data-checks="{_e(checks)}" data-state="{_e(states)}" data-file="{file_index}">'
        f"<td>{_e(entry.linenum or '')}</td><td>{''.join(state)}</td>"
        f"<td>{source}</td><td>{target}</td>{optional}<td>{findings}</td>"
        "</tr>"
    )


def _catalog_html(catalog: ReviewCatalog, options: QAOptions, file_index: int = 0) -> str:
    attributes = _target_attributes(catalog.lang)
    rule = parse_plural_forms(catalog.plural_forms)
    # A column no row has content for is left out (back-translations of a human catalog).
    columns = (
        any(row.back_translation is not None or row.chrf is not None for row in catalog.rows),
        any(row.hints for row in catalog.rows),
    )
    rows = "".join(
        _row_html(row, options, attributes, rule, columns, file_index) for row in catalog.rows
    )
    optional_cols = "".join(
        col for col, shown in zip(("<col>", "<col class='c-gloss'>"), columns, strict=True) if shown
    )
    optional_heads = "".join(
        head
        for head, shown in zip(
            ("<th>Back-translation</th>", "<th>Glossary</th>"), columns, strict=True
        )
        if shown
    )
    counts = count_rows([catalog])
    summary = (
        f"{counts.entries} entries, {counts.errors} errors, {counts.warnings} warnings, "
        f"mean chrF {_format_chrf(counts.mean_chrf)}"
    )
    return (
        f"<section><h2>{_e(catalog.path)} <span class='meta'>({_e(catalog.lang)}; "
        f"{_e(summary)})</span></h2>"
        f"<table><colgroup><col class='c-line'><col class='c-state'><col><col>{optional_cols}"
        "<col class='c-find'></colgroup>"
        "<thead><tr><th>Line</th><th>State</th><th>Source</th><th>Translation</th>"
        f"{optional_heads}<th>Findings</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def _options(values: Sequence[tuple[str, str]]) -> str:
    return "".join(f'<option value="{_e(value)}">{_e(label)}</option>' for value, label in values)


def _filters_html(catalogs: Sequence[ReviewCatalog]) -> str:
    """The filter bar: check, severity, state and file (applied by :data:`_FILTER_SCRIPT`;
    also from the page's ``#check=…&severity=…&state=…&file=…``)."""
    checks = sorted({f.check for c in catalogs for row in c.rows for f in row.findings})
    selects = [
        ("check", "Check", [("", "any"), *((c, c) for c in checks)]),
        (
            "severity",
            "Severity",
            [("", "any"), ("error", "errors"), ("warning", "warnings"), ("ok", "no findings")],
        ),
        (
            "state",
            "State",
            [
                ("", "any"),
                ("translated", "translated"),
                ("fuzzy", "fuzzy"),
                ("mt", "untouched MT"),
                ("untranslated", "untranslated"),
            ],
        ),
        ("file", "File", [("", "any"), *((str(i), str(c.path)) for i, c in enumerate(catalogs))]),
    ]
    fields = "".join(
        f'<label>{_e(label)} <select id="filter-{name}" data-filter="{name}">'
        f"{_options(values)}</select></label>"
        for name, label, values in selects
    )
    return (
        f'<div class="filters" id="filters">{fields}'
        '<span class="meta" id="filter-shown"></span></div>'
    )


# Plain JavaScript of the page: rows shown or hidden by the filter bar (and the URL hash).
_FILTER_SCRIPT = """
(function () {
  var selects = document.querySelectorAll('select[data-filter]');
  var rows = document.querySelectorAll('tbody tr[data-state]');
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.dataset.filter] = s.value; });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!want.check || row.dataset.checks.split(' ').indexOf(want.check) >= 0)
        && (!want.severity || row.dataset.severity === want.severity)
        && (!want.state || row.dataset.state.split(' ').indexOf(want.state) >= 0)
        && (!want.file || row.dataset.file === want.file);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll('section').forEach(function (section) {
      section.hidden = !section.querySelector('tbody tr[data-state]:not([hidden])');
    });
    document.getElementById('filter-shown').textContent =
      shown + ' of ' + rows.length + ' entries shown';
    var hash = [];
    selects.forEach(function (s) {
      if (s.value) { hash.push(s.dataset.filter + '=' + encodeURIComponent(s.value)); }
    });
    history.replaceState(null, '', hash.length ? '#' + hash.join('&') : location.pathname);
  }
  location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
    var parts = pair.split('=');
    var select = document.getElementById('filter-' + parts[0]);
    if (select && parts.length === 2) { select.value = decodeURIComponent(parts[1]); }
  });
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
"""


@dataclass(frozen=True)
class UsageSection:
    """The glossary usage report of one language (``l10n glossary usage``) for the page."""

    lang: str
    usages: Sequence[TermUsage]
    reviewed: int  # reviewed entries the report was computed from


def _usage_row(usage: TermUsage, attributes: str) -> str:
    rendering = usage.rendering
    other = (
        f"<span{attributes}>{_text(rendering.surface)}</span> "
        f"<span class='meta'>({rendering.evidence} of {usage.none}, confidence "
        f"{rendering.confidence:.2f})</span>"
        if rendering
        else ("<span class='missing'>no common rendering</span>" if usage.none else "")
    )
    forbidden = f"{usage.forbidden}" + "".join(
        f"<br><span{attributes}>«{_e(variant)}»</span> ×{count}"
        for variant, count in usage.forbidden_variants.items()
    )
    notes = []
    if usage.examples:
        notes.append("without: " + _e(", ".join(usage.examples)))
    if usage.overruled:
        notes.append(
            f"overruled by reviewers ×{usage.overruled}: " + _e(", ".join(usage.overruled_examples))
        )
    if not usage.seen:
        notes.append("never seen")
    return (
        f'<tr class="usage{"" if usage.seen else " unseen"}" data-term="{_e(usage.term.term)}">'
        f"<td>{_e(usage.term.term)}</td><td{attributes}>{_e(usage.term.preferred)}</td>"
        f"<td>{usage.entries}</td><td>{usage.reviewed}</td><td>{usage.preferred}</td>"
        f"<td>{usage.alternative}</td><td>{forbidden}</td><td>{usage.none}</td>"
        f"<td>{other}</td><td class='meta'>{'<br>'.join(notes)}</td></tr>"
    )


def _usage_html(sections: Sequence[UsageSection]) -> str:
    """The optional "Glossary usage" part: per language, how reviewed translations render
    each glossary term (the rows of ``l10n glossary usage``)."""
    if not sections:
        return ""
    parts = []
    for section in sections:
        attributes = _target_attributes(section.lang)
        rows = "".join(_usage_row(usage, attributes) for usage in section.usages)
        parts.append(
            f"<h3>{_e(section.lang)} <span class='meta'>({len(section.usages)} terms, "
            f"{section.reviewed} reviewed entries)</span></h3>"
            "<table class='usage'><thead><tr><th>Term</th><th>Preferred translation</th>"
            "<th>Entries</th><th>Reviewed</th><th>Preferred</th><th>Alternative</th>"
            "<th>Forbidden</th><th>None</th><th>Rendering instead</th><th>Examples</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    return (
        "<aside id='glossary-usage'><h2>Glossary usage</h2><p class='legend'>How the reviewed "
        "translations (not fuzzy, not MT accepted unchanged) render each glossary term, as "
        "<code>l10n glossary usage</code> reports it.</p>" + "".join(parts) + "</aside>"
    )


def render_review(
    catalogs: Sequence[ReviewCatalog],
    options: QAOptions,
    now: datetime | None = None,
    usage: Sequence[UsageSection] = (),
) -> str:
    """The complete HTML page of a review (with ``usage``, a glossary usage part)."""
    counts = count_rows(catalogs)
    stamp = (now or datetime.now(UTC).astimezone()).strftime("%Y-%m-%d %H:%M %Z").strip()
    names = ", ".join(str(c.path) for c in catalogs)
    sections = "".join(
        _catalog_html(catalog, options, number) for number, catalog in enumerate(catalogs)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Translation review — {_e(names)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>Translation review</h1><p class='meta'>{_e(names)} · generated "
        f"{_e(stamp)} by l10n {_e(__version__)}</p></header>"
        f"{_counts_html(counts)}"
        f"{_filters_html(catalogs)}"
        "<p class='legend'>Riskiest first: entries with errors, then with warnings, then by "
        f"round-trip chrF (below {options.min_chrf:g} is flagged), then in document order. "
        "Back-translations in grey belong to an earlier MT output.</p>"
        f"{sections}"
        f"{_usage_html(usage)}"
        "<footer>Findings are those of <code>l10n qa</code>; fix them in the PO files.</footer>"
        f"<script>{_FILTER_SCRIPT}</script>"
        "</body></html>\n"
    )


def write_review(path: str | Path, page: str) -> None:
    """Write the report atomically."""
    atomic_write_text(path, page)
