"""The ``translate`` job: documents → segments → templates → catalogs, for each language.

Everything is read and computed first and written last, under a lock on the output
directory, so a bad input or a failed model load leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib
from filelock import FileLock, Timeout

from .catalog import Template, build_template
from .document import expand_sources, read_document
from .errors import InputError, OutputError
from .pofile import (
    load_catalog,
    merge_catalog,
    template_catalog,
    validate_language,
    write_catalog,
)
from .segment import segment_document

LOCK_NAME = ".l10n.lock"


@dataclass
class TranslateRequest:
    """What ``l10n translate`` was asked to do."""

    sources: Sequence[str]
    languages: Sequence[str]
    out: Path
    engine: str = "none"
    lock_timeout: float = 30.0


@dataclass
class CatalogResult:
    path: Path
    written: bool
    entries: int
    fuzzy_suggestions: int = 0
    obsoleted: int = 0


@dataclass
class TranslateReport:
    catalogs: list[CatalogResult] = field(default_factory=list)


def catalog_paths(out: Path, doc_id: str, lang: str | None) -> Path:
    """Where the POT (``lang`` None) or a language's PO of a document lives under ``out``."""
    if lang is None:
        return out / f"{doc_id}.pot"
    return out / lang / "LC_MESSAGES" / f"{doc_id}.po"


def load_templates(sources: Sequence[str]) -> list[Template]:
    """Read, segment and collect every source document; document ids must be distinct."""
    templates: list[Template] = []
    seen: dict[str, str] = {}
    for path in expand_sources(list(sources)):
        document = read_document(path)
        if document.doc_id in seen:
            raise InputError(
                f"document id '{document.doc_id}' is also the id of {seen[document.doc_id]}; "
                "rename one of them",
                path=path,
            )
        seen[document.doc_id] = str(path)
        templates.append(build_template(segment_document(document)))
    return templates


def output_lock(out: Path, timeout: float) -> FileLock:
    """A lock on the output directory, so two runs never write the same catalogs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output directory: {exc.strerror}", path=out) from None
    return FileLock(str(out / LOCK_NAME), timeout=timeout)


def run_translate(request: TranslateRequest) -> TranslateReport:
    """Run the whole job and write the catalogs; returns what was written."""
    languages = [validate_language(lang) for lang in request.languages]
    templates = load_templates(request.sources)
    lock = output_lock(request.out, request.lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        raise OutputError(
            f"another l10n run is writing these catalogs (lock {lock.lock_file} held for "
            f"{request.lock_timeout:g} s); try again when it has finished",
        ) from None
    try:
        return _translate_locked(request, templates, languages)
    finally:
        lock.release()


def _translate_locked(
    request: TranslateRequest, templates: list[Template], languages: list[str]
) -> TranslateReport:
    planned: list[tuple[polib.POFile, Path, bool, int, int]] = []
    for template in templates:
        pot_path = catalog_paths(request.out, template.doc_id, None)
        planned.append((template_catalog(template), pot_path, True, 0, 0))
        for lang in languages:
            po_path = catalog_paths(request.out, template.doc_id, lang)
            existing = load_catalog(po_path) if po_path.exists() else None
            merged = merge_catalog(template, existing, lang)
            planned.append(
                (merged.catalog, po_path, False, merged.fuzzy_suggestions, merged.obsoleted)
            )
    report = TranslateReport()
    for catalog, path, is_template, suggestions, obsoleted in planned:
        written = write_catalog(catalog, path, template=is_template)
        active = sum(1 for entry in catalog if not entry.obsolete)
        report.catalogs.append(CatalogResult(path, written, active, suggestions, obsoleted))
    return report
