"""The ``translate`` job: documents → segments → templates → catalogs, for each language.

Under a lock on the output directory, in two passes over the documents:

1. every source is read and segmented, every existing catalog read and merged, and it is
   worked out which engines the run needs (cache and memory consulted); the engines are
   loaded. Bad input or a model that fails to load stops the run here, before any write.
2. documents are read again one at a time; the sentences that need MT go to the engines in
   chunks (each chunk's results reach the MT cache in one transaction), and each catalog is
   written atomically as soon as its entries are complete, then dropped from memory.

So memory does not grow with the corpus, a killed run redoes at most the chunks in flight,
and an interrupted run leaves every catalog either as it was or completely new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib
from filelock import FileLock, Timeout

from .catalog import Template, build_template
from .entry import Entry
from .errors import InputError, OutputError
from .formats import expand_sources, read_document
from .inline import mask_codes
from .languages import SOURCE_LANGUAGE, likely_subtags, parse_language, primary_subtag, split_tag
from .mt import (
    CACHE_NAME,
    ChunkRunner,
    LazyEngine,
    MachineTranslation,
    MTCache,
    MTSettings,
    apply_machine_translation,
    apply_memory_match,
    forward_cache_options,
    local_runner,
    term_request,
    translate_chunk,
)
from .pofile import (
    MergeResult,
    check_template,
    load_catalog,
    merge_catalog,
    template_catalog,
    write_catalog,
)
from .progress import ProgressFactory, no_progress
from .roundtrip import DEFAULT_MIN_CHRF
from .segment import segment_document

if TYPE_CHECKING:
    from .glossary import Glossary
    from .memory import TranslationMemory

LOCK_NAME = ".l10n.lock"

# (model, source_lang, target_lang) -> the chosen engine for that model and direction, loaded
# lazily and known by its signature.
EngineFactory = Callable[[str, str, str], LazyEngine]
# (lang, forward, backward) -> what runs that language's chunks.
RunnerFactory = Callable[[str, LazyEngine, LazyEngine], ChunkRunner]

# Distinct sentences per MT chunk: what a killed run may have to redo, and what the engine
# sorts by length into batches.
DEFAULT_CHUNK_SIZE = 256
# About 10 MB of polib entries: a run of a few documents reads and merges each one once.
DEFAULT_KEEP_ENTRIES = 5_000


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
    chunk_size: int = DEFAULT_CHUNK_SIZE
    # Catalog entries (documents' entries × languages) whose merged catalogs pass 1 keeps
    # for pass 2 instead of reading and merging them again; beyond it memory stays flat.
    keep_entries: int = DEFAULT_KEEP_ENTRIES
    progress: ProgressFactory = no_progress
    runner_factory: RunnerFactory = local_runner
    # Called with each catalog's report as it is written; such reports are not also kept in
    # TranslateReport.catalogs (a corpus run's reports would grow with the corpus).
    on_catalog: Callable[[CatalogReport], None] | None = None


@dataclass
class CatalogReport:
    """What a run did to one catalog."""

    path: Path
    written: bool
    entries: int
    fuzzy_suggestions: int = 0
    obsoleted: int = 0
    machine_translated: int = 0
    from_memory: int = 0


@dataclass
class TranslateReport:
    catalogs: list[CatalogReport] = field(default_factory=list)
    engines_loaded: list[str] = field(default_factory=list)


def catalog_path(out: Path, doc_id: str, lang: str | None) -> Path:
    """Where the POT (``lang`` None) or a language's PO of a document lives under ``out``."""
    if lang is None:
        return out / f"{doc_id}.pot"
    return out / lang / "LC_MESSAGES" / f"{doc_id}.po"


