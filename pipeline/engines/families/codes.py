"""BCP-47 language tags ↔ the language codes a model's vocabulary has.

Models name languages their own way: ISO 639-1 (M2M100 ``__ru__``, MADLAD ``<2ru>``),
ISO 639-3 (opus-mt ``>>rus<<``) or FLORES-200 code and script (NLLB ``rus_Cyrl``). Each is
read as a locale identifier with Babel (CLDR's aliases turn ``rus`` into ``ru``, ``cmn`` into
``zh``), and a requested tag (``pt-BR``, ``zh-TW``, ``sr-Latn``) matches the code with the
same language and the same script, a missing script being the language's likely one (CLDR's
likely subtags: ``zh`` → Hans, ``zh-TW`` → Hant, ``sr`` → Cyrl).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...languages.tags import likely_script, split_tag

# ISO 15924 codes that name one writing system twice: Korean is Kore (Hangul + Han) in CLDR
# and Hang in FLORES-200.
_SAME_SCRIPT = {"Kore": "Hang"}


@dataclass(frozen=True)
class Tag:
    """A language tag reduced to what matching needs."""

    language: str
    script: str | None
    territory: str | None

    @property
    def likely_script(self) -> str | None:
        """The written script, or CLDR's likely one for the language (and territory)."""
        code = "_".join(filter(None, (self.language, self.territory)))
        script = self.script or likely_script(code)
        return _SAME_SCRIPT.get(script, script) if script else None

    def bcp47(self) -> str:
        """``zh-Hant``: language, plus the script when it is not the likely one."""
        default = likely_script(self.language)
        default = _SAME_SCRIPT.get(default, default) if default else None
        if self.script and _SAME_SCRIPT.get(self.script, self.script) != default:
            return f"{self.language}-{self.script}"
        return self.language


@lru_cache(maxsize=4096)
def parse_tag(text: str) -> Tag | None:
    """``text`` (``pt-BR``, ``rus_Cyrl``, ``zho_Hant``, ``cmn``) as a Tag, read by the
    language layer's parser (languages CLDR lacks kept as written); None when malformed."""
    parts = split_tag(text)
    if parts is None:
        return None
    language, script, territory = parts
    return Tag(language, script or None, territory or None)


def match_code(requested: str, codes: Iterable[tuple[str, str]]) -> str | None:
    """The model code that serves BCP-47 tag ``requested``, None when none does.

    ``codes`` pairs each model code with its language part as a locale identifier
    (``("__pt__", "pt")``, ``(">>zho_Hant<<", "zho_Hant")``). Same language and script
    required (a missing script being the likely one: ``zh-TW`` wants Hant, which a plain
    ``zh``, likely Hans, does not give); then the same territory; then the code without one;
    then the first in the model's order.
    """
    want = parse_tag(requested)
    if want is None:
        return None
    best: tuple[int, int] | None = None
    chosen: str | None = None
    for index, (code, identifier) in enumerate(codes):
        have = parse_tag(identifier)
        if have is None or have.language != want.language:
            continue
        if want.likely_script and have.likely_script and want.likely_script != have.likely_script:
            continue  # sr-Latn is not served by srp_Cyrl, nor zh-TW (Hant) by a Hans zh
        rank = (
            int(have.territory == want.territory) if want.territory else int(not have.territory),
            -index,
        )
        if best is None or rank > best:
            best, chosen = rank, code
    return chosen


def bcp47(identifier: str) -> str:
    """The BCP-47 tag of a model's language identifier (``rus_Cyrl`` → ``ru``); the
    identifier itself when Babel does not know it."""
    tag = parse_tag(identifier)
    return tag.bcp47() if tag else identifier
