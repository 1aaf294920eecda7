"""The fast CPU engine: the same Hugging Face model converted to CTranslate2.

Languages are put to the model as its family says (:mod:`.families`): a text prefix
(``>>fra<<``, ``<2fr>``), the tokenizer's source language, and the forced first target token
as ``target_prefix``, stripped from the output.

The model is converted once with ``ctranslate2.converters.TransformersConverter``
(``trust_remote_code=False``) into ``<L10N_CACHE_DIR or ~/.cache/l10n>/ct2/<key>``, the key
naming model, revision and quantisation; conversion goes to a temporary directory that is
renamed into place, so an interrupted or concurrent conversion never leaves a half-written
model. Tokenisation: for the opus-mt layout, the model's SentencePiece files directly
(:mod:`.marian_pieces`, token for token what ``MarianTokenizer`` gives), so that translating
with an already converted model imports neither torch nor transformers; any other layout
uses the model's own Hugging Face tokenizer.

Differences from the transformers engine, by design of CTranslate2:

* ``avoid`` forms are filtered out: sources with different forms decode in one batch, the
  hypotheses with a forbidden form at the start of a word are dropped, and only the sources
  left with none are decoded again with the forms as ``suppress_sequences`` (one batch per
  set of forms, since they apply to a whole batch; ``forbidden = "suppress"`` does that for
  every source, the slower earlier way); ``prefer`` forms cannot bias decoding, so
  the engine decodes at least 4 hypotheses and adds ``prefer_bias`` to the score of each
  hypothesis that contains a preferred form as a word, then re-sorts.
* CTranslate2 drops Marian's ``<pad>`` from the vocabulary (the decoder starts from a zero
  embedding instead), so its log-probabilities are normalised over one token fewer; for a
  trained model, whose ``<pad>`` probability is nil, scores agree with transformers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import ctranslate2

from ..cache_dirs import ct2_cache_dir
from ..errors import ModelError
from ..modelstore import LocalModel
from . import marian_pieces
from .base import Hypothesis, TranslationEngine, input_limit, native_load_starts
from .devices import (
    cpu_threads,
    ct2_batch_size,
    ct2_fields,
    resolve_compute_type,
    resolve_ct2_device,
)
from .families import LanguageTokens, ModelFamily
from .options import EngineOptions
from .signature import make_signature, max_decoder_tokens

_PREFER_BEAM = 4
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def cache_key(local: LocalModel, quantization: str) -> str:
    """Directory name of a conversion: model, revision and quantisation."""
    if local.from_hub:
        name = local.spec.replace("/", "--")
    else:
        name = "dir-" + (Path(local.spec).expanduser().resolve().name or "model")
    revision = local.revision or "unknown"
    revision = "local-" + revision[6:18] if revision.startswith("local:") else revision[:12]
    return _UNSAFE.sub("_", f"{name}--{revision}--{quantization}")


def ensure_converted(
    local: LocalModel, quantization: str, family: ModelFamily | None = None
) -> tuple[Path, bool]:
    """The converted model directory for ``local`` and whether it was converted just now.

    One conversion serves every direction of a multilingual model. ``family`` (default: the
    one that recognises the model) may adjust the tokenizer the converter reads."""
    root = ct2_cache_dir()
    target = root / cache_key(local, quantization)
    if (target / "model.bin").is_file():
        return target, False
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=root))
    except OSError as exc:
        raise ModelError(f"cannot create the CTranslate2 cache {root}: {exc}") from None
    try:
        staged = work / "model"
        try:
            from .transformers_engine import _quiet, read_model_config

            read_model_config(local)  # a model transformers knows, without remote code
            if family is None:
                from .families import family_of

                family = family_of(local)
            with _quiet():
                _converter(local, family).convert(
                    str(staged),
                    quantization=None if quantization == "default" else quantization,
                    force=True,
                )
        except (OSError, ValueError, KeyError, TypeError, RuntimeError, NotImplementedError) as exc:
            text = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            raise ModelError(
                f"model {local.spec}: cannot convert it for CTranslate2: {text}"
            ) from None
        meta = {
            "model": local.spec,
            "revision": local.revision,
            "quantization": quantization,
            "source": str(local.path),
            "ctranslate2": ctranslate2.__version__,
        }
        (staged / "l10n.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        try:
            os.rename(staged, target)
        except OSError:
            if not (target / "model.bin").is_file():  # not a concurrent conversion that won
                raise
    except OSError as exc:
        raise ModelError(f"cannot write the CTranslate2 model to {target}: {exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target, True


def _converter(local: LocalModel, family: ModelFamily) -> Any:
    """CTranslate2's transformers converter, reading the tokenizer as ``family`` adjusts it."""
    from ctranslate2.converters import TransformersConverter

    class FamilyConverter(TransformersConverter):  # type: ignore[misc]
        def load_tokenizer(
            self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any
        ) -> Any:
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            return family.prepare_for_conversion(tokenizer)

    return FamilyConverter(str(local.path), trust_remote_code=False)


