"""XLIFF 1.2 exchange of catalogs (``l10n export --xliff`` / ``l10n import``), for agencies
that review in memoQ, Trados or OmegaT.

Written and read with translate-toolkit's :mod:`translate.storage.xliff` (files checked with
defusedxml first). One ``<file>`` per catalog, ``original`` = the PO path, one
``<trans-unit>`` per active entry: ``<source>`` the msgid, its inline codes as XLIFF
``<g id="b1">…</g>`` and ``<x id="x3"/>`` (which CAT tools protect as tags); ``<target>`` the
msgstr with ``state="translated"`` and ``approved="yes"`` for a reviewed entry,
``state="needs-review-translation"`` for a fuzzy one, no target for an empty one;
``resname`` the msgctxt, also as translate-toolkit's ``x-po-msgctxt`` context; a plural
entry as translate-toolkit's ``<group restype="x-gettext-plurals">`` of one trans-unit per
form (``id[n]``; source ``msgid`` for form 0, ``msgid_plural`` for the others); notes from the
extracted (``developer``, MT notes only while current) and translator comments;
``l10n:base`` a checksum of the msgstr (or the forms) and its fuzzy flag when exported.

Import follows the merge rules: a target that differs from the msgstr is human work and
replaces it (fuzzy unless the unit is approved / ``translated``, ``final``, ``signed-off``),
the tool's comments about the old msgstr removed. If the catalog's entry was itself changed
since the export (its checksum differs from ``l10n:base``) and holds a human translation,
nothing is overwritten: the conflict is reported; without ``l10n:base`` (a file from
another tool) a target fills an empty or untouched-MT entry and conflicts only with a
person's. Units whose source is no longer in the catalog are reported too; po2xliff's
header unit is ignored; a unit without context (po2xliff drops msgctxt) goes to the one
entry of its source. Only the changed entries are rewritten (:func:`write_changed_entries`):
their msgstr lines wrapped as gettext wraps at the file's own width, every other line as it
was.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from .atomic import atomic_write_bytes, atomic_write_text
from .catalog import output_checksum
from .entry import Entry
from .errors import InputError
from .languages import SOURCE_LANGUAGE, bcp47, same_language
from .paths import check_name, confine, is_inside, language_dir, project_root
from .pofile import check_written, load_catalog, write_catalog
from .safexml import check_safe_xml

XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
L10N_NAMESPACE = "urn:x-l10n:xliff"
BASE_ATTRIBUTE = f"{{{L10N_NAMESPACE}}}base"
APPROVED_STATES = frozenset({"translated", "final", "signed-off"})
_NOT_XML_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PLURALS_RESTYPE = "x-gettext-plurals"  # translate-toolkit's group of a plural entry
HEADER_RESTYPE = "x-gettext-domain-header"  # po2xliff's unit of the PO header
MSGCTXT_TYPE = "x-po-msgctxt"  # translate-toolkit's context type of a msgctxt
_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{XLIFF_NAMESPACE}"></xliff>'
)


def unit_id(entry: polib.POEntry) -> str:
    """A stable id of an entry: its context and source."""
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}".encode()
    return "u" + hashlib.sha256(key).hexdigest()[:16]


def entry_forms(entry: polib.POEntry) -> list[str]:
    """The translation of an entry: its msgstr, or its plural forms in order."""
    if not entry.msgid_plural:
        return [entry.msgstr]
    return [form for _, form in sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0]))]


def entry_checksum(entry: polib.POEntry) -> str:
    """What the export records of an entry, to see later whether it changed."""
    text = "\x01".join(entry_forms(entry)) if entry.msgid_plural else entry.msgstr
    return output_checksum(text + ("\x00fuzzy" if Entry(entry).fuzzy else ""))


@dataclass
class ExportCount:
    """What an export wrote of a catalog, and what it left out and why."""

    units: int = 0  # trans-units of singular entries
    plural_groups: int = 0  # x-gettext-plurals groups (one trans-unit per form)
    obsolete: int = 0  # obsolete entries: not exported (the header is not an entry either)


def _add_notes(element: Any, entry: polib.POEntry, namespace: str) -> None:
    """The extracted (``developer``) and translator comments as ``<note>``s."""
    from lxml import etree

    comment = "\n".join(Entry(entry).current_comment_lines())
    for text, origin in ((comment, "developer"), (entry.tcomment, "translator")):
        if text:
            note = etree.SubElement(element, f"{{{namespace}}}note", {"from": origin})
            note.text = text


def _add_context(element: Any, msgctxt: str | None, namespace: str) -> None:
    """``msgctxt`` as ``resname`` and as translate-toolkit's ``x-po-msgctxt`` context."""
    from lxml import etree

    if msgctxt is None:
        return
    element.set("resname", msgctxt)
    group = etree.SubElement(
        element,
        f"{{{namespace}}}context-group",
        {"name": "po-entry", "purpose": "information"},
    )
    context = etree.SubElement(group, f"{{{namespace}}}context", {"context-type": MSGCTXT_TYPE})
    context.text = msgctxt


