"""Shared options: one definition in every command, project defaults, messages (issue 25)."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.batch import target_language
from pipeline.cli import COMMANDS, build_parser, command_help, main
from pipeline.cli.options import SHARED, find_project_root
from pipeline.errors import InputError

from .helpers import ROOT, SAMPLE


def _leaf_parsers(
    parser: argparse.ArgumentParser, name: str = "l10n"
) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, child in action.choices.items():
                found += _leaf_parsers(child, f"{name} {sub}")
    return found


def test_shared_options_are_identical_in_every_command() -> None:
    definitions = {}
    for option in SHARED.values():
        definitions.setdefault(option.flags[0], []).append(option)
    seen: dict[str, set[str]] = {}
    for command, parser in _leaf_parsers(build_parser())[1:]:
        for action in parser._actions:
            flag = next((f for f in action.option_strings if f in definitions), None)
            if flag is None:
                continue
            shape = (tuple(action.option_strings), action.metavar, action.help, action.default)
            expected = [
                (
                    o.flags,
                    None if o.action == "store_true" else o.metavar,
                    o.help,
                    argparse.SUPPRESS,
                )
                for o in definitions[flag]
            ]
            assert shape in expected, f"{command} {flag}"
            seen.setdefault(flag, set()).add(command)
    assert {"--glossary", "--memory", "--config", "--lang", "--to", "--out", "--json"} <= set(seen)
    assert len(seen["--config"]) >= 15  # every command


def _help_entries(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The option entries of ``parser``'s --help text: invocation -> help, spaces folded."""
    entries: dict[str, str] = {}
    current = None
    for line in parser.format_help().splitlines():
        if line.startswith("  -"):
            current = line.strip()
            entries[current] = ""
        elif current and line.startswith("    "):
            entries[current] += " " + line.strip()
        else:
            current = None
    folded = {}
    for key, text in entries.items():
        invocation, _, first = key.partition("  ")
        folded[invocation.strip()] = " ".join(f"{first} {text}".split())
    return folded


def test_help_shows_the_shared_options_identically() -> None:
    """``l10n <cmd> --help``: each shared option's line reads the same in every command."""
    shared = {
        ", ".join(
            f"{flag} {option.metavar}" if option.action != "store_true" else flag
            for flag in option.flags
        )
        for option in SHARED.values()
    }
    texts: dict[str, set[str]] = {}
    for _command, parser in _leaf_parsers(build_parser())[1:]:
        for invocation, text in _help_entries(parser).items():
            if invocation in shared:
                texts.setdefault(invocation, set()).add(text)
    assert {"--glossary PATH", "--config PATH", "--lang LANG", "--quiet, -q"} <= set(texts)
    assert {key: len(value) for key, value in texts.items()} == dict.fromkeys(texts, 1)


def test_memory_option_accepted_after_the_action(tmp_path: Path) -> None:
    memory = tmp_path / "tm.sqlite"
    tmx = tmp_path / "out.tmx"
    assert main(["memory", "export", "--tmx", str(tmx), "--memory", str(memory)]) == 2
    assert not memory.exists()  # a missing memory is said, never created empty
    assert main(["memory", "import", str(ROOT / "locales"), "--memory", str(memory)]) == 0
    assert main(["memory", "--memory", str(memory), "export", "--tmx", str(tmx)]) == 0
    assert tmx.is_file()


def test_misspelled_flag_names_command_and_nearest_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["qa", "locales", "--glosary", "x.csv"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "l10n qa: error: unrecognized argument: --glosary (did you mean --glossary?)" in err


def test_project_root_and_default_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    assert find_project_root(tmp_path / "docs" / "deep") == tmp_path
    (tmp_path / "docs" / "l10n.toml").write_text("", encoding="utf-8")
    assert find_project_root(tmp_path / "docs" / "deep") == tmp_path / "docs"
    monkeypatch.chdir(tmp_path / "docs" / "deep")
    assert main(["compile", str(ROOT / "locales"), "--quiet"]) == 0
    assert "l10n: used" not in capsys.readouterr().err


def _project_with_a_glossary_finding(root: Path) -> Path:
    """A project (glossary/terms.csv) with a catalog whose one translation breaks a term."""
    (root / "glossary").mkdir()
    (root / "glossary" / "terms.csv").write_bytes((ROOT / "glossary" / "terms.csv").read_bytes())
    po = root / "locales" / "ru.po"
    po.parent.mkdir()
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The company became a resident of the SEZ."\n'
        'msgstr "Компания стала жителем СЭЗ."\n',
        encoding="utf-8",
    )
    return po


