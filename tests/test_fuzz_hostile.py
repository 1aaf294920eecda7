"""Fuzz (issue 26): hostile variants of PO, XLIFF and HTML inputs through the real commands.

Each example builds a small world (a project with ``l10n.toml``, its documents and catalog,
and an ``outside`` directory holding a secret and a victim catalog), writes one hostile
input (headers aimed outside, control characters, lines over the test's limits, broken
syntax and XML, entities, odd encodings) and runs every command that reads it in-process.
Each run ends with exit 0, 1 or 2, never a traceback or an internal error (70); an exit 2
is one line; nothing outside the output directory (and the catalog the command owns)
changes; the secret never reaches an output. Inputs are generated, nothing is committed;
``derandomize`` keeps the examples the same on every run.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main

SECRET = "TOP-SECRET-7f3a"
LIMITS = "[limits]\npo_line_length = 3000\npo_entry_length = 8000\n"
PO = "locales/ru/LC_MESSAGES/note.po"
DOCUMENT = (
    "The Special Economic Zone has 12 residents.\n\n"
    "Investments reached 1.5 billion roubles in 2024.\n\n"
    "Contact: info@example.com, 10% growth.\n"
)
PAGE = (
    "<html><head><title>Release</title></head><body>\n"
    '<h1 title="The zone">The <b>Special Economic Zone</b> grows.</h1>\n'
    '<p>Investments reached <a href="/x">1.5 billion</a> roubles.</p>\n'
    "</body></html>\n"
)
# Markup a translation must never bring into a page as markup (there it is text).
INJECTED = ["<script>alert(1)</script>", '" onmouseover="alert(1)']
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def _in(directory: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(previous)


@functools.cache
def _good_files(document: str = "note.txt") -> tuple[str, str]:
    """A reviewed catalog of a document of :func:`_world` and its XLIFF export, as the tool
    writes them."""
    stem = Path(document).stem
    po_path = Path(f"locales/ru/LC_MESSAGES/{stem}.po")
    with tempfile.TemporaryDirectory() as scratch:
        project = _world(Path(scratch))
        with _in(project):
            assert main(["translate", f"docs/{document}", "--to", "ru", "--engine", "none"]) == 0
            po = po_path.read_text(encoding="utf-8")
            po = re.sub(r'msgid "(.+)"\nmsgstr ""', r'msgid "\1"\nmsgstr "[ru] \1"', po)
            po_path.write_text(po, encoding="utf-8")
            assert main(["export", str(po_path), "--xliff", "xliff"]) == 0
            xliff = Path(f"xliff/ru/{stem}.xlf").read_text(encoding="utf-8")
    return po, xliff


def _world(base: Path) -> Path:
    """``base/outside`` (secret, victim catalog) and ``base/project``; the project's path."""
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "victim.po").write_text(f'msgid ""\nmsgstr ""\n\n#. {SECRET}\n', encoding="utf-8")
    project = base / "project"
    (project / "docs").mkdir(parents=True)
    (project / "l10n.toml").write_text(LIMITS, encoding="utf-8")
    (project / "docs" / "note.txt").write_text(DOCUMENT, encoding="utf-8")
    (project / "docs" / "release.html").write_text(PAGE, encoding="utf-8")
    os.symlink(outside / "secret.txt", project / "docs" / "link.txt")
    os.symlink(outside / "victim.po", project / "docs" / "link.po")
    return project


def _snapshot(base: Path, allowed: tuple[str, ...]) -> dict[str, bytes]:
    """Every path under ``base`` (contents, link targets) except the allowed ones."""
    tree: dict[str, bytes] = {}
    for path in sorted(base.rglob("*")):
        name = path.relative_to(base).as_posix()
        if any(name == a or name.startswith(a.rstrip("/") + "/") for a in allowed):
            continue
        if path.is_symlink():
            tree[name] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            tree[name] = path.read_bytes()
        else:
            tree[name + "/"] = b""
    return tree


