"""XLIFF 1.2 exchange of catalogs (``l10n export --xliff`` / ``l10n import``), for agencies
that review in memoQ, Trados or OmegaT.

Written and read with translate-toolkit's :mod:`translate.storage.xliff` (files checked with
defusedxml first). One ``<file>`` per catalog, ``original`` = the PO path, one
``<trans-unit>`` per active entry: ``<source>`` the msgid, its inline codes as XLIFF
``<g id="b1">…</g>`` and ``<x id="x3"/>`` (which CAT tools protect as tags); ``<target>`` the
msgstr with ``state="translated"`` and ``approved="yes"`` for a reviewed entry,
``state="needs-review-translation"`` for a fuzzy one, no target for an empty one;
``resname`` the msgctxt; notes from the extracted (``developer``) and translator comments;
``l10n:base`` a checksum of the msgstr and its fuzzy flag when exported.

Import follows the merge rules: a target that differs from the msgstr is human work and
replaces it (fuzzy unless the unit is approved / ``translated``, ``final``, ``signed-off``),
the tool's comments about the old msgstr removed. If the catalog's entry was itself changed
since the export (its checksum differs from ``l10n:base``) and holds a human translation,
nothing is overwritten: the conflict is reported. Units whose source is no longer in the
catalog are reported too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from .atomic import atomic_write_bytes
from .catalog import output_checksum
from .entry import Entry
from .errors import InputError
from .languages import SOURCE_LANGUAGE, bcp47, same_language
from .paths import check_name, confine, is_inside, language_dir, project_root
from .pofile import load_catalog, write_catalog
from .safexml import check_safe_xml

XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
L10N_NAMESPACE = "urn:x-l10n:xliff"
BASE_ATTRIBUTE = f"{{{L10N_NAMESPACE}}}base"
APPROVED_STATES = frozenset({"translated", "final", "signed-off"})
_NOT_XML_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{XLIFF_NAMESPACE}"></xliff>'
)


def unit_id(entry: polib.POEntry) -> str:
    """A stable id of an entry: its context and source."""
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}".encode()
    return "u" + hashlib.sha256(key).hexdigest()[:16]


def entry_checksum(entry: polib.POEntry) -> str:
    """What the export records of an entry, to see later whether it changed."""
    return output_checksum(entry.msgstr + ("\x00fuzzy" if Entry(entry).fuzzy else ""))


def catalog_to_xliff(catalog: polib.POFile, original: str) -> bytes:
    """An XLIFF 1.2 document of a catalog's active entries."""
    from lxml import etree
    from translate.storage import xliff

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
    for entry in catalog:
        if entry.obsolete or entry.msgid_plural or not entry.msgid:
            continue
        unit = store.addsourceunit(entry.msgid, filename=original)
        unit.setid(unit_id(entry))
        element = unit.xmlelement
        set_coded_text(element.find(store.namespaced("source")), entry.msgid)
        if entry.msgctxt is not None:
            element.set("resname", entry.msgctxt)
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
        comment = "\n".join(Entry(entry).current_comment_lines())
        if comment:
            unit.addnote(comment, origin="developer")
        if entry.tcomment:
            unit.addnote(entry.tcomment, origin="translator")
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


def export_catalogs(paths: Sequence[Path], out: Path) -> list[Path]:
    """Write ``OUT/<lang>/<doc>.xlf`` for each catalog; returns the files written."""
    catalogs = [(path, load_catalog(path)) for path in paths]
    documents: list[tuple[Path, bytes]] = []
    for path, catalog in catalogs:  # every catalog checked and converted before any write
        check_name(str(path), what="catalog file name")
        lang = language_dir(catalog.metadata.get("Language") or "", path=path)
        target = confine(
            Path(lang) / f"{path.stem}.xlf", out, what="XLIFF file", hint="rename it", path=path
        )
        _check_xml_characters(catalog, path)
        documents.append((target, catalog_to_xliff(catalog, str(path))))
    for target, data in documents:
        atomic_write_bytes(target, data)
    return [target for target, _ in documents]


