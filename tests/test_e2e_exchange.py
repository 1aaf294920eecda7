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
            "memory",
            "--memory",
            memory,
            "lookup",
            "--lang",
            lang,
            stdin="The plant opened in Moscow.\n",
        )
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


def test_native_codes_of_another_tool_are_not_text(tmp_path: Path) -> None:
    tmx = tmp_path / "trados.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="en-US"/><body><tu>'
        '<tuv xml:lang="EN-US"><seg>Hello <bpt i="1">&lt;b&gt;</bpt>world<ept i="1">'
        '&lt;/b&gt;</ept><ph x="2">{1}</ph>.</seg></tuv>'
        '<tuv xml:lang="DE-DE"><seg>Hallo <bpt i="1">&lt;b&gt;</bpt><hi>Welt</hi>'
        '<ept i="1">&lt;/b&gt;</ept><ph x="2">{1}</ph>.</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    memory = tmp_path / "memory.sqlite"
    assert run_l10n("memory", "--memory", memory, "import", tmx).returncode == 0
    with TranslationMemory(memory) as opened:
        units = list(opened.units())
    assert [(u.source, u.lang, u.translation) for u in units] == [
        ("Hello world.", "de_DE", "Hallo Welt.")
    ]


PAGE = (
    "<html><body><p>The <b>SEZ</b> was founded in 2005. Read the "
    '<a href="/r">report</a>.</p><p>Contact us.</p></body></html>'
)


def reviewed_catalog(tmp_path: Path) -> Path:
    import polib

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "loc"
    assert (
        run_l10n("translate", page, "--to", "de", "--engine", "none", "--out", out).returncode == 0
    )
    po = out / "de" / "LC_MESSAGES" / "page.po"
    catalog = polib.pofile(str(po))
    reviewed = {
        "The <b1>SEZ</b1> was founded in 2005.": "Die <b1>SWZ</b1> wurde 2005 gegründet.",
        "Read the <a1>report</a1>.": "Lesen Sie den <a1>Bericht</a1>.",
        "Contact us.": "Kontakt.",
    }
    for entry in catalog:
        entry.msgstr = reviewed[entry.msgid]
    catalog.save(str(po))
    return po


def test_agency_edits_come_back_and_conflicts_keep_reviewed_work(tmp_path: Path) -> None:
    import polib

    po = reviewed_catalog(tmp_path)
    xliff_dir = tmp_path / "xliff"
    assert run_l10n("export", po, "--xliff", xliff_dir).returncode == 0
    xlf = xliff_dir / "de" / "page.xlf"
    before = po.read_bytes()
    assert run_l10n("import", xlf, "--root", tmp_path).returncode == 0
    assert po.read_bytes() == before  # no change, byte for byte
    text = xlf.read_text(encoding="utf-8")
    # The agency moves a tag, writes text that looks like markup, and revises another unit.
    text = text.replace(
        'Die <g id="b1" ctype="bold">SWZ</g> wurde 2005 gegründet.',
        '2005 wurde die <g id="b1" ctype="bold">SWZ</g> &amp; &lt;b1&gt; gegründet.',
    )
    text = text.replace("Kontakt.", "Kontaktieren Sie uns.")
    xlf.write_text(text, encoding="utf-8")
    # Meanwhile a reviewer changes that other unit in the PO.
    catalog = polib.pofile(str(po))
    catalog.find("Contact us.").msgstr = "Schreiben Sie uns."
    catalog.save(str(po))
    result = run_l10n("import", xlf, "--root", tmp_path)
    assert result.returncode == 1
    assert "conflict" in result.stderr and "Contact us." in result.stderr
    catalog = polib.pofile(str(po))
    assert catalog.find("Contact us.").msgstr == "Schreiben Sie uns."  # reviewed work kept
    moved = catalog.find("The <b1>SEZ</b1> was founded in 2005.")
    assert moved.msgstr == "2005 wurde die <b1>SWZ</b1> & &lt;b1> gegründet."
    assert "fuzzy" not in moved.flags  # the unit was approved
    built = tmp_path / "page.de.html"
    assert run_l10n("build", po, "--out", built).returncode == 0
    assert "2005 wurde die <b>SWZ</b> &amp; &lt;b1&gt; gegründet." in built.read_text("utf-8")


