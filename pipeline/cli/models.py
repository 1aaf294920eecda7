"""``l10n models``: fetch translation models, and list what is available locally."""

from __future__ import annotations

import argparse
import textwrap

from ..batch import target_language
from ..cache_dirs import ct2_cache_dir, hub_cache_dir
from ..config import Config
from ..engines import resolve_compute_type, resolve_ct2_device
from ..engines.settings import engine_settings
from ..modelstore import (
    ModelStatus,
    configured_langs,
    format_size,
    list_cached,
    list_converted,
    list_models,
    pull_models,
)
from . import command_help
from .options import add_shared, load_project_config


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "models",
        help=command_help("models"),
        description=(
            "Fetch the forward (en→LANG) and backward (LANG→en) models into the Hugging Face "
            "cache, or list what is available locally. Models come from l10n.toml "
            "([models.LANG] forward/backward or model, [models.default] model) or default to "
            "Helsinki-NLP/opus-mt-*. A multilingual model (NLLB-200, M2M100, MADLAD-400) "
            "serves every language both ways and is fetched once."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    pull = actions.add_parser(
        "pull",
        help="download models for target languages",
        description="Download forward and backward models (config, tokenizer, safetensors "
        "weights) for each target language, each model once, with download progress, so "
        "translation works offline afterwards.",
    )
    add_shared(pull, "to", "config", "quiet")
    pull.add_argument("--model", metavar="ID", help="forward model instead of the configured one")
    pull.add_argument(
        "--back-model", metavar="ID", help="backward model instead of the configured one"
    )
    pull.add_argument(
        "--ct2",
        action="store_true",
        help="also convert the models for the ct2 engine (compute type from l10n.toml)",
    )
    pull.set_defaults(handler=run_pull)

    listing = actions.add_parser(
        "list",
        help="show which models are available locally and the languages they serve",
        description="Show the configured models per language, their family, whether they are "
        "in the Hugging Face cache (revision, size) and have the language, the languages each "
        "local multilingual model serves, and the converted CTranslate2 models. Never uses "
        "the network.",
    )
    add_shared(listing, "to", "config", "quiet")
    listing.set_defaults(handler=run_list)


def _langs(args: argparse.Namespace, config: Config) -> list[str]:
    if not args.languages:
        return configured_langs(config)
    return list(dict.fromkeys(target_language(lang) for lang in args.languages))


def run_pull(args: argparse.Namespace) -> int:
    config = load_project_config(args)
    langs = _langs(args, config)
    fetched = pull_models(langs, config, model_override=args.model, back_override=args.back_model)
    for local in fetched:
        where = f"{local.path}" + (f" (revision {local.revision})" if local.revision else "")
        print(f"{local.spec}: {where}")
    if args.ct2:
        # Imported here: the module imports ctranslate2, which only --ct2 needs.
        from ..engines.ctranslate2_engine import ensure_converted

        options = engine_settings(config).options
        device = resolve_ct2_device(options.device)
        compute_type = resolve_compute_type(options.compute_type, device)
        for local in fetched:
            path, converted = ensure_converted(local, compute_type)
            state = "converted" if converted else "already converted"
            print(f"{local.spec}: {state} for ct2 ({compute_type}): {path}")
    print(f"models pull: {len(fetched)} models ready for {', '.join(langs)}")
    return 0


def _state(row: ModelStatus) -> str:
    if not row.found:
        return "missing"
    return "found" if row.serves else f"lacks {row.lang}"


def run_list(args: argparse.Namespace) -> int:
    config = load_project_config(args)
    rows = list_models(_langs(args, config), config)
    table = [("LANG", "DIRECTION", "MODEL", "FAMILY", "REVISION", "SIZE", "STATUS")]
    for row in rows:
        revision = row.revision or "-"
        if len(revision) == 40:
            revision = revision[:12]
        table.append(
            (
                row.lang,
                row.direction,
                row.spec,
                row.family or "-",
                revision,
                format_size(row.size),
                _state(row),
            )
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
    for line in table:
        print(
            "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False))
            + "  "
            + line[-1]
        )
    for row in rows:
        if (not row.found or not row.serves) and row.detail and row.path is not None:
            print(f"  {row.spec}: {row.detail}")
    multilingual = {row.spec: row for row in rows if row.found and row.languages}
    for spec, row in multilingual.items():
        print()
        print(f"{spec} ({row.family}) serves {len(row.languages)} languages:")
        print(
            textwrap.fill(
                " ".join(row.languages),
                width=96,
                initial_indent="  ",
                subsequent_indent="  ",
                break_on_hyphens=False,  # a tag such as awa-Deva stays on one line
            )
        )
    cached = list_cached()
    print()
    if cached:
        print(f"models in the Hugging Face cache ({hub_cache_dir()}):")
        for model in cached:
            serves = f"{len(model.languages)} languages" if model.languages else "one language pair"
            revision = (model.revision or "-")[:12]
            print(
                f"  {model.spec}  {model.family}  {revision}  {format_size(model.size)}  {serves}"
            )
    else:
        print(f"no models in the Hugging Face cache ({hub_cache_dir()})")
    converted = list_converted()
    print()
    if not converted:
        print(f"ct2: no converted models in {ct2_cache_dir()}")
    else:
        print(f"ct2: converted models in {ct2_cache_dir()}")
        for entry in converted:
            what = f"{entry.model or '?'} {entry.quantization or '?'}"
            print(f"  {entry.key}  {format_size(entry.size)}  {what}")
    return 0
