"""``translate`` on a local Ray cluster started in the test process: the same catalogs as a
local run, also when an actor process dies mid-run. The tests that run Ray skip where Ray
is not installed (it is the ``cluster`` extra); the others run everywhere."""

from __future__ import annotations

import importlib.util
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.batch import run_translate
from pipeline.cluster import ClusterSettings, parse_cluster, ray_runner_factory
from pipeline.errors import InputError
from pipeline.mt import LazyEngine

from .helpers import ROOT, run_cli
from .scripted import ScriptedEngine, ScriptedFactory
from .test_batch_corpus import _catalogs, _corpus, _request

HAS_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(not HAS_RAY, reason="Ray is not installed (the cluster extra)")


@pytest.fixture(scope="module")
def local_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    import ray

    with pytest.MonkeyPatch.context() as patch:
        # The models these tests convert stay out of the session's ct2 cache; the workers
        # inherit this environment when Ray starts.
        patch.setenv("L10N_CACHE_DIR", str(tmp_path_factory.mktemp("cluster-cache")))
        # Workers import this worktree's pipeline and tests (the scripted engine travels by
        # name).
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}},
        )
        yield
        ray.shutdown()


class DyingOnce(ScriptedFactory):
    """Forward engines whose process kills itself on its second call, once per test."""

    def __init__(self, marker: Path) -> None:
        super().__init__()
        self.marker = marker

    def __call__(self, model: str, source_lang: str, target_lang: str) -> LazyEngine:
        direction = f"{source_lang}-{target_lang}"
        marker = self.marker

        def load() -> ScriptedEngine:
            return DyingEngine(direction, marker=str(marker))

        return LazyEngine(f"engine:scripted|model:{model}|dir:{direction}", load)


class DyingEngine(ScriptedEngine):
    def __init__(self, direction: str, marker: str) -> None:
        super().__init__(direction)
        self.marker = marker

    def translate_batch(self, sources, **options):  # type: ignore[no-untyped-def]
        if self.direction == "en-ru" and len(self.calls) == 1 and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        return super().translate_batch(sources, **options)


@needs_ray
def test_cluster_run_writes_the_local_catalogs_even_when_an_actor_dies(
    tmp_path: Path, local_cluster: None
) -> None:
    sources = _corpus(tmp_path / "src", documents=6, sentences=4)
    local = tmp_path / "local"
    run_translate(_request(sources, local, ScriptedFactory(), chunk_size=4))

    settings = ClusterSettings(address="local", actors=2, num_cpus=0.5)
    on_ray = tmp_path / "ray"
    report = run_translate(
        _request(
            sources,
            on_ray,
            ScriptedFactory(),
            chunk_size=4,
            runner_factory=ray_runner_factory(settings),
        )
    )
    assert report.engines_loaded
    assert _catalogs(on_ray) == _catalogs(local)

    marker = tmp_path / "died"
    killed = tmp_path / "killed"
    run_translate(
        _request(
            sources,
            killed,
            DyingOnce(marker),
            chunk_size=4,
            runner_factory=ray_runner_factory(settings),
        )
    )
    assert marker.exists(), "no actor died"
    assert _catalogs(killed) == _catalogs(local)


def test_cluster_table_is_checked() -> None:
    assert parse_cluster({"address": "auto", "actors": 4, "num_gpus": 1}) == ClusterSettings(
        address="auto", actors=4, num_gpus=1
    )
    assert parse_cluster({}) is None
    with pytest.raises(InputError, match="unknown key 'workers'"):
        parse_cluster({"address": "auto", "workers": 2})
    with pytest.raises(InputError, match="actors must be positive"):
        parse_cluster({"address": "auto", "actors": 0})


@needs_ray
def test_cli_cluster_run_with_real_models_matches_the_local_run(
    tmp_path: Path, local_cluster: None, tiny_en_ru_model: Path, tiny_ru_en_model: Path
) -> None:
    """``[cluster]`` in l10n.toml: the CLI's engine factory travels to the actor, which loads
    the (already converted) ct2 models; the catalogs are the local ones."""
    sources = _corpus(tmp_path / "src", documents=3, sentences=3)
    common = [
        *map(str, sources),
        "--to",
        "ru",
        "--engine",
        "ct2",
        "--quiet",
        "--model",
        str(tiny_en_ru_model),
        "--back-model",
        str(tiny_ru_en_model),
        "--beam",
        "2",
        "--nbest",
        "2",
    ]
    assert run_cli("translate", *common, "--out", str(tmp_path / "local")) == 0
    config = tmp_path / "l10n.toml"
    config.write_text('[cluster]\naddress = "auto"\nactors = 1\n', encoding="utf-8")
    status = run_cli("translate", *common, "--out", str(tmp_path / "ray"), "--config", str(config))
    assert status == 0
    assert _catalogs(tmp_path / "ray") == _catalogs(tmp_path / "local")


@pytest.mark.skipif(HAS_RAY, reason="Ray is installed")
def test_without_ray_a_cluster_run_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "news.txt"
    source.write_text("One sentence.", encoding="utf-8")
    args = ["translate", str(source), "--to", "ru", "--out", str(tmp_path / "out")]
    assert run_cli(*args, "--cluster", "local") == 2
    assert (
        "a cluster run needs Ray: pip install 'l10n-pipeline[cluster]'" in capsys.readouterr().err
    )
    assert not (tmp_path / "out").exists()
