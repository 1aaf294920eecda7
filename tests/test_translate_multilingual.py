"""``l10n translate`` / ``l10n models`` with one multilingual model for several languages."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from pipeline.catalog import mt_provenance
from pipeline.config import LanguageModels, load_config
from pipeline.engines import EngineSignature
from pipeline.modelstore import configured_langs, pull_models, resolve_models

from .helpers import msgfmt_check, run_cli

pytest.importorskip("ctranslate2")

RELEASE = """\
Acme Robotics opens a new plant in Lyon.

The plant will employ 120 people; production starts in March.
"We are proud of our team," said the director. The server returned an error.

Click the button to save the file.
"""


def _write_config(directory: Path, body: str) -> Path:
    """``l10n.toml`` with ``body``; outputs kept short (random weights ramble), so that a
    back-translation's input fits the tiny models."""
    config = directory / "l10n.toml"
    config.write_text("[engine]\nmax_length = 24\n" + body, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("docs") / "acme-plant.md"
    source.write_text(RELEASE, encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def three_languages(
    tmp_path_factory: pytest.TempPathFactory, release: Path, tiny_nllb_model: Path
) -> Path:
    """One run: de, fr and zh from one NLLB model named once in ``[models.default]``."""
    out = tmp_path_factory.mktemp("multi") / "locales"
    assert _translate_three(release, out, tiny_nllb_model) == 0
    return out


def _translate_three(release: Path, out: Path, model: Path) -> int:
    """``l10n translate`` into de, fr and zh with ``model`` as ``[models.default]``."""
    config = _write_config(out.parent, f'[models.default]\nmodel = "{model}"\n')
    languages = ("--to", "de", "--to", "fr", "--to", "zh")
    options = ("--engine", "ct2", "--beam", "2", "--nbest", "2")
    return run_cli("translate", release, *languages, "--out", out, *options, "--config", config)


@pytest.mark.parametrize(
    ("lang", "token"),
    [
        ("de", "deu_Latn"),
        ("fr", "fra_Latn"),
        ("zh", "zho_Hans"),
    ],
)
def test_one_model_translates_every_language_both_ways(
    three_languages: Path, tiny_nllb_model: Path, lang: str, token: str
) -> None:
    po = three_languages / lang / "LC_MESSAGES" / "acme-plant.po"
    msgfmt_check(po)
    catalog = polib.pofile(str(po))
    assert catalog.metadata["Language"] == lang
    entries = [e for e in catalog if not e.obsolete]
    template = polib.pofile(str(three_languages / "acme-plant.pot"))
    assert [e.msgid for e in entries] == [e.msgid for e in template] and len(entries) >= 5
    for entry in entries:
        assert "fuzzy" in entry.flags and "back-translation:" in entry.comment
        provenance = mt_provenance(entry.comment)
        assert provenance is not None
        signature = EngineSignature.parse(provenance[0])
        assert signature.model == str(tiny_nllb_model)
        assert (signature.source_lang, signature.target_lang) == ("en", lang)
        assert signature.option("family") == "nllb"
        assert signature.option("lang") == f"eng_Latn>{token}"
        assert token not in entry.msgstr and "eng_Latn" not in entry.comment.split("mt:")[0]
    assert sum(1 for e in entries if e.msgstr) >= 4  # real (gibberish) output


def test_rerun_with_one_multilingual_model_loads_nothing(
    three_languages: Path, release: Path, tiny_nllb_model: Path
) -> None:
    before = {p: p.read_bytes() for p in three_languages.rglob("*.po")}
    assert _translate_three(release, three_languages, tiny_nllb_model) == 0
    assert {p: p.read_bytes() for p in three_languages.rglob("*.po")} == before


@pytest.mark.parametrize("engine", ["transformers", "ct2"])
def test_language_the_model_lacks_is_exit_3_and_nothing_written(
    release: Path,
    tiny_m2m100_model: Path,
    tmp_path: Path,
    engine: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = _write_config(tmp_path, f'[models.default]\nmodel = "{tiny_m2m100_model}"\n')
    out = tmp_path / "locales"
    status = run_cli(
        "translate",
        release,
        "--to",
        "de",
        "--to",
        "kw",
        "--out",
        out,
        "--engine",
        engine,
        "--config",
        config,
    )
    assert status == 3
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message.startswith("l10n: error: ")
    assert str(tiny_m2m100_model) in message and "'kw'" in message
    assert not [p for p in out.rglob("*") if p.suffix in (".po", ".pot")]


def test_multi_target_marian_with_a_pair_for_the_way_back(
    release: Path, tiny_en_mul_model: Path, tiny_ru_en_model: Path, tmp_path: Path
) -> None:
    config = _write_config(
        tmp_path,
        f'[models.default]\nforward = "{tiny_en_mul_model}"\n'
        f'[models.ru]\nbackward = "{tiny_ru_en_model}"\n',
    )
    out = tmp_path / "locales"
    status = run_cli(
        "translate",
        release,
        "--to",
        "ru",
        "--out",
        out,
        "--engine",
        "transformers",
        "--config",
        config,
        "--beam",
        "1",
        "--nbest",
        "1",
    )
    assert status == 0
    po = out / "ru" / "LC_MESSAGES" / "acme-plant.po"
    msgfmt_check(po)
    for entry in polib.pofile(str(po)):
        provenance = mt_provenance(entry.comment)
        assert provenance is not None
        signature = EngineSignature.parse(provenance[0])
        assert signature.option("family") == "marian-multi"
        assert signature.option("lang") == ">>rus<<"


# -- configuration --------------------------------------------------------------------------


def test_default_model_serves_every_language_unless_overridden(tmp_path: Path) -> None:
    config = load_config(
        _write_config(
            tmp_path,
            '[models.default]\nmodel = "facebook/nllb-200-distilled-600M"\n'
            '[models.ru]\nforward = "Helsinki-NLP/opus-mt-en-ru"\n'
            '[models.uk]\nmodel = "./m2m"\n',
        )
    )
    assert config.models["default"] == LanguageModels(model="facebook/nllb-200-distilled-600M")
    nllb = "facebook/nllb-200-distilled-600M"
    assert resolve_models("de", config) == (nllb, nllb)
    assert resolve_models("ru", config) == ("Helsinki-NLP/opus-mt-en-ru", nllb)
    assert resolve_models("uk", config) == (str(tmp_path / "m2m"),) * 2
    assert resolve_models("de", config, "x/y", None) == ("x/y", nllb)
    assert configured_langs(config) == ["ru", "uk"]


def test_model_key_is_validated(tmp_path: Path) -> None:
    from pipeline.errors import InputError

    with pytest.raises(InputError, match=r"\[models.default\] model must be"):
        load_config(_write_config(tmp_path, "[models.default]\nmodel = 3\n"))
    with pytest.raises(InputError, match="known: model, forward, backward"):
        load_config(_write_config(tmp_path, '[models.default]\nmodels = "x/y"\n'))


def test_pull_fetches_a_multilingual_model_once(tiny_nllb_model: Path, tmp_path: Path) -> None:
    config = load_config(
        _write_config(tmp_path, f'[models.default]\nmodel = "{tiny_nllb_model}"\n')
    )
    fetched = pull_models(["de", "fr", "zh"], config)
    assert [local.spec for local in fetched] == [str(tiny_nllb_model)]


def test_models_list_shows_the_languages_each_model_serves(
    tiny_nllb_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write_config(tmp_path, f'[models.default]\nmodel = "{tiny_nllb_model}"\n')
    assert run_cli("models", "list", "--config", config, "--to", "de", "--to", "kw") == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith(("de ", "kw "))]
    assert ["de", "forward", str(tiny_nllb_model), "nllb"] == rows[0][:4]
    assert rows[0][-1] == "found" and rows[2][-2:] == ["lacks", "kw"]
    served = out.split(f"{tiny_nllb_model} (nllb) serves ")[1].split("\n\n")[0]
    count, _, tags = served.partition(" languages:\n")
    assert int(count) > 190 and int(count) == len(tags.split())
    assert {"de", "zh", "zh-Hant", "pt", "ko", "ja", "en"} <= set(tags.split())


def test_models_list_shows_every_cached_model_and_what_it_serves(
    tiny_nllb_model: Path,
    tiny_en_ru_model: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from .test_models import fake_hub_snapshot

    cache = tmp_path / "hub"
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    fake_hub_snapshot(cache, "facebook/nllb-200-distilled-600M", tiny_nllb_model)
    fake_hub_snapshot(cache, "Helsinki-NLP/opus-mt-en-ru", tiny_en_ru_model)
    monkeypatch.chdir(tmp_path)  # no l10n.toml here
    assert run_cli("models", "list", "--to", "de") == 0
    out = capsys.readouterr().out
    listed = out.split("models in the Hugging Face cache")[1].split("\n\n")[0]
    lines = [line.split() for line in listed.splitlines()[1:]]
    assert lines[0][:2] == ["Helsinki-NLP/opus-mt-en-ru", "pair"]
    assert lines[0][-3:] == ["one", "language", "pair"]
    assert lines[1][:2] == ["facebook/nllb-200-distilled-600M", "nllb"]
    assert lines[1][-1] == "languages" and int(lines[1][-2]) > 190


def test_pull_refuses_a_language_the_model_lacks(
    tiny_nllb_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write_config(tmp_path, f'[models.default]\nmodel = "{tiny_nllb_model}"\n')
    assert run_cli("models", "pull", "--config", config, "--to", "de", "--to", "kw") == 3
    error = capsys.readouterr().err
    assert str(tiny_nllb_model) in error and "'kw'" in error