def _plural_group(entry: polib.POEntry, namespace: str) -> Any:
    """A plural entry as translate-toolkit writes it (po2xliff): ``<group
    restype="x-gettext-plurals">`` with one trans-unit per form, ``id[n]``, whose source is
    ``msgid`` for form 0 and ``msgid_plural`` for the others."""
    from lxml import etree

    fuzzy = Entry(entry).fuzzy
    group_id = unit_id(entry)
    group = etree.Element(f"{{{namespace}}}group", {"id": group_id, "restype": PLURALS_RESTYPE})
    forms = entry_forms(entry)
    translated = any(forms)
    if translated:
        group.set("approved", "no" if fuzzy else "yes")
    group.set(BASE_ATTRIBUTE, entry_checksum(entry))
    _add_context(group, entry.msgctxt, namespace)
    _add_notes(group, entry, namespace)  # before the trans-units, as XLIFF 1.2 orders them
    for index, form in enumerate(forms):
        unit = etree.SubElement(group, f"{{{namespace}}}trans-unit", {"id": f"{group_id}[{index}]"})
        unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        source_text = entry.msgid if index == 0 else entry.msgid_plural
        set_coded_text(etree.SubElement(unit, f"{{{namespace}}}source"), source_text)
        if form:
            unit.set("approved", "no" if fuzzy else "yes")
            target = etree.SubElement(unit, f"{{{namespace}}}target")
            set_coded_text(target, form, like=source_text)
            target.set("state", "needs-review-translation" if fuzzy else "translated")
    return group


def catalog_to_xliff(
    catalog: polib.POFile, original: str, count: ExportCount | None = None
) -> bytes:
    """An XLIFF 1.2 document of a catalog's active entries (``count``: filled in)."""
    from lxml import etree
    from translate.storage import xliff

    count = count if count is not None else ExportCount()
    lang = bcp47(catalog.metadata.get("Language") or "")
    skeleton = _SKELETON.replace(
        "></xliff>",
        f'><file original="" source-language="{SOURCE_LANGUAGE}" target-language="" datatype="po">'
        "<body/></file></xliff>",
    )
    root = etree.fromstring(skeleton.encode())
    file_node = root[0]
    file_node.set("original", original)
    file_node.set("target-language", lang)
    store = xliff.xlifffile.parsestring(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    )
    body = store.document.getroot().find(f".//{{{XLIFF_NAMESPACE}}}body")
    for entry in catalog:
        if entry.obsolete:
            count.obsolete += 1
            continue
        if entry.msgid_plural:
            body.append(_plural_group(entry, XLIFF_NAMESPACE))
            count.plural_groups += 1
            continue
        unit = store.addsourceunit(entry.msgid, filename=original)
        unit.setid(unit_id(entry))
        element = unit.xmlelement
        set_coded_text(element.find(store.namespaced("source")), entry.msgid)
        if entry.msgstr:
            unit.settarget(entry.msgstr, lang)
            target = unit.getlanguageNode(lang=None, index=1)
            set_coded_text(target, entry.msgstr, like=entry.msgid)
            fuzzy = Entry(entry).fuzzy
            target.set("state", "needs-review-translation" if fuzzy else "translated")
            element.set("approved", "no" if fuzzy else "yes")
        element.set(BASE_ATTRIBUTE, entry_checksum(entry))
        for file_name, line in entry.occurrences:
            unit.addlocation(f"{file_name}:{line}" if line else file_name)
        _add_context(element, entry.msgctxt, XLIFF_NAMESPACE)
        _add_notes(element, entry, XLIFF_NAMESPACE)
        count.units += 1
    document_root = store.document.getroot()
    etree.cleanup_namespaces(document_root, top_nsmap={"l10n": L10N_NAMESPACE})
    return bytes(store)