def contains_word(text: str, forms: Sequence[str]) -> bool:
    """Whether one of ``forms`` occurs in ``text`` as a whole word (not inside a word)."""
    for form in forms:
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                return True
            start = text.find(form, start + 1)
    return False


class _HubTokens:
    """Token strings through a model's Hugging Face tokenizer (layouts other than opus-mt)."""

    def __init__(self, local: LocalModel, tokens: LanguageTokens) -> None:
        from . import transformers_engine

        self._hf = transformers_engine  # imports torch and transformers
        self.tokenizer = transformers_engine.load_tokenizer(local, tokens)
        self._text_prefix = tokens.text_prefix
        max_length = getattr(self.tokenizer, "model_max_length", None)
        self.model_max_length = max_length if isinstance(max_length, int) else None

    def tokens(self, text: str) -> list[str]:
        with self._hf._quiet():
            ids = self._hf.prefix_first(
                self.tokenizer, self.tokenizer.encode(text), self._text_prefix
            )
            return self.tokenizer.convert_ids_to_tokens(ids)

    def target_tokens(self, forms: Sequence[str]) -> list[list[str]]:
        return [
            self.tokenizer.convert_ids_to_tokens(list(ids))
            for ids in self._hf.target_ids(self.tokenizer, forms)
        ]

    def decode(self, tokens: Sequence[str]) -> str:
        with self._hf._quiet():
            ids = self.tokenizer.convert_tokens_to_ids(list(tokens))
            return self._hf.decode(self.tokenizer, ids)


def load_tokens(
    local: LocalModel, tokens: LanguageTokens | None = None
) -> marian_pieces.MarianPieces | _HubTokens:
    """The model's tokenisation as token strings: SentencePiece for opus-mt (whose language
    tokens are a text prefix), else HF's, set to the languages of ``tokens``."""
    tokens = tokens or LanguageTokens()
    if not tokens.source_code and not tokens.target_code:
        pieces = marian_pieces.load(local.path)
        if pieces is not None:
            return pieces
    return _HubTokens(local, tokens)


