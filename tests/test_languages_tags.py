"""The one parser of language codes (``pipeline.languages.tags``) and the commands that use it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import EXIT_INPUT, InputError
from pipeline.languages import (
    bcp47,
    direction,
    english_name,
    likely_script,
    likely_subtags,
    parse_language,
    primary_subtag,
    read_language,
    same_language,
)
from pipeline.languages.detect import detect_language
from pipeline.languages.table import PROFILES

from .helpers import ROOT, SAMPLE, run_cli


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", "ru"),
        ("por", "pt"),  # ISO 639-3, CLDR alias
        ("rus", "ru"),
        ("deu", "de"),
        ("cmn", "zh"),
        ("iw", "he"),  # retired code
        ("tl", "fil"),
        ("sh", "sr_Latn"),  # an alias that names a script keeps it
        ("ru-RU", "ru_RU"),
        ("ru_RU", "ru_RU"),
        ("Pt-br", "pt_BR"),
        ("zh-TW", "zh_TW"),  # as written: catalog directories are named so
        ("zh-hant", "zh_Hant"),
        ("sr-Latn", "sr_Latn"),
        ("es-419", "es_419"),
        ("sr@latin", "sr@latin"),
        (" hi ", "hi"),
    ],
)
def test_codes_are_read_the_gettext_way(code: str, expected: str) -> None:
    assert parse_language(code) == expected
    assert parse_language(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "empty language code"),
        ("   ", "empty language code"),
        ("xx", "unknown language code 'xx'"),
        ("tlh", "unknown language code 'tlh'"),
        ("und", "unknown language code 'und'"),
        ("en-XX", "unknown language code 'en-XX'"),
        ("ru-Abcd", "unknown language code 'ru-Abcd'"),
        ("12", "malformed language code '12'"),
        ("ru-", "malformed language code 'ru-'"),
        ("ru ru", "malformed language code 'ru ru'"),
        ("ru.UTF-8", "malformed language code 'ru.UTF-8'"),
        ("../ru", "malformed language code '../ru'"),
        ("r\x1bu", "malformed language code 'r\\x1bu'"),
    ],
)
def test_bad_codes_are_one_line_input_errors(code: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_language(code, where="--lang")
    assert caught.value.exit_code == EXIT_INPUT
    assert str(caught.value) == f"--lang: {message}"
    assert "\n" not in str(caught.value)
    assert read_language(code) is None


def test_a_long_code_is_cut_in_the_message() -> None:
    with pytest.raises(InputError) as caught:
        parse_language("ab" * 500)
    assert len(str(caught.value)) < 80


def test_what_a_tag_says() -> None:
    assert primary_subtag("pt-BR") == primary_subtag("pt_BR") == primary_subtag("por") == "pt"
    assert primary_subtag("xx-YY") == "xx"  # lenient: never raises
    assert likely_subtags("zh") == ("zh", "Hans", "CN", False)
    assert likely_subtags("zh_TW") == ("zh", "Hant", "TW", True)
    assert likely_subtags("xx") is None
    assert likely_script("ru") == "Cyrl"
    assert likely_script("sr@latin") == "Latn"
    assert likely_script("ja") == "Jpan"
    assert likely_script("hi") == "Deva"
    assert direction("ar") == direction("iw") == direction("ur") == "rtl"
    assert direction("ru") == direction("xx") == "ltr"
    assert english_name("pt_BR") == "Portuguese (Brazil)"
    assert english_name("de_IT") == "German (Italy)"  # CLDR has no de_IT locale; still German
    assert bcp47("pt_BR") == "pt-BR" and bcp47("sr@latin") == "sr-Latn"


@pytest.mark.parametrize(
    ("unit", "catalog", "fits"),
    [
        ("pt", "pt_BR", True),
        ("pt_PT", "pt_BR", False),
        ("zh_TW", "zh", False),  # Traditional is not Simplified
        ("zh_Hant", "zh_TW", True),
        ("ru_RU", "ru", True),
        ("sr_Latn", "sr", False),
    ],
)
def test_same_language(unit: str, catalog: str, fits: bool) -> None:
    assert same_language(unit, catalog) is fits


def test_no_language_tag_parsing_outside_the_language_layer() -> None:
    """Babel's parser and CLDR's likely subtags are used in ``pipeline/languages/`` only."""
    pattern = re.compile(
        r"Locale\.parse|parse_locale|likely_subtags\"|'likely_subtags'|language_aliases"
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "pipeline").rglob("*.py"))
        if "languages" not in path.relative_to(ROOT / "pipeline").parts[:1]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_source_language_is_written_once() -> None:
    """No ``"en"`` literal outside the language layer: the stages use ``SOURCE_LANGUAGE``."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "pipeline").rglob("*.py"))
        if "languages" not in path.relative_to(ROOT / "pipeline").parts[:1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value == "en"
    ]
    assert offenders == []


# -- every command that takes a language refuses a bad one the same way --------------------