CTYPES = {
    "b": "bold",
    "i": "italic",
    "u": "underlined",
    "a": "link",
    "sup": "x-superscript",
    "sub": "x-subscript",
    "s": "x-strikethrough",
    "img": "image",
    "br": "lb",
}


def set_coded_text(node: Any, text: str, like: str | None = None) -> None:
    """Write a msgid or msgstr into ``<source>``/``<target>``: inline codes become XLIFF
    ``<g id="b1">…</g>`` and ``<x id="x3"/>``, which CAT tools protect as tags. In a
    msgstr whose codes do not nest as in its msgid (``like``), the codes are written as
    ``<bx>``/``<ex>``/``<x>``, so that the file still gives back exactly the msgstr."""
    from lxml import etree

    from .inline import Code, markup_problems, tokens

    for child in list(node):
        node.remove(child)
    node.text = None
    flat = like is not None and bool(markup_problems(like, text))
    namespace = etree.QName(node).namespace
    stack = [node]
    for token in tokens(text):
        if isinstance(token, str):
            parent = stack[-1]
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + token
            else:
                parent.text = (parent.text or "") + token
            continue
        assert isinstance(token, Code)
        name = f"{token.kind}{token.number}"
        if flat:  # codes that do not nest: begin and end as standalone tags
            tag = {"open": "bx", "close": "ex", "empty": "x"}[token.role]
            element = etree.SubElement(node, f"{{{namespace}}}{tag}", id=name)
            element.set("ctype", CTYPES.get(token.kind, f"x-{token.kind}"))
            continue
        if token.role == "close":
            stack.pop()
            continue
        tag = f"{{{namespace}}}{'g' if token.role == 'open' else 'x'}"
        element = etree.SubElement(stack[-1], tag, id=name)
        element.set("ctype", CTYPES.get(token.kind, f"x-{token.kind}"))
        if token.role == "open":
            stack.append(element)


def coded_text(node: Any) -> str:
    """The msgid/msgstr form of a ``<source>``/``<target>``: ``<g>``/``<x>`` back to codes,
    the content of other inline elements kept as text (their native codes dropped)."""
    from .inline import CODE, escape_text

    parts = [escape_text(node.text or "")]
    for child in node:
        name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        code_id = child.get("id") or ""
        is_code = CODE.fullmatch(f"<{code_id}>") is not None
        if name == "g" and is_code:
            parts.append(f"<{code_id}>{coded_text(child)}</{code_id}>")
        elif name == "x" and is_code:
            parts.append(f"<{code_id}/>")
        elif name == "bx" and is_code:
            parts.append(f"<{code_id}>")
        elif name == "ex" and is_code:
            parts.append(f"</{code_id}>")
        elif name in ("g", "mrk"):
            parts.append(coded_text(child))
        parts.append(escape_text(child.tail or ""))
    return "".join(parts)