def _outputs(base: Path, allowed: tuple[str, ...]) -> Iterator[bytes]:
    for name in allowed:
        path = base / name
        for item in [path, *(path.rglob("*") if path.is_dir() else [])]:
            if item.is_file() and not item.is_symlink():
                yield item.read_bytes()


def _run(
    base: Path, argv: list[str], allowed: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> int:
    """Run one command in the project; check its exit, messages and what it touched."""
    before = _snapshot(base, allowed)
    capsys.readouterr()
    with _in(base / "project"):
        status = main(argv)
    out, err = capsys.readouterr()
    shown = f"{argv}: exit {status}\n{err}"
    assert status in (0, 1, 2), shown
    assert "Traceback" not in out + err and "internal error" not in err, shown
    if status == 2:
        assert err.count("\n") == 1 and err.startswith("l10n: error: "), shown
    assert _snapshot(base, allowed) == before, f"{argv} changed files outside its output"
    assert SECRET not in out, shown
    assert all(SECRET.encode() not in data for data in _outputs(base, allowed)), shown
    return status


def _assert_no_injected_markup(page: Path) -> None:
    """No translation became a script or an event attribute of a written page."""
    import lxml.html

    tree = lxml.html.fromstring(page.read_bytes())
    assert not [e for e in tree.iter("script") if "alert(1)" in (e.text or "")], page
    assert not [e for e in tree.iter() if e.get("onmouseover")], page


def _hostile_path(value: str, base: Path) -> str:
    return value.replace("{outside}", str(base / "outside"))


# Pieces of hostile text spliced in anywhere (lines, strings, headers).
SNIPPETS = [
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    "\\ud800",
    '"',
    "\\",
    "\n",
    "\r",
    '\nmsgid "Injected."\nmsgstr "Вставка."\n',
    "\n#: ../../outside/secret.txt:1\n",
    "\n#, fuzzy, python-format\n",
    '\nmsgstr[7] "x"\n',
    '\nmsgctxt ""\n',
    '\nmsgid ""\nmsgstr ""\n',
    '\n#~ msgid "old"\n#~ msgstr "старый"\n',
    "%(name)s {0} %1$s %%",
    "<b>",
    "=cmd|' /C calc'!A0",
]
long_piece = st.integers(500, 5000).map(lambda n: "a" * n)
text_edit = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("insert"), st.floats(0, 1), long_piece),
    st.tuples(st.just("truncate"), st.floats(0.05, 1), st.just("")),
)
# Text that keeps the file well-formed: spliced into a string (PO) or an element (XML).
CONTENT = [
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\ufeff",
    "\u202e",
    "%(name)s {0} %1$s %%",
    "<b>x</b> &amp; <g id='1'/>",
    "=cmd|' /C calc'!A0",
    "1.5 млрд 2024 12 %",
    *INJECTED,
    "<b1>bold</b1> <a2>link</a2> </b1>",
    '\\"\t\r\n',
]
content_edit = st.tuples(
    st.just("content"), st.floats(0, 1), st.one_of(st.sampled_from(CONTENT), long_piece)
)
encodings = st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1", "cp1251"])


def _edit(text: str, edits: list[tuple[str, float, str]], escape: Callable[[str], str]) -> str:
    """Apply the edits: splice raw text anywhere, cut the file, or put escaped text into one
    of the strings (``msgstr "`` of a PO file, ``<target>`` or ``<source>`` of an XLIFF)."""
    for kind, where, piece in edits:
        position = int(len(text) * where)
        if kind == "truncate":
            text = text[:position]
        elif kind == "insert":
            text = text[:position] + piece + text[position:]
        else:
            starts = [m.end() for m in _STRING_START.finditer(text)] or [position]
            start = starts[int(where * len(starts)) % len(starts)]
            text = text[:start] + escape(piece) + text[start:]
    return text


_STRING_START = re.compile(r'(?:msgstr(?:\[\d\])? "|<target[^>]*>|<source[^>]*>)')


def _po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _write(path: Path, text: str, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding, errors="replace"))


# --- PO ----------------------------------------------------------------------------------

