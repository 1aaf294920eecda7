"""``l10n glossary``: maintain the domain glossary (lint, TBX import/export, suggest, find,
usage)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from ..errors import InputError
from ..formats import expand_sources, read_document
from ..glossary import find_target_terms
from ..glossary.bitext import is_bilingual_source, read_bitext
from ..glossary.csvfile import format_terms, load_terms, write_terms
from ..glossary.lint import lint_glossary, term_key
from ..glossary.suggest import PHRASE_MIN_COUNT, suggest_terms, suggest_translations
from ..glossary.tbx import read_tbx, terms_to_tbx, write_tbx
from ..glossary.usage import format_table, term_usage
from ..languages import SOURCE_LANGUAGE
from ..segment import segment_document
from . import command_help
from .options import GLOSSARY_FILE, add_shared, load_glossary, shown, target_lang

# The shared options of every glossary action (see :mod:`pipeline.cli.options`).
SHARED_NAMES = ("glossary", "config", "quiet")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help=command_help("glossary"),
        description=(
            f"Maintain the domain glossary ({GLOSSARY_FILE}: term, lang, translation, "
            "forbidden, pos, case_sensitive, dnt, note)."
        ),
    )
    add_shared(parser, *SHARED_NAMES)
    actions = parser.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)

    lint = actions.add_parser(
        "lint",
        help="report problems in a glossary file",
        description="Report problems in a glossary file as PATH:LINE: message; "
        "exit 1 when there are any.",
    )
    lint.add_argument(
        "glossary_file",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="glossary CSV: the same as --glossary PATH (default: the project's)",
    )
    add_shared(lint, *SHARED_NAMES)
    lint.set_defaults(handler=run_lint)

    tbx_import = actions.add_parser(
        "import",
        help="merge a TBX file into the glossary",
        description="Merge the entries of a TBX file into the glossary CSV: an entry with the "
        "same term and language replaces the row, new ones are appended.",
    )
    tbx_import.add_argument("tbx", metavar="FILE.tbx", help="TBX (TBX-Basic v2 or v3) file")
    add_shared(tbx_import, *SHARED_NAMES)
    tbx_import.add_argument(
        "--replace", action="store_true", help="replace the glossary instead of merging into it"
    )
    tbx_import.set_defaults(handler=run_import)

    tbx_export = actions.add_parser(
        "export",
        help="write the glossary as TBX",
        description="Write the glossary as a TBX-Basic file.",
    )
    tbx_export.add_argument(
        "--tbx", required=True, metavar="FILE", help="TBX file to write ('-' for stdout)"
    )
    add_shared(tbx_export, *SHARED_NAMES)
    tbx_export.set_defaults(handler=run_export)

    suggest = actions.add_parser(
        "suggest",
        help="list candidate terms the glossary lacks (with mined translations from catalogs)",
        description="List acronyms, capitalised names and frequent phrases of the sources "
        'that the glossary does not cover, most frequent first; with --json one {"text", '
        '"count", "kind"} per line. Given catalogs, directories of catalogs, TMX files or a '
        "translation memory instead of documents (or --terms), mine each candidate's "
        "translation in --lang from the reviewed entries and print CSV rows in the "
        "glossary's format (term,lang,translation,...) with the evidence in note, for "
        'review (--json: one {"term", "entries", "rendering"} per line); the glossary '
        "itself is never written.",
    )
    suggest.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="document or directory; or catalog, TMX, memory, directory of catalogs",
    )
    add_shared(suggest, *SHARED_NAMES, "lang", "json")
    suggest.add_argument(
        "--min-count",
        type=int,
        default=1,
        metavar="N",
        help="hide candidates seen fewer times (default 1)",
    )
    suggest.add_argument(
        "--terms",
        metavar="FILE",
        help="mine translations for exactly these English terms, one per line",
    )
    suggest.set_defaults(handler=run_suggest)

    usage = actions.add_parser(
        "usage",
        help="how reviewed translations render each glossary term",
        description="For each glossary term of a language: the entries whose source holds "
        "it, and how many reviewed translations use the preferred translation, an alternative, "
        "a forbidden variant or none (with the rendering they use instead and examples); terms "
        "whose MT rendering reviewers replaced (drift); terms never seen. Reviewed entries only "
        "(not fuzzy, not MT accepted unchanged). Exit 0: the report is information.",
    )
    usage.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="PO catalog, directory of catalogs, TMX file or translation memory (.sqlite)",
    )
    add_shared(usage, *SHARED_NAMES, "lang", "json")
    usage.set_defaults(handler=run_usage)

    find = actions.add_parser(
        "find",
        help="list glossary terms found in target-language text on stdin",
        description='Read target-language lines on stdin; print {"line": N, "terms": [...]} '
        "per line with the glossary terms whose translation occurs in it.",
    )
    add_shared(find, *SHARED_NAMES, "lang")
    find.set_defaults(handler=run_find)


def _glossary_path(args: argparse.Namespace) -> Path:
    """The glossary to read: an InputError when there is none."""
    if args.glossary is None:
        raise InputError(
            "no glossary here; --glossary PATH names one", path=shown(args.project / GLOSSARY_FILE)
        )
    return Path(args.glossary)


def run_lint(args: argparse.Namespace) -> int:
    path = _glossary_path(args)
    findings = lint_glossary(path)
    for finding in findings:
        print(f"{path}:{finding.line}: {finding.message}")
    if findings:
        print(f"{path}: {len(findings)} problem(s)", file=sys.stderr)
        return 1
    print(f"{path}: {len(load_terms(path))} terms, no problems", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    glossary_path = Path(args.glossary or args.project / GLOSSARY_FILE)
    imported = read_tbx(args.tbx)
    existing = [] if args.replace or not glossary_path.exists() else load_terms(glossary_path)
    merged = [dataclasses.replace(term, line=0) for term in existing]
    position = {term_key(term): index for index, term in enumerate(merged)}
    added = updated = unchanged = 0
    for term in imported.terms:
        key = term_key(term)
        if key not in position:
            position[key] = len(merged)
            merged.append(term)
            added += 1
        elif merged[position[key]] == term:
            unchanged += 1
        else:
            merged[position[key]] = term
            updated += 1
    write_terms(merged, glossary_path)
    summary = f"{glossary_path}: {added} added, {updated} updated, {unchanged} unchanged"
    if imported.skipped_entries:
        summary += (
            f"; {imported.skipped_entries} TBX entries skipped (no English term or no translation)"
        )
    print(summary)
    return 0


def run_export(args: argparse.Namespace) -> int:
    terms = load_terms(_glossary_path(args))
    if args.tbx == "-":
        sys.stdout.buffer.write(terms_to_tbx(terms))
        sys.stdout.flush()
    else:
        write_tbx(terms, args.tbx)
        print(f"{args.tbx}: {len(terms)} entries written", file=sys.stderr)
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    if args.terms or any(is_bilingual_source(source) for source in args.sources):
        return _suggest_translations(args)
    glossary = load_glossary(args)
    lang = target_lang(args)
    sentences = [
        segment.text
        for path in expand_sources(args.sources)
        for segment in segment_document(read_document(path)).segments
        if segment.lang == SOURCE_LANGUAGE
    ]
    for suggestion in suggest_terms(sentences, glossary, lang, args.min_count):
        if args.json:
            print(json.dumps(dataclasses.asdict(suggestion), ensure_ascii=False))
        else:
            print(f"{suggestion.count:>5}  {suggestion.kind:<8} {suggestion.text}")
    return 0


def _suggest_translations(args: argparse.Namespace) -> int:
    """``suggest`` over bilingual sources: mined glossary rows as CSV on stdout."""
    lang = target_lang(args)
    glossary = load_glossary(args)
    terms = _read_terms_file(Path(args.terms)) if args.terms else None
    reviewed = read_bitext(args.sources, lang).reviewed
    min_count = max(args.min_count, PHRASE_MIN_COUNT)
    results = suggest_translations(
        [e.source for e in reviewed], [e.target for e in reviewed], glossary, lang, terms, min_count
    )
    mined = [r.glossary_term(lang) for r in results if r.rendering is not None]
    if args.json:
        for result in results:
            record = {"term": result.term, "entries": result.entries, "rendering": None}
            if result.rendering is not None:
                record["rendering"] = dataclasses.asdict(result.rendering)
            print(json.dumps(record, ensure_ascii=False))
    else:
        sys.stdout.write(format_terms(mined))
    for result in results:
        if result.rendering is None and terms is not None:
            print(
                f"{result.term}: no rendering found ({result.entries} reviewed entries)",
                file=sys.stderr,
            )
    print(
        f"{len(mined)} of {len(results)} terms with a mined {lang} translation, "
        f"from {len(reviewed)} reviewed entries",
        file=sys.stderr,
    )
    return 0


def _read_terms_file(path: Path) -> list[str]:
    """The terms of a --terms file: one per line, blank lines and # comments skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read terms file: {exc.strerror}", path=path) from None
    except UnicodeDecodeError:
        raise InputError("terms file is not UTF-8", path=path) from None
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def run_find(args: argparse.Namespace) -> int:
    lang = target_lang(args)
    terms = load_glossary(args).terms_for(lang)
    for number, line in enumerate(sys.stdin, start=1):
        found = find_target_terms(line.rstrip("\r\n"), terms, lang)
        record = {"line": number, "terms": [term.term for term in found]}
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def run_usage(args: argparse.Namespace) -> int:
    lang = target_lang(args)
    glossary = load_glossary(args)
    bitext = read_bitext(args.sources, lang)
    terms = glossary.terms_for(lang)
    if not terms:
        print(f"l10n: the glossary has no terms for {lang}", file=sys.stderr)
        return 0
    report = term_usage(terms, bitext.entries, lang)
    if args.json:
        for usage in report:
            print(json.dumps(usage.as_json(), ensure_ascii=False))
    else:
        print(format_table(report))
        print(
            f"{len(bitext.reviewed)} reviewed of {len(bitext.entries)} entries in "
            f"{bitext.files} file(s)"
            + (f" ({bitext.other_language} in other languages)" if bitext.other_language else "")
            + f"; {len(report)} terms for {lang}",
            file=sys.stderr,
        )
    return 0
