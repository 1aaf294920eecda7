"""Multi-target opus-mt models (``Helsinki-NLP/opus-mt-en-mul``, ``opus-mt-tc-big-en-*``).

The target language is a ``>>xxx<<`` token in front of the source text (ISO 639-3, sometimes
with a script: ``>>zho_Hans<<``), one of those the shared ``vocab.json`` actually has.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from . import TargetTokenFamily

if TYPE_CHECKING:
    from ...modelstore.local import LocalModel

_CODE = re.compile(r"^>>([A-Za-z]{2,3}(?:_[A-Za-z]{4})?(?:_[A-Za-z]{2})?)<<$")


class MarianMultiFamily(TargetTokenFamily):
    """opus-mt with ``>>xxx<<`` target tokens in its vocabulary."""

    name = "marian-multi"

    @classmethod
    def read_codes(cls, local: LocalModel) -> list[tuple[str, str]]:
        if local.config.get("model_type") != "marian":
            return []
        return _read_codes(local)


def _read_codes(local: LocalModel) -> list[tuple[str, str]]:
    try:
        text = (local.path / "vocab.json").read_text(encoding="utf-8")
        if ">>" not in text:  # a pair model: no need to parse its 60,000 entries
            return []
        vocab = json.loads(text)
    except (OSError, ValueError):
        return []
    if not isinstance(vocab, dict):
        return []
    return [(token, m.group(1)) for token in vocab if (m := _CODE.match(str(token)))]
