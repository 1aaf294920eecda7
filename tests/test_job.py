"""The translate job is planned once: a run reads each model's ``config.json`` a few times,
not once per document, language check and signature (an audit hook counts the opens), parses
each language once, and reads and merges each document's catalogs once when it is small."""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.batch import DEFAULT_KEEP_ENTRIES, TranslateRequest, run_translate
from pipeline.catalog import Template
from pipeline.errors import InputError
from pipeline.job import TranslateOptions, plan_translate

from .helpers import SAMPLE, run_cli
from .scripted import ScriptedFactory

_opens: Counter[Path] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _opens is None or event != "open" or not isinstance(args[0], str | Path):
        return
    path = Path(args[0])
    if path.name == "config.json":
        _opens[path.resolve().parent] += 1


sys.addaudithook(_audit)  # a hook cannot be removed: it counts only inside config_opens()


@contextmanager
def config_opens() -> Iterator[Counter[Path]]:
    """How often each model directory's ``config.json`` is opened in the block."""
    global _opens
    _opens = Counter()
    try:
        yield _opens
    finally:
        _opens = None


def three_documents(directory: Path) -> list[Path]:
    """The sample release cut into three documents (paragraphs dealt out in turn)."""
    paragraphs = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    directory.mkdir()
    paths = []
    for number in range(3):
        path = directory / f"part-{number}.txt"
        path.write_text("\n\n".join(paragraphs[number::3]), encoding="utf-8")
        paths.append(path)
    return paths


def test_config_json_read_a_few_times_per_model(
    tmp_path: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    documents = three_documents(tmp_path / "docs")
    models = (tiny_en_ru_model.resolve(), tiny_ru_en_model.resolve())
    args = [
        "translate",
        *map(str, documents),
        *("--to", "ru", "--out", str(tmp_path / "locales")),
        *("--engine", "transformers", "--beam", "1", "--nbest", "1"),
        *("--model", str(models[0]), "--back-model", str(models[1])),
    ]
    with config_opens() as first:
        assert run_cli(*args) == 0
    # Located once (its check and revision hash), then loaded once (our check of the model
    # type, transformers' config and tokenizer): not per document, direction or signature.
    assert set(first) == set(models)
    assert all(count <= 4 for count in first.values()), first
    with config_opens() as again:  # unchanged: each model located once, none loaded
        assert run_cli(*args) == 0
    assert again == Counter(dict.fromkeys(models, 1))


def test_languages_are_checked_once_before_anything(tmp_path: Path) -> None:
    options = TranslateOptions(
        sources=[str(SAMPLE)], languages=["ru", "xx-not-a-tag!"], out=tmp_path / "out"
    )
    with pytest.raises(InputError, match="--to"):
        plan_translate(options)
    assert not (tmp_path / "out").exists()


def test_the_plan_names_each_language_once(tmp_path: Path) -> None:
    options = TranslateOptions(
        sources=[str(SAMPLE)], languages=["ru", "rus", "de"], out=tmp_path / "out", engine="none"
    )
    request = plan_translate(options)
    assert list(request.languages) == ["ru", "de"]
    assert request.engine_factory is None and request.models == {}


def _hub_snapshot(model: Path, repo_id: str) -> Path:
    """``model`` put in the session's hub cache as ``repo_id`` (as a download leaves it)."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = Path(os.environ["HF_HUB_CACHE"]) / ("models--" + repo_id.replace("/", "--"))
    shutil.copytree(model, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    return repo


def test_unchanged_rerun_needs_no_model(
    tmp_path: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    """Issue 6's promise: the catalogs' signatures record model and family, so a re-run with
    nothing to translate succeeds after the models left the cache; another model id is
    another MT, and needs its model (exit 3 when it is not there)."""
    name = tmp_path.name.replace("_", "-")[-40:]
    forward, back = f"l10n-test/{name}-en-ru", f"l10n-test/{name}-ru-en"
    cached = [_hub_snapshot(tiny_en_ru_model, forward), _hub_snapshot(tiny_ru_en_model, back)]
    out = tmp_path / "locales"
    args = [
        "translate",
        *map(str, three_documents(tmp_path / "docs")),
        *("--to", "ru", "--out", str(out), "--engine", "transformers", "--beam", "1"),
        *("--nbest", "1", "--back-model", back),
    ]
    assert run_cli(*args, "--model", forward) == 0
    written = {path: path.read_bytes() for path in sorted(out.rglob("*.po"))}
    assert len(written) == 3
    for repo in cached:
        shutil.rmtree(repo)
    assert run_cli(*args, "--model", forward) == 0
    assert {path: path.read_bytes() for path in written} == written
    assert run_cli(*args, "--model", f"l10n-test/{name}-other") == 3
    assert {path: path.read_bytes() for path in written} == written


@pytest.mark.parametrize("keep_entries", [DEFAULT_KEEP_ENTRIES, 0])
def test_each_document_read_and_merged_once_per_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_entries: int
) -> None:
    """A small run reads each document and merges each catalog once (pass 1 keeps them for
    pass 2); beyond ``keep_entries`` (a corpus run) pass 2 reads and merges them again, so
    memory stays flat. A re-run of the same job counts the same."""
    import pipeline.batch as batch

    reads: Counter[str] = Counter()
    merges: Counter[tuple[str, str]] = Counter()
    read_document, merge_catalog = batch.read_document, batch.merge_catalog

    def counted_read(path: Path) -> object:
        reads[Path(path).name] += 1
        return read_document(path)

    def counted_merge(template: Template, existing: object, lang: str, *args: object) -> object:
        merges[template.doc_id, lang] += 1
        return merge_catalog(template, existing, lang, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "read_document", counted_read)
    monkeypatch.setattr(batch, "merge_catalog", counted_merge)
    documents = three_documents(tmp_path / "docs")
    for run in range(2):
        reads.clear()
        merges.clear()
        run_translate(
            TranslateRequest(
                sources=[str(path) for path in documents],
                languages=["ru", "de"],
                out=tmp_path / "out",
                models={"ru": ("fwd", "back"), "de": ("fwd", "back")},
                engine_factory=ScriptedFactory(),
                keep_entries=keep_entries,
            )
        )
        times = 1 if keep_entries else 2
        assert reads == dict.fromkeys((p.name for p in documents), times), run
        assert set(merges.values()) == {times} and len(merges) == 6, run
