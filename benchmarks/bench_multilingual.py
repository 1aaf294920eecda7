"""Multilingual benchmark: NLLB-200's architecture in both engines, one process, one run.

``python benchmarks/bench_multilingual.py [--quick] [--arch nllb-600m]`` builds (once,
cached in ``benchmarks/out/multilingual``) a random model with the real architecture of
``facebook/nllb-200-distilled-600M`` (d_model 1024, 12 + 12 layers, 16 heads, FFN 4096,
256,206 vocabulary ids, 1,024 positions: 615 M parameters, 2.5 GB of fp32 safetensors;
``facebook/m2m100_418M`` is the same network with 128,112 ids), with a real
``NllbTokenizer`` trained on the benchmark text (202 language codes), converts it for
CTranslate2 (int8, timed apart), and translates 8 of the release's English sentences into
German with each engine: greedy, 15 text tokens forced per sentence (random weights never
stop), batch 8, the target-language token forced as in ``l10n translate``. The same is done
with opus-mt-en-ru's architecture (``bench_models.py``; the network of the ``pair`` and
``marian-multi`` families) in the same run, so the families' speeds and the engines' ratios
are measured under the same machine load. Each engine warms up once and the fastest of
``--repeats`` passes counts. ``run.py`` runs it as its multilingual configuration; the last
line is ``nllb_ct2_vs_hf=<x> pair_ct2_vs_hf=<x> pair_vs_nllb_ct2=<x>``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from machine import machine_line  # noqa: E402

OUT = HERE / "out"
MODELS = OUT / "multilingual"

# config.json values of the hub models that shape the network (the weights are random).
_M2M100_NETWORK: dict[str, Any] = {
    "d_model": 1024,
    "encoder_layers": 12,
    "decoder_layers": 12,
    "encoder_attention_heads": 16,
    "decoder_attention_heads": 16,
    "encoder_ffn_dim": 4096,
    "decoder_ffn_dim": 4096,
    "max_position_embeddings": 1024,
    "scale_embedding": True,
    "activation_function": "relu",
    "dropout": 0.1,
    "attention_dropout": 0.1,
    "init_std": 0.02,
}
# name → vocabulary size (embeddings and output layer).
ARCHITECTURES: dict[str, int] = {
    "nllb-600m": 256206,  # facebook/nllb-200-distilled-600M
    "nllb-600m-small-vocab": 32000,  # a stand-in: the same network, an eighth of the vocabulary
}


def build(arch: str) -> tuple[Path, float]:
    """The model directory of ``arch`` (built once) and the seconds the build took."""
    from bench_text import RUSSIAN_TEXT, english_training_text

    from tests.multilingual_factory import FOREIGN_CORPUS, save_nllb

    directory = MODELS / arch
    if (directory / "model.safetensors").is_file():
        return directory, 0.0
    vocab_size = ARCHITECTURES[arch]
    lines = english_training_text() + RUSSIAN_TEXT + FOREIGN_CORPUS
    start = time.perf_counter()
    staged = directory.with_name(directory.name + ".partial")
    shutil.rmtree(staged, ignore_errors=True)
    save_nllb(staged, lines, _M2M100_NETWORK, seed=1, spm_size=8000, vocab_size=vocab_size)
    staged.rename(directory)
    return directory, time.perf_counter() - start


def measure(
    directory: Path, target: str, sentences: list[str], length: int, repeats: int
) -> dict[str, dict[str, Any]]:
    """Tokens per second of each engine on ``sentences``, en→``target``, greedy, forced
    length; both engines in this process, one after the other."""
    from pipeline.engines import EngineOptions, load_engine

    options = EngineOptions(
        beam_size=1, num_hypotheses=1, min_length=length - 1, max_length=length, batch_size=8
    )
    results: dict[str, dict[str, Any]] = {}
    for kind in ("transformers", "ct2"):
        start = time.perf_counter()
        engine = load_engine(
            kind, str(directory), source_lang="en", target_lang=target, options=options
        )
        load_s = time.perf_counter() - start
        engine.translate_batch(sentences[:2])  # warm-up
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            engine.translate_batch(sentences)
            best = min(best, time.perf_counter() - start)
        # Decoder steps before </s>: the text, and NLLB's forced language token.
        tokens = len(sentences) * (length - 1)
        results[kind] = {
            "seconds": best,
            "tokens_per_s": tokens / best,
            "load_s": load_s,
            "signature": str(engine.signature),
        }
        del engine
    results["ratio"] = {"ct2_vs_hf": results["transformers"]["seconds"] / results["ct2"]["seconds"]}
    return results


def run(arch: str, quick: bool, repeats: int) -> dict[str, Any]:
    """Build, convert and measure ``arch`` and, as the reference, opus-mt's architecture (the
    ``pair`` and ``marian-multi`` families' network), in this one run."""
    os.environ.setdefault("L10N_CACHE_DIR", str(OUT / "cache"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bench_models import build_models
    from bench_text import release_sentences

    from pipeline.engines.ctranslate2_engine import ensure_converted
    from pipeline.modelstore import locate_model

    directory, build_s = build(arch)
    build_models(OUT / "models")  # shared with run.py
    start = time.perf_counter()
    ensure_converted(locate_model(str(directory)), "int8")
    convert_s = time.perf_counter() - start
    sentences, length = release_sentences()[:8], 16
    if quick:
        sentences, length, repeats = sentences[:4], 12, 1
    return {
        "arch": arch,
        "build_s": build_s,
        "convert_s": convert_s,
        "sentences": len(sentences),
        "length": length,
        "loadavg_start": os.getloadavg(),
        "families": {
            "nllb": measure(directory, "de", sentences, length, repeats),
            "pair": measure(OUT / "models" / "en-ru", "ru", sentences, length, repeats),
        },
        "loadavg_end": os.getloadavg(),
    }


def summary(result: dict[str, Any]) -> str:
    """The lines ``run.py`` and the README quote; the last is machine-readable."""
    lines = []
    for family, figures in result["families"].items():
        hf, ct2 = figures["transformers"], figures["ct2"]
        lines.append(
            f"{family}: transformers fp32 {hf['tokens_per_s']:.1f} tokens/s, ct2 int8 "
            f"{ct2['tokens_per_s']:.1f} tokens/s, ct2/transformers "
            f"{figures['ratio']['ct2_vs_hf']:.1f}x ({result['sentences']} sentences x "
            f"{result['length'] - 1} tokens, batch 8, greedy)"
        )
    nllb, pair = result["families"]["nllb"], result["families"]["pair"]
    lines.append(
        f"nllb_ct2_vs_hf={nllb['ratio']['ct2_vs_hf']:.1f} "
        f"pair_ct2_vs_hf={pair['ratio']['ct2_vs_hf']:.1f} "
        f"pair_vs_nllb_ct2={pair['ct2']['tokens_per_s'] / nllb['ct2']['tokens_per_s']:.1f}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", choices=sorted(ARCHITECTURES), default="nllb-600m")
    parser.add_argument("--quick", action="store_true", help="4 sentences, 11 tokens, one pass")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes (default 2)")
    args = parser.parse_args(argv)
    print(machine_line())
    result = run(args.arch, args.quick, args.repeats)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "multilingual.json").write_text(json.dumps(result, indent=2) + "\n")
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