class CTranslate2Engine(TranslationEngine):
    """A converted model run with ``ctranslate2.Translator``."""

    name = "ctranslate2"

    # Preferred forms only rerank finished hypotheses here, so sources with different
    # preferred forms share a batch; forbidden forms (batch-wide in ct2) are filtered out of
    # the n-best, or split batches with forbidden = "suppress".
    terms_bias_decoding = False

    def __init__(
        self,
        *,
        local: LocalModel,
        family: ModelFamily,
        language_tokens: LanguageTokens,
        tokenization: marian_pieces.MarianPieces | _HubTokens,
        translator: Any,
        model_dir: Path,
        converted: bool,
        source_lang: str,
        target_lang: str,
        options: EngineOptions,
        device: str,
        compute_type: str,
    ) -> None:
        self.local = local
        self.family = family
        self.language_tokens = language_tokens
        self.tokenization = tokenization
        self.translator = translator
        self.model_dir = model_dir
        self.converted = converted
        self.options = options
        self.device = device
        self.compute_type = compute_type
        self.max_input_tokens = input_limit(local.max_positions, tokenization.model_max_length)
        self.max_new_tokens = max_decoder_tokens(local.max_positions, options)
        self.signature = make_signature(
            self.name,
            local,
            source_lang=source_lang,
            target_lang=target_lang,
            options=options,
            family=family.name,
            tokens=language_tokens,
            extra=ct2_fields(compute_type, options),
        )
        # A cache of a function, not of a bound method: a bound method would make a reference
        # cycle, and the weights would outlive the engine until a garbage collection.
        tokenization, prefix = self.tokenization, self.language_tokens.text_prefix
        self._count = lru_cache(maxsize=4096)(lambda text: len(tokenization.tokens(prefix + text)))

    @classmethod
    def load(
        cls,
        local: LocalModel,
        family: ModelFamily,
        tokens: LanguageTokens,
        *,
        source_lang: str,
        target_lang: str,
        options: EngineOptions,
    ) -> CTranslate2Engine:
        """Convert model ``local`` once, and load it for the direction ``tokens`` describe;
        ModelError when impossible."""
        spec = local.spec
        device = resolve_ct2_device(options.device)
        compute_type = resolve_compute_type(options.compute_type, device)
        model_dir, converted = ensure_converted(local, compute_type, family)
        tokenization = load_tokens(local, tokens)
        inter, intra = cpu_threads() if device == "cpu" else (1, 0)
        native_load_starts()
        try:
            translator = ctranslate2.Translator(
                str(model_dir),
                device=device,
                compute_type=compute_type,
                inter_threads=inter,
                intra_threads=intra,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"model {spec}: CTranslate2 cannot load {model_dir}: {str(exc).strip()}"
            ) from None
        return cls(
            local=local,
            family=family,
            language_tokens=tokens,
            tokenization=tokenization,
            translator=translator,
            model_dir=model_dir,
            converted=converted,
            source_lang=source_lang,
            target_lang=target_lang,
            options=options,
            device=device,
            compute_type=compute_type,
        )

    def filters_forbidden(self) -> bool:
        """Forbidden forms apply to a whole ct2 batch, so they are filtered out of n-best
        lists decoded together unless ``options.forbidden`` is ``"suppress"``."""
        return self.options.forbidden == "filter"

    def count_tokens(self, text: str) -> int:
        """Number of source-side tokens of ``text``, ``</s>`` included."""
        return self._count(text)

    def tokens(self, text: str) -> list[str]:
        """Source-side token strings of ``text`` as CTranslate2 takes them (language tokens
        included, ``</s>`` last)."""
        return self.tokenization.tokens(self.language_tokens.text_prefix + text)

    def decoding_options(self, num_hypotheses: int, width: int | None = None) -> dict[str, Any]:
        """The keyword arguments of ``Translator.translate_batch`` for ``num_hypotheses``
        decoded ``width`` wide (default: as many): beam, n-best, lengths, batch. What the
        benchmark's bare CTranslate2 ceiling decodes with too."""
        width = max(width or num_hypotheses, num_hypotheses)
        forced = self.language_tokens.forced_target
        longest = max(self.max_new_tokens - 1, 1)
        return {
            "beam_size": max(self.options.beam_size, width),
            "num_hypotheses": width,
            "length_penalty": 1.0,
            "return_scores": True,
            "max_input_length": 0,  # never truncate: inputs were split to fit already
            # Tokens before </s>, a forced language token included, as transformers counts.
            "max_decoding_length": longest,
            "min_decoding_length": min(self.options.min_length + (1 if forced else 0), longest),
            "max_batch_size": ct2_batch_size(self.options.batch_size, self.device),
            "batch_type": "examples",
        }

    def _translate_sorted(
        self,
        texts: Sequence[str],
        n: int,
        prefer: Sequence[Sequence[str]],
        avoid: Sequence[str],
    ) -> list[list[Hypothesis]]:
        """One CTranslate2 call for the whole group: it sorts by length and cuts batches of
        ``max_batch_size`` itself, and with several workers (:func:`.devices.cpu_threads`)
        decodes them in parallel."""
        return self._generate(texts, n, prefer, avoid)

    def _generate(
        self,
        texts: Sequence[str],
        num_hypotheses: int,
        prefer: Sequence[Sequence[str]],
        avoid: Sequence[str],
    ) -> list[list[Hypothesis]]:
        n = num_hypotheses
        width = max(n, _PREFER_BEAM) if any(prefer) else n
        suppress = self.tokenization.target_tokens(avoid)
        forced = self.language_tokens.forced_target
        results = self.translator.translate_batch(
            [self.tokens(text) for text in texts],
            **self.decoding_options(n, width),
            suppress_sequences=suppress or None,
            target_prefix=[[forced]] * len(texts) if forced else None,
        )
        output: list[list[Hypothesis]] = []
        for result, forms in zip(results, prefer, strict=True):
            hyps: list[Hypothesis] = []
            seen: set[str] = set()
            for tokens, score in zip(result.hypotheses, result.scores, strict=True):
                if forced and tokens and tokens[0] == forced:
                    tokens = tokens[1:]
                text = self.tokenization.decode(tokens)
                if text in seen:
                    continue
                seen.add(text)
                if forms and contains_word(text, forms):
                    score += self.options.prefer_bias
                hyps.append(Hypothesis(text=text, score=float(score)))
            hyps.sort(key=lambda h: h.score, reverse=True)
            output.append(hyps[:n])
        return output