def _check_xml_characters(catalog: polib.POFile, path: Path) -> None:
    """InputError naming the entry when a text the XLIFF would carry holds a character XML
    1.0 cannot (a control character from the source, say): refused in one line, where
    lxml stopped the export in the middle."""
    for entry in catalog:
        if entry.obsolete or entry.msgid_plural or not entry.msgid:
            continue
        names = " ".join(name for name, _ in entry.occurrences)
        texts = (entry.msgid, entry.msgstr, entry.msgctxt or "", entry.comment, entry.tcomment)
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
    """What an XLIFF unit says about one entry."""

    msgctxt: str | None
    source: str
    target: str
    approved: bool
    base: str | None


@dataclass
class XliffDocument:
    original: str
    lang: str
    units: list[XliffUnit]


def parse_xliff(data: bytes, path: str | Path) -> list[XliffDocument]:
    """The files of an XLIFF 1.x document and their units."""
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
        original = file_node.get("original") or ""
        lang = file_node.get("target-language") or ""
        units: list[XliffUnit] = []
        for element in file_node.iter(f"{{{namespace}}}trans-unit"):
            unit = xliff.xlifffile.UnitClass.createfromxmlElement(element)
            unit.namespace = namespace
            target_node = unit.getlanguageNode(lang=None, index=1)
            state = target_node.get("state") if target_node is not None else None
            approved = element.get("approved") == "yes" or state in APPROVED_STATES
            if state and state.startswith("needs-"):
                approved = False
            source_node = element.find(f"{{{namespace}}}source")
            units.append(
                XliffUnit(
                    element.get("resname"),
                    coded_text(source_node) if source_node is not None else "",
                    coded_text(target_node) if target_node is not None else "",
                    approved,
                    element.get(BASE_ATTRIBUTE),
                )
            )
        documents.append(XliffDocument(original, lang, units))
    return documents


@dataclass
class ImportReport:
    """What importing an XLIFF file did to a catalog."""

    catalog: Path
    updated: int = 0
    approved: int = 0
    conflicts: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    written: bool = False


def import_units(catalog: polib.POFile, units: Sequence[XliffUnit], report: ImportReport) -> None:
    """Apply the units to the catalog by the merge rules (conflicts are only reported)."""
    entries = {(e.msgctxt, e.msgid): e for e in catalog if not e.obsolete}
    for unit in units:
        entry = entries.get((unit.msgctxt, unit.source))
        if entry is None:
            report.unknown.append(unit.source)
            continue
        changed_in_po = unit.base is None or unit.base != entry_checksum(entry)
        view = Entry(entry)
        fuzzy = view.fuzzy
        if unit.target == entry.msgstr:
            if unit.approved and fuzzy and not changed_in_po:
                view.fuzzy = False
                entry.previous_msgid = None
                view.drop_stale_mt_notes()  # approved: the MT notes are no findings now
                report.approved += 1
            continue
        if not unit.target:
            continue
        if changed_in_po and view.human_translation:
            report.conflicts.append(
                f"{unit.source}: the catalog has «{entry.msgstr}», the XLIFF «{unit.target}»"
            )
            continue
        entry.msgstr = unit.target
        entry.previous_msgid = None
        view.drop_translation_comments()
        view.fuzzy = not unit.approved
        report.updated += 1


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
    for target, catalog, document in plans:
        lang = bcp47(catalog.metadata.get("Language") or "")
        if document.lang and lang and not same_language(document.lang, lang):
            raise InputError(
                f"XLIFF target language '{document.lang}' is not the catalog's '{lang}'",
                path=path,
            )
        report = ImportReport(target)
        import_units(catalog, document.units, report)
        reports.append(report)
    for (target, catalog, _), report in zip(plans, reports, strict=True):
        if report.updated or report.approved:
            report.written = write_catalog(catalog, target)
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