def export_catalogs(
    paths: Sequence[Path], out: Path, count: ExportCount | None = None
) -> list[Path]:
    """Write ``OUT/<lang>/<doc>.xlf`` for each catalog; returns the files written
    (``count``: what was exported and left out, over all catalogs)."""
    catalogs = [(path, load_catalog(path)) for path in paths]
    documents: list[tuple[Path, bytes]] = []
    for path, catalog in catalogs:  # every catalog checked and converted before any write
        check_name(str(path), what="catalog file name")
        lang = language_dir(catalog.metadata.get("Language") or "", path=path)
        target = confine(
            Path(lang) / f"{path.stem}.xlf", out, what="XLIFF file", hint="rename it", path=path
        )
        _check_xml_characters(catalog, path)
        documents.append((target, catalog_to_xliff(catalog, str(path), count)))
    for target, data in documents:
        atomic_write_bytes(target, data)
    return [target for target, _ in documents]


def _check_xml_characters(catalog: polib.POFile, path: Path) -> None:
    """InputError naming the entry when a text the XLIFF would carry holds a character XML
    1.0 cannot (a control character from the source, say): refused in one line, where
    lxml stopped the export in the middle."""
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        names = " ".join(name for name, _ in entry.occurrences)
        texts = (
            entry.msgid,
            entry.msgid_plural,
            *entry_forms(entry),
            entry.msgctxt or "",
            entry.comment,
            entry.tcomment,
        )
        for text in (*texts, names):
            bad = _NOT_XML_CHARACTER.search(text)
            if bad is not None:
                raise InputError(
                    f"entry at line {entry.linenum}: control character "
                    f"U+{ord(bad.group()):04X}, which XLIFF (XML 1.0) cannot hold; "
                    "remove it from the catalog (or the source)",
                    path=path,
                )


@dataclass
class XliffUnit:
    """What an XLIFF unit (or plural group) says about one entry: ``forms`` are the targets
    of a plural group's units in order (None for a singular unit)."""

    msgctxt: str | None
    source: str
    target: str
    approved: bool
    base: str | None
    forms: list[str] | None = None


@dataclass
class XliffDocument:
    original: str
    lang: str
    units: list[XliffUnit]
    header_units: int = 0  # po2xliff's header unit: not a translation, ignored


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _msgctxt(element: Any, namespace: str) -> str | None:
    """An entry's context: our ``resname``, or translate-toolkit's ``x-po-msgctxt``."""
    if element.get("resname") is not None:
        return element.get("resname")
    for group in element.iterchildren(f"{{{namespace}}}context-group"):
        for context in group.iterchildren(f"{{{namespace}}}context"):
            if context.get("context-type") == MSGCTXT_TYPE:
                return context.text or ""
    return None


def _approved(element: Any, target_node: Any) -> bool:
    """A unit is approved when it says so, or its target's state is a finished one, unless
    that state asks for review."""
    state = target_node.get("state") if target_node is not None else None
    approved = element.get("approved") == "yes" or state in APPROVED_STATES
    return approved and not (state or "").startswith("needs-")


def _form_index(element: Any, position: int) -> int:
    """The plural form of a group's trans-unit: ``id[n]`` as po2xliff writes it."""
    unit_id_text = element.get("id") or ""
    if unit_id_text.endswith("]") and "[" in unit_id_text:
        number = unit_id_text.rsplit("[", 1)[1][:-1]
        if number.isdigit():
            return int(number)
    return position


def _plural_unit(group: Any, namespace: str) -> XliffUnit | None:
    """A ``x-gettext-plurals`` group as one unit with a target per form."""
    members = list(group.iterchildren(f"{{{namespace}}}trans-unit"))
    if not members:
        return None
    ordered = sorted(enumerate(members), key=lambda pair: _form_index(pair[1], pair[0]))
    forms: list[str] = []
    approvals: list[bool] = []
    source = ""
    for position, (_, element) in enumerate(ordered):
        source_node = element.find(f"{{{namespace}}}source")
        target_node = element.find(f"{{{namespace}}}target")
        if position == 0 and source_node is not None:
            source = coded_text(source_node)
        forms.append(coded_text(target_node) if target_node is not None else "")
        if target_node is not None:
            approvals.append(_approved(element, target_node))
    approved = group.get("approved") == "yes" or (bool(approvals) and all(approvals))
    if any(not ok for ok in approvals):
        approved = False
    context = _msgctxt(group, namespace)
    if context is None:
        context = _msgctxt(ordered[0][1], namespace)
    return XliffUnit(context, source, "", approved, group.get(BASE_ATTRIBUTE), forms)


