"""Model resolution, the l10n.toml config, the hub cache offline, and ``l10n models``."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
from pathlib import Path

import pytest

from pipeline.cache_dirs import hub_cache_dir, l10n_cache_dir
from pipeline.cli import main
from pipeline.config import Config, LanguageModels, load_config
from pipeline.engines import EngineOptions, load_engine
from pipeline.engines.settings import engine_settings
from pipeline.errors import InputError, ModelError
from pipeline.modelstore import (
    check_model_dir,
    default_models,
    is_local_spec,
    list_models,
    locate_model,
    pull_models,
    resolve_models,
)
from pipeline.modelstore import hub as model_hub
from pipeline.modelstore import local as model_dirs

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def fake_hub_snapshot(cache: Path, repo_id: str, model_dir: Path, commit: str = COMMIT) -> Path:
    """Lay ``model_dir`` out in ``cache`` the way huggingface_hub stores a download."""
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    snapshot = repo / "snapshots" / commit
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    snapshot.mkdir(parents=True, exist_ok=True)
    (repo / "refs").mkdir(exist_ok=True)
    (repo / "refs" / "main").write_text(commit)
    for file in model_dir.iterdir():
        data = file.read_bytes()
        blob = repo / "blobs" / hashlib.sha256(data).hexdigest()
        blob.write_bytes(data)
        os.symlink(os.path.relpath(blob, snapshot), snapshot / file.name)
    return snapshot


@pytest.fixture
def hub_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("L10N_CACHE_DIR", str(tmp_path / "l10n"))
    return cache


# -- resolution -----------------------------------------------------------------------------


def test_defaults_config_and_overrides() -> None:
    assert default_models("de") == ("Helsinki-NLP/opus-mt-en-de", "Helsinki-NLP/opus-mt-de-en")
    assert resolve_models("ru") == ("Helsinki-NLP/opus-mt-en-ru", "Helsinki-NLP/opus-mt-ru-en")
    config = Config(models={"ru": LanguageModels(forward="me/en-ru")})
    assert resolve_models("ru", config) == ("me/en-ru", "Helsinki-NLP/opus-mt-ru-en")
    assert resolve_models("ru", config, "./mine", None) == ("./mine", "Helsinki-NLP/opus-mt-ru-en")
    assert resolve_models("ru", config, None, "x/y") == ("me/en-ru", "x/y")


def test_local_specs_and_hub_ids(tmp_path: Path) -> None:
    assert not is_local_spec("Helsinki-NLP/opus-mt-en-ru")
    assert not is_local_spec("t5-small")
    assert is_local_spec(str(tmp_path))
    assert is_local_spec("./models/en-ru") and is_local_spec("models/en/ru")
    assert is_local_spec("~/models") and is_local_spec("my model")


# -- l10n.toml ------------------------------------------------------------------------------


def test_no_config_file_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config()
    settings = engine_settings(config)
    assert config.path is None and settings.kind.name == "ctranslate2"
    assert settings.options == EngineOptions()
    assert settings.back_beam_size == 1  # greedy back-translation


def test_config_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "l10n.toml").write_text(
        '[engine]\nkind = "ct2"\nbeam_size = 6\ncompute_type = "int8_float32"\n'
        'prefer_bias = 3\nback_beam_size = 2\n\n[models.ru]\nforward = "./models/en-ru"\n'
        'backward = "Helsinki-NLP/opus-mt-ru-en"\n\n[glossary]\nfile = "terms.csv"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.path == Path("l10n.toml")
    settings = engine_settings(config)
    assert settings.kind.name == "ctranslate2"
    assert settings.options.beam_size == 6
    assert settings.options.compute_type == "int8_float32"
    assert settings.options.prefer_bias == 3.0
    assert settings.back_beam_size == 2
    assert settings.back_options.beam_size == 2 and settings.back_options.num_hypotheses == 1
    assert config.models["ru"].forward == "models/en-ru"  # relative to the file
    assert config.raw["glossary"] == {"file": "terms.csv"}
    elsewhere = load_config(tmp_path / "l10n.toml")
    assert elsewhere.models["ru"].forward == str(tmp_path / "models/en-ru")


def test_bad_toml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "l10n.toml"
    path.write_text('[engine]\nkind = "transformers"\nbeam_size = = 4\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: line 3: invalid TOML")
    assert "\n" not in message and caught.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[engine]\nkind = "marian"\n', "unknown engine 'marian'"),
        ("[engine]\nbeam_size = 0\n", "beam_size must be an integer from 1 to 64, not 0"),
        ("[engine]\nbatch_size = 1_000_000_000_000\n", "batch_size must be an integer from 1 to"),
        ("[engine]\nnum_hypotheses = 10_000\n", "num_hypotheses must be an integer from 1"),
        ("[engine]\nmax_length = 100_000\n", "max_length must be an integer from 1 to 8,192"),
        ("[engine]\nmin_length = 600\n", "min_length .600. must not exceed max_length .512."),
        ("[engine]\nprefer_bias = nan\n", "prefer_bias must be a number from -100 to 100"),
        ("[engine]\nprefer_bias = -1e9\n", "prefer_bias must be a number from -100 to 100"),
        ('[engine]\nbeam_size = "4"\n', "beam_size must be int"),
        ("[engine]\nbeams = 4\n", "unknown key 'beams'"),
        ("[engine]\nback_beam_size = 0\n", "back_beam_size must be an integer from 1 to 64"),
        ("[engine]\nback_beam_size = true\n", "back_beam_size must be an integer from 1"),
        ("[engine]\nback_beam_size = 1_000\n", "back_beam_size must be an integer from 1 to 64"),
        ('[models.ru]\nforward = ""\n', "[models.ru] forward must be"),
        ('[models.ru]\nfwd = "x/y"\n', "unknown key 'fwd'"),
        ('models = "x"\n', "[models] must be a table"),
    ],
)
def test_invalid_config_values_are_input_errors(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "l10n.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        engine_settings(load_config(path))


def test_explicit_missing_config_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="configuration file not found"):
        load_config(tmp_path / "nope.toml")


# -- locating models offline ----------------------------------------------------------------


def test_missing_hub_model_offline_is_one_line_model_error(
    hub_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_probe() -> bool:
        raise AssertionError("offline: the hub may not even be probed")

    monkeypatch.setattr(model_hub, "hub_reachable", no_probe)  # so the error comes at once
    with pytest.raises(ModelError) as caught:
        locate_model("Helsinki-NLP/opus-mt-en-ru")
    assert str(caught.value) == (
        "model Helsinki-NLP/opus-mt-en-ru is not available locally and cannot be downloaded "
        "(offline); run 'l10n models pull --to ru' where there is network, or pass --model DIR "
        "with a local copy"
    )
    assert caught.value.exit_code == 3
    with pytest.raises(ModelError, match=r"opus-mt-ru-en .*\(offline\).*--to ru"):
        load_engine(
            "transformers", "Helsinki-NLP/opus-mt-ru-en", source_lang="ru", target_lang="en"
        )


def test_connection_errors_and_404_give_the_same_message(
    hub_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub
    from huggingface_hub.errors import LocalEntryNotFoundError

    calls: list[dict[str, object]] = []

    def no_network(repo_id: str, **kwargs: object) -> str:
        calls.append(kwargs)
        raise LocalEntryNotFoundError("Got: ConnectError: [Errno -2] Name or service not known")

    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE")
    monkeypatch.setattr(model_hub, "hub_reachable", lambda: True)  # never probe the real hub
    monkeypatch.setattr(huggingface_hub, "snapshot_download", no_network)
    with pytest.raises(ModelError, match=r"cannot be downloaded \(no network\); run 'l10n models"):
        locate_model("Helsinki-NLP/opus-mt-en-de")
    assert calls[0]["local_files_only"] is False
    assert "*.safetensors" in calls[0]["allow_patterns"]  # type: ignore[operator]
    assert not any("bin" in p for p in calls[0]["allow_patterns"])  # type: ignore[union-attr]

    class Response:
        status_code = 404
        headers: dict[str, str] = {}
        request = None

    def not_found(repo_id: str, **kwargs: object) -> str:
        from huggingface_hub.errors import RepositoryNotFoundError

        raise RepositoryNotFoundError("404 Client Error", response=Response())  # type: ignore[arg-type]

    monkeypatch.setattr(huggingface_hub, "snapshot_download", not_found)
    with pytest.raises(ModelError, match=r"opus-mt-en-xx .*\(not found on the hub\).*--to xx"):
        locate_model("Helsinki-NLP/opus-mt-en-xx")


def test_unreachable_hub_falls_back_to_the_cache_at_once(
    hub_cache: Path, tiny_en_ru_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a local port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE")
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    assert not model_hub.hub_reachable()
    import huggingface_hub

    asked: list[object] = []
    snapshot_download = huggingface_hub.snapshot_download

    def cache_only(repo_id: str, **kwargs: object) -> str:
        asked.append(kwargs["local_files_only"])  # True: huggingface_hub never connects
        return snapshot_download(repo_id, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(huggingface_hub, "snapshot_download", cache_only)
    with pytest.raises(ModelError, match=r"\(no network\); run 'l10n models pull --to zz'"):
        locate_model("Helsinki-NLP/opus-mt-en-zz")
    fake_hub_snapshot(hub_cache, "Helsinki-NLP/opus-mt-en-zz", tiny_en_ru_model)
    assert locate_model("Helsinki-NLP/opus-mt-en-zz").revision == COMMIT
    assert asked and all(only is True for only in asked)


def test_cached_hub_model_loads_offline_with_its_revision(
    hub_cache: Path, tiny_en_ru_model: Path
) -> None:
    snapshot = fake_hub_snapshot(hub_cache, "Helsinki-NLP/opus-mt-en-zz", tiny_en_ru_model)
    local = locate_model("Helsinki-NLP/opus-mt-en-zz")
    assert local.path == snapshot and local.revision == COMMIT and local.from_hub
    engine = load_engine(
        "transformers",
        "Helsinki-NLP/opus-mt-en-zz",
        source_lang="en",
        target_lang="zz",
        options=EngineOptions(beam_size=1, num_hypotheses=1),
    )
    assert str(engine.signature).startswith(
        f"engine:transformers|model:Helsinki-NLP/opus-mt-en-zz|rev:{COMMIT}|dir:en-zz|family:pair|beam:1"
    )
    assert engine.translate_batch(["Hello world."])[0][0].text


def test_bin_only_repository_is_found(
    hub_cache: Path, tmp_path: Path, tiny_en_ru_model: Path
) -> None:
    import torch
    from safetensors.torch import load_file

    model = shutil.copytree(tiny_en_ru_model, tmp_path / "bin-only")
    torch.save(load_file(str(model / "model.safetensors")), model / "pytorch_model.bin")
    (model / "model.safetensors").unlink()
    fake_hub_snapshot(hub_cache, "someone/bin-only-mt", model)
    local = locate_model("someone/bin-only-mt")
    assert not local.has_safetensors and (local.path / "pytorch_model.bin").is_file()


def test_model_dir_missing_files_names_them(tmp_path: Path, tiny_en_ru_model: Path) -> None:
    model = shutil.copytree(tiny_en_ru_model, tmp_path / "partial")
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        (model / name).unlink()
    with pytest.raises(ModelError) as caught:
        check_model_dir(model)
    assert str(caught.value) == (
        f"model directory {model} is missing tokenizer files (source.spm, target.spm, vocab.json)"
    )
    (model / "config.json").write_text('{"model_type": "t5"}')
    with pytest.raises(ModelError, match="tokenizer files .source.spm/target.spm/vocab.json or"):
        check_model_dir(model)


def test_local_revision_follows_the_weights(tmp_path: Path, tiny_en_ru_model: Path) -> None:
    model = shutil.copytree(tiny_en_ru_model, tmp_path / "copy")
    first = locate_model(str(model)).revision
    assert first == locate_model(str(tiny_en_ru_model)).revision
    with (model / "model.safetensors").open("ab") as handle:
        handle.write(b"\0")
    assert locate_model(str(model)).revision != first


def test_local_revision_is_remembered_across_runs(tmp_path: Path, tiny_en_ru_model: Path) -> None:
    import json

    model = shutil.copytree(tiny_en_ru_model, tmp_path / "remembered")
    revision = model_dirs.local_revision(model)
    memo_file = l10n_cache_dir() / "revisions.json"
    memo = json.loads(memo_file.read_text(encoding="utf-8"))
    keys = [key for key, value in memo.items() if str(model.resolve()) in key]
    assert [memo[key] for key in keys] == [revision]
    # A later process (no in-process memo) takes the revision from the file, unhashed.
    memo[keys[0]] = "local:0123456789ab"
    memo_file.write_text(json.dumps(memo), encoding="utf-8")
    model_dirs._hash_files.cache_clear()
    assert model_dirs.local_revision(model) == "local:0123456789ab"
    # Changed weights change the stamp, so the memo is not used.
    with (model / "model.safetensors").open("ab") as handle:
        handle.write(b"\0")
    assert model_dirs.local_revision(model) not in (revision, "local:0123456789ab")


# -- pull and list --------------------------------------------------------------------------


def test_pull_offline_uses_the_cache(
    hub_cache: Path, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    fake_hub_snapshot(hub_cache, "Helsinki-NLP/opus-mt-en-zz", tiny_en_ru_model)
    fake_hub_snapshot(hub_cache, "Helsinki-NLP/opus-mt-zz-en", tiny_ru_en_model)
    pulled = pull_models(["zz"])
    assert [p.spec for p in pulled] == ["Helsinki-NLP/opus-mt-en-zz", "Helsinki-NLP/opus-mt-zz-en"]


def test_cli_pull_offline_without_cache_exits_3(
    hub_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["models", "pull", "--to", "de"]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("l10n: error: model Helsinki-NLP/opus-mt-en-de cannot be downloaded")


def test_cli_list_runs_offline(
    hub_cache: Path,
    tmp_path: Path,
    tiny_en_ru_model: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "Helsinki-NLP/opus-mt-en-ru" in out and "Helsinki-NLP/opus-mt-ru-en" in out
    assert "missing" in out and "ct2: no converted models" in out

    fake_hub_snapshot(hub_cache, "Helsinki-NLP/opus-mt-en-ru", tiny_en_ru_model)
    (tmp_path / "l10n.toml").write_text(
        f'[models.ru]\nbackward = "{tiny_en_ru_model}"\n', encoding="utf-8"
    )
    rows = list_models(["ru"], load_config())
    assert [(r.direction, r.found) for r in rows] == [("forward", True), ("backward", True)]
    assert rows[0].revision == COMMIT and rows[0].size and rows[0].size > 0
    assert main(["models", "list", "--to", "ru"]) == 0
    out = capsys.readouterr().out
    assert COMMIT[:12] in out and "missing" not in out
    assert hub_cache_dir() == hub_cache


def test_cli_list_shows_ct2_conversions(
    hub_cache: Path, tiny_en_ru_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("ctranslate2")
    fake_hub_snapshot(hub_cache, "Helsinki-NLP/opus-mt-en-eo", tiny_en_ru_model)
    assert (
        main(["models", "pull", "--to", "eo", "--back-model", str(tiny_en_ru_model), "--ct2"]) == 0
    )
    out = capsys.readouterr().out
    assert "converted for ct2 (int8)" in out
    assert main(["models", "list", "--to", "eo"]) == 0
    out = capsys.readouterr().out
    assert "Helsinki-NLP--opus-mt-en-eo--0123456789ab--int8" in out
