"""TMX 1.4b exchange of the translation memory (``l10n memory export --tmx`` / ``import``).

Written and read with translate-toolkit's :mod:`translate.storage.tmx`; a file is first
checked with defusedxml (:mod:`pipeline.safexml`): entity declarations and external
references are refused. One
``<tu>`` per memory unit: the English ``<tuv>`` and the target's (``xml:lang`` as in BCP 47,
``pt-BR``), the date as ``changedate`` (and ``creationdate``), the document as
``<prop type="x-document">``; the entry's msgctxt as ``<prop type="x-context">`` (what
translate-toolkit's po2tmx writes and its TMX reader returns as the unit's context); each
plural form of an entry as its own ``<tu>`` (form 0 with the msgid as source, the others
with the msgid_plural, as po2tmx pairs them) with ``<prop type="x-plural-form">`` (the
form's index) and ``<prop type="x-msgid">`` (the entry's msgid), so an import restores
them. Inline codes are kept as text of the segments, so a round
trip through the file gives back exactly the same units. Other tools' native codes in a
segment (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are left out of its text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import atomic_write_bytes
from .errors import InputError
from .languages import SOURCE_LANGUAGE, bcp47, parse_language, primary_subtag
from .memory import DATE_FORMAT, SINGULAR, MemoryUnit
from .paths import check_name
from .safexml import check_safe_xml

TMX_DATE = "%Y%m%dT%H%M%SZ"
DOCUMENT_PROP = "x-document"
CONTEXT_PROP = "x-context"  # the msgctxt, as translate-toolkit's po2tmx writes and reads it
PLURAL_FORM_PROP = "x-plural-form"  # a plural form's index (0 is the msgid's)
MSGID_PROP = "x-msgid"  # a plural form's entry: its msgid
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tmx_date(updated: str) -> str:
    return datetime.strptime(updated, DATE_FORMAT).strftime(TMX_DATE)


def _memory_date(value: str) -> str:
    return datetime.strptime(value, TMX_DATE).strftime(DATE_FORMAT)


def units_to_tmx(units: Iterable[MemoryUnit]) -> bytes:
    """A TMX 1.4b document of memory units (English source)."""
    from lxml import etree
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage=SOURCE_LANGUAGE)
    store.addheader()
    header = store.document.getroot().find(store.namespaced("header"))
    header.set("creationtool", "l10n")
    header.set("creationtoolversion", __version__)
    for unit in units:
        tu = store.addsourceunit(unit.source, SOURCE_LANGUAGE)
        tu.settarget(unit.translation, bcp47(unit.lang))
        element = tu.xmlelement
        element.set("creationdate", _tmx_date(unit.updated))
        element.set("changedate", _tmx_date(unit.updated))
        props = [(DOCUMENT_PROP, unit.document), (CONTEXT_PROP, unit.context)]
        if unit.form != SINGULAR:
            props += [(PLURAL_FORM_PROP, str(unit.form)), (MSGID_PROP, unit.msgid)]
        for position, (kind, value) in enumerate((k, v) for k, v in props if v):
            prop = etree.Element(store.namespaced("prop"))
            prop.set("type", kind)
            prop.text = value
            element.insert(position, prop)  # props come before the <tuv>s
    return bytes(store)


def write_tmx(units: Iterable[MemoryUnit], path: str | Path) -> int:
    """Write units as TMX; returns how many."""
    listed = list(units)
    atomic_write_bytes(Path(path), units_to_tmx(listed))
    return len(listed)


NO_SOURCE = "without an English segment"
NO_TARGET = "without a target"


def parse_tmx(
    data: bytes, path: str | Path, skipped: Counter[str] | None = None
) -> Iterator[MemoryUnit]:
    """The units of a TMX file with an English source and a non-empty target; the others
    are counted in ``skipped`` by reason (:data:`NO_SOURCE`, :data:`NO_TARGET`)."""
    skipped = skipped if skipped is not None else Counter()
    check_safe_xml(data, path, "TMX")
    from translate.storage import tmx

    try:
        store = tmx.tmxfile.parsestring(data)
    except Exception as exc:  # translate-toolkit raises lxml and its own errors alike
        raise InputError(f"not a TMX file ({exc})", path=path) from None
    root = store.document.getroot()
    if root.tag.rsplit("}", 1)[-1] != "tmx":
        raise InputError("not a TMX file (root element is not <tmx>)", path=path)
    default_source = (store.sourcelanguage or SOURCE_LANGUAGE).lower()
    for number, unit in enumerate(store.units, start=1):
        element = unit.xmlelement
        source_lang = (element.get("srclang") or default_source).lower()
        if source_lang == "*all*":
            source_lang = SOURCE_LANGUAGE
        texts: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            lang = (node.get(_XML_LANG) or node.get("lang") or "").strip()
            seg = node.find(store.namespaced("seg"))
            text = segment_text(seg) if seg is not None else ""
            if lang and text:
                texts[lang] = text
        source = next(
            (t for lang, t in texts.items() if primary_subtag(lang) == SOURCE_LANGUAGE), None
        )
        if source is None or primary_subtag(source_lang) != SOURCE_LANGUAGE:
            skipped[NO_SOURCE] += 1
            continue
        if all(primary_subtag(lang) == SOURCE_LANGUAGE for lang in texts):
            skipped[NO_TARGET] += 1
            continue
        stamp = element.get("changedate") or element.get("creationdate")
        try:
            updated = _memory_date(stamp) if stamp else datetime.now(UTC).strftime(DATE_FORMAT)
        except ValueError:
            raise InputError(f"unit {number}: bad date '{stamp}'", path=path) from None
        document = context = msgid = ""
        form = SINGULAR
        for prop in element.iterchildren(store.namespaced("prop")):
            kind, value = prop.get("type"), prop.text or ""
            if kind == DOCUMENT_PROP:
                document = check_name(value, what=f"unit {number}: document name", path=path)
            elif kind == CONTEXT_PROP:
                context = value
            elif kind == PLURAL_FORM_PROP:
                if not value.isdigit():
                    raise InputError(f"unit {number}: bad plural form '{value}'", path=path)
                form = int(value)
            elif kind == MSGID_PROP:
                msgid = value
        if form != SINGULAR and not msgid:
            if form:
                raise InputError(f"unit {number}: plural form {form} without x-msgid", path=path)
            msgid = source  # form 0's source is the msgid
        for lang, text in texts.items():
            if primary_subtag(lang) == SOURCE_LANGUAGE:
                continue
            code = parse_language(lang, where=f"{path}: unit {number}")
            yield MemoryUnit(source, code, text, document, updated, context, form, msgid)


# TMX inline elements that hold another tool's native codes (``<bpt>&lt;b&gt;</bpt>``):
# their content is markup, not text, and is left out.
NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def segment_text(seg: Any) -> str:
    """The text of a ``<seg>``: highlighted text (``<hi>``) kept, native codes left out."""
    parts = [seg.text or ""]
    for child in seg:
        name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if name and name not in NATIVE_CODES:
            parts.append(segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx(path: str | Path, skipped: Counter[str] | None = None) -> list[MemoryUnit]:
    """The units of a TMX file (``skipped``: the others, counted by reason)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    return list(parse_tmx(data, path, skipped))
