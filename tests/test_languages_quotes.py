"""Quotation marks come from CLDR's delimiters (``pipeline/languages/data/quotes.json``),
for languages with a row and without one, and that file is what its generator makes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from babel.localedata import locale_identifiers

from pipeline.languages import known_languages, profile, quotes
from pipeline.languages.profile import LanguageProfile
from pipeline.languages.quotes import DATA, LICENSE, cldr_quotes, dumps, generate, main

SAMPLE = Path(__file__).parent / "data" / "cldr_quotes"

# CLDR 48's delimiters (main/<locale>/delimiters.json of cldr-misc-full).
CLDR = {
    "de": ("„", "“", "‚", "‘"),
    "fr": ("«", "»", "«", "»"),
    "ja": ("「", "」", "『", "』"),
    "ru": ("«", "»", "„", "“"),
    "en": ("“", "”", "‘", "’"),
    "pl": ("„", "”", "«", "»"),
    "ar": ("”", "“", "’", "‘"),
    "tr": ("“", "”", "‘", "’"),
    "sv": ("”", "”", "’", "’"),
    "el": ("«", "»", "“", "”"),
}


@pytest.mark.parametrize(("code", "marks"), sorted(CLDR.items()))
def test_profile_quotes_are_cldr_delimiters(code: str, marks: tuple[str, ...]) -> None:
    language = profile(code)
    assert language.quotes == marks[:2]
    assert language.alternate_quotes == marks[2:]


def test_languages_without_a_row_get_cldr_quotes_too() -> None:
    rows = {row.code for row in known_languages()}
    assert {"tr", "sv"}.isdisjoint(rows)
    assert profile("sv-SE").quotes == ("”", "”")
    assert profile("hu").quotes == ("„", "”")


def test_a_language_cldr_lacks_gets_english_marks() -> None:
    assert cldr_quotes("qaa") is None
    assert LanguageProfile("qaa").quotes == ("“", "”")
    assert LanguageProfile("qaa").alternate_quotes == ("‘", "’")


@pytest.mark.parametrize(
    ("tag", "opening"),
    [
        ("de-AT", "„"),  # not in the file: German's
        ("de_CH", "„"),
        ("pt-PT", "«"),  # in the file: differs from Portuguese's “
        ("pt_BR", "“"),
        ("zh-TW", "「"),  # through the likely script, zh_Hant
        ("zh-Hant-HK", "「"),
        ("zh", "“"),
        ("sr-Latn", "„"),
        ("fr-CA", "«"),
    ],
)
def test_regional_locales(tag: str, opening: str) -> None:
    marks = cldr_quotes(tag)
    assert marks is not None
    assert marks.start == opening


def test_a_regional_variant_has_its_own_marks_in_its_language_profile() -> None:
    chinese = profile("zh_TW")
    assert chinese.quotes == ("“", "”")  # the language's: zh
    assert chinese.quotes_of("zh_TW") == ("「", "」")
    assert chinese.quotes_of("zh") == ("“", "”")
    assert profile("pt").quotes_of("pt_PT") == ("«", "»")
    assert LanguageProfile("qaa").quotes_of("qaa_FR") == ("“", "”")


def test_the_data_file_names_its_source_and_licence() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert data["source"].startswith("npm cldr-misc-full ")
    assert data["cldr_version"].isdigit()
    assert "Unicode" in data["license"]
    assert "UNICODE LICENSE V3" in LICENSE.read_text(encoding="utf-8")
    known = set(locale_identifiers())
    quotes = data["quotes"]
    assert list(quotes) == sorted(quotes)
    assert set(quotes) <= known
    assert all(len(marks) == 4 and all(marks) for marks in quotes.values())
    assert DATA.read_text(encoding="utf-8") == dumps(data)


def _package() -> Path:
    where = os.environ.get("CLDR_MISC_FULL")
    if not where or not (Path(where) / "package.json").is_file():
        pytest.skip("set CLDR_MISC_FULL to an installed npm cldr-misc-full to compare")
    return Path(where)


def test_the_data_file_is_what_the_generator_makes_from_the_package() -> None:
    package = _package()
    assert DATA.read_text(encoding="utf-8") == dumps(generate(package))
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    assert json.loads(DATA.read_text(encoding="utf-8"))["source"].endswith(manifest["version"])


def test_every_locale_of_the_package_is_looked_up_as_cldr_has_it() -> None:
    package = _package()
    known = {locale.casefold() for locale in locale_identifiers()}
    checked = 0
    for path in sorted((package / "main").glob("*/delimiters.json")):
        if path.parent.name.replace("-", "_").casefold() not in known:
            continue
        (values,) = json.loads(path.read_text(encoding="utf-8"))["main"].values()
        assert tuple(cldr_quotes(path.parent.name) or ()) == tuple(values["delimiters"].values()), (
            path.parent.name
        )
        checked += 1
    assert checked > 700


def test_the_generator_keeps_only_what_the_lookup_cannot_find() -> None:
    content = generate(SAMPLE)
    assert content["source"] == "npm cldr-misc-full 48.2.0"
    assert content["cldr_version"] == "48"
    assert "Unicode" in str(content["license"])
    # und (root) is no Babel locale; de_AT, de_CH and zh_Hant_HK are their parent's marks;
    # pt_AO differs from pt (CLDR inherits it from pt_PT, the lookup would find pt).
    assert content["quotes"] == {
        "ar": ["”", "“", "’", "‘"],
        "de": ["„", "“", "‚", "‘"],
        "pt": ["“", "”", "‘", "’"],
        "pt_AO": ["«", "»", "“", "”"],
        "pt_PT": ["«", "»", "“", "”"],
        "sv": ["”", "”", "’", "’"],
        "zh": ["“", "”", "‘", "’"],
        "zh_Hant": ["「", "」", "『", "』"],
    }


def test_the_generator_writes_the_data_file_and_the_licence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quotes, "DATA", tmp_path / "quotes.json")
    monkeypatch.setattr(quotes, "LICENSE", tmp_path / "CLDR-LICENSE.txt")
    assert main([str(SAMPLE)]) == 0
    written = (tmp_path / "quotes.json").read_text(encoding="utf-8")
    assert written == dumps(generate(SAMPLE))
    assert json.loads(written)["quotes"]["zh_Hant"] == ["「", "」", "『", "』"]
    assert (tmp_path / "CLDR-LICENSE.txt").read_bytes() == (SAMPLE / "LICENSE").read_bytes()


def test_the_generator_rejects_a_directory_that_is_not_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = DATA.read_bytes()
    assert main([str(tmp_path)]) == 2
    assert "not a cldr-misc-full package directory" in capsys.readouterr().err
    assert DATA.read_bytes() == before
