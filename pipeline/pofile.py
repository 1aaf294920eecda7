"""Reading, merging and writing gettext catalogs with polib.

Merging is ``msgmerge`` made stricter: a translation a person made or reviewed is never
changed; unchanged sentences keep everything; a changed sentence gets the closest old
translation as a fuzzy suggestion with ``#| msgid``; removed sentences become obsolete.
"""

from __future__ import annotations

import copy
import difflib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

from . import __version__, limits
from .atomic import atomic_write_unless_same
from .catalog import (
    SOURCE_LANGUAGE_PREFIX,
    TEMPLATE_PREFIXES,
    Template,
    strip_prefixed,
)
from .entry import Entry
from .errors import InputError
from .languages import SOURCE_LANGUAGE, english_name

# Written unwrapped (as msgcat --no-wrap does): wrapping would break the tool's comments,
# which it reads back (MT signatures contain hyphens that textwrap would break at).
WRAP_WIDTH = 0
FUZZY_MATCH_THRESHOLD = 0.6
# File names with whitespace in "#:" references are wrapped in FSI ... PDI, gettext's
# convention since 0.22 (its reader takes an isolated name whole; polib splits at spaces, so
# load_catalog puts them back together). In memory a reference holds the plain name.
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"
_ISOLATED_REFERENCES = re.compile(r"^[ \t]*#:[^\n]*\u2068[^\n]*", re.MULTILINE)
_ISOLATED_NAME = re.compile(r"\u2068([^\u2069\n]*)(?:\u2069|$)")
_NAME_PLACEHOLDER = re.compile(r"\u2068(\d+)\u2069")
_DATE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date")


def _timestamp(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC).astimezone()
    return now.strftime("%Y-%m-%d %H:%M%z")


def header_metadata(doc_id: str, lang: str | None, now: datetime | None = None) -> dict[str, str]:
    """The header fields of a POT (``lang`` None) or PO catalog."""
    stamp = _timestamp(now)
    if lang is None:
        plural = get_plural(SOURCE_LANGUAGE)
        team = "English"
    else:
        plural = get_plural(lang)
        team = english_name(lang)
    return {
        "Project-Id-Version": f"{doc_id} 1.0",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Language": lang or SOURCE_LANGUAGE,
        "Last-Translator": f"l10n {__version__}",
        "Language-Team": team,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural.plural_forms,
        "X-Generator": f"l10n {__version__}",
    }


SOURCE_HEADER = "X-Source-File"


def new_catalog(doc_id: str, lang: str | None, source_path: str = "") -> polib.POFile:
    """An empty catalog with the full header; ``source_path`` is kept for ``l10n build``."""
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    what = "Template" if lang is None else f"{lang} translation"
    catalog.header = f"{what} of the document '{doc_id}', maintained with l10n."
    catalog.metadata = header_metadata(doc_id, lang)
    if source_path:
        catalog.metadata[SOURCE_HEADER] = source_path
    return catalog


def template_catalog(template: Template) -> polib.POFile:
    """The POT of a document: every sentence, empty msgstr, references and hints."""
    catalog = new_catalog(template.doc_id, None, template.source_path)
    for item in template.entries:
        catalog.append(
            polib.POEntry(
                msgid=item.msgid,
                msgstr="",
                occurrences=list(item.references),
                comment="\n".join(item.comments),
                tcomment=item.source_language_note or "",
            )
        )
    return catalog


_POLIB_LINE = re.compile(r"line (\d+)")


# polib is lenient; these are the only line shapes a PO file may have. Possessive and
# unrolled ("[^"\\]*+(?:\\.[^"\\]*+)*+"), so matching keeps no backtracking state per
# character: a 10 MB line takes megabytes, not the gigabyte of ``(?:[^"\\]|\\.)*``.
_PO_LINE = re.compile(
    r"^\s*+(?:#.*+|(?:#~\s*+)?+(?:#\|\s*+)?+"
    r"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d++\])?+)\s++)?+"
    r'"[^"\\]*+(?:\\.[^"\\]*+)*+"\s*+|)$'
)
# A line that starts the next entry once the current one has had its msgstr.
_ENTRY_START = re.compile(r"\s*+(?:#~\s*+)?+(?:#|msgctxt|msgid\s)")


