"""Every target language through the commands: catalogs, build, review, qa, glossary find."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from .helpers import msgfmt_check, run_cli, run_l10n

RELEASE = """\
Northwind Biologics opened a plant in the special economic zone. It will employ 250 people.

The investment project is worth 5 billion rubles. The plant will make 150 thousand packs a year.
"""

# The release's English sentences, and a reviewer's translations of them per language.
SENTENCES = [
    "Northwind Biologics opened a plant in the special economic zone.",
    "It will employ 250 people.",
    "The investment project is worth 5 billion rubles.",
    "The plant will make 150 thousand packs a year.",
]
_TRANSLATED = {
    "zh": [
        "Northwind Biologics在经济特区开设了一家工厂。",
        "该厂将雇用250人。",
        "该投资项目价值50亿卢布。",
        "该厂每年将生产15万盒。",
    ],
    "ja": [
        "Northwind Biologicsは経済特区に工場を開設した。",
        "従業員は250人となる。",
        "投資プロジェクトの規模は50億ルーブルだ。",
        "工場は年間15万箱を生産する。",
    ],
    "de": [
        "Northwind Biologics hat ein Werk in der Sonderwirtschaftszone eröffnet.",
        "Es wird 250 Menschen beschäftigen.",
        "Das Investitionsprojekt hat einen Wert von 5 Mrd. Rubel.",
        "Das Werk wird jährlich 150.000 Packungen herstellen.",
    ],
    "fr": [
        "Northwind Biologics a ouvert une usine dans la zone économique spéciale.",
        "Elle emploiera 250 personnes.",
        "Le projet d'investissement s'élève à 5 milliards de roubles.",
        "L'usine produira 150\u202f000 boîtes par an.",
    ],
}
TRANSLATIONS = {
    lang: dict(zip(SENTENCES, translated, strict=True)) for lang, translated in _TRANSLATED.items()
}

GLOSSARY = """\
term,lang,translation,forbidden,pos,case_sensitive,dnt,note
special economic zone,zh,经济特区,,noun,no,no,
special economic zone,ja,経済特区,,noun,no,no,
special economic zone,de,Sonderwirtschaftszone,freie Wirtschaftszone,noun,no,no,
special economic zone,fr,zone économique spéciale,zone franche,noun,no,no,
investment project,zh,投资项目,,noun,no,no,
investment project,ja,投資プロジェクト,,noun,no,no,
investment project,de,Investitionsprojekt,,noun,no,no,
investment project,fr,projet d'investissement,,noun,no,no,
"""

LANGUAGES = ["de", "fr", "es", "uk", "pl", "zh", "ja", "ar", "pt-BR"]


def _write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "northwind.txt"
    source.write_text(RELEASE, encoding="utf-8")
    glossary = tmp_path / "terms.csv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    return source, glossary


def _translate(tmp_path: Path, *languages: str) -> Path:
    source, glossary = _write_inputs(tmp_path)
    out = tmp_path / "locales"
    to = [arg for lang in languages for arg in ("--to", lang)]
    args = ["translate", source, *to, "--out", out, "--engine", "none", "--glossary", glossary]
    assert run_cli(*args) == 0
    return out


def _review(po: Path, lang: str) -> None:
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = TRANSLATIONS[lang][entry.msgid]
    catalog.save()


def test_catalogs_for_many_languages_follow_gettext_and_cldr(tmp_path: Path) -> None:
    out = _translate(tmp_path, *LANGUAGES)
    directories = sorted(path.name for path in out.iterdir() if path.is_dir())
    assert directories == sorted(["de", "fr", "es", "uk", "pl", "zh", "ja", "ar", "pt_BR"])
    for name in directories:
        po = out / name / "LC_MESSAGES" / "northwind.po"
        msgfmt_check(po)
        catalog = polib.pofile(str(po))
        assert catalog.metadata["Language"] == name
    plural = polib.pofile(str(out / "ar" / "LC_MESSAGES" / "northwind.po")).metadata
    assert plural["Plural-Forms"].startswith("nplurals=6;")
    ukrainian = polib.pofile(str(out / "uk" / "LC_MESSAGES" / "northwind.po")).metadata
    assert ukrainian["Plural-Forms"].startswith("nplurals=3;")
    japanese = polib.pofile(str(out / "ja" / "LC_MESSAGES" / "northwind.po")).metadata
    assert japanese["Plural-Forms"].startswith("nplurals=1;")


def test_glossary_hints_in_each_language(tmp_path: Path) -> None:
    out = _translate(tmp_path, "zh", "de")
    chinese = polib.pofile(str(out / "zh" / "LC_MESSAGES" / "northwind.po"))
    assert "glossary: special economic zone → 经济特区" in chinese[0].comment
    german = polib.pofile(str(out / "de" / "LC_MESSAGES" / "northwind.po"))
    assert "investment project → Investitionsprojekt" in german[2].comment


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_build_joins_cjk_sentences_without_spaces(tmp_path: Path, lang: str) -> None:
    out = _translate(tmp_path, lang)
    po = out / lang / "LC_MESSAGES" / "northwind.po"
    _review(po, lang)
    document = tmp_path / f"northwind.{lang}.txt"
    assert run_cli("build", po, "--out", document) == 0
    first, second = document.read_text(encoding="utf-8").strip().split("\n\n")
    sentences = list(TRANSLATIONS[lang].values())
    assert first == sentences[0] + sentences[1]
    assert second == sentences[2] + sentences[3]


def test_build_joins_german_sentences_with_a_space(tmp_path: Path) -> None:
    out = _translate(tmp_path, "de")
    po = out / "de" / "LC_MESSAGES" / "northwind.po"
    _review(po, "de")
    document = tmp_path / "northwind.de.txt"
    assert run_cli("build", po, "--out", document) == 0
    sentences = list(TRANSLATIONS["de"].values())
    assert document.read_text(encoding="utf-8").startswith(f"{sentences[0]} {sentences[1]}\n")


@pytest.mark.parametrize("lang", ["zh", "ja", "de", "fr"])
def test_qa_passes_correct_translations(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _translate(tmp_path, lang)
    po = out / lang / "LC_MESSAGES" / "northwind.po"
    _review(po, lang)
    capsys.readouterr()
    assert run_cli("qa", po, "--glossary", tmp_path / "terms.csv", "--no-write") == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("lang", "sentence", "wrong", "message"),
    [
        (
            "zh",
            "The investment project is worth 5 billion rubles.",
            "该投资项目价值5亿卢布。",
            "numbers",
        ),
        (
            "de",
            "The investment project is worth 5 billion rubles.",
            "Das Investitionsprojekt hat einen Wert von 5 Mio. Rubel.",
            "numbers",
        ),
        ("fr", "It will employ 250 people.", "Elle emploiera: 250 personnes.", "punctuation"),
        ("ja", "It will employ 250 people.", "従業員は250人となる.", "punctuation"),
        (
            "de",
            "Northwind Biologics opened a plant in the special economic zone.",
            "Northwind Biologics hat ein Werk in der freien Wirtschaftszone eröffnet.",
            "glossary",
        ),
    ],
)
def test_qa_catches_errors_in_each_language(
    tmp_path: Path,
    lang: str,
    sentence: str,
    wrong: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _translate(tmp_path, lang)
    po = out / lang / "LC_MESSAGES" / "northwind.po"
    _review(po, lang)
    catalog = polib.pofile(str(po))
    catalog.find(sentence).msgstr = wrong
    catalog.save()
    capsys.readouterr()
    run_cli("qa", po, "--glossary", tmp_path / "terms.csv", "--no-write")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[2] for line in lines] == [message]


def test_review_page_marks_right_to_left_translations(tmp_path: Path) -> None:
    out = _translate(tmp_path, "ar", "de")
    arabic = out / "ar" / "LC_MESSAGES" / "northwind.po"
    catalog = polib.pofile(str(arabic))
    catalog[1].msgstr = "سيوظف المصنع 250 شخصا."
    catalog.save()
    page = tmp_path / "review.html"
    assert run_cli("review", arabic, "--html", page) == 0
    assert '<div lang="ar" dir="rtl">سيوظف المصنع 250 شخصا.</div>' in page.read_text("utf-8")
    german = out / "de" / "LC_MESSAGES" / "northwind.po"
    catalog = polib.pofile(str(german))
    catalog[1].msgstr = "Es wird 250 Menschen beschäftigen."
    catalog.save()
    assert run_cli("review", german, "--html", page) == 0
    assert 'dir="ltr">Es wird 250' in page.read_text("utf-8")


def test_languages_without_a_default_model_exit_3_naming_them(tmp_path: Path) -> None:
    source, _ = _write_inputs(tmp_path)
    result = run_l10n(
        "translate",
        source,
        "--to",
        "de",
        "--to",
        "pt-BR",
        "--to",
        "ja",
        "--out",
        tmp_path / "out",
    )
    assert result.returncode == 3
    assert result.stderr.startswith("l10n: error: no default translation model for ")
    assert "pt_BR (Portuguese), ja (Japanese)" in result.stderr
    assert "[models.pt_BR]" in result.stderr and "l10n.toml" in result.stderr
    assert not (tmp_path / "out").exists()


def test_glossary_find_in_several_languages(tmp_path: Path) -> None:
    _, glossary = _write_inputs(tmp_path)
    lines = {
        "de": "Zwei Sonderwirtschaftszonen und drei Investitionsprojekte.\nKeine Zone.\n",
        "fr": "Les projets d'investissement des zones franches.\n",
        "ja": "経済特区の投資プロジェクト。\n",
    }
    expected = {
        "de": [["special economic zone", "investment project"], []],
        "fr": [["investment project"]],
        "ja": [["special economic zone", "investment project"]],
    }
    for lang, text in lines.items():
        result = run_l10n("glossary", "find", "--lang", lang, "--glossary", glossary, stdin=text)
        assert result.returncode == 0, result.stderr
        found = [json.loads(line)["terms"] for line in result.stdout.splitlines()]
        assert found == expected[lang]