def parse_xliff(data: bytes, path: str | Path) -> list[XliffDocument]:
    """The files of an XLIFF 1.x document and their units (plural groups as one unit; a
    po2xliff header unit counted, not returned)."""
    check_safe_xml(data, path, "XLIFF")
    from translate.storage import xliff

    try:
        store = xliff.xlifffile.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit errors alike
        raise InputError(f"not an XLIFF 1.x file ({str(exc).splitlines()[0]})", path=path) from None
    root = store.document.getroot()
    if root.tag.rsplit("}", 1)[-1] != "xliff" or not (root.get("version") or "").startswith("1."):
        raise InputError("not an XLIFF 1.2 file (l10n reads XLIFF 1.2)", path=path)
    documents: list[XliffDocument] = []
    namespace = root.nsmap.get(None) or XLIFF_NAMESPACE
    for file_node in root.iterchildren(f"{{{namespace}}}file"):
        document = XliffDocument(
            file_node.get("original") or "", file_node.get("target-language") or "", []
        )
        for element in file_node.iter(f"{{{namespace}}}trans-unit", f"{{{namespace}}}group"):
            if _local(element) == "group":
                if element.get("restype") == PLURALS_RESTYPE:
                    plural = _plural_unit(element, namespace)
                    if plural is not None:
                        document.units.append(plural)
                continue
            parent = element.getparent()
            if _local(parent) == "group" and parent.get("restype") == PLURALS_RESTYPE:
                continue  # a form of the plural group above
            if HEADER_RESTYPE in (element.get("restype") or ""):
                document.header_units += 1
                continue
            source_node = element.find(f"{{{namespace}}}source")
            target_node = element.find(f"{{{namespace}}}target")
            document.units.append(
                XliffUnit(
                    _msgctxt(element, namespace),
                    coded_text(source_node) if source_node is not None else "",
                    coded_text(target_node) if target_node is not None else "",
                    _approved(element, target_node),
                    element.get(BASE_ATTRIBUTE),
                )
            )
        documents.append(document)
    return documents


@dataclass
class ImportReport:
    """What importing an XLIFF file did to a catalog: every unit is counted once."""

    catalog: Path
    updated: int = 0  # a target that differs from the msgstr: written, as human work
    approved: int = 0  # approved unchanged: fuzzy cleared
    unchanged: int = 0  # the same translation, nothing to do
    empty: int = 0  # no target: nothing to import
    header_units: int = 0  # po2xliff's header unit: ignored
    conflicts: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    written: bool = False