def _first_malformed_line(text: str, path: Path | None = None) -> int | None:
    """The number of the first line that is not PO syntax, or None.

    Lines and entries longer than the :mod:`~pipeline.limits` allow raise LimitError first,
    before anything (this regex or polib) holds more than the line itself.
    """
    bound = limits.current()
    entry_length = 0
    had_msgstr = False
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > bound.po_line_length:
            limits.check("po_line_length", len(line), what=f"line {number} is too long", path=path)
        stripped = line.lstrip()
        if not stripped or (had_msgstr and _ENTRY_START.match(stripped)):
            entry_length, had_msgstr = 0, False
        if stripped.startswith(("msgstr", "#~ msgstr")):
            had_msgstr = True
        entry_length += len(line)
        if entry_length > bound.po_entry_length:
            limits.check(
                "po_entry_length",
                entry_length,
                what=f"entry at line {number} is too long",
                path=path,
            )
        if not _PO_LINE.match(line):
            return number
    return None


def _escaped_length(text: str) -> int:
    """The length of ``text`` as a PO string writes it (quotes, backslashes, tabs and line
    breaks escaped with a backslash)."""
    return len(text) + sum(text.count(char) for char in '\\"\t\n\r')


def check_template(template: Template, path: Path | None = None) -> None:
    """LimitError when a catalog of ``template`` would hold a line or an entry over the
    :mod:`~pipeline.limits` (a huge sentence or attribute, a sentence repeated so often that
    its ``#:`` line is huge): translate refuses before writing what no command could read."""
    bound = limits.current()
    for item in template.entries:
        name, line = item.references[0] if item.references else (template.file_name, 0)
        where = f"the sentence at {name}:{line}"
        msgid = len('msgid ""') + _escaped_length(item.msgid)
        references = len("#:") + sum(  # "#: a.txt:1 a.txt:5"
            len(reference_name(file_name)) + len(str(number)) + 2
            for file_name, number in item.references
        )
        longest = max(msgid, references)
        if longest > bound.po_line_length:
            what = f"{where} would make a catalog line too long"
            limits.check("po_line_length", longest, what=what, path=path)
        entry = msgid + references + sum(len("#. ") + len(c) + 1 for c in item.comments)
        if entry > bound.po_entry_length:
            what = f"{where} would make a catalog entry too long"
            limits.check("po_entry_length", entry, what=what, path=path)


def _longest(text: str, separator: str, bound: int) -> int:
    """Length of the longest part of ``text`` between ``separator``s, without a list of the
    parts (a catalog of 10,000 entries would make 80,000 strings at its largest moment);
    ``len(text)`` when that is within ``bound`` (then no part can exceed it)."""
    if len(text) <= bound:
        return len(text)
    longest = start = 0
    while (end := text.find(separator, start)) != -1:
        longest = max(longest, end - start)
        start = end + len(separator)
    return max(longest, len(text) - start)


def _check_written(text: str, path: Path) -> None:
    """LimitError when the PO text about to be written breaks a limit (a translation or an
    imported target too long): nothing is written that load_catalog would refuse."""
    bound = limits.current()
    if (
        _longest(text, "\n", bound.po_line_length) <= bound.po_line_length
        and _longest(text, "\n\n", bound.po_entry_length) <= bound.po_entry_length
    ):
        return  # the usual case
    try:
        _first_malformed_line(text)
    except limits.LimitError as exc:
        raise limits.LimitError(f"not written: {exc}", path=path) from None


# For writers of PO text other than write_catalog (the XLIFF import's patch of changed entries).
check_written = _check_written


def find_catalogs(paths: Iterable[str | Path]) -> list[Path]:
    """PO files named directly or found under directories (sorted).

    A path that matches nothing (no such file, a directory without catalogs) is an
    InputError: every command that reads catalogs exits 2 on it.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = sorted(path.rglob("*.po"))
            if not inside:
                raise InputError("directory contains no .po catalogs", path=path)
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such catalog file or directory", path=path)
    return found


def load_catalog(path: str | Path) -> polib.POFile:
    """Read an existing catalog; a corrupt one is refused (and so never overwritten)."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such catalog file", path=path)
    if path.is_dir():
        raise InputError("is a directory, not a catalog file", path=path)
    try:
        text = path.read_bytes().decode("utf-8")
        bad_line = _first_malformed_line(text, path)
        if bad_line is not None:
            raise ValueError(f"line {bad_line}")
        names: list[str] = []
        text = _ISOLATED_REFERENCES.sub(lambda line: _hide_names(line.group(), names), text)
        catalog = polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
        if names:
            _restore_names(catalog, names)
        return catalog
    except UnicodeDecodeError:
        reason = "not UTF-8"
    except (OSError, ValueError) as exc:
        reason = str(exc)
        match = _POLIB_LINE.search(reason)
        if match:
            reason = f"syntax error on line {match.group(1)}"
    raise InputError(
        f"existing catalog is corrupt ({reason}); it was not touched — fix or remove it",
        path=path,
    )


