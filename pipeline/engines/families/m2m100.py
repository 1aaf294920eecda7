"""M2M100 (``facebook/m2m100_418M``) and NLLB-200 (``facebook/nllb-200-distilled-600M``).

Both put a source-language token in front of the source (the tokenizer's ``src_lang``) and
start the output with the target-language token (forced: ``forced_bos_token_id`` /
``target_prefix``). M2M100's codes are ISO 639-1 in ``__xx__``; NLLB's are FLORES-200 codes
(``rus_Cyrl``, ``zho_Hans``). The codes come from the model's tokenizer files.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ...modelstore.local import read_json_file
from . import LanguageTokens, ModelFamily

if TYPE_CHECKING:
    from ...modelstore.local import LocalModel


def _tokenizer_class(local: LocalModel) -> str:
    return str(local.tokenizer_config.get("tokenizer_class") or "").removesuffix("Fast")


class M2M100Family(ModelFamily):
    """M2M100: ``__xx__`` language tokens (the tokenizer's fixed ``m2m100`` list)."""

    name = "m2m100"

    @classmethod
    def recognises(cls, local: LocalModel) -> bool:
        return (
            local.config.get("model_type") == "m2m_100"
            and _tokenizer_class(local) == "M2M100Tokenizer"
        )

    @cached_property
    def _codes(self) -> list[tuple[str, str]]:
        settings = self.local.tokenizer_config
        tokens = _listed_tokens(settings)
        if not tokens:
            # The tokenizer names a fixed list (language_codes = "m2m100" or "wmt21").
            tokens = [f"__{code}__" for code in _fairseq_codes(settings.get("language_codes"))]
        return [(token, token.strip("_")) for token in tokens]

    def codes(self) -> list[tuple[str, str]]:
        return self._codes

    def tokens(self, source_code: str, target_code: str) -> LanguageTokens:
        return LanguageTokens(
            source_code=source_code.strip("_"),
            target_code=target_code.strip("_"),
            forced_target=target_code,
            source_token=source_code,
        )

    def prepare_for_conversion(self, tokenizer: Any) -> Any:
        """The tokenizer as CTranslate2's converter must see it: its language tokens listed
        in ``special_tokens_map`` (transformers 5 no longer lists them there, and the
        converter would then build a vocabulary without them)."""
        return _LanguageTokensListed(tokenizer, list(getattr(tokenizer, "lang_token_to_id", {})))


class NllbFamily(M2M100Family):
    """NLLB-200: FLORES-200 codes (``eng_Latn``), special tokens of the tokenizer."""

    name = "nllb"

    @classmethod
    def recognises(cls, local: LocalModel) -> bool:
        return (
            local.config.get("model_type") == "m2m_100"
            and _tokenizer_class(local) == "NllbTokenizer"
        )

    @cached_property
    def _codes(self) -> list[tuple[str, str]]:
        tokens = _listed_tokens(self.local.tokenizer_config)
        if not tokens:
            tokens = _listed_tokens(read_json_file(self.local.path / "special_tokens_map.json"))
        if not tokens:
            from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

            tokens = list(FAIRSEQ_LANGUAGE_CODES)
        return [(token, token) for token in tokens if "_" in token]

    def tokens(self, source_code: str, target_code: str) -> LanguageTokens:
        return LanguageTokens(
            source_code=source_code,
            target_code=target_code,
            forced_target=target_code,
            source_token=source_code,
        )


_CODES_MEMO = "m2m100-language-codes.json"


def _fairseq_codes(name: object) -> list[str]:
    """M2M100Tokenizer's fixed language list ``name`` (default ``m2m100``), remembered in the
    l10n cache: reading it from transformers costs a second of imports on every run."""
    from ...cache_dirs import l10n_cache_dir
    from ...memo import add_to_memo, read_memo

    key = str(name or "m2m100")
    memo_file = l10n_cache_dir() / _CODES_MEMO
    known = read_memo(memo_file).get(key)
    if isinstance(known, list) and all(isinstance(code, str) for code in known):
        return known
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    codes = list(FAIRSEQ_LANGUAGE_CODES.get(key) or ())
    if codes:
        add_to_memo(memo_file, {key: codes})
    return codes


def _listed_tokens(settings: dict[str, Any]) -> list[str]:
    """Language tokens a tokenizer configuration lists (``extra_special_tokens`` in
    transformers 5, ``additional_special_tokens`` before)."""
    for key in ("extra_special_tokens", "additional_special_tokens"):
        value = settings.get(key)
        if isinstance(value, list) and value:
            return [str(v.get("content") if isinstance(v, dict) else v) for v in value]
    return []


class _LanguageTokensListed:
    """A tokenizer seen with its language tokens in ``special_tokens_map``."""

    def __init__(self, tokenizer: Any, language_tokens: list[str]) -> None:
        self._tokenizer = tokenizer
        self._language_tokens = language_tokens

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)

    @property
    def special_tokens_map(self) -> dict[str, Any]:
        listed = dict(self._tokenizer.special_tokens_map)
        extra = list(listed.get("additional_special_tokens") or [])
        listed["additional_special_tokens"] = extra + [
            token for token in self._language_tokens if token not in extra
        ]
        return listed