def test_qa_uses_the_project_glossary_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = _project_with_a_glossary_finding(tmp_path)
    assert main(["qa", "--no-write", str(po)]) == 1
    captured = capsys.readouterr()
    assert ": glossary: " in captured.out
    assert f"used glossary {tmp_path / 'glossary' / 'terms.csv'}" in captured.err


def test_review_uses_the_project_glossary_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = _project_with_a_glossary_finding(tmp_path)
    glossary = tmp_path / "glossary" / "terms.csv"
    pages, summaries = {}, {}
    for name, extra in [("default", []), ("given", ["--glossary", str(glossary)])]:
        page = tmp_path / f"{name}.html"
        assert main(["review", str(po), "--html", str(page), *extra]) == 0
        summary, context = capsys.readouterr().err.splitlines()
        assert context.startswith(f"l10n: used glossary {glossary}"), name
        summaries[name] = summary.removeprefix(str(page))
        pages[name] = page.read_text(encoding="utf-8")
    assert summaries["default"] == summaries["given"] == ": 1 entries, 2 errors, 0 warnings"
    assert '<option value="glossary">' in pages["default"]  # the glossary findings are listed
    assert pages["default"] == pages["given"]


@pytest.mark.parametrize("code", ["ru", "rus", "RU", "ru-RU", "ru_RU"])
def test_language_codes_go_to_the_directory_the_project_uses(tmp_path: Path, code: str) -> None:
    (tmp_path / "ru").mkdir()
    assert target_language(code, tmp_path) == "ru"


def test_a_project_with_a_region_directory_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "ru_RU").mkdir()
    assert target_language("ru", tmp_path) == "ru_RU"
    assert target_language("pt-BR", tmp_path) == "pt_BR"


@pytest.mark.parametrize("code", ["en", "en-US", "eng"])
def test_source_language_as_target_is_refused(code: str) -> None:
    with pytest.raises(InputError, match="is the source language"):
        target_language(code)