def import_units(
    catalog: polib.POFile, units: Sequence[XliffUnit], report: ImportReport
) -> list[polib.POEntry]:
    """Apply the units to the catalog by the merge rules (conflicts are only reported);
    returns the entries changed."""
    entries = {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}
    by_source: dict[str, list[polib.POEntry]] = {}
    for entry in entries.values():
        by_source.setdefault(entry.msgid, []).append(entry)
    changed: list[polib.POEntry] = []
    for unit in units:
        entry = entries.get((unit.msgctxt, unit.source))
        if entry is None and unit.msgctxt is None:
            # A file without contexts (po2xliff drops msgctxt): the one entry of that source,
            # or, among several, the one that already has this translation.
            candidates = by_source.get(unit.source, [])
            incoming = unit.forms if unit.forms is not None else [unit.target]
            if len(candidates) == 1:
                entry = candidates[0]
            elif any(entry_forms(e) == incoming for e in candidates):
                report.unchanged += 1
                continue
            elif candidates:
                report.unknown.append(
                    f"{unit.source} (no msgctxt, and {len(candidates)} entries have this source)"
                )
                continue
        if entry is None:
            report.unknown.append(unit.source)
            continue
        plural = unit.forms is not None
        if plural != bool(entry.msgid_plural):
            kind = "plural forms" if plural else "one translation"
            report.conflicts.append(
                f"{unit.source}: the XLIFF has {kind}, the catalog's entry has not"
            )
            continue
        incoming = unit.forms if unit.forms is not None else [unit.target]
        current = entry_forms(entry)
        changed_in_po = unit.base is None or unit.base != entry_checksum(entry)
        view = Entry(entry)
        if incoming == current:
            if unit.approved and view.fuzzy and not changed_in_po:
                view.fuzzy = False
                entry.previous_msgid = None
                view.drop_stale_mt_notes()  # approved: the MT notes are no findings now
                report.approved += 1
                changed.append(entry)
            else:
                report.unchanged += 1
            continue
        if not any(incoming):
            report.empty += 1
            continue
        human = any(current) if plural else view.human_translation
        if changed_in_po and human:
            shown = " | ".join(current)
            report.conflicts.append(
                f"{unit.source}: the catalog has «{shown}», the XLIFF «{' | '.join(incoming)}»"
            )
            continue
        if plural:
            if len(incoming) != len(current):
                report.conflicts.append(
                    f"{unit.source}: the XLIFF has {len(incoming)} plural forms, "
                    f"the catalog {len(current)}"
                )
                continue
            entry.msgstr_plural = dict(enumerate(incoming))
        else:
            entry.msgstr = unit.target
        entry.previous_msgid = None
        view.drop_translation_comments()
        view.fuzzy = not unit.approved
        report.updated += 1
        changed.append(entry)
    return changed