def target_language(code: str, out: Path | None = None) -> str:
    """A target language as its catalog directory under ``out``.

    The code is read by the one parser (:func:`~pipeline.languages.parse_language`), and the
    directory the project already has for the language is used (``ru-RU`` writes into an
    existing ``ru/``, ``ru`` into an existing ``ru_RU/`` when there is no ``ru/``). The
    source language is refused.
    """
    language = parse_language(code, where="--to")
    subtags = split_tag(language)
    bare, script, region = subtags if subtags else (primary_subtag(language), "", "")
    if bare == SOURCE_LANGUAGE:
        raise InputError(
            f"'{code}' is the source language; --to takes the languages to translate into"
        )
    if out is None or (out / language).is_dir():
        return language
    modifier = language.partition("@")[2]
    base = "_".join(part for part in (bare, script) if part)
    usual = _usual_region(base)

    def spelled(*parts: str) -> str:
        tag = "_".join(part for part in parts if part)
        return f"{tag}@{modifier}" if modifier else tag

    if region and region == usual and (out / spelled(base)).is_dir():
        return spelled(base)
    if not region and usual and (out / spelled(base, usual)).is_dir():
        return spelled(base, usual)
    return language


def _usual_region(language: str) -> str | None:
    """The region a language is assumed to be of (``ru`` -> ``RU``), from CLDR."""
    subtags = likely_subtags(language)
    return (subtags.region or None) if subtags else None


def iter_templates(paths: Sequence[Path]) -> Iterator[Template]:
    """Read and segment the documents one at a time; document ids must be distinct."""
    seen: dict[str, str] = {}
    for path in paths:
        document = read_document(path)
        if document.doc_id in seen:
            raise InputError(
                f"document id '{document.doc_id}' is also the id of {seen[document.doc_id]}; "
                "rename one of them",
                path=path,
            )
        seen[document.doc_id] = str(path)
        read = [document]
        del document
        # Neither the document nor its template stays bound in this frame while the
        # template's catalogs are translated: only the caller holds the template.
        yield build_template(segment_document(read.pop()))


