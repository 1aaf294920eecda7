"""Multilingual benchmark: NLLB-200's architecture in both engines, one process, one run.

``python benchmarks/bench_multilingual.py [--quick] [--arch nllb-600m]`` builds (once,
cached in ``benchmarks/out/multilingual``) a random model with the real architecture of
``facebook/nllb-200-distilled-600M`` (d_model 1024, 12 + 12 layers, 16 heads, FFN 4096,
256,206 vocabulary ids, 1,024 positions: 615 M parameters, 2.5 GB of fp32 safetensors;
``facebook/m2m100_418M`` is the same network with 128,112 ids), with a real
``NllbTokenizer`` trained on the benchmark text (202 language codes), converts it for
CTranslate2 (int8, timed apart), and translates the release's English sentences into German
with each engine: greedy, forced output length (random weights never stop), batch 8, the
target-language token forced as in ``l10n translate``. Each engine warms up once and the
fastest of ``--repeats`` passes counts; both engines run in the same process one after the
other, so the ratio is measured under the same machine load. ``run.py`` runs it as its
multilingual configuration; its last line is ``<arch>_ct2_vs_hf=<x>``.
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
    directory: Path, sentences: list[str], length: int, repeats: int
) -> dict[str, dict[str, float]]:
    """Tokens per second of each engine on ``sentences``, en→de, greedy, forced length."""
    from pipeline.engines import EngineOptions, load_engine

    options = EngineOptions(
        beam_size=1,
        num_hypotheses=1,
        min_length=length - 1,
        max_length=length,
        batch_size=8,
    )
    results: dict[str, dict[str, float]] = {}
    for kind in ("transformers", "ct2"):
        start = time.perf_counter()
        engine = load_engine(
            kind, str(directory), source_lang="en", target_lang="de", options=options
        )
        load_s = time.perf_counter() - start
        engine.translate_batch(sentences[:2])  # warm-up
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            engine.translate_batch(sentences)
            best = min(best, time.perf_counter() - start)
        tokens = len(sentences) * (length - 1)  # text tokens; the language token is forced
        results[kind] = {"seconds": best, "tokens_per_s": tokens / best, "load_s": load_s}
        if kind == "ct2":
            results[kind]["compute_type"] = engine.signature.option("ct") or "?"  # type: ignore[assignment]
        del engine
    results["ratio"] = {"ct2_vs_hf": results["transformers"]["seconds"] / results["ct2"]["seconds"]}
    return results


def run(arch: str, quick: bool, repeats: int) -> dict[str, Any]:
    """Build, convert and measure ``arch``; the figures as a dict."""
    os.environ.setdefault("L10N_CACHE_DIR", str(OUT / "cache"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bench_text import release_sentences

    directory, build_s = build(arch)
    from pipeline.engines.ctranslate2_engine import ensure_converted
    from pipeline.modelstore import locate_model

    start = time.perf_counter()
    ensure_converted(locate_model(str(directory)), "int8")
    convert_s = time.perf_counter() - start
    sentences = release_sentences()
    length = 24
    if quick:
        sentences, length, repeats = sentences[:4], 12, 1
    figures = measure(directory, sentences, length, repeats)
    return {
        "arch": arch,
        "build_s": build_s,
        "convert_s": convert_s,
        "sentences": len(sentences),
        "length": length,
        "loadavg": os.getloadavg(),
        **figures,
    }


def summary(result: dict[str, Any]) -> str:
    """The lines ``run.py`` and the README quote."""
    hf, ct2 = result["transformers"], result["ct2"]
    name = result["arch"].replace("-", "_")
    return (
        f"{result['arch']}: transformers fp32 {hf['tokens_per_s']:.0f} tokens/s, "
        f"ct2 {ct2.get('compute_type', 'int8')} {ct2['tokens_per_s']:.0f} tokens/s "
        f"({result['sentences']} sentences x {result['length'] - 1} tokens, batch 8, greedy)\n"
        f"{name}_ct2_vs_hf={result['ratio']['ct2_vs_hf']:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", choices=sorted(ARCHITECTURES), default="nllb-600m")
    parser.add_argument("--quick", action="store_true", help="4 sentences, 11 tokens, one pass")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes (default 2)")
    args = parser.parse_args(argv)
    result = run(args.arch, args.quick, args.repeats)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"multilingual-{args.arch}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
