"""TMX and XLIFF as agencies send them: region-tagged languages, native codes, entities,
truncated files; XLIFF edits by an agency against reviewed catalogs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.memory import TranslationMemory, same_language

from .helpers import run_l10n

AGENCY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="memoQ" creationtoolversion="9" segtype="sentence" o-tmf="memoQ"
 adminlang="en-us" srclang="en-us" datatype="plaintext"/>
<body>
<tu changedate="20250101T101010Z">
<tuv xml:lang="en-US"><seg>The plant opened in Moscow.</seg></tuv>
<tuv xml:lang="de-DE"><seg>Das Werk wurde in Moskau eröffnet.</seg></tuv>
<tuv xml:lang="zh-CN"><seg>工厂在莫斯科开业。</seg></tuv>
<tuv xml:lang="pt-PT"><seg>A fábrica abriu em Moscovo.</seg></tuv>
</tu>
</body>
</tmx>
"""


@pytest.mark.parametrize(
    ("unit", "catalog", "fits"),
    [
        ("de_DE", "de", True),
        ("de", "de_AT", True),
        ("zh_Hans_CN", "zh", True),
        ("ar_SA", "ar", True),
        ("pt_BR", "pt_BR", True),
        ("zh_Hant_TW", "zh", False),
        ("pt_PT", "pt_BR", False),
        ("de_AT", "de_DE", False),
        ("sr_Latn_RS", "sr", False),
        ("en_US", "de", False),
    ],
)
def test_same_language(unit: str, catalog: str, fits: bool) -> None:
    assert same_language(unit, catalog) is fits


def test_region_tagged_tmx_serves_catalogs_of_the_language(tmp_path: Path) -> None:
    tmx = tmp_path / "agency.tmx"
    tmx.write_text(AGENCY_TMX, encoding="utf-8")
    memory = tmp_path / "memory.sqlite"
    assert run_l10n("memory", "--memory", memory, "import", tmx).returncode == 0
    found = {}
    for lang in ("de", "zh", "pt-BR", "zh-TW"):
        result = run_l10n(
            "memory", "--memory", memory, "lookup", "--lang", lang,
            stdin="The plant opened in Moscow.\n",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        found[lang] = json.loads(result.stdout).get("translation")
    assert found == {
        "de": "Das Werk wurde in Moskau eröffnet.",
        "zh": "工厂在莫斯科开业。",
        "pt-BR": None,  # European Portuguese is another variety
        "zh-TW": None,
    }


def test_own_language_comes_before_a_regional_one(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "m.sqlite") as memory:
        memory.add([("The plant opened.", "de_CH", "Das Werk wurde eröffnet (CH).", "a")])
        memory.add([("The plant opened.", "de", "Das Werk wurde eröffnet.", "b")])
        memory.add([("The plant opened.", "de_AT", "Das Werk wurde eröffnet (AT).", "c")])
        match = memory.lookup("The plant opened.", "de")
        assert match is not None and match.translation == "Das Werk wurde eröffnet."
        close = memory.lookup("The new plant opened.", "de")
        assert close is not None and close.translation == "Das Werk wurde eröffnet."