def import_xliff(
    path: Path, po: Path | None = None, roots: Sequence[Path] = ()
) -> list[ImportReport]:
    """Import an XLIFF file into its catalogs (``original`` of each file, or ``po``).

    ``original`` is data: the catalog it names must lie inside one of ``roots`` (directories
    the user named; default the current project, :func:`~pipeline.paths.project_root`);
    anything else needs ``po``.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    documents = parse_xliff(data, path)
    if po is not None and len(documents) != 1:
        raise InputError("--po needs an XLIFF file with exactly one <file>", path=path)
    plans: list[tuple[Path, polib.POFile, XliffDocument]] = []
    for document in documents:
        target = po or _named_catalog(document.original, roots or [project_root()], path)
        if not target.is_file():
            raise InputError(
                f"catalog '{target}' of this XLIFF file not found; pass --po", path=path
            )
        plans.append((target, load_catalog(target), document))
    reports: list[ImportReport] = []
    changes: list[list[polib.POEntry]] = []
    for target, catalog, document in plans:
        lang = bcp47(catalog.metadata.get("Language") or "")
        if document.lang and lang and not same_language(document.lang, lang):
            raise InputError(
                f"XLIFF target language '{document.lang}' is not the catalog's '{lang}'",
                path=path,
            )
        report = ImportReport(target, header_units=document.header_units)
        changes.append(import_units(catalog, document.units, report))
        reports.append(report)
    for (target, catalog, _), report, changed in zip(plans, reports, changes, strict=True):
        if changed:
            report.written = write_changed_entries(catalog, target, changed)
    return reports


def _named_catalog(original: str, roots: Sequence[Path], path: Path) -> Path:
    """The catalog an XLIFF ``original`` names (relative to the current directory), if it
    lies inside one of ``roots``; InputError otherwise."""
    for root in roots[:-1]:
        if is_inside(Path(original), root):
            return Path(original)
    return confine(
        original,
        roots[-1],
        what="the catalog named by 'original'",
        hint="pass --po PO, or --root DIR for a directory of catalogs",
        path=path,
        start=Path(),
    )


# A run of non-blank lines: one entry (or the header) of a PO file.
_PO_BLOCK = re.compile(r"(?m)(?:^[ \t]*\S[^\n]*(?:\n|\Z))+")
# Wrap widths tried to reproduce a catalog's own wrapping (polib's, gettext's 79, none).
_WRAP_WIDTHS = (79, 78, 76, 77, 80, 0)  # gettext's 79 first: it wins a tie
_WIDTH_SAMPLE = 200


def _entry_key(entry: polib.POEntry) -> tuple[str | None, str, bool]:
    return entry.msgctxt, entry.msgid, bool(entry.obsolete)


def _parse_block(block: str) -> polib.POEntry | None:
    """The one entry of a block of PO text (None for the header or anything else)."""
    try:
        parsed = polib.pofile(block if block.endswith("\n") else block + "\n", wrapwidth=0)
    except (OSError, ValueError, UnicodeError):
        return None
    found = list(parsed)
    return found[0] if len(found) == 1 and found[0].msgid else None


def _render(entry: polib.POEntry, width: int) -> str:
    """An entry as PO text, its msgstr lines wrapped as gettext wraps them."""
    lines = entry.__unicode__(wrapwidth=0).rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _MSGSTR_LINE.match(line)), len(lines))
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgid_plural:
        forms = sorted(entry.msgstr_plural.items(), key=lambda kv: int(kv[0]))
        msgstr = [
            line
            for index, form in forms
            for line in gettext_lines(f"{prefix}msgstr[{index}]", form, width)
        ]
    else:
        msgstr = gettext_lines(f"{prefix}msgstr", entry.msgstr, width)
    return "\n".join([*lines[:start], *msgstr]) + "\n"


# A piece of an escaped PO string gettext may end a line after: up to a space, a \n or a
# CJK character (gettext also breaks at other UAX #14 opportunities, such as after a hyphen
# or a slash: a rewritten msgstr may wrap differently there).
_WRAP_PIECE = re.compile(
    r"(?:\\[^n]|[^\\ \u3000-\u9fff\uff00-\uffef])*(?:[\u3000-\u9fff\uff00-\uffef]| +|\\n)?"
)


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def gettext_lines(keyword: str, text: str, width: int) -> list[str]:
    """A PO string as gettext writes it at ``width`` columns (0: no wrapping): one line
    when it fits and has no inner newline, else ``keyword ""`` and lines broken after
    spaces and newlines, each at most ``width`` columns with its quotes."""
    escaped = polib.escape(text)
    single = f'{keyword} "{escaped}"'
    inner_newline = "\\n" in escaped[:-2]
    if width <= 0 or (_columns(single) <= width and not inner_newline):
        return [single]
    lines: list[str] = []
    current = ""
    for piece in _WRAP_PIECE.findall(escaped):
        if not piece:
            continue
        if current and _columns(f'"{current}{piece}"') > width:
            lines.append(current)
            current = ""
        current += piece
        if piece.endswith("\\n"):
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    return [f'{keyword} ""', *(f'"{line}"' for line in lines)]


_MSGSTR_LINE = re.compile(r"^[ \t]*(?:#~[ \t]*)?msgstr")


def _msgstr_lines(block: str) -> list[str]:
    """The msgstr lines of an entry's block (continuations included)."""
    lines = block.rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _MSGSTR_LINE.match(line)), len(lines))
    return lines[start:]


def _patched_block(block: str, entry: polib.POEntry, width: int) -> str:
    """An entry's block with what an import changes rewritten: the msgstr lines (wrapped at
    ``width``), the flags line, the extracted comments, ``#|`` lines of a dropped previous
    msgid; every other line (msgctxt, msgid, references, translator comments) as it was."""
    lines = block.rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if _MSGSTR_LINE.match(line)), len(lines))
    head, old = lines[:start], _parse_block(block)
    msgstr = _msgstr_lines(_render(entry, width))
    body = [line for line in head if not line.startswith(("#,", "#.", "#|"))]
    comments = [line for line in head if line.startswith("#.")]
    if old is None or old.comment != entry.comment:
        comments = [f"#. {line}" if line else "#." for line in entry.comment.split("\n")]
        comments = comments if entry.comment else []
    previous = [line for line in head if line.startswith("#|")]
    if entry.previous_msgid is None:
        previous = []
    flags = [line for line in head if line.startswith("#,")]
    if old is None or old.flags != entry.flags:
        flags = [f"#, {', '.join(entry.flags)}"] if entry.flags else []
    # Where the groups go: translator comments, extracted, references, flags, previous, keys.
    translator = [line for line in body if line.startswith("#") and not line.startswith("#:")]
    references = [line for line in body if line.startswith("#:")]
    keys = [line for line in body if not line.startswith("#")]
    return (
        "\n".join([*translator, *comments, *references, *flags, *previous, *keys, *msgstr]) + "\n"
    )


