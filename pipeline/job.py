"""The ``translate`` job planned once: from what the command line asked to a request.

:func:`plan_translate` does everything that needs deciding before a document is read:
the target languages are validated once, the configuration and glossary read once, each
language's models resolved, and each model located and its family recognised once
(:class:`PlannedEngines`), so that the language check, the signature and loading all use
the same :class:`~pipeline.engines.PreparedModel`. A model that lacks a language fails here
(exit 3), before anything is written. :func:`pipeline.batch.run_translate` then runs the
request; ``cli/translate.py`` only parses arguments and prints.

A model that is not on disk is not fetched here: its engine's signature is deferred
(:class:`~pipeline.mt.LazyEngine`), so an unchanged re-run needs no model, and the model is
fetched (or its absence reported, exit 3) only when the run has something to translate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .batch import CatalogReport, TranslateRequest, run_translate, target_language
from .cluster import config_cluster, ray_runner_factory
from .config import Config, load_config
from .engines import PreparedModel, build_engine, prepare_model, sign_engine
from .engines.settings import EngineSettings, engine_settings
from .errors import InputError, ModelError
from .glossary import Glossary
from .languages import SOURCE_LANGUAGE, missing_models_error
from .memory import DEFAULT_MEMORY_NAME
from .modelstore import configured_langs, resolve_models
from .mt import LazyEngine, local_runner
from .progress import ProgressFactory, no_progress
from .roundtrip import DEFAULT_MIN_CHRF

if TYPE_CHECKING:
    from .engines import TranslationEngine


@dataclass(frozen=True)
class TranslateOptions:
    """What ``l10n translate`` was asked, as given (None: from ``l10n.toml`` or default)."""

    sources: Sequence[str]
    # --to as given (empty: the languages of l10n.toml's [models.LANG] tables, else defaults)
    languages: Sequence[str] = ()
    out: Path = Path("locales")
    engine: str | None = None
    model: str | None = None
    back_model: str | None = None
    config: str | None = None
    glossary: str | None = None
    memory: Path | None = None
    use_memory: bool = True
    cache: bool = True
    beam: int | None = None
    nbest: int | None = None
    back_beam: int | None = None
    min_chrf: float = DEFAULT_MIN_CHRF
    wait: float = 30.0
    cluster: str | None = None
    progress: ProgressFactory = no_progress
    on_catalog: Callable[[CatalogReport], None] | None = field(default=None)


class PlannedEngines:
    """The engine factory of a run: engines of one kind, each model prepared once.

    Called with (model, source language, target language), as
    :data:`pipeline.batch.EngineFactory`; back-translations (into the source language)
    decode with the settings' back options. Each model is located (without fetching) and its
    family recognised once; an engine's signature is computed once, at once when the model
    is on disk (which checks that it knows both languages), else when first asked for.
    """

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self._prepared: dict[str, PreparedModel] = {}
        self._engines: dict[tuple[str, str, str], LazyEngine] = {}

    def prepared(self, model: str, *, download: bool) -> PreparedModel | None:
        """``model`` located and recognised (once); None when it is not on disk and
        ``download`` is false. ModelError when it cannot be had."""
        if model not in self._prepared:
            try:
                self._prepared[model] = prepare_model(model, download=download)
            except ModelError:
                if download:
                    raise
                return None
        return self._prepared[model]

    def __call__(self, model: str, source_lang: str, target_lang: str) -> LazyEngine:
        key = (model, source_lang, target_lang)
        if key not in self._engines:
            self._engines[key] = self._engine(model, source_lang, target_lang)
        return self._engines[key]

    def _engine(self, model: str, source_lang: str, target_lang: str) -> LazyEngine:
        kind = self.settings.kind.name
        back = target_lang == SOURCE_LANGUAGE
        options = self.settings.back_options if back else self.settings.options

        def prepared() -> PreparedModel:
            found = self.prepared(model, download=True)
            assert found is not None
            return found

        def signature() -> str:
            return str(
                sign_engine(
                    kind,
                    prepared(),
                    source_lang=source_lang,
                    target_lang=target_lang,
                    options=options,
                )
            )

        def load() -> TranslationEngine:
            return build_engine(
                kind, prepared(), source_lang=source_lang, target_lang=target_lang, options=options
            )

        if self.prepared(model, download=False) is None:
            return LazyEngine(signature, load, model=model)
        return LazyEngine(signature(), load, model=model)


def plan_translate(options: TranslateOptions) -> TranslateRequest:
    """Check and resolve everything ``options`` ask for, once; the request to run.

    InputError (exit 2) for a bad language, configuration, glossary, memory or engine
    option; ModelError (exit 3) for a language without a model, or a model on disk that
    lacks one of the languages.
    """
    # Each --to parsed once, as its catalog directory under --out ("ru" and "rus" are one
    # language); without --to, the languages of the configuration.
    languages = [target_language(code, options.out) for code in options.languages]
    config = load_config(options.config)
    languages = list(dict.fromkeys(languages or configured_langs(config)))
    if (options.model or options.back_model) and len(languages) > 1:
        raise InputError("--model/--back-model apply to one language; use l10n.toml for several")
    settings = (
        engine_settings(config)
        .with_kind(options.engine)
        .with_options(
            beam_size=options.beam,
            num_hypotheses=options.nbest,
            back_beam_size=options.back_beam,
        )
    )
    glossary = Glossary.load(options.glossary)
    memory = None
    if options.use_memory:
        memory = options.memory or options.out / DEFAULT_MEMORY_NAME
        if options.memory and not options.memory.exists():
            raise InputError("translation memory not found", path=options.memory)
    models: dict[str, tuple[str, str]] = {}
    engines = None
    if settings.kind.translates:
        models = _resolve_models(languages, config, options.model, options.back_model)
        engines = PlannedEngines(settings)
        for lang, (forward, backward) in models.items():  # before anything is written
            engines(forward, SOURCE_LANGUAGE, lang)
            engines(backward, lang, SOURCE_LANGUAGE)
    cluster = config_cluster(config, options.cluster)
    return TranslateRequest(
        sources=options.sources,
        languages=languages,
        out=options.out,
        models=models,
        engine_factory=engines,
        glossary=glossary,
        memory_path=memory,
        cache=options.cache,
        num_hypotheses=settings.options.num_hypotheses,
        min_chrf=options.min_chrf,
        lock_timeout=options.wait,
        progress=options.progress,
        runner_factory=local_runner if cluster is None else ray_runner_factory(cluster),
        on_catalog=options.on_catalog,
    )


def translate(options: TranslateOptions) -> None:
    """Plan the job and run it: catalogs written, each reported to ``on_catalog``."""
    run_translate(plan_translate(options))


def _resolve_models(
    languages: list[str], config: Config, model: str | None, back_model: str | None
) -> dict[str, tuple[str, str]]:
    """Each language's models; one error naming every language without one (exit 3)."""
    resolved: dict[str, tuple[str, str]] = {}
    missing: list[str] = []
    for lang in languages:
        try:
            resolved[lang] = resolve_models(lang, config, model, back_model)
        except ModelError:
            missing.append(lang)
    if missing:
        raise missing_models_error(missing)
    return resolved
