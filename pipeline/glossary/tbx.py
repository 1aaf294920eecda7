"""TBX (TermBase eXchange, ISO 30042) import and export, TBX-Basic structure.

Export writes TBX-Basic v2 (``<martif type="TBX-Basic">``), one ``termEntry`` per glossary
row::

    <termEntry id="t1">
      <langSet xml:lang="en">
        <tig>
          <term>SEZ</term>
          <termNote type="partOfSpeech">noun</termNote>      pos
          <termNote type="x-caseSensitive">yes</termNote>    case_sensitive (only when yes)
          <termNote type="x-doNotTranslate">yes</termNote>   dnt (only when yes)
        </tig>
      </langSet>
      <langSet xml:lang="ru">
        <note>…</note>                                        note
        <tig><term>ОЭЗ</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>…</term>                                   further translation alternatives
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
        <tig><term>СЭЗ</term>                                 forbidden
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>

Import reads that, and TBX v3 as well (``<tbx>`` root, ``conceptEntry``/``langSec``/
``termSec``, with or without namespace; ``ntig`` too). Each English term that is not
deprecated gives one row per other language of its entry: preferred terms first, then the
other non-deprecated ones, as translations; deprecated and superseded terms as forbidden
variants; ``note`` elements of the target language (or else of the entry) as the note.
The English ``x-caseSensitive``/``x-doNotTranslate`` notes (``yes``/``no``) may also be
given as ``descrip`` elements.

Files are parsed with ``defusedxml`` and a DOCTYPE is refused outright, so entity
expansion ("billion laughs"), external entities and DTDs are rejected.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ..errors import InputError
from ..languages import SOURCE_LANGUAGE, primary_subtag
from .csvfile import read_bytes, write_atomically
from .terms import (
    GlossaryTerm,
    format_yes_no,
    parse_yes_no,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PART_OF_SPEECH = "partOfSpeech"
ADMINISTRATIVE_STATUS = "administrativeStatus"
CASE_SENSITIVE = "x-caseSensitive"
DO_NOT_TRANSLATE = "x-doNotTranslate"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_FORBIDDEN_STATUSES = frozenset({DEPRECATED, "supersededTerm-admn-sts"})
_ENTRY_TAGS = frozenset({"termEntry", "conceptEntry"})
_LANG_TAGS = frozenset({"langSet", "langSec"})
_TERM_TAGS = frozenset({"tig", "termSec", "ntig"})


@dataclass(frozen=True)
class TbxImport:
    """The terms read from a TBX file and how many entries could not give any."""

    terms: list[GlossaryTerm]
    skipped_entries: int


# --- export -----------------------------------------------------------------------------


def terms_to_tbx(terms: Iterable[GlossaryTerm], title: str = "l10n glossary") -> bytes:
    """A TBX-Basic document (UTF-8 bytes) with one ``termEntry`` per term."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: SOURCE_LANGUAGE})
    header = ET.SubElement(root, "martifHeader")
    source_desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source_desc, "p").text = title
    encoding_desc = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding_desc, "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, term in enumerate(terms, start=1):
        body.append(_term_entry(term, number))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _term_entry(term: GlossaryTerm, number: int) -> ET.Element:
    entry = ET.Element("termEntry", {"id": f"t{number}"})
    source = ET.SubElement(entry, "langSet", {XML_LANG: SOURCE_LANGUAGE})
    source_tig = _tig(source, term.term)
    if term.pos:
        _term_note(source_tig, PART_OF_SPEECH, term.pos)
    if term.case_sensitive:
        _term_note(source_tig, CASE_SENSITIVE, format_yes_no(True))
    if term.dnt:
        _term_note(source_tig, DO_NOT_TRANSLATE, format_yes_no(True))
    target = ET.SubElement(entry, "langSet", {XML_LANG: term.lang})
    if term.note:
        ET.SubElement(target, "note").text = term.note
    for index, translation in enumerate(term.translations):
        _term_note(
            _tig(target, translation), ADMINISTRATIVE_STATUS, ADMITTED if index else PREFERRED
        )
    for variant in term.forbidden:
        _term_note(_tig(target, variant), ADMINISTRATIVE_STATUS, DEPRECATED)
    return entry


def _tig(lang_set: ET.Element, text: str) -> ET.Element:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    return tig


def _term_note(tig: ET.Element, kind: str, value: str) -> None:
    ET.SubElement(tig, "termNote", {"type": kind}).text = value


def write_tbx(terms: Sequence[GlossaryTerm], path: str | Path) -> None:
    """Write the terms as a TBX file, atomically."""
    path = Path(path)
    write_atomically(path, terms_to_tbx(terms, title=f"l10n glossary ({path.name})"))


