"""A page without a charset declaration, built, shows correctly in Chromium (issue 20).

The page is served over HTTP from a local server without a charset in its Content-Type, as
most static hosts serve ``.html``: Chromium then decodes a page that does not declare its
encoding as windows-1252 ("CafÃ©"). Skipped where Chromium is not installed.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import run_cli
from .test_formats_docx import fill

CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {".html": "text/html"}  # no charset, as many static hosts send it

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _dom(url: str, tmp_path: Path) -> str:
    result = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_built_page_without_charset_shows_correctly(tmp_path: Path, served: str) -> None:
    source = tmp_path / "cafe.html"
    source.write_text(
        "<html><head><title>Café</title></head><body><p>Café au lait, s’il vous plaît.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "loc"
    assert run_cli("translate", source, "--to", "de", "--engine", "none", "--out", out) == 0
    po = out / "de" / "LC_MESSAGES" / "cafe.po"
    fill(po, {"Café au lait, s’il vous plaît.": "Milchkaffee, bitte – schön."})
    built = tmp_path / "cafe.de.html"
    assert run_cli("build", po, "--out", built) == 0
    dom = _dom(f"{served}/cafe.de.html", tmp_path)
    assert "<title>Café</title>" in dom
    assert "Milchkaffee, bitte – schön." in dom
    assert "Ã" not in dom
