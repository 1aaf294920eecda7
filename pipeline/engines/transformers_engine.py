"""The reference engine: a Hugging Face seq2seq model (Marian, M2M100, NLLB, T5) run with PyTorch.

Loaded with ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM`` from a hub id or a directory,
``trust_remote_code=False`` always, safetensors weights preferred (a ``pytorch_model.bin``
is loaded only when there are none, and then with torch's ``weights_only`` loader, which is
what transformers 5 does). Importing this module imports torch and transformers.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import torch
import transformers
from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

from ..errors import ModelError
from ..modelstore import LocalModel
from .base import Hypothesis, TranslationEngine, input_limit
from .families import LanguageTokens, ModelFamily
from .options import EngineOptions
from .signature import make_signature, max_decoder_tokens

transformers.utils.logging.disable_progress_bar()


def prefix_first(tokenizer: Any, ids: list[int], text_prefix: str) -> list[int]:
    """``ids`` with the text prefix's token first, as the model takes it: a SentencePiece
    tokenizer puts a lone ``▁`` in front of a ``<2xx>`` piece (T5's in transformers 5),
    which the slow tokenizers and MADLAD's own examples never did."""
    token = text_prefix.strip()
    if not token or not ids:
        return ids
    token_id = tokenizer.convert_tokens_to_ids(token)
    if not isinstance(token_id, int) or token_id == tokenizer.unk_token_id:
        return ids
    if token_id in ids[1:3]:
        at = ids.index(token_id)
        if all(piece.strip("▁ ") == "" for piece in tokenizer.convert_ids_to_tokens(ids[:at])):
            return ids[at:]
    return ids


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence warnings that say nothing to a translator (MarianTokenizer and sacremoses)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Recommended: pip install sacremoses")
        yield


def read_model_config(local: LocalModel) -> Any:
    """The model's ``PretrainedConfig``; ModelError for unknown or remote-code model types."""
    data = local.config  # read when the model was located
    if not data:
        raise ModelError(f"model {local.spec}: cannot read config.json (no JSON object)")
    model_type = data.get("model_type")
    if not model_type or model_type not in transformers.CONFIG_MAPPING:
        raise ModelError(
            f"model {local.spec} has model type {model_type!r}, which transformers "
            f"{transformers.__version__} does not provide; l10n never runs code from a model "
            "repository (trust_remote_code is off)"
        )
    try:
        config = AutoConfig.from_pretrained(str(local.path), trust_remote_code=False)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(
            f"model {local.spec}: cannot load its configuration: {_first_line(exc)}"
        ) from None
    if not getattr(config, "is_encoder_decoder", False):
        raise ModelError(
            f"model {local.spec} ({model_type}) is not a sequence-to-sequence translation model"
        )
    return config


def load_tokenizer(local: LocalModel, tokens: LanguageTokens | None = None) -> Any:
    """The model's tokenizer, loaded without remote code, set to the languages of
    ``tokens`` (``src_lang`` / ``tgt_lang``); ModelError when it cannot be loaded."""
    try:
        with _quiet():
            tokenizer = AutoTokenizer.from_pretrained(str(local.path), trust_remote_code=False)
    except (OSError, ValueError, KeyError, TypeError, ImportError, AssertionError) as exc:
        raise ModelError(
            f"model {local.spec}: cannot load its tokenizer: {_first_line(exc)}"
        ) from None
    # Inputs over the limit are only counted, then split (base.split_to_fit): transformers'
    # "longer than the specified maximum" warning would be wrong here.
    warned = getattr(tokenizer, "deprecation_warnings", None)
    if isinstance(warned, dict):
        warned["sequence-length-is-longer-than-the-specified-maximum"] = True
    if tokens is not None and tokens.source_code:
        tokenizer.src_lang = tokens.source_code
    if tokens is not None and tokens.target_code:
        tokenizer.tgt_lang = tokens.target_code
    return tokenizer


def strip_forced(ids: Sequence[int], forced: int | None) -> list[int]:
    """Output ids without the forced first target-language token."""
    ids = list(ids)
    return ids[1:] if forced is not None and ids and ids[0] == forced else ids


def target_ids(tokenizer: Any, forms: Sequence[str]) -> list[tuple[int, ...]]:
    """Target-side token ids of each form, without ``</s>``; forms with unknown pieces dropped."""
    if not forms:
        return []
    with _quiet():
        encoded = tokenizer(text_target=list(forms), add_special_tokens=False)["input_ids"]
    special = {tokenizer.eos_token_id, tokenizer.pad_token_id}
    result: list[tuple[int, ...]] = []
    for ids in encoded:
        ids = [i for i in ids if i not in special]
        if ids and tokenizer.unk_token_id not in ids and tuple(ids) not in result:
            result.append(tuple(ids))
    return result


def decode(tokenizer: Any, ids: Sequence[int]) -> str:
    """Target-side text of token ids, special tokens removed."""
    return tokenizer.decode(list(ids), skip_special_tokens=True, use_source_tokenizer=False).strip()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("device cuda was asked for, but torch sees no CUDA device")
    return device


class TransformersEngine(TranslationEngine):
    """A seq2seq model run with ``generate`` (beam search, n-best, term biases)."""

    name = "transformers"

    def __init__(
        self,
        *,
        local: LocalModel,
        family: ModelFamily,
        tokens: LanguageTokens,
        tokenizer: Any,
        model: Any,
        config: Any,
        source_lang: str,
        target_lang: str,
        options: EngineOptions,
        device: str,
    ) -> None:
        self.local = local
        self.family = family
        self.language_tokens = tokens
        self.tokenizer = tokenizer
        self.model = model
        self.options = options
        self.device = device
        self.max_input_tokens = input_limit(
            getattr(config, "max_position_embeddings", None),
            getattr(tokenizer, "model_max_length", None),
        )
        self.max_new_tokens = max_decoder_tokens(local.max_positions, options)
        self.forced_id: int | None = None
        if tokens.forced_target:
            self.forced_id = int(tokenizer.convert_tokens_to_ids(tokens.forced_target))
        self.signature = make_signature(
            self.name,
            local,
            source_lang=source_lang,
            target_lang=target_lang,
            options=options,
            family=family.name,
            tokens=tokens,
        )
        self._base_generation = copy.deepcopy(model.generation_config)
        self._base_bad_words = [
            tuple(ids) for ids in (self._base_generation.bad_words_ids or []) if ids
        ]
        self._count = lru_cache(maxsize=4096)(self._count_uncached)

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
    ) -> TransformersEngine:
        """Load model ``local`` for the direction ``tokens`` describe; ModelError if impossible."""
        spec = local.spec
        config = read_model_config(local)
        tokenizer = load_tokenizer(local, tokens)
        device = _resolve_device(options.device)
        try:
            with _quiet():
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    str(local.path),
                    config=config,
                    trust_remote_code=False,
                    use_safetensors=local.has_safetensors,
                )
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise ModelError(f"model {spec}: cannot load its weights: {_first_line(exc)}") from None
        model.eval()
        model.to(device)
        return cls(
            local=local,
            family=family,
            tokens=tokens,
            tokenizer=tokenizer,
            model=model,
            config=config,
            source_lang=source_lang,
            target_lang=target_lang,
            options=options,
            device=device,
        )

    # -- tokens -------------------------------------------------------------------------
    def _count_uncached(self, text: str) -> int:
        return len(self.tokenize(text))

    def count_tokens(self, text: str) -> int:
        """Number of source-side tokens of ``text``, ``</s>`` included."""
        return self._count(text)

    def tokenize(self, text: str) -> list[int]:
        """Source-side token ids of ``text`` (language tokens and ``</s>`` included)."""
        with _quiet():
            ids = list(self.tokenizer(self.language_tokens.text_prefix + text)["input_ids"])
        return prefix_first(self.tokenizer, ids, self.language_tokens.text_prefix)

    # -- generation ---------------------------------------------------------------------
    def _generation_config(
        self, n: int, prefer: Sequence[str], avoid: Sequence[str]
    ) -> transformers.GenerationConfig:
        beams = max(self.options.beam_size, n)
        config = copy.deepcopy(self._base_generation)
        bad_words = list(self._base_bad_words)
        bad_words += [ids for ids in target_ids(self.tokenizer, avoid) if ids not in bad_words]
        bias: dict[tuple[int, ...], float] = {}
        for ids in target_ids(self.tokenizer, prefer):
            if len(ids) == 1:
                entries = [(ids, self.options.prefer_bias)]
            else:
                share = self.options.prefer_bias / (len(ids) - 1)
                entries = [(ids[:end], share) for end in range(2, len(ids) + 1)]
            for key, value in entries:
                bias[key] = max(bias.get(key, 0.0), value)
        config.update(
            do_sample=False,
            num_beams=beams,
            num_return_sequences=n,
            length_penalty=1.0,
            max_length=self.max_new_tokens + 1,  # + the decoder start token
            max_new_tokens=None,
            # A forced language token is not text: it does not count towards min_length.
            min_new_tokens=(self.options.min_length + (self.forced_id is not None)) or None,
            output_scores=True,
            return_dict_in_generate=True,
            bad_words_ids=[list(ids) for ids in bad_words] or None,
            sequence_bias=bias or None,
            forced_bos_token_id=self.forced_id,
            # At the length limit the output ends with </s>, as CTranslate2's does (Marian's
            # generation config says so; M2M100's, NLLB's and T5's do not).
            forced_eos_token_id=config.forced_eos_token_id
            if config.forced_eos_token_id is not None
            else self.tokenizer.eos_token_id,
        )
        return config

    def _generate(
        self,
        texts: Sequence[str],
        num_hypotheses: int,
        prefer: Sequence[Sequence[str]],
        avoid: Sequence[str],
    ) -> list[list[Hypothesis]]:
        n = num_hypotheses
        # sequence_bias applies to the whole batch; the base class groups equal prefer lists.
        config = self._generation_config(n, prefer[0] if prefer else (), avoid)
        with _quiet():
            batch = self.tokenizer.pad(
                {"input_ids": [self.tokenize(text) for text in texts]}, return_tensors="pt"
            )
        batch = batch.to(self.device)
        with torch.inference_mode():
            out = self.model.generate(**batch, generation_config=config)
        sequences = out.sequences[:, 1:].tolist()  # drop the decoder start token
        scores = self._scores(out, config)
        results: list[list[Hypothesis]] = []
        for row in range(len(texts)):
            hyps: list[Hypothesis] = []
            seen: set[str] = set()
            for k in range(row * n, row * n + n):
                text = decode(self.tokenizer, strip_forced(sequences[k], self.forced_id))
                if text in seen:
                    continue
                seen.add(text)
                hyps.append(Hypothesis(text=text, score=scores[k]))
            hyps.sort(key=lambda h: h.score, reverse=True)
            results.append(hyps)
        return results

    def _scores(self, out: Any, config: transformers.GenerationConfig) -> list[float]:
        """Length-normalised log-probabilities of the generated sequences."""
        if getattr(out, "sequences_scores", None) is not None:
            return [float(s) for s in out.sequences_scores.tolist()]
        # Greedy: average the per-token log-probabilities up to and including </s>.
        steps = self.model.compute_transition_scores(
            out.sequences, out.scores, normalize_logits=True
        )
        generated = out.sequences[:, 1:]
        eos = config.eos_token_id
        eos_ids = set(eos if isinstance(eos, list) else [eos])
        result: list[float] = []
        for row_ids, row_scores in zip(generated.tolist(), steps.tolist(), strict=True):
            total, count = 0.0, 0
            for token, score in zip(row_ids, row_scores, strict=False):
                if token in eos_ids and count + 1 == self.max_new_tokens:
                    break  # </s> forced at the length limit: not the model's choice
                total += score
                count += 1
                if token in eos_ids:
                    break
            result.append(total / max(count, 1))
        return result