def _catalog(path: Path, lang: str) -> Path:
    catalog = polib.POFile()
    catalog.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Hello.", msgstr="Hallo."))
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def _commands(tmp_path: Path, code: str) -> dict[str, list[str]]:
    bad_po = _catalog(tmp_path / "bad" / "doc.po", code)
    return {
        "translate": ["translate", str(SAMPLE), "--to", code, "--out", str(tmp_path / "o")],
        "glossary find": ["glossary", "find", "--lang", code],
        "glossary suggest": ["glossary", "suggest", str(SAMPLE), "--lang", code],
        "memory lookup": ["memory", "--memory", str(tmp_path / "m"), "lookup", "--lang", code],
        "models pull": ["models", "pull", "--to", code],
        "qa": ["qa", str(bad_po), "--no-write"],
        "export": ["export", str(bad_po), "--xliff", str(tmp_path / "x")],
    }


@pytest.mark.parametrize("code", ["xx", "12", "por-", " "])
def test_every_command_refuses_a_bad_code_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", _Lines("Hallo Welt\n"))
    for name, args in _commands(tmp_path, code).items():
        assert run_cli(*args) == EXIT_INPUT, name
        captured = capsys.readouterr()
        assert captured.out == "", name
        lines = captured.err.strip().splitlines()
        kind = "empty" if not code.strip() else "malformed" if code != "xx" else "unknown"
        expected = f"{kind} language code"
        if name == "qa" and kind == "empty":
            expected = "catalog has no Language header"
        assert len(lines) == 1 and expected in lines[0], (name, captured.err)
    assert not (tmp_path / "o").exists() and not (tmp_path / "x").exists()


def test_commands_accept_three_letter_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    glossary = tmp_path / "terms.csv"
    glossary.write_text(
        "term,lang,translation,forbidden,pos,case_sensitive,dnt,note\n"
        "clinical trial,pt,ensaio clínico,,noun,no,no,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("sys.stdin", _Lines("Os ensaios clínicos terminaram.\n"))
    assert run_cli("glossary", "find", "--lang", "por", "--glossary", glossary) == 0
    assert '"terms": ["clinical trial"]' in capsys.readouterr().out
    out = tmp_path / "locales"
    assert run_cli("translate", SAMPLE, "--to", "por", "--out", out, "--engine", "none") == 0
    assert (out / "pt" / "LC_MESSAGES" / "generium-next-release.po").is_file()


class _Lines:
    """A stand-in for stdin."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)

    def __iter__(self):  # noqa: ANN204 - an iterator of lines
        return iter(self._lines)

    def read(self) -> str:
        return "".join(self._lines)


def test_one_script_table() -> None:
    """Letters' scripts and the language a script stands for: one table, CLDR's likely
    languages (``und_Cyrl`` → ru)."""
    from pipeline.languages.scripts import (
        has_letters_of,
        letter_script,
        script_label,
        script_language,
    )

    assert letter_script("я") == "Cyrl" and letter_script("語") == "Hani"
    assert script_language("Cyrl") == "ru" and script_language("Hani") == "zh"
    assert script_language("Beng") == "bn" and script_language("Latn") is None
    assert has_letters_of("東京で", "Jpan") and not has_letters_of("Tokyo", "Jpan")
    assert has_letters_of("서울", "Kore") and not has_letters_of("Seoul", "Kore")
    assert script_label("Kore") == "Hangul" and script_label("Hans") == "Chinese"
    assert detect_language("এটি একটি বাক্য") == "bn"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A tachyon walks into a bar.", "en"),  # mammoth's comments.docx: "a" is Portuguese too
        ("Fin.", "en"),
        ("A casa é bonita e a vida é boa.", "pt"),
        ("O relatório da empresa é publicado para os clientes.", "pt"),
        ("No es bueno para la empresa.", "es"),
    ],
)
def test_words_both_languages_use_decide_nothing(text: str, lang: str) -> None:
    from pipeline.languages.detect import detect_language

    assert detect_language(text) == lang


def _detect_by_brute_force(text: str, default: str = "en") -> str:
    """detect_language as first written: every language's vocabulary scanned per text."""
    from pipeline.languages.detect import _WORD, _function_words
    from pipeline.languages.scripts import letter_script

    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha() and (script := letter_script(ch)):
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return default
    if max(counts, key=lambda s: counts[s]) != "Latn":
        return detect_language(text, default)  # the non-Latin path did not change
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return default
    vocabularies = _function_words()
    own = vocabularies.get(default, frozenset())
    scores = {
        lang: sum(w in vocab and w not in own for w in words)
        for lang, vocab in vocabularies.items()
        if lang != default
    }
    best = max(scores, key=lambda lang: scores[lang])
    default_score = sum(w in own and w not in vocabularies[best] for w in words)
    if scores[best] >= 2 and scores[best] > 2 * default_score:
        return best
    return default


_FUNCTION_WORDS = sorted({w for p in PROFILES for w in p.function_words})


@given(
    words=st.lists(
        st.sampled_from(_FUNCTION_WORDS) | st.sampled_from(["Plant", "zóna", "2024", "Résident"]),
        max_size=14,
    ),
    default=st.sampled_from(["en", "de", "fr"]),
)
@settings(max_examples=300, deadline=None)
def test_detection_by_word_index_equals_the_scan_of_every_vocabulary(
    words: list[str], default: str
) -> None:
    text = " ".join(words) + "."
    assert detect_language(text, default) == _detect_by_brute_force(text, default)