def test_lang_is_read_like_to_in_every_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--lang`` (the language translated into) takes what ``--to`` takes and refuses what
    ``--to`` refuses: the same match for every spelling of Russian, the source language no."""
    po = tmp_path / "ru" / "LC_MESSAGES" / "doc.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The company became a resident."\nmsgstr "Компания стала резидентом."\n',
        encoding="utf-8",
    )
    memory = str(tmp_path / "tm.sqlite")
    assert main(["memory", "import", str(po), "--memory", memory, "-q"]) == 0
    capsys.readouterr()
    glossary = str(ROOT / "glossary" / "terms.csv")
    found = set()
    for code in ["ru", "rus", "ru-RU", "ru_RU"]:
        monkeypatch.setattr("sys.stdin", io.StringIO("The company became a resident.\n"))
        assert main(["memory", "lookup", "--lang", code, "--memory", memory, "-q"]) == 0
        found.add(json.loads(capsys.readouterr().out)["translation"])
    assert found == {"Компания стала резидентом."}
    commands = {
        "memory lookup": ["memory", "lookup", "--memory", memory],
        "glossary find": ["glossary", "find", "--glossary", glossary],
        "glossary usage": ["glossary", "usage", str(po), "--glossary", glossary],
        "glossary suggest": ["glossary", "suggest", str(SAMPLE), "--glossary", glossary],
    }
    for name, argv in commands.items():
        monkeypatch.setattr("sys.stdin", io.StringIO("Компания.\n"))
        assert main([*argv, "--lang", "en-GB"]) == 2, name
        captured = capsys.readouterr()
        assert captured.out == "", name
        assert captured.err.strip() == (
            "l10n: error: 'en-GB' is the source language; --lang takes the language translated into"
        ), name


def test_memory_export_from_another_directory_creates_no_empty_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["memory", "export", "--tmx", "out.tmx"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "l10n: error: locales/.l10n-memory.sqlite: no translation memory here; 'l10n memory "
        "import PO|DIR|TMX' creates it, --memory PATH names another"
    )
    assert sorted(tmp_path.iterdir()) == []  # no locales/, no empty memory, no TMX


def test_a_missing_default_glossary_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "locales" / "ru.po"
    po.parent.mkdir()
    po.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n', encoding="utf-8")
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["qa", "--no-write", "locales"]) == 0
    err = capsys.readouterr().err
    assert sum("glossary" in line for line in err.splitlines()) == 1
    assert "l10n: used config l10n.toml, no glossary (glossary/terms.csv not found)" in err
    assert not (tmp_path / "glossary").exists()
    assert main(["glossary", "export", "--tbx", "x.tbx"]) == 2
    assert capsys.readouterr().err.strip() == (
        "l10n: error: glossary/terms.csv: no glossary here; --glossary PATH names one"
    )


def test_glossary_lint_path_is_the_glossary_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    glossary = ROOT / "glossary" / "terms.csv"
    assert main(["glossary", "lint", str(glossary)]) == 0
    positional = capsys.readouterr().err
    assert main(["glossary", "lint", "--glossary", str(glossary)]) == 0
    assert capsys.readouterr().err == positional
    assert "l10n: used glossary glossary/terms.csv" in positional  # shown relative to the cwd


def test_every_argument_of_every_command_has_help() -> None:
    missing = [
        f"{command} {action.option_strings or action.dest}"
        for command, parser in _leaf_parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []
    silent = [
        f"{command} {action.option_strings}"
        for command, parser in _leaf_parsers(build_parser())
        for action in parser._actions
        if action.default not in (None, False, argparse.SUPPRESS)
        and "default" not in (action.help or "")
    ]
    assert silent == []  # a default an option has is said in its help
    for command, parser in _leaf_parsers(build_parser())[1:]:
        assert parser.description, command


@pytest.mark.parametrize(
    ("existing", "code", "expected"),
    [
        ("sr_Latn", "sr-Latn-RS", "sr_Latn"),
        ("sr_Latn_RS", "sr-Latn", "sr_Latn_RS"),
        ("zh_Hant", "zh-Hant-TW", "zh_Hant"),
        ("sr", "sr-Latn", "sr_Latn"),
    ],
)
def test_a_script_subtag_is_not_read_as_a_region(
    tmp_path: Path, existing: str, code: str, expected: str
) -> None:
    (tmp_path / existing).mkdir()
    assert target_language(code, tmp_path) == expected


def _commands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def test_the_light_parser_lists_every_command_as_the_full_one_does() -> None:
    full, light = _commands(build_parser()), _commands(build_parser(()))
    assert list(light.choices) == list(full.choices) == list(COMMANDS)
    helps = {action.dest: action.help for action in full._choices_actions}
    assert helps == {action.dest: action.help for action in light._choices_actions}
    assert helps == {name: command_help(name) for name in COMMANDS}


def test_a_run_imports_only_the_module_of_its_command(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom pipeline.cli import main\n"
        "try:\n    status = main(sys.argv[1:])\n"
        "except SystemExit as exit:\n    status = exit.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('pipeline.cli.')))\n"
        "sys.exit(status)\n"
    )
    for argv, module in ((["segment", str(SAMPLE)], "segment"), (["--help"], None)):
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=tmp_path
        )
        assert done.returncode == 0, done.stderr
        loaded = done.stdout.strip().splitlines()[-1]
        expected = ["pipeline.cli.options"] + ([f"pipeline.cli.{module}"] if module else [])
        assert loaded == str(expected)