@pytest.mark.parametrize("damage", ["truncated", "entity", "not xml"])
def test_bad_xliff_changes_nothing(tmp_path: Path, damage: str) -> None:
    po = reviewed_catalog(tmp_path)
    xliff_dir = tmp_path / "xliff"
    assert run_l10n("export", po, "--xliff", xliff_dir).returncode == 0
    xlf = xliff_dir / "de" / "page.xlf"
    text = xlf.read_text(encoding="utf-8").replace("Kontakt.", "Kontaktieren Sie uns.")
    if damage == "truncated":
        text = text[: len(text) * 2 // 3]
    elif damage == "entity":
        text = text.replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [<!ENTITY k "Kontakt">]>',
        ).replace("Kontaktieren Sie uns.", "&k;ieren Sie uns.")
    else:
        text = "Kontaktieren Sie uns."
    xlf.write_text(text, encoding="utf-8")
    before = po.read_bytes()
    result = run_l10n("import", xlf, "--root", tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("l10n: error: ")
    assert po.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("truncated", "not XML"),
        ("entity", "refused TMX file"),
        ("root", "not a TMX file"),
    ],
)
def test_bad_tmx_writes_no_memory(tmp_path: Path, damage: str, message: str) -> None:
    text = AGENCY_TMX
    if damage == "truncated":
        text = text[: len(text) // 2]
    elif damage == "entity":
        text = text.replace(
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx [<!ENTITY w "Werk">]>'
        ).replace("Das Werk", "Das &w;")
    else:
        text = '<?xml version="1.0"?><xliff version="1.2"><file/></xliff>'
    tmx = tmp_path / "bad.tmx"
    tmx.write_text(text, encoding="utf-8")
    memory = tmp_path / "memory.sqlite"
    result = run_l10n("memory", "--memory", memory, "import", tmx)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not memory.exists()


def test_memory_learns_only_english_sources(tmp_path: Path) -> None:
    import polib

    page = tmp_path / "mixed.html"
    page.write_text(
        "<html><body><p>The plant opened.</p>"
        '<p lang="fr">Nous ouvrons une usine.</p></body></html>',
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    assert (
        run_l10n("translate", page, "--to", "de", "--engine", "none", "--out", out).returncode == 0
    )
    po = out / "de" / "LC_MESSAGES" / "mixed.po"
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = (
            "Das Werk wurde eröffnet." if entry.msgid.startswith("The") else "Wir öffnen."
        )
    catalog.save(str(po))
    memory = tmp_path / "memory.sqlite"
    assert run_l10n("memory", "--memory", memory, "import", po).returncode == 0
    with TranslationMemory(memory) as opened:
        assert [u.source for u in opened.units()] == ["The plant opened."]


@pytest.mark.parametrize(("target_language", "code"), [("de-DE", 0), ("DE", 0), ("fr-FR", 2)])
def test_xliff_target_language_with_a_region(
    tmp_path: Path, target_language: str, code: int
) -> None:
    po = reviewed_catalog(tmp_path)
    xliff_dir = tmp_path / "xliff"
    assert run_l10n("export", po, "--xliff", xliff_dir).returncode == 0
    xlf = xliff_dir / "de" / "page.xlf"
    text = xlf.read_text(encoding="utf-8")
    text = text.replace('target-language="de"', f'target-language="{target_language}"')
    xlf.write_text(text.replace("Kontakt.", "Kontaktieren Sie uns."), encoding="utf-8")
    result = run_l10n("import", xlf, "--root", tmp_path)
    assert result.returncode == code, result.stderr
    assert ("Kontaktieren Sie uns." in po.read_text(encoding="utf-8")) is (code == 0)
