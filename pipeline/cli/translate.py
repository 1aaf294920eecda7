"""``l10n translate``: write the POT and the PO catalogs of documents, machine-translated."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..batch import CatalogReport, TranslateRequest, run_translate
from ..cluster import config_cluster, ray_runner_factory
from ..config import Config, load_config
from ..engines import EngineOptions, check_languages, engine_names, engine_signature, load_engine
from ..engines.options import BOUNDS, check_bound
from ..engines.settings import engine_settings
from ..errors import InputError, ModelError
from ..glossary import Glossary
from ..languages import SOURCE_LANGUAGE, missing_models_error, parse_language
from ..memory import DEFAULT_MEMORY_NAME
from ..modelstore import resolve_models
from ..mt import LazyEngine, local_runner
from ..progress import no_progress, progress_message, stderr_progress
from ..roundtrip import DEFAULT_MIN_CHRF


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "translate",
        help="write POT/PO catalogs for documents, machine-translated with a round trip",
        description=(
            "Segment the documents and write OUT/<doc>.pot and OUT/<lang>/LC_MESSAGES/<doc>.po "
            "for every --to language. Entries are machine-translated (fuzzy, with the "
            "back-translation, its chrF and the MT signature as comments), glossary terms are "
            "enforced over the n-best list, and existing catalogs are merged: a translation a "
            "person made or reviewed is never changed."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="document or directory")
    parser.add_argument(
        "--to",
        dest="languages",
        action="append",
        required=True,
        metavar="LANG",
        help="target language (repeat for several)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("locales"), help="catalog directory (default: locales)"
    )
    parser.add_argument(
        "--engine",
        choices=engine_names(),
        help="MT engine (default: [engine] kind in l10n.toml, else ct2); "
        "'none' writes catalogs for human translation (memory matches still offered)",
    )
    parser.add_argument("--model", metavar="ID|DIR", help="forward model (en→LANG)")
    parser.add_argument("--back-model", metavar="ID|DIR", help="backward model (LANG→en)")
    parser.add_argument("--config", metavar="PATH", help="project config (default: ./l10n.toml)")
    parser.add_argument(
        "--glossary", metavar="PATH", help="glossary CSV (default: glossary/terms.csv if present)"
    )
    parser.add_argument(
        "--memory",
        type=Path,
        metavar="PATH",
        help=f"translation memory (default: OUT/{DEFAULT_MEMORY_NAME} if present)",
    )
    parser.add_argument("--no-memory", action="store_true", help="do not use translation memory")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the MT cache")
    parser.add_argument(
        "--beam", type=bounded_int("beam_size"), metavar="N", help="beam size (default 4)"
    )
    parser.add_argument(
        "--nbest",
        type=bounded_int("num_hypotheses"),
        metavar="N",
        help="hypotheses to choose terms from",
    )
    parser.add_argument(
        "--back-beam",
        type=bounded_int("beam_size"),
        metavar="N",
        help="beam size of the back-translation (default 1: greedy)",
    )
    parser.add_argument(
        "--min-chrf",
        type=float,
        default=DEFAULT_MIN_CHRF,
        metavar="X",
        help=f"warn when the round-trip chrF is below X (default {DEFAULT_MIN_CHRF:g})",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how long to wait for another run writing the same catalogs (default 30)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress on stderr (catalog lines only)"
    )
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="run MT and the round trip on a Ray cluster ('auto', 'local' or HOST:PORT; "
        "default: [cluster] address in l10n.toml); needs the 'cluster' extra",
    )
    parser.set_defaults(handler=run)


def bounded_int(option: str) -> Callable[[str], int]:
    """argparse type: an integer within the engine's bounds for ``option`` (``BOUNDS``)."""
    low, high = BOUNDS[option]

    def parse(text: str) -> int:
        try:
            return check_bound(option, int(text))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be an integer from {low} to {high:,}, not {text!r}"
            ) from None

    parse.__name__ = option  # argparse names the type in its messages
    return parse


def _engine_factory(
    kind: str, forward_options: EngineOptions, back_options: EngineOptions
) -> Callable[[str, str, str], LazyEngine]:
    """Engines ``kind`` known by their signature up front (no model loaded), loaded on first
    use. A model that lacks one of the languages fails here, before anything is written.

    Back-translation engines (into English) decode with ``back_options``: only their best
    hypothesis is used.
    """

    def make(model: str, source_lang: str, target_lang: str) -> LazyEngine:
        options = back_options if target_lang == SOURCE_LANGUAGE else forward_options
        signature = engine_signature(
            kind, model, source_lang=source_lang, target_lang=target_lang, options=options
        )
        return LazyEngine(
            str(signature),
            lambda: load_engine(
                kind, model, source_lang=source_lang, target_lang=target_lang, options=options
            ),
        )

    return make


def _resolve_models(
    languages: list[str], config: Config | None, args: argparse.Namespace
) -> dict[str, tuple[str, str]]:
    """Each language's models; one error naming every language without a default (exit 3)."""
    resolved: dict[str, tuple[str, str]] = {}
    missing: list[str] = []
    for lang in languages:
        try:
            resolved[lang] = resolve_models(lang, config, args.model, args.back_model)
        except ModelError:
            missing.append(lang)
    if missing:
        raise missing_models_error(missing)
    return resolved


def run(args: argparse.Namespace) -> int:
    languages = [parse_language(lang, where="--to") for lang in args.languages]
    config = load_config(args.config)
    glossary = Glossary.load(args.glossary)
    settings = (
        engine_settings(config)
        .with_kind(args.engine)
        .with_options(beam_size=args.beam, num_hypotheses=args.nbest, back_beam_size=args.back_beam)
    )
    if (args.model or args.back_model) and len(args.languages) > 1:
        raise InputError("--model/--back-model apply to one language; use l10n.toml for several")
    options, back_options = settings.options, settings.back_options
    translates = settings.kind.translates
    memory = None
    if not args.no_memory:
        memory = args.memory or args.out / DEFAULT_MEMORY_NAME
        if args.memory and not args.memory.exists():
            raise InputError("translation memory not found", path=args.memory)
    models = _resolve_models(languages, config, args) if translates else {}
    if translates:
        for lang, (forward, backward) in models.items():  # before any language is translated
            check_languages(forward, SOURCE_LANGUAGE, lang)
            check_languages(backward, lang, SOURCE_LANGUAGE)
    progress = no_progress if args.quiet else stderr_progress
    cluster = config_cluster(config, args.cluster)
    runner_factory = local_runner if cluster is None else ray_runner_factory(cluster)
    request = TranslateRequest(
        sources=args.sources,
        languages=languages,
        out=args.out,
        models=models,
        engine_factory=(
            _engine_factory(settings.kind.name, options, back_options) if translates else None
        ),
        glossary=glossary,
        memory_path=memory,
        cache=not args.no_cache,
        num_hypotheses=options.num_hypotheses,
        min_chrf=args.min_chrf,
        lock_timeout=args.wait,
        progress=progress,
        runner_factory=runner_factory,
        on_catalog=print_catalog,
    )
    run_translate(request)
    return 0


def print_catalog(result: CatalogReport) -> None:
    """One line on stderr per catalog, as it is written."""
    state = "written" if result.written else "unchanged"
    extra = ""
    if result.machine_translated or result.from_memory:
        extra = f", {result.machine_translated} by MT, {result.from_memory} from memory"
    progress_message(f"{result.path}: {result.entries} entries{extra}, {state}")