# --- import -----------------------------------------------------------------------------


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, names: frozenset[str]) -> Iterator[ET.Element]:
    return (child for child in element if _local(child.tag) in names)


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def parse_tbx_root(data: bytes, path: str | Path) -> ET.Element:
    """The root element of a TBX document, refusing DTDs, entities and non-XML."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DTDForbidden:
        raise InputError(
            "rejected: TBX with a DOCTYPE/DTD is not accepted (it can declare entities or "
            "load external files); remove the <!DOCTYPE …> declaration",
            path=path,
        ) from None
    except EntitiesForbidden as exc:
        raise InputError(f"rejected: XML entity declaration '{exc.name}'", path=path) from None
    except ExternalReferenceForbidden as exc:
        raise InputError(
            f"rejected: reference to external resource {exc.sysid!r}", path=path
        ) from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":", 1)[0]
        raise InputError(
            f"not a TBX file: XML error ({reason}) at line {line}, column {column + 1}",
            path=path,
        ) from None
    if _local(root.tag) not in ("martif", "tbx"):
        raise InputError(
            f"not a TBX file: the root element is <{_local(root.tag)}>, not <martif> or <tbx>",
            path=path,
        )
    return root


def parse_tbx(data: bytes, path: str | Path) -> TbxImport:
    """Glossary terms from TBX bytes (see the module docstring for the mapping)."""
    root = parse_tbx_root(data, path)
    source_lang = primary_subtag(root.get(XML_LANG) or SOURCE_LANGUAGE)
    terms: list[GlossaryTerm] = []
    skipped = 0
    for entry in root.iter():
        if _local(entry.tag) not in _ENTRY_TAGS:
            continue
        entry_terms = list(_entry_terms(entry, source_lang))
        if not entry_terms:
            skipped += 1
        terms.extend(entry_terms)
    return TbxImport(terms=terms, skipped_entries=skipped)


def read_tbx(path: str | Path) -> TbxImport:
    """Read a TBX file into glossary terms."""
    path = Path(path)
    return parse_tbx(read_bytes(path), path)


@dataclass(frozen=True)
class _TbxTerm:
    text: str
    status: str
    notes: dict[str, str]  # termNote/descrip type → value
    note: str


def _tbx_terms(lang_set: ET.Element) -> list[_TbxTerm]:
    found: list[_TbxTerm] = []
    for holder in _children(lang_set, _TERM_TAGS):
        term_element = next((e for e in holder.iter() if _local(e.tag) == "term"), None)
        if term_element is None or not _text(term_element):
            continue
        notes: dict[str, str] = {}
        for element in holder.iter():
            if _local(element.tag) in ("termNote", "descrip") and element.get("type"):
                notes.setdefault(element.get("type", ""), _text(element))
        note = " ".join(_text(e) for e in holder.iter() if _local(e.tag) == "note")
        status = notes.get(ADMINISTRATIVE_STATUS, "")
        found.append(_TbxTerm(_text(term_element), status, notes, note))
    return found


def _direct_notes(element: ET.Element) -> str:
    return " ".join(filter(None, (_text(e) for e in _children(element, frozenset({"note"})))))


def _entry_terms(entry: ET.Element, source_lang: str) -> Iterator[GlossaryTerm]:
    sources: list[_TbxTerm] = []
    targets: list[tuple[str, ET.Element, list[_TbxTerm]]] = []
    for lang_set in _children(entry, _LANG_TAGS):
        lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").strip()
        lang_terms = _tbx_terms(lang_set)
        if primary_subtag(lang) == source_lang:
            sources.extend(t for t in lang_terms if t.status not in _FORBIDDEN_STATUSES)
        elif lang:
            targets.append((lang, lang_set, lang_terms))
    entry_note = _direct_notes(entry)
    for source in sources:
        for lang, lang_set, lang_terms in targets:
            allowed = [t for t in lang_terms if t.status not in _FORBIDDEN_STATUSES]
            allowed.sort(key=lambda t: t.status != PREFERRED)  # stable: preferred first
            if not allowed:
                continue
            note = _direct_notes(lang_set) or " ".join(filter(None, (t.note for t in lang_terms)))
            pos = source.notes.get(PART_OF_SPEECH) or allowed[0].notes.get(PART_OF_SPEECH, "")
            yield GlossaryTerm(
                term=source.text,
                lang=lang,
                translations=tuple(t.text for t in allowed),
                forbidden=tuple(t.text for t in lang_terms if t.status in _FORBIDDEN_STATUSES),
                pos=pos,
                case_sensitive=bool(parse_yes_no(source.notes.get(CASE_SENSITIVE, ""))),
                dnt=bool(parse_yes_no(source.notes.get(DO_NOT_TRANSLATE, ""))),
                note=note or entry_note,
            )
