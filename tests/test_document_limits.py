"""Document limits (issue 26): DOCX zip bombs refused from the zip directory, HTML nesting
refused before html5lib parses it; one exit-2 line naming the limit and its key.

Every hostile file is generated here; nothing large is committed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from pipeline import limits
from pipeline.errors import EXIT_INPUT
from pipeline.formats import read_document
from pipeline.formats.html import check_depth
from pipeline.limits import LimitError

from .helpers import run_cli


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    limits.activate(None)
    yield
    limits.activate(None)


def _nested(levels: int, tag: str = "div") -> str:
    return f"<html><body>{f'<{tag}>' * levels}deep text{f'</{tag}>' * levels}</body></html>"


def _one_error_line(err: str, key: str) -> None:
    assert err.count("\n") == 1
    assert err.startswith("l10n: error: ")
    assert f"(raise it with [limits] {key} in l10n.toml)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("tag", ["div", "b", "span", "my-widget"])
@pytest.mark.parametrize("levels", [1_000, 100_000])
def test_deep_html_is_one_exit_2_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str, levels: int
) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_nested(levels, tag), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("translate", page, "--to", "fr", "--engine", "none", "--out", out) == EXIT_INPUT
    err = capsys.readouterr().err
    _one_error_line(err, "html_depth")
    assert f"deep.html: elements nested too deeply: {levels:,} levels, over the limit of 512" in err
    assert not out.exists()


def test_depth_within_the_limit_reads_and_builds(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_nested(500, "b"), encoding="utf-8")
    assert [b.text for b in read_document(page).blocks] == ["deep text"]


def test_raised_depth_limit_reads_deeper_pages(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_nested(1_500, "b"), encoding="utf-8")
    with pytest.raises(LimitError):
        read_document(page)
    limits.activate(limits.raised(html_depth=2_000))
    assert [b.text for b in read_document(page).blocks] == ["deep text"]


def test_depth_limit_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l10n.toml").write_text("[limits]\nhtml_depth = 10\n", encoding="utf-8")
    (tmp_path / "deep.html").write_text(_nested(11), encoding="utf-8")
    (tmp_path / "flat.html").write_text(_nested(10), encoding="utf-8")
    assert run_cli("translate", "flat.html", "--to", "fr", "--engine", "none") == 0
    assert run_cli("translate", "deep.html", "--to", "fr", "--engine", "none") == EXIT_INPUT


@pytest.mark.parametrize(
    ("markup", "depth"),
    [
        ("<ul>" + "<li>item" * 5_000 + "</ul>", 1),  # closed by the parser, flat
        ("<p>para" * 5_000, 0),
        ("<div></div>" * 5_000, 1),
        ("<div>" + "</x><span>text</span>" * 5_000 + "</div>", 2),  # stray end tags
        ("<script>" + "<div>" * 5_000 + "</script>", 0),  # raw text
        ("<!--" + "<div>" * 5_000, 0),  # a comment to the end of the page
        ("<svg>" + "<path/>" * 5_000 + "</svg>", 1),
        ("<div><b><i>x</div>" * 5_000, 3),  # an end tag closes what is inside
    ],
)
def test_depth_estimate_of_wide_pages(markup: str, depth: int) -> None:
    limits.activate(limits.raised(html_depth=max(depth, 1)))
    check_depth(markup, Path("wide.html"))
    if depth > 1:
        limits.activate(limits.raised(html_depth=depth - 1))
        with pytest.raises(LimitError, match="elements nested too deeply"):
            check_depth(markup, Path("wide.html"))


def _small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("A short press release.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_parts(data: bytes, parts: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


def test_docx_part_count_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "parts.docx"
    source.write_bytes(_with_parts(_small_docx(), {f"junk/{i}.xml": b"" for i in range(10_001)}))
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 2
    err = capsys.readouterr().err
    _one_error_line(err, "docx_parts")
    assert "too many parts in the .docx package: 10," in err
    assert "parts, over the limit of 10,000" in err
    assert not out.exists()


def test_docx_unpacked_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "bomb.docx"
    source.write_bytes(_with_parts(_small_docx(), {"word/media/zeros.bin": bytes(1 << 20)}))
    assert len(source.read_bytes()) < 100_000
    assert [b.text for b in read_document(source).blocks] == ["A short press release."]
    (tmp_path / "l10n.toml").write_text("[limits]\ndocx_unpacked_size = 1_048_576\n")
    out = tmp_path / "out"
    assert run_cli("translate", source, "--to", "fr", "--engine", "none", "--out", out) == 2
    err = capsys.readouterr().err
    _one_error_line(err, "docx_unpacked_size")
    assert "bomb.docx: the .docx package is too large decompressed: 1," in err


@pytest.mark.slow
def test_docx_bomb_of_512_mb_refused_before_inflating(tmp_path: Path) -> None:
    """The issue's case: 512 MB decompressed from a 2 MB file; refused from the directory
    (the test's own peak memory is the 8 MB chunk it compresses)."""
    chunk = bytes(8 << 20)
    source = tmp_path / "bomb.docx"
    source.write_bytes(
        _with_parts(_small_docx(), {f"word/media/{i}.bin": chunk for i in range(64)}, level=1)
    )
    with pytest.raises(LimitError, match=r"53\d,\d{3},\d{3} bytes, over the limit of 268,435,456"):
        read_document(source)