def reference_name(name: str) -> str:
    """A file name as a ``#:`` reference writes it: in FSI/PDI isolates when it holds
    whitespace (``my file.txt`` -> ``\u2068my file.txt\u2069``), else as it is."""
    if any(char.isspace() for char in name):
        return f"{ISOLATE_START}{name}{ISOLATE_END}"
    return name


def _hide_names(line: str, names: list[str]) -> str:
    """A ``#:`` line with each isolated name replaced by a numbered placeholder (no spaces)."""

    def hide(match: re.Match[str]) -> str:
        names.append(match.group(1))
        return f"{ISOLATE_START}{len(names) - 1}{ISOLATE_END}"

    return _ISOLATED_NAME.sub(hide, line)


def _restore_names(catalog: polib.POFile, names: list[str]) -> None:
    """Put the names :func:`_hide_names` took out back into the references, unwrapped."""

    def restore(file_name: str) -> str:
        whole = _NAME_PLACEHOLDER.fullmatch(file_name)
        if whole:
            return names[int(whole.group(1))]
        return _NAME_PLACEHOLDER.sub(
            lambda m: f"{ISOLATE_START}{names[int(m.group(1))]}{ISOLATE_END}", file_name
        )

    for entry in catalog:
        if entry.occurrences:
            entry.occurrences = [(restore(name), line) for name, line in entry.occurrences]


@dataclass
class MergeResult:
    catalog: polib.POFile
    fuzzy_suggestions: int = 0
    obsoleted: int = 0


def merge_catalog(
    template: Template,
    existing: polib.POFile | None,
    lang: str,
    hints: dict[str, list[str]] | None = None,
) -> MergeResult:
    """Bring an existing catalog (or none) up to date with the document's template.

    ``hints`` are this language's extracted comments per msgid (glossary hints).
    """
    catalog = new_catalog(template.doc_id, lang, template.source_path)
    if existing is not None:
        if existing.header:
            catalog.header = existing.header
        for key, value in existing.metadata.items():
            if key not in ("X-Generator", SOURCE_HEADER, *_DATE_HEADERS) and value:
                catalog.metadata[key] = value
        for key in _DATE_HEADERS:
            if existing.metadata.get(key):
                catalog.metadata[key] = existing.metadata[key]
    old_entries = list(existing) if existing is not None else []
    active = {e.msgid: e for e in old_entries if not e.obsolete and not e.msgctxt}
    obsolete = {e.msgid: e for e in old_entries if e.obsolete and not e.msgctxt}
    wanted = {item.msgid for item in template.entries}
    # Old translations whose source sentence is gone: candidates for fuzzy suggestions.
    orphans = [
        e for e in [*active.values(), *obsolete.values()] if e.msgid not in wanted and e.msgstr
    ]
    result = MergeResult(catalog=catalog)
    for item in template.entries:
        old = active.get(item.msgid) or obsolete.get(item.msgid)
        if old is not None:
            entry = copy.deepcopy(old)
            entry.obsolete = False
            # A person changed or approved the MT output: its notes leave with it.
            Entry(entry).drop_stale_mt_notes()
        else:
            entry = polib.POEntry(msgid=item.msgid, msgstr="")
            closest = _closest(item.msgid, orphans) if orphans else None
            if closest is not None:
                entry.msgstr = closest.msgstr
                Entry(entry).fuzzy = True
                entry.previous_msgid = closest.msgid
                entry.tcomment = closest.tcomment
                entry.comment = "\n".join(strip_prefixed(closest.comment or "", TEMPLATE_PREFIXES))
                result.fuzzy_suggestions += 1
        entry.occurrences = list(item.references)
        kept = strip_prefixed(entry.comment or "", TEMPLATE_PREFIXES)
        entry.comment = "\n".join([*item.comments, *(hints or {}).get(item.msgid, []), *kept])
        people = strip_prefixed(entry.tcomment or "", (SOURCE_LANGUAGE_PREFIX,))
        note = item.source_language_note
        entry.tcomment = "\n".join([note, *people] if note else people)
        catalog.append(entry)
    for old in old_entries:
        if old.msgctxt or old.msgid in wanted:
            if old.msgctxt:
                catalog.append(copy.deepcopy(old))  # entries with a context are not ours
            continue
        if old.msgstr or old.tcomment:
            gone = copy.deepcopy(old)
            gone.obsolete = True
            gone.occurrences = []
            catalog.append(gone)
            result.obsoleted += 0 if old.obsolete else 1
    return result


