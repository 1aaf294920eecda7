"""Every command says what it did, refuses what matches nothing, and names the real cause
and remedy of an error (issue 25)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main

from .helpers import ROOT, SAMPLE, SAMPLE_RU_PO


def _err_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The one line a failed command wrote on stderr."""
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, err
    return err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the sample release and its catalogs for human translation."""
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")
    source = str(tmp_path / SAMPLE.name)
    out = str(tmp_path / "locales")
    argv = ["translate", source, "--to", "ru", "--out", out, "--engine", "none", "--quiet"]
    assert main(argv) == 0
    return tmp_path


# -- a path that matches nothing is exit 2, the same in every command -------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["qa", "{dir}"],
        ["stats", "{dir}"],
        ["compile", "{dir}"],
        ["review", "{dir}", "--html", "{dir}/r.html"],
        ["export", "{dir}", "--xliff", "{dir}/x"],
        ["memory", "import", "{dir}", "--memory", "{dir}/tm.sqlite"],
    ],
)
@pytest.mark.parametrize("where", ["empty", "mistyped"])
def test_a_path_matching_nothing_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], where: str
) -> None:
    directory = tmp_path / "empty"
    directory.mkdir()
    if where == "mistyped":
        directory = tmp_path / "locals"
    argv = [part.replace("{dir}", str(directory)) for part in command]
    assert main(argv) == 2
    reason = "contains no .po catalogs" if where == "empty" else "no such catalog"
    assert reason in _err_line(capsys)
    assert not (directory / "tm.sqlite").exists()  # nothing created
    assert where == "empty" or not directory.exists()


def test_compile_in_a_project_without_catalogs_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["compile"]) == 2
    assert "no such catalog file or directory" in _err_line(capsys)


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("ru.po", "'l10n qa' checks it"),
        ("memory.tmx", "'l10n memory import'"),
        ("review.xlf", "'l10n import' brings it back"),
    ],
)
def test_a_catalog_given_as_a_source_document_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, hint: str
) -> None:
    path = tmp_path / name
    path.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    out = tmp_path / "locales"
    assert main(["translate", str(path), "--to", "ru", "--out", str(out), "--engine", "none"]) == 2
    err = _err_line(capsys)
    assert "not a source document (.txt, .md" in err and hint in err
    assert not out.exists()
    assert main(["segment", str(path)]) == 2
    assert hint in _err_line(capsys)


# -- every command says what it did ------------------------------------------------------------


def test_build_says_what_it_wrote_and_counts_the_english_left(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = project / "locales" / SAMPLE_RU_PO
    out = project / "release.ru.txt"
    assert main(["build", str(po), "--out", str(out), "--fallback", "source", "-q"]) == 0
    line = capsys.readouterr().out.strip()
    # every English sentence is untranslated (--engine none); «Ваш вопрос» is Russian already
    assert line.startswith(f"{out}: written from {po}: 0 sentences translated, ")
    assert line.endswith(" kept in their own language, 13 left in English (--fallback source)")
    assert ", 1 kept in their own language" in line
    built = out.read_text(encoding="utf-8")
    assert "Ваш вопрос" in built and built.startswith("The company ")


def test_export_compile_and_lint_say_what_they_did(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locales = str(project / "locales")
    assert main(["export", locales, "--xliff", str(project / "xliff"), "-q"]) == 0
    assert (
        capsys.readouterr().err.strip().startswith(f"{project / 'xliff'}: 1 XLIFF files written: ")
    )
    assert main(["compile", locales, "-q"]) == 0
    assert capsys.readouterr().err.strip() == "1 catalogs compiled"
    glossary = ROOT / "glossary" / "terms.csv"
    assert main(["glossary", "lint", str(glossary), "-q"]) == 0
    assert capsys.readouterr().err.strip().endswith(" terms, no problems")


def test_stats_counts_sentences_kept_in_their_own_language_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", str(ROOT / "locales"), "-q"]) == 0
    header, row = capsys.readouterr().out.strip().splitlines()
    assert header.split()[:5] == ["translated", "fuzzy", "untranslated", "kept", "obsolete"]
    assert row.split(")")[3].split()[0] == "1"  # «Ваш вопрос» is kept, not untranslated


# -- messages name the real cause and the real remedy ------------------------------------------


def test_build_of_a_missing_catalog_does_not_say_corrupt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "ru" / "LC_MESSAGES" / "nope.po"
    assert main(["build", str(missing), "--out", str(tmp_path / "out.txt")]) == 2
    err = _err_line(capsys)
    assert "no such catalog file" in err and "corrupt" not in err
    assert not (tmp_path / "out.txt").exists()


def test_model_dir_without_back_model_suggests_back_model(
    project: Path, tiny_en_ru_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(project / SAMPLE.name)
    argv = ["translate", source, "--to", "ru", "--out", str(project / "locales")]
    assert main([*argv, "--engine", "transformers", "--model", str(tiny_en_ru_model)]) == 3
    err = _err_line(capsys)
    assert "opus-mt-ru-en" in err and "pass --back-model DIR with a local copy" in err


def test_failed_models_pull_does_not_suggest_models_pull(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    assert main(["models", "pull", "--to", "de", "-q"]) == 3
    err = _err_line(capsys)
    assert "opus-mt-en-de cannot be downloaded (offline)" in err
    assert "models pull" not in err and "--model DIR" in err


@pytest.mark.parametrize(
    ("argv", "command", "flag"),
    [
        (["stats", "locales", "--quite"], "l10n stats", "--quiet"),
        (["memory", "export", "--tmx", "x.tmx", "--memroy", "m"], "l10n memory export", "--memory"),
        (["build", "x.po", "--out", "y", "--fallbak", "source"], "l10n build", "--fallback"),
    ],
)
def test_misspelled_flag_names_the_command_and_the_nearest_flag(
    capsys: pytest.CaptureFixture[str], argv: list[str], command: str, flag: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert f"{command}: error: unrecognized argument: " in err
    assert f"(did you mean {flag}?)" in err


@pytest.mark.parametrize(
    ("argv", "command", "choice"),
    [
        (["transalte", "x.txt"], "l10n", "translate"),
        (["memory", "exprot", "--tmx", "x.tmx"], "l10n memory", "export"),
        (["build", "x.po", "--out", "y", "--fallback", "sourse"], "l10n build", "source"),
    ],
)
def test_misspelled_command_or_choice_names_the_nearest(
    capsys: pytest.CaptureFixture[str], argv: list[str], command: str, choice: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert f"{command}: error: argument " in err and f"(maybe '{choice}'? choose from " in err