def output_lock(out: Path, timeout: float) -> FileLock:
    """A lock on the output directory, so two runs never write the same catalogs."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output directory: {exc.strerror}", path=out) from None
    lock_path = out / LOCK_NAME
    if lock_path.is_symlink():  # never followed: it could point at any file of the user's
        raise OutputError("the lock file is a symbolic link; remove it", path=lock_path)
    return FileLock(str(lock_path), timeout=timeout)


def run_translate(request: TranslateRequest) -> TranslateReport:
    """Run the whole job and write the catalogs; returns what was written.

    ``request.languages`` are language codes already checked (:func:`pipeline.job.plan_translate`).
    """
    languages = list(dict.fromkeys(request.languages))
    paths = expand_sources(list(request.sources))
    new_directories = _missing_directories(request.out)
    lock = output_lock(request.out, request.lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        raise OutputError(
            f"another l10n run is writing these catalogs (lock {lock.lock_file} held for "
            f"{request.lock_timeout:g} s); try again when it has finished",
        ) from None
    except OSError as exc:  # e.g. a lock file swapped for a symlink (opened O_NOFOLLOW)
        raise OutputError(f"cannot take the lock: {exc.strerror}", path=lock.lock_file) from None
    try:
        return _Job(request, paths, languages).run()
    except BaseException:
        lock.release()
        _remove_if_only_lock(request.out, new_directories)
        raise
    finally:
        lock.release()


def _missing_directories(out: Path) -> list[Path]:
    """``out`` and those of its parents that do not exist yet, deepest first."""
    missing: list[Path] = []
    path = out.absolute()
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing


def _remove_if_only_lock(out: Path, created: list[Path]) -> None:
    """A failed run that created the output directory leaves nothing behind: not even the
    directory and its lock file, when nothing else was written there."""
    if not created:
        return
    try:
        if [entry.name for entry in out.iterdir()] != [LOCK_NAME]:
            return
        (out / LOCK_NAME).unlink()
        for directory in created:
            directory.rmdir()
    except OSError:
        pass


@dataclass
class _Catalog:
    """A language catalog of one document waiting for the MT of its ``missing`` sentences."""

    catalog: polib.POFile
    path: Path
    report: CatalogReport
    todo: list[polib.POEntry]
    missing: set[str]


class _Language:
    """One target language of a run: its engines, what it still has to translate, and the
    catalogs waiting for it."""

    def __init__(self, request: TranslateRequest, lang: str, position: int) -> None:
        self.request = request
        self.lang = lang
        self.position = position
        self.settings = MTSettings(
            lang=lang,
            num_hypotheses=request.num_hypotheses,
            min_chrf=request.min_chrf,
            glossary=request.glossary,
        )
        self.forward_model, backward_model = request.models.get(lang, ("", ""))
        self.runner: ChunkRunner | None = None
        self.forward: LazyEngine | None = None
        self.backward: LazyEngine | None = None
        if request.engine_factory is not None:
            self.forward = request.engine_factory(self.forward_model, SOURCE_LANGUAGE, lang)
            self.backward = request.engine_factory(backward_model, lang, SOURCE_LANGUAGE)
            self.runner = request.runner_factory(lang, self.forward, self.backward)
        self.total = 0  # entries to fill by memory or MT (pass 1)
        self.needs_engine = False
        self.waiting: list[_Catalog] = []
        self.queue: dict[str, None] = {}  # sentences not yet sent to MT
        self.sent: set[str] = set()  # sentences in chunks in flight
        self.results: dict[str, MachineTranslation] = {}  # for the waiting catalogs
        self.progress = no_progress(lang, 0, position)

    def todo(self, catalog: polib.POFile, template: Template) -> list[polib.POEntry]:
        """Entries of a merged catalog that MT may fill or refresh; without MT, the empty
        ones (the translation memory may still fill them)."""
        english = {e.msgid for e in template.entries if e.lang == SOURCE_LANGUAGE}
        if self.runner is None or self.forward is None:
            return [e for e in catalog if not e.obsolete and e.msgid in english and not e.msgstr]
        return [e for e in catalog if _wants_mt(e, english, self.forward)]

    def plan(
        self, todo: list[polib.POEntry], cache: MTCache, memory: TranslationMemory | None
    ) -> None:
        """Pass 1: count the entries to fill, and find out whether the engines are needed."""
        self.total += len(todo)
        if self.needs_engine or self.forward is None:
            return
        for entry in todo:
            reusable = memory is not None and not Entry(entry).machine_translation
            if reusable and memory.lookup(entry.msgid, self.lang) is not None:
                continue
            # The signature may be deferred (model not on disk): it is worked out, fetching
            # the model, only here, where the run has something to translate.
            plain = mask_codes(entry.msgid).plain  # what MT sees and the cache holds
            key = forward_cache_options(term_request(plain, self.settings), self.settings)
            if cache.get(self.forward.signature, plain, key) is None:
                self.needs_engine = True
                return


class _Job:
    """One ``translate`` run under the output lock: pass 1, engine loading, pass 2."""

    def __init__(self, request: TranslateRequest, paths: list[Path], languages: list[str]) -> None:
        self.request = request
        self.paths = paths
        self.languages = [_Language(request, lang, i) for i, lang in enumerate(languages)]
        self.report = TranslateReport()
        self.cache = MTCache(request.out / CACHE_NAME if request.cache else None)
        self.memory: TranslationMemory | None = None
        # Documents read in pass 1 whose merged catalogs pass 2 uses (request.keep_entries).
        self.kept: list[tuple[Template, list[tuple[Path, MergeResult]]]] = []

    def run(self) -> TranslateReport:
        try:
            if request_uses_memory(self.request):
                from .memory import TranslationMemory

                assert self.request.memory_path is not None
                self.memory = TranslationMemory(self.request.memory_path)
            self._plan()
            for language in self.languages:
                if language.needs_engine and language.runner is not None:
                    language.runner.load()
            self._stream()
        finally:
            self.cache.close()
            if self.memory is not None:
                self.memory.close()
            for language in self.languages:
                language.progress.close()
                if language.runner is not None:
                    self.report.engines_loaded.extend(language.runner.loaded())
                    language.runner.close()
        return self.report

    def _merged(
        self, template: Template, language: _Language, hints: bool = True
    ) -> tuple[Path, MergeResult]:
        """The language's catalog of ``template`` merged with the one on disk (``hints``
        False: without glossary hints, which do not change what MT has to do)."""
        path = catalog_path(self.request.out, template.doc_id, language.lang)
        existing = load_catalog(path) if path.exists() else None
        glossary = self.request.glossary if hints else None
        return path, merge_catalog(
            template, existing, language.lang, _glossary_hints(template, glossary, language.lang)
        )

    def _plan(self) -> None:
        """Pass 1: read and check everything, count the work, decide which engines to load.

        The merged catalogs of the first documents are kept for pass 2, up to
        ``request.keep_entries`` entries, so a run of a few documents reads and merges each
        once; a corpus run reads the rest again in pass 2, and its memory stays flat.
        """
        room = self.request.keep_entries
        keeping = True
        for template in iter_templates(self.paths):
            check_template(template, catalog_path(self.request.out, template.doc_id, None))
            cost = len(template.entries) * max(1, len(self.languages))
            keep = keeping = keeping and cost <= room
            merges: list[tuple[Path, MergeResult]] = []
            for language in self.languages:
                if language.runner is None and not keep:  # no MT: only check the catalog
                    path = catalog_path(self.request.out, template.doc_id, language.lang)
                    if path.exists():
                        load_catalog(path)
                    continue
                path, merged = self._merged(template, language, hints=keep)
                merges.append((path, merged))
                if language.runner is not None:
                    language.plan(language.todo(merged.catalog, template), self.cache, self.memory)
            if keep:
                self.kept.append((template, merges))
                room -= cost

    def _documents(self) -> Iterator[list[Any]]:
        """Pass 2's documents: those kept from pass 1 with their merged catalogs, then the
        rest read again (merged catalogs None: merge them now). Each comes as a list
        ``[template, merged catalogs]`` that the caller empties, so that nothing but the
        caller holds a document's template while its catalogs are translated."""
        kept, self.kept = self.kept, []
        read = len(kept)
        kept.reverse()
        while kept:
            yield list(kept.pop())  # dropped as it is handed over
        for template in iter_templates(self.paths[read:]):
            handed: list[Any] = [template, None]
            del template
            yield handed

    def _stream(self) -> None:
        """Pass 2: translate in chunks and write each catalog as soon as it is complete."""
        for language in self.languages:
            if language.total:
                language.progress = self.request.progress(
                    language.lang, language.total, language.position
                )
        for handed in self._documents():
            template, merges = handed
            handed.clear()
            pot_path = catalog_path(self.request.out, template.doc_id, None)
            pot = template_catalog(template)
            written = write_catalog(pot, pot_path, template=True)
            entries = sum(1 for entry in pot if not entry.obsolete)
            del pot  # written: not held while the document's entries are translated
            self._done(CatalogReport(pot_path, written, entries))
            last = len(self.languages) - 1
            for number, language in enumerate(self.languages):
                path, merged = merges[number] if merges else self._merged(template, language)
                report = CatalogReport(path, False, 0, merged.fuzzy_suggestions, merged.obsoleted)
                item = _Catalog(
                    merged.catalog, path, report, language.todo(merged.catalog, template), set()
                )
                del merged
                if number == last:  # the document's last catalog: its template is done with
                    del template, merges
                self._add(language, item)
                del item
        for language in self.languages:
            self._send(language, final=True)
            while language.waiting:
                if language.runner is None or not language.runner.in_flight():
                    raise RuntimeError(f"{language.lang}: catalogs wait for MT never sent")
                self._collect(language)

    def _add(self, language: _Language, item: _Catalog) -> None:
        if item.todo and self.memory is not None:
            remaining = []
            for entry in item.todo:
                match = None
                if not Entry(entry).machine_translation:
                    match = self.memory.lookup(entry.msgid, language.lang)
                if match is not None:
                    apply_memory_match(entry, match)
                    item.report.from_memory += 1
                else:
                    remaining.append(entry)
            language.progress.update(len(item.todo) - len(remaining))
            item.todo = remaining
        if language.runner is None:  # no MT: what the memory did not fill stays empty
            item.todo = []
        for entry in item.todo:
            source = entry.msgid
            if source in language.results:
                continue
            item.missing.add(source)
            if source not in language.sent:
                language.queue[source] = None
        language.progress.update(sum(1 for e in item.todo if e.msgid not in item.missing))
        if not item.missing:
            self._finish(language, item)
            return
        language.waiting.append(item)
        self._send(language, final=False)

    def _send(self, language: _Language, final: bool) -> None:
        """Submit full chunks (and, when ``final``, the rest) to the language's runner."""
        runner = language.runner
        if runner is None:
            return
        size = self.request.chunk_size
        while len(language.queue) >= size or (final and language.queue):
            while runner.in_flight() >= runner.capacity:
                self._collect(language)
            chunk = list(language.queue)[:size]
            for source in chunk:
                del language.queue[source]
            language.sent.update(chunk)
            assert language.forward is not None and language.backward is not None
            job = translate_chunk(
                chunk,
                language.forward.signature,
                language.backward.signature,
                self.cache,
                language.settings,
            )
            runner.submit(chunk, job)
            if runner.in_flight() >= runner.capacity:
                self._collect(language)

    def _collect(self, language: _Language) -> None:
        """Take finished chunks' results, and write the catalogs they complete."""
        assert language.runner is not None
        for tag, outcome in language.runner.wait():
            language.sent.difference_update(tag)  # type: ignore[arg-type]
            language.results.update(outcome.results)
        still: list[_Catalog] = []
        for item in language.waiting:
            before = len(item.missing)
            item.missing = {s for s in item.missing if s not in language.results}
            language.progress.update(before - len(item.missing))
            if item.missing:
                still.append(item)
            else:
                self._finish(language, item)
        language.waiting = still
        needed = {e.msgid for item in still for e in item.todo}
        language.results = {s: r for s, r in language.results.items() if s in needed}

    def _finish(self, language: _Language, item: _Catalog) -> None:
        for entry in item.todo:
            apply_machine_translation(entry, language.results[entry.msgid], language.settings)
        item.report.machine_translated += len(item.todo)
        item.report.written = write_catalog(item.catalog, item.path)
        item.report.entries = sum(1 for entry in item.catalog if not entry.obsolete)
        self._done(item.report)

    def _done(self, report: CatalogReport) -> None:
        if self.request.on_catalog is None:
            self.report.catalogs.append(report)
        else:
            self.request.on_catalog(report)


def request_uses_memory(request: TranslateRequest) -> bool:
    """Whether the run consults a translation memory (one that exists; with or without MT)."""
    return request.memory_path is not None and request.memory_path.exists()


def _glossary_hints(
    template: Template, glossary: Glossary | None, lang: str
) -> dict[str, list[str]]:
    if glossary is None:
        return {}
    from .glossary import hint_comment

    hints: dict[str, list[str]] = {}
    for item in template.entries:
        if item.lang != SOURCE_LANGUAGE:
            continue
        matches = glossary.find_in_source(item.msgid, lang)
        if matches:
            hints[item.msgid] = [hint_comment(matches)]
    return hints


def _wants_mt(entry: polib.POEntry, english: set[str], engine: LazyEngine) -> bool:
    """Empty entries, and untouched MT outputs of an old source or of another MT than
    ``engine``'s: another model, model family or language tokens (a new beam or library
    version is not another MT: it does not make the tool re-translate what is there)."""
    view = Entry(entry)
    if entry.obsolete or entry.msgid not in english or not view.needs_machine_translation:
        return False
    if not entry.msgstr:
        return True
    written = view.mt_signature
    same_mt = written is not None and engine.same_mt(written)
    return entry.previous_msgid is not None or not same_mt