def _closest(msgid: str, candidates: list[polib.POEntry]) -> polib.POEntry | None:
    best: polib.POEntry | None = None
    best_ratio = FUZZY_MATCH_THRESHOLD
    words = msgid.split()
    for candidate in candidates:
        matcher = difflib.SequenceMatcher(None, words, candidate.msgid.split(), autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (best is None or ratio > best_ratio):
            best, best_ratio = candidate, ratio
    return best


def _lines_without_dates(path: Path) -> Iterator[str]:
    dated = tuple(f'"{h}:' for h in _DATE_HEADERS)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith(dated):
                yield line.rstrip("\r\n")


def _same_without_dates(new: Path, current: Path) -> bool:
    """Whether two PO files say the same, their date headers aside (read line by line)."""
    try:
        return all(
            a == b
            for a, b in itertools.zip_longest(
                _lines_without_dates(new), _lines_without_dates(current)
            )
        )
    except (OSError, UnicodeDecodeError):
        return False


def catalog_pieces(catalog: polib.POFile) -> Iterator[str]:
    """The PO text of a catalog, a piece per entry (header first), exactly as polib writes
    it, so that a large catalog is never one string; file names with whitespace in
    references are isolated."""
    head = polib.POFile(wrapwidth=catalog.wrapwidth)
    head.header, head.metadata = catalog.header, catalog.metadata
    head.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    last = str(head)
    for entry in itertools.chain(
        (e for e in catalog if not e.obsolete), catalog.obsolete_entries()
    ):
        yield last
        occurrences = entry.occurrences
        if any(reference_name(name) != name for name, _ in occurrences):
            entry.occurrences = [(reference_name(n), line) for n, line in occurrences]
        try:
            last = "\n" + entry.__unicode__(catalog.wrapwidth)
        finally:
            entry.occurrences = occurrences
    yield last if last.endswith("\n") else last + "\n"


def render_catalog(catalog: polib.POFile) -> str:
    """The PO text of a catalog (:func:`catalog_pieces` joined)."""
    return "".join(catalog_pieces(catalog))


def write_catalog(catalog: polib.POFile, path: str | Path, *, template: bool = False) -> bool:
    """Write atomically; an unchanged catalog (dates aside) is left as it is. True if written.

    The text is written an entry at a time and compared with the file on disk line by line,
    so a catalog of 10,000 entries is never held as one string."""
    path = Path(path)
    dates = ("POT-Creation-Date", "PO-Revision-Date") if template else ("PO-Revision-Date",)
    previous = {key: catalog.metadata.get(key) for key in dates}
    stamp = _timestamp()
    for key in dates:
        catalog.metadata[key] = stamp
    bound = limits.current()

    def encoded() -> Iterator[bytes]:
        checked = False
        for piece in catalog_pieces(catalog):
            if not checked and (
                _longest(piece, "\n", bound.po_line_length) > bound.po_line_length
                or len(piece) > bound.po_entry_length
            ):
                _check_written(render_catalog(catalog), path)  # the whole text, exactly, once
                checked = True
            yield piece.encode("utf-8")

    written = atomic_write_unless_same(path, encoded(), _same_without_dates)
    if not written:
        for key, value in previous.items():  # unchanged: the catalog keeps its dates
            if value is None:
                catalog.metadata.pop(key, None)
            else:
                catalog.metadata[key] = value
    return written
