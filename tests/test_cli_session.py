"""The README's typical session, run step by step as written, with a stand-in tiny model
(issue 25): each step's exit code and one-line summary. The README and the CLI cannot drift
apart silently: a changed command line in the README is run here as it is."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import polib
import pytest

from pipeline.cli import main
from pipeline.entry import Entry

from .helpers import ROOT

# Per command: the exit code the step must have, and the summary line it must end with.
EXPECTED: dict[str, tuple[int, str]] = {
    "models pull": (0, r"models pull: 2 models ready for ru"),
    "translate": (0, r"translate: \d+ catalogs written, \d+ unchanged; \d+ entries: .*"),
    "qa": (1, r"\S+\.po: \d+ translations checked, \d+ errors, \d+ warnings.*"),
    "review": (0, r"review\.html: \d+ entries, \d+ errors, \d+ warnings"),
    "memory import": (0, r"\S*\.l10n-memory\.sqlite: \d+ translation units"),
    "build": (0, r"release\.ru\.txt: written from \S+: \d+ sentences translated.*"),
    "compile": (0, r"1 catalogs compiled"),
    "stats": (0, r"\s*\d+ \(\s*\d+ w\).*generium-next-release\.po"),
}


def readme_session() -> list[str]:
    """The lines of the README's 'Typical session' block, comments included."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Typical session\s+```sh\n(.*?)```", text, re.S)
    assert block, "README.md has a 'Typical session' sh block"
    return block.group(1).splitlines()


def _commands(line: str) -> list[list[str]]:
    """The l10n command lines of a README line (``a && b`` is two); globs expanded."""
    words = shlex.split(line, comments=True)
    commands: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            commands.append([])
        elif any(char in word for char in "*?["):
            commands[-1].extend(sorted(glob.glob(word)) or [word])
        else:
            commands[-1].append(word)
    return [command for command in commands if command]


def _name(argv: list[str]) -> str:
    return " ".join(argv[:2]) if argv[0] in ("models", "memory", "glossary") else argv[0]


def _review_everything(locales: Path) -> int:
    """What the translators do between the steps: accept every translation."""
    reviewed = 0
    for path in locales.rglob("*.po"):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if entry.msgstr and Entry(entry).fuzzy:
                Entry(entry).fuzzy = False
                reviewed += 1
        catalog.save(str(path))
    return reviewed


@pytest.fixture
def project(tmp_path: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path) -> Path:
    """A copy of the repository's project: examples, glossary, and an l10n.toml whose
    Russian models are the tiny stand-ins (local directories, so 'models pull' is offline)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "l10n.toml").write_text(
        f'[engine]\nkind = "transformers"\n\n[models.ru]\nforward = "{tiny_en_ru_model}"\n'
        f'backward = "{tiny_ru_en_model}"\n',
        encoding="utf-8",
    )
    return tmp_path


def test_the_readme_session_step_by_step(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setenv("L10N_CACHE_DIR", str(project / ".cache"))
    lines = readme_session()
    seen: list[str] = []
    for line in lines:
        if line.startswith("# ...") and "review" in line:
            assert _review_everything(project / "locales") > 0
            continue
        for argv in _commands(line):
            assert argv[0] == "l10n", line
            name = _name(argv[1:])
            code, summary = EXPECTED[name]
            assert main(argv[1:]) == code, f"{line}: exit code"
            captured = capsys.readouterr()
            context = [ln for ln in captured.err.splitlines() if ln.startswith("l10n: used ")]
            assert len(context) == 1, f"{line}: one context line"
            if name in ("translate", "qa", "review"):
                assert "glossary glossary/terms.csv" in context[0], context[0]
            output = [
                ln
                for ln in (captured.out + captured.err).splitlines()
                if ln.strip() and not ln.startswith("l10n: used ")
            ]
            on_stderr = name in ("qa", "review", "compile")
            last = (captured.err if on_stderr else captured.out).splitlines()
            summary_line = next(ln for ln in reversed(last) if not ln.startswith("l10n: used"))
            assert re.fullmatch(summary, summary_line), f"{line}: {summary_line!r}"
            assert output, line
            seen.append(name)
    assert set(seen) == set(EXPECTED), "every step of the README ran"
    # what the session leaves: reviewed work kept, the document built, the memory learnt
    assert (project / "release.ru.txt").is_file()
    assert (project / "locales" / ".l10n-memory.sqlite").is_file()
    assert (project / "review.html").is_file()