def _same_content(first: polib.POEntry, second: polib.POEntry) -> bool:
    fields = (
        "msgctxt",
        "msgid",
        "msgid_plural",
        "msgstr",
        "comment",
        "tcomment",
        "flags",
        "previous_msgid",
        "obsolete",
    )
    return all(getattr(first, name) == getattr(second, name) for name in fields) and {
        int(k): v for k, v in first.msgstr_plural.items()
    } == {int(k): v for k, v in second.msgstr_plural.items()}


def patch_catalog_text(
    text: str, catalog: polib.POFile, changed: Sequence[polib.POEntry]
) -> str | None:
    """The PO text with only the ``changed`` entries rewritten, in the file's own line
    wrapping (the width that reproduces its other entries); None when the file cannot be
    patched safely (an entry not found once, a name with spaces in a reference), or the
    result would not read back as ``catalog``."""
    blocks: dict[tuple[str | None, str, bool], tuple[int, int]] = {}
    parsed: list[tuple[str, polib.POEntry]] = []
    duplicates: set[tuple[str | None, str, bool]] = set()
    for match in _PO_BLOCK.finditer(text):
        entry = _parse_block(match.group())
        if entry is None:
            continue
        key = _entry_key(entry)
        if key in blocks:
            duplicates.add(key)
        blocks[key] = match.span()
        parsed.append((match.group(), entry))
    wanted = {_entry_key(entry) for entry in changed}
    if wanted & duplicates or not wanted <= set(blocks):
        return None
    if any(" " in name for entry in changed for name, _ in entry.occurrences):
        return None  # references with spaces are written isolated (render_catalog)
    sample = parsed[:_WIDTH_SAMPLE]
    width = max(
        _WRAP_WIDTHS,
        key=lambda w: sum(_msgstr_lines(_render(e, w)) == _msgstr_lines(b) for b, e in sample),
    )
    pieces: list[str] = []
    position = 0
    for start, end, entry in sorted((*blocks[_entry_key(entry)], entry) for entry in changed):
        pieces.append(text[position:start])
        rendered = _patched_block(text[start:end], entry, width)
        pieces.append(rendered if text[start:end].endswith("\n") else rendered.rstrip("\n"))
        position = end
    pieces.append(text[position:])
    patched = "".join(pieces)
    try:
        reread = polib.pofile(patched, wrapwidth=0)
    except (OSError, ValueError, UnicodeError):
        return None
    mine = [entry for entry in catalog if entry.msgid]
    theirs = [entry for entry in reread if entry.msgid]
    if len(mine) != len(theirs) or not all(map(_same_content, mine, theirs)):
        return None
    return patched


def write_changed_entries(
    catalog: polib.POFile, path: Path, changed: Sequence[polib.POEntry]
) -> bool:
    """Write an import's changes: only the changed entries' lines, in the file's own
    wrapping (a CAT tool's 4 edits are a diff of 4 entries); the whole catalog as
    :func:`~pipeline.pofile.write_catalog` writes it where the file cannot be patched."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = None
    patched = patch_catalog_text(text, catalog, changed) if text is not None else None
    if patched is None:
        return write_catalog(catalog, path)
    if patched == text:
        return False
    check_written(patched, path)
    atomic_write_text(path, patched)
    return True
