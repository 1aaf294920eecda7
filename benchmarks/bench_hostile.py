"""Hostile inputs (issue 26): time and peak memory of the commands that meet them.

Usage: ``python benchmarks/bench_hostile.py [--skip-nesting-100k]``

Each case is generated in a temporary directory (nothing large is committed) and run as
``python -m pipeline …`` in a fresh process; its peak RSS comes from ``os.wait4`` (that
child alone) and its wall time from the clock. The process runs under an address-space
limit (``RLIMIT_AS``, 4 GiB) and a time limit, so a case that explodes ends as a FAIL, not
as a machine out of memory. Figures, targets from the issue and PASS/FAIL are printed with
the machine line the other benchmarks print, and written to ``benchmarks/out/hostile.json``.

Cases:

- a catalog whose msgid is one line of 10 MB: refused under the default ``po_line_length``
  (one exit-2 line), and read with the limit raised (``stats``); target < 600 MB;
- a DOCX whose ``word/document.xml`` decompresses to 512 MB, and one with 40,000 parts:
  target refused in < 5 s with < 300 MB (only once ``pipeline/limits.py`` has a DOCX
  limit; before that the case would take gigabytes and is reported as skipped);
- HTML with 1,000 and 100,000 nested ``<div>`` and ``<b>`` elements (``translate --engine
  none``): target ends cleanly (exit 0 or 2, never 70) within a minute;
- behind the limits (``[limits]`` raised, ``--skip-raised`` leaves them out): HTML with 1,000
  and 10,000 nested ``<div>`` and the 40,000-part DOCX translated (exit 0 within a minute),
  which shows what the limits guard against: the HTML parser's time grows with the square of
  the depth, and python-docx's with the number of parts.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from machine import machine_line  # noqa: E402

OUT = HERE / "out"
ADDRESS_SPACE = 4 << 30
TIME_LIMIT_S = 90.0
MB = 1 << 20


@dataclasses.dataclass
class Case:
    """One measured run: what, exit code, wall seconds, peak RSS (MB), target, verdict."""

    name: str
    exit_code: int | None
    seconds: float
    peak_mb: float
    target: str
    passed: bool | None
    note: str = ""


def run_cli(
    args: list[str], cwd: Path, limit_s: float = TIME_LIMIT_S
) -> tuple[int, float, float, str]:
    """``python -m pipeline ARGS`` in ``cwd``: (exit code or -signal, seconds, peak MB,
    last stderr line); killed after ``limit_s``."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    err_path = cwd / ".stderr"
    with open(err_path, "wb") as err, open(os.devnull, "wb") as null:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", *args],
            cwd=cwd,
            env=env,
            stdout=null,
            stderr=err,
            preexec_fn=limit,  # noqa: PLW1509 (no threads started before the fork matter)
        )
        timer = threading.Timer(limit_s, lambda: os.kill(process.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    lines = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return process.returncode, seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def _po(path: Path, msgid: str) -> None:
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n'
    )
    path.write_text(f'{header}msgid "{msgid}"\nmsgstr ""\n', encoding="utf-8")


def po_cases(work: Path) -> list[Case]:
    """A 10 MB msgid line: refused by default, read with the limit raised."""
    _po(work / "big.po", "word " * (2 * MB))  # 10,485,760 characters
    code, seconds, peak, err = run_cli(["stats", "big.po"], work)
    refused = Case(
        "PO 10 MB msgid line, default limits (refused)",
        code,
        seconds,
        peak,
        "exit 2, < 600 MB",
        code == 2 and peak < 600,
        err[:110],
    )
    (work / "l10n.toml").write_text(
        "[limits]\npo_line_length = 20_000_000\npo_entry_length = 40_000_000\n", encoding="utf-8"
    )
    code, seconds, peak, err = run_cli(["stats", "big.po"], work)
    (work / "l10n.toml").unlink()
    read = Case(
        "PO 10 MB msgid line, limit raised (stats)",
        code,
        seconds,
        peak,
        "exit 0, < 600 MB",
        code == 0 and peak < 600,
        "" if code == 0 else err[:110],
    )
    return [refused, read]


def _docx_limits() -> list[str]:
    from pipeline.limits import Limits

    return [f.name for f in dataclasses.fields(Limits) if "docx" in f.name]


def _docx(path: Path, document_bytes: int, parts: int = 0) -> None:
    """A DOCX whose document.xml inflates to ``document_bytes`` (written in chunks, so the
    generator never holds it), plus ``parts`` small parts named in the relationships."""
    rels = "".join(
        f'<Relationship Id="rX{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/customXml" Target="../customXml/item{i}.xml"/>'
        for i in range(parts)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        package.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{rels}</Relationships>',
        )
        for i in range(parts):
            package.writestr(f"customXml/item{i}.xml", "<a/>")
        head = (
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>One sentence.</w:t></w:r>'
            b"</w:p><!--"
        )
        tail = b"--></w:body></w:document>"
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            chunk = b" " * MB
            remaining = document_bytes - len(head) - len(tail)
            while remaining > 0:
                part.write(chunk[: min(MB, remaining)])
                remaining -= MB
            part.write(tail)


def docx_cases(work: Path) -> list[Case]:
    """The 512 MB DOCX bomb and 40,000 parts, refused in < 5 s with < 300 MB."""
    keys = _docx_limits()
    if not keys:
        note = "no DOCX limit in pipeline/limits.py yet (issue 20/26, docs20)"
        return [
            Case("DOCX inflating to 512 MB", None, 0.0, 0.0, "exit 2, < 5 s, < 300 MB", None, note),
            Case("DOCX with 40,000 parts", None, 0.0, 0.0, "exit 2, < 5 s, < 300 MB", None, note),
        ]
    cases = []
    for name, size, parts in (
        ("DOCX inflating to 512 MB", 512 * MB, 0),
        ("DOCX with 40,000 parts", 4096, 40_000),
    ):
        _docx(work / "bomb.docx", size, parts)
        compressed = (work / "bomb.docx").stat().st_size
        code, seconds, peak, err = run_cli(
            ["translate", "bomb.docx", "--to", "ru", "--engine", "none", "--out", "out"], work
        )
        ok = code == 2 and seconds < 5 and peak < 300
        note = f"{compressed / MB:.1f} MB file; {err[:90]}"
        cases.append(Case(name, code, seconds, peak, "exit 2, < 5 s, < 300 MB", ok, note))
    return cases


def html_cases(work: Path, skip_100k: bool) -> list[Case]:
    """1,000 and 100,000 nested <div> and <b>: exit 0 or 2 (never 70) within a minute."""
    cases = []
    for depth in (1_000, 100_000):
        for tag in ("div", "b"):
            name = f"HTML {depth:,} nested <{tag}>"
            if skip_100k and depth == 100_000:
                cases.append(Case(name, None, 0.0, 0.0, "exit 0/2, < 60 s", None, "skipped"))
                continue
            page = f"<{tag}>" * depth + "<p>Deep sentence.</p>" + f"</{tag}>" * depth
            (work / "deep.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
            code, seconds, peak, err = run_cli(
                ["translate", "deep.html", "--to", "ru", "--engine", "none", "--out", "out"], work
            )
            ok = code in (0, 2) and seconds < 60
            cases.append(Case(name, code, seconds, peak, "exit 0/2, < 60 s", ok, err[:110]))
    return cases


def raised_cases(work: Path) -> list[Case]:
    """Behind the limits: deep HTML and the 40,000-part DOCX read with the limits raised."""
    (work / "l10n.toml").write_text(
        "[limits]\nhtml_depth = 200_000\ndocx_parts = 100_000\n", encoding="utf-8"
    )
    target = "exit 0, < 60 s"
    cases = []
    for depth in (1_000, 10_000):
        page = "<div>" * depth + "<p>Deep sentence.</p>" + "</div>" * depth
        (work / "deep.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
        code, seconds, peak, err = run_cli(
            ["translate", "deep.html", "--to", "ru", "--engine", "none", "--out", "out"], work
        )
        name = f"HTML {depth:,} nested <div>, html_depth raised"
        ok = code == 0 and seconds < 60
        cases.append(Case(name, code, seconds, peak, target, ok, "" if ok else err[:110]))
    _docx(work / "parts.docx", 4096, 40_000)
    code, seconds, peak, err = run_cli(
        ["translate", "parts.docx", "--to", "ru", "--engine", "none", "--out", "out"], work
    )
    ok = code == 0 and seconds < 60
    name = "DOCX with 40,000 parts, docx_parts raised"
    cases.append(Case(name, code, seconds, peak, target, ok, "" if ok else err[:110]))
    (work / "l10n.toml").unlink()
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--skip-nesting-100k", action="store_true", help="leave out the 100,000-level pages"
    )
    parser.add_argument(
        "--skip-raised", action="store_true", help="leave out the cases with the limits raised"
    )
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as scratch:
        work = Path(scratch)
        cases = [*po_cases(work), *docx_cases(work), *html_cases(work, args.skip_nesting_100k)]
        if not args.skip_raised:
            cases += raised_cases(work)
    print(f"{'case':<50} {'exit':>5} {'s':>7} {'peak MB':>8}  {'target':<24} result")
    for case in cases:
        verdict = {True: "PASS", False: "FAIL", None: "skip"}[case.passed]
        code = "-" if case.exit_code is None else str(case.exit_code)
        print(
            f"{case.name:<50} {code:>5} {case.seconds:>7.2f} {case.peak_mb:>8.0f}  "
            f"{case.target:<24} {verdict}"
        )
        if case.note:
            print(f"    {case.note}")
    OUT.mkdir(exist_ok=True)
    results = {"machine": machine_line(), "cases": [dataclasses.asdict(c) for c in cases]}
    (OUT / "hostile.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    failed = [c for c in cases if c.passed is False]
    print(f"hostile_cases={len(cases)} failed={len(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