HEADERS = {
    "Language": [
        "../outside",
        "../../outside/x",
        "{outside}/x",
        "ru\\x00",
        "",
        "ru/../..",
        "x" * 80,
        "ar",
        "zh_Hant",
        "pt-BR",
        "por",
    ],
    "X-Source-File": [
        "../outside/secret.txt",
        "{outside}/secret.txt",
        "/etc/passwd",
        "docs/link.txt",
        "docs/../../outside/secret.txt",
        "",
        "docs",
        "docs/missing.txt",
        "docs/note.html",
        "l10n.toml",
    ],
    "Plural-Forms": [
        "nplurals=999999999; plural=n;",
        "nplurals=2; plural=(n==1?0:1)*(n/0);",
        "nplurals=-1; plural=0;",
        "garbage",
        "nplurals=2; plural=" + "(" * 400 + "n" + ")" * 400 + ";",
    ],
    "Content-Type": [
        "text/plain; charset=ISO-8859-1",
        "text/plain; charset=UTF-16",
        "text/plain; charset=bogus",
        "text/html",
    ],
}
header_edit = st.sampled_from(sorted(HEADERS)).flatmap(
    lambda key: st.tuples(st.just(key), st.sampled_from(HEADERS[key]))
)


def _po_commands(document: str) -> list[list[str]]:
    po, out = f"locales/ru/LC_MESSAGES/{Path(document).stem}.po", f"out/ru-{document}"
    return [
        ["build", po, "--out", out, "--fallback", "source"],
        ["build", po, "--out", out],
        ["build", po, "--out", out, "--source", f"docs/{document}"],
        ["stats", po],
        ["export", po, "--xliff", "out/xliff"],
        ["review", po, "--html", "out/review.html"],
        ["compile", po],
        ["qa", po],
    ]


@given(
    document=st.sampled_from(["note.txt", "release.html"]),
    headers=st.lists(header_edit, max_size=3),
    edits=st.lists(st.one_of(text_edit, content_edit, content_edit), max_size=3),
    encoding=encodings,
)
@FUZZ
def test_hostile_catalogs(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    document: str,
    headers: list[tuple[str, str]],
    edits: list[tuple[str, float, str]],
    encoding: str,
) -> None:
    good_po, _ = _good_files(document)
    po = f"project/locales/ru/LC_MESSAGES/{Path(document).stem}.po"
    base = tmp_path_factory.mktemp("po")
    _world(base)
    text = good_po
    for key, value in headers:
        line = f'"{key}: ' + _hostile_path(value, base).replace('"', '\\"') + '\\n"'
        text = re.sub(rf'"{key}: [^"\n]*\\n"', lambda _, line=line: line, text)
    _write(base / po, _edit(text, edits, _po_escape), encoding)
    allowed = ("project/out", po, po.replace(".po", ".mo"))
    for argv in _po_commands(document):
        _run(base, argv, allowed, capsys)
    for page in (base / "project" / "out").rglob("*.html"):
        _assert_no_injected_markup(page)
    shutil.rmtree(base)


# --- XLIFF -------------------------------------------------------------------------------

ORIGINALS = [
    PO,
    "../outside/victim.po",
    "{outside}/victim.po",
    "locales/../../outside/victim.po",
    "docs/link.po",
    "docs/note.txt",
    "",
    "locales/ru/LC_MESSAGES/new.po",
    "/etc/passwd",
    "locales/ru/LC_MESSAGES/note.po\x00.txt",
]
XML_SNIPPETS = [
    "<!DOCTYPE x [<!ENTITY a 'aaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;'>]>",
    "&b;",
    "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
    "&e;",
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="../outside/secret.txt"/>',
    "]]>",
    "<![CDATA[<b>x</b>]]>",
    "&#0;",
    "&#xD800;",
    "&bogus;",
    "</trans-unit>",
    "<target>=cmd|' /C calc'!A0</target>",
    '<g id="1">',
    '<bpt id="1">&lt;b&gt;</bpt>',
    '<target state="translated">Чужой перевод.</target>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    "\x00",
    "\x1b",
]
xml_edit = st.one_of(
    text_edit,
    content_edit,
    content_edit,
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(XML_SNIPPETS)),
)
XLF = "project/xliff/ru/note.xlf"


