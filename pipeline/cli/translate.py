"""``l10n translate``: write the POT and the PO catalogs of documents, machine-translated."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from ..batch import CatalogReport
from ..engines import engine_names
from ..engines.options import BOUNDS, check_bound
from ..job import TranslateOptions, translate
from ..progress import no_progress, progress_message, stderr_progress
from . import command_help
from .options import add_shared


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "translate",
        help=command_help("translate"),
        description=(
            "Segment the documents and write OUT/<doc>.pot and OUT/<lang>/LC_MESSAGES/<doc>.po "
            "for every --to language. Entries are machine-translated (fuzzy, with the "
            "back-translation, its chrF and the MT signature as comments), glossary terms are "
            "enforced over the n-best list, and existing catalogs are merged: a translation a "
            "person made or reviewed is never changed."
        ),
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="document or directory")
    add_shared(parser, "to", "out_dir", "glossary", "memory", "config", "min_chrf", "quiet")
    parser.add_argument(
        "--engine",
        choices=engine_names(),
        help="MT engine (default: [engine] kind in l10n.toml, else ct2); "
        "'none' writes catalogs for human translation (memory matches still offered)",
    )
    parser.add_argument("--model", metavar="ID|DIR", help="forward model (en→LANG)")
    parser.add_argument("--back-model", metavar="ID|DIR", help="backward model (LANG→en)")
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
        "--wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how long to wait for another run writing the same catalogs (default 30)",
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
    summary = TranslateSummary()
    options = TranslateOptions(
        sources=args.sources,
        languages=args.languages or (),
        out=args.out,
        engine=args.engine,
        model=args.model,
        back_model=args.back_model,
        config=None if args.config is None else str(args.config),
        glossary=None if args.glossary is None else str(args.glossary),
        memory=args.memory if args.memory_given else None,
        use_memory=not args.no_memory,
        cache=not args.no_cache,
        beam=args.beam,
        nbest=args.nbest,
        back_beam=args.back_beam,
        min_chrf=args.min_chrf,
        wait=args.wait,
        cluster=args.cluster,
        progress=no_progress if args.quiet else stderr_progress,
        on_catalog=summary.add,
    )
    translate(options)
    print(summary.line())
    return 0


@dataclass
class TranslateSummary:
    """The counts of a run's catalogs: one line on stderr per catalog as it is written,
    and one summary line at the end."""

    written: int = 0
    unchanged: int = 0
    entries: int = 0
    machine_translated: int = 0
    from_memory: int = 0
    fuzzy_suggestions: int = 0

    def add(self, result: CatalogReport) -> None:
        """Count one catalog (the POT included) and print its line."""
        print_catalog(result)
        if result.written:
            self.written += 1
        else:
            self.unchanged += 1
        if result.path.suffix == ".po":
            self.entries += result.entries
        self.machine_translated += result.machine_translated
        self.from_memory += result.from_memory
        self.fuzzy_suggestions += result.fuzzy_suggestions

    def line(self) -> str:
        """What the run did, in one line."""
        return (
            f"translate: {self.written} catalogs written, {self.unchanged} unchanged; "
            f"{self.entries} entries: {self.machine_translated} by MT, {self.from_memory} from "
            f"memory, {self.fuzzy_suggestions} fuzzy from changed sentences"
        )


def print_catalog(result: CatalogReport) -> None:
    """One line on stderr per catalog, as it is written."""
    state = "written" if result.written else "unchanged"
    extra = ""
    if result.machine_translated or result.from_memory:
        extra = f", {result.machine_translated} by MT, {result.from_memory} from memory"
    if result.fuzzy_suggestions:
        extra += f", {result.fuzzy_suggestions} fuzzy from changed sentences"
    progress_message(f"{result.path}: {result.entries} entries{extra}, {state}")
