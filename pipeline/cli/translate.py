"""``l10n translate``: write the POT and the PO catalogs of documents, machine-translated."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..batch import CatalogReport
from ..engines import engine_names
from ..engines.options import BOUNDS, check_bound
from ..job import TranslateOptions, translate
from ..memory import DEFAULT_MEMORY_NAME
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


def run(args: argparse.Namespace) -> int:
    options = TranslateOptions(
        sources=args.sources,
        languages=args.languages,
        out=args.out,
        engine=args.engine,
        model=args.model,
        back_model=args.back_model,
        config=args.config,
        glossary=args.glossary,
        memory=args.memory,
        use_memory=not args.no_memory,
        cache=not args.no_cache,
        beam=args.beam,
        nbest=args.nbest,
        back_beam=args.back_beam,
        min_chrf=args.min_chrf,
        wait=args.wait,
        cluster=args.cluster,
        progress=no_progress if args.quiet else stderr_progress,
        on_catalog=print_catalog,
    )
    translate(options)
    return 0


def print_catalog(result: CatalogReport) -> None:
    """One line on stderr per catalog, as it is written."""
    state = "written" if result.written else "unchanged"
    extra = ""
    if result.machine_translated or result.from_memory:
        extra = f", {result.machine_translated} by MT, {result.from_memory} from memory"
    progress_message(f"{result.path}: {result.entries} entries{extra}, {state}")