@given(
    original=st.sampled_from(ORIGINALS),
    target_language=st.sampled_from(["ru", "../x", "", "xx-INVALID-TAG", "ar", "ru\x01"]),
    edits=st.lists(xml_edit, max_size=3),
    encoding=encodings,
)
@FUZZ
def test_hostile_xliff(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    original: str,
    target_language: str,
    edits: list[tuple[str, float, str]],
    encoding: str,
) -> None:
    good_po, good_xliff = _good_files()
    base = tmp_path_factory.mktemp("xlf")
    project = _world(base)
    _write(project / PO, good_po, "utf-8")
    text = good_xliff.replace(f'original="{PO}"', f'original="{_hostile_path(original, base)}"')
    text = text.replace('target-language="ru"', f'target-language="{target_language}"')
    _write(base / XLF, _edit(text, edits, _xml_escape), encoding)
    allowed = (f"project/{PO}",)
    xlf = "xliff/ru/note.xlf"
    for argv in (["import", xlf], ["import", xlf, "--po", PO], ["import", xlf, "--root", "docs"]):
        _run(base, argv, allowed, capsys)
    shutil.rmtree(base)


# --- HTML --------------------------------------------------------------------------------

TAGS = ["div", "p", "b", "i", "span", "a", "li", "ul", "table", "tr", "td", "h1", "blockquote"]
ATTRIBUTES = [
    "",
    ' href="javascript:alert(1)"',
    ' src="../outside/secret.txt"',
    ' lang="../x"',
    ' dir="rtl"',
    ' translate="no"',
    ' style="x:expression(alert(1))"',
    ' title="' + "t" * 3000 + '"',
]
words = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
    st.sampled_from(["\x01", "\x0c", "\x1b", "\ufffe", "\x00", "\u2028"]),
    st.sampled_from(["One sentence.", "Price: 1,500 USD.", "&amp;", "&#0;", "&bogus;", "<", ">"]),
)


def _element(children: list[str], tag: str, attribute: str) -> str:
    return f"<{tag}{attribute}>{''.join(children)}</{tag}>"


fragment = st.recursive(
    words,
    lambda inner: st.builds(
        _element, st.lists(inner, max_size=4), st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES)
    ),
    max_leaves=30,
)
HTML_RAW = [
    "<script>alert('Not text.')</script>",
    "<style>p{}</style>",
    "<!-- comment -->",
    "<!DOCTYPE html>",
    '<meta charset="windows-1251">',
    "<p>Unclosed <b>bold <i>italic",
    "</div></div></div>",
    "<template><p>Hidden.</p></template>",
    "<svg><foreignObject><p>In SVG.</p></foreignObject></svg>",
    "<textarea>Raw </p> text.</textarea>",
]


@given(
    body=st.lists(st.one_of(fragment, st.sampled_from(HTML_RAW)), min_size=1, max_size=6),
    depth=st.sampled_from([0, 0, 10, 150]),
    edits=st.lists(text_edit, max_size=2),
    encoding=encodings,
)
@FUZZ
def test_hostile_html(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    body: list[str],
    depth: int,
    edits: list[tuple[str, float, str]],
    encoding: str,
) -> None:
    base = tmp_path_factory.mktemp("html")
    project = _world(base)
    html = "<div>" * depth + "<p>Nested sentence.</p>" + "</div>" * depth
    document = f"<html><head><title>T</title></head><body>{''.join(body)}{html}</body></html>"
    _write(project / "docs" / "page.html", _edit(document, edits, str), encoding)
    allowed = ("project/out",)
    _run(base, ["segment", "docs/page.html"], allowed, capsys)
    status = _run(
        base,
        ["translate", "docs/page.html", "--to", "ru", "--out", "out", "--engine", "none"],
        allowed,
        capsys,
    )
    if status == 0:
        po = "out/ru/LC_MESSAGES/page.po"
        build = ["build", po, "--out", "out/page.ru.html", "--fallback", "source"]
        assert _run(base, build, allowed, capsys) == 0
    shutil.rmtree(base)
