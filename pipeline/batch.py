"""The ``translate`` job: documents → segments → templates → catalogs, for each language.

Everything is read and computed first and written last, under a lock on the output
directory, so a bad input or a failed model load leaves every file as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib
from filelock import FileLock, Timeout

from .catalog import Template, build_template, mt_provenance
from .errors import InputError, OutputError
from .formats import expand_sources, read_document, segment_document
from .mt import (
    CACHE_NAME,
    CachedEngine,
    LazyEngine,
    MTCache,
    MTSettings,
    apply_machine_translation,
    apply_memory_match,
    machine_translate,
)
from .pofile import (
    is_machine_translation,
    load_catalog,
    merge_catalog,
    needs_machine_translation,
    template_catalog,
    validate_language,
    write_catalog,
)
from .roundtrip import DEFAULT_MIN_CHRF

if TYPE_CHECKING:
    from .glossary import Glossary

LOCK_NAME = ".l10n.lock"

# (model, source_lang, target_lang) -> the chosen engine for that model and direction, loaded
# lazily and known by its signature.
EngineFactory = Callable[[str, str, str], LazyEngine]


@dataclass
class TranslateRequest:
    """What ``l10n translate`` was asked to do."""

    sources: Sequence[str]
    languages: Sequence[str]
    out: Path
    models: dict[str, tuple[str, str]] = field(default_factory=dict)  # lang -> (fwd, back)
    # None: no MT, catalogs for human translation (``--engine none``).
    engine_factory: EngineFactory | None = None
    glossary: Glossary | None = None
    memory_path: Path | None = None
    cache: bool = True
    num_hypotheses: int = 4
    min_chrf: float = DEFAULT_MIN_CHRF
    lock_timeout: float = 30.0


@dataclass
class CatalogResult:
    path: Path
    written: bool
    entries: int
    fuzzy_suggestions: int = 0
    obsoleted: int = 0
    machine_translated: int = 0
    from_memory: int = 0


@dataclass
class TranslateReport:
    catalogs: list[CatalogResult] = field(default_factory=list)
    engines_loaded: list[str] = field(default_factory=list)


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


@dataclass
class _Planned:
    catalog: polib.POFile
    path: Path
    template: Template
    lang: str | None
    result: CatalogResult


def _translate_locked(
    request: TranslateRequest, templates: list[Template], languages: list[str]
) -> TranslateReport:
    planned: list[_Planned] = []
    for template in templates:
        pot_path = catalog_paths(request.out, template.doc_id, None)
        planned.append(
            _Planned(
                template_catalog(template),
                pot_path,
                template,
                None,
                CatalogResult(pot_path, False, 0),
            )
        )
        for lang in languages:
            po_path = catalog_paths(request.out, template.doc_id, lang)
            existing = load_catalog(po_path) if po_path.exists() else None
            hints = _glossary_hints(template, request.glossary, lang)
            merged = merge_catalog(template, existing, lang, hints)
            result = CatalogResult(po_path, False, 0, merged.fuzzy_suggestions, merged.obsoleted)
            planned.append(_Planned(merged.catalog, po_path, template, lang, result))
    report = TranslateReport()
    factory = request.engine_factory
    if factory is not None:
        for lang in languages:
            _fill_language(request, factory, lang, [p for p in planned if p.lang == lang], report)
    for item in planned:
        item.result.written = write_catalog(item.catalog, item.path, template=item.lang is None)
        item.result.entries = sum(1 for entry in item.catalog if not entry.obsolete)
        report.catalogs.append(item.result)
    return report


def _glossary_hints(
    template: Template, glossary: Glossary | None, lang: str
) -> dict[str, list[str]]:
    if glossary is None:
        return {}
    from .glossary import hint_comment

    hints: dict[str, list[str]] = {}
    for item in template.entries:
        if item.lang != "en":
            continue
        matches = glossary.find_in_source(item.msgid, lang)
        if matches:
            hints[item.msgid] = [hint_comment(matches)]
    return hints


def _wants_mt(entry: polib.POEntry, english: set[str], model: str) -> bool:
    """Empty entries and untouched MT outputs of another model or of an old source."""
    if entry.obsolete or entry.msgid not in english or not needs_machine_translation(entry):
        return False
    if not entry.msgstr:
        return True
    provenance = mt_provenance(entry.comment or "")
    same_model = provenance is not None and f"|model:{model}|" in f"|{provenance[0]}|"
    return entry.previous_msgid is not None or not same_model


def _fill_language(
    request: TranslateRequest,
    factory: EngineFactory,
    lang: str,
    planned: list[_Planned],
    report: TranslateReport,
) -> None:
    forward_model, backward_model = request.models[lang]
    todo: list[tuple[_Planned, polib.POEntry]] = []
    for item in planned:
        english = {e.msgid for e in item.template.entries if e.lang == "en"}
        for entry in item.catalog:
            if _wants_mt(entry, english, forward_model):
                todo.append((item, entry))
    if not todo:
        return
    if request.memory_path is not None and request.memory_path.exists():
        from .memory import TranslationMemory

        remaining = []
        with TranslationMemory(request.memory_path) as memory:
            for item, entry in todo:
                match = None if is_machine_translation(entry) else memory.lookup(entry.msgid, lang)
                if match is not None:
                    apply_memory_match(entry, match)
                    item.result.from_memory += 1
                else:
                    remaining.append((item, entry))
        todo = remaining
        if not todo:
            return
    cache = MTCache(request.out / CACHE_NAME if request.cache else None)
    forward = factory(forward_model, "en", lang)
    backward = factory(backward_model, lang, "en")
    settings = MTSettings(
        lang=lang,
        num_hypotheses=request.num_hypotheses,
        min_chrf=request.min_chrf,
        glossary=request.glossary,
    )
    try:
        results = machine_translate(
            [e.msgid for _, e in todo],
            CachedEngine(forward, cache),
            CachedEngine(backward, cache),
            settings,
        )
    finally:
        cache.close()
    for item, entry in todo:
        apply_machine_translation(entry, results[entry.msgid], settings)
        item.result.machine_translated += 1
    report.engines_loaded.extend(e.signature for e in (forward, backward) if e.loaded)
