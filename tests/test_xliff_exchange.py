"""Issue 19: XLIFF exchange that loses nothing, on a real reviewed catalog (Django's
Russian admin JavaScript catalog: 4 plural entries with 4 forms, 26 entries with msgctxt,
gettext's line wrapping): plural groups and contexts out and back, through
translate-toolkit; po2xliff files; an import that rewrites only the changed entries."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

from pipeline.entry import Entry
from pipeline.xliff import XLIFF_NAMESPACE, entry_forms

from .helpers import run_cli

DATA = Path(__file__).parent / "data" / "qa_catalogs" / "django" / "ru" / "admin-js.po"
NS = {"x": XLIFF_NAMESPACE}


@pytest.fixture
def po(tmp_path: Path) -> Path:
    path = tmp_path / "admin-js.po"
    shutil.copyfile(DATA, path)
    return path


def _export(po: Path, tmp_path: Path) -> Path:
    assert run_cli("export", po, "--xliff", tmp_path / "x") == 0
    return tmp_path / "x" / "ru" / "admin-js.xlf"


def _content(path: Path) -> list[tuple[object, ...]]:
    return [
        (e.msgctxt, e.msgid, e.msgid_plural, tuple(entry_forms(e)), Entry(e).fuzzy)
        for e in polib.pofile(str(path))
    ]


def test_export_writes_plural_groups_and_contexts(
    po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlf = _export(po, tmp_path)
    assert "72 units, 4 plural entries (one unit per form); not exported: 0 obsolete" in (
        capsys.readouterr().err
    )
    root = etree.parse(str(xlf)).getroot()
    groups = root.findall(".//x:group[@restype='x-gettext-plurals']", NS)
    assert len(groups) == 4
    forms = groups[1].findall("x:trans-unit", NS)
    assert [u.get("id").rsplit("[", 1)[1] for u in forms] == ["0]", "1]", "2]", "3]"]
    assert [u.findtext("x:source", namespaces=NS) for u in forms] == [
        "%(sel)s of %(cnt)s selected",
        *["%(sel)s of %(cnt)s selected"] * 3,
    ]
    assert [u.findtext("x:target", namespaces=NS) for u in forms] == [
        "Выбран %(sel)s из %(cnt)s",
        *["Выбрано %(sel)s из %(cnt)s"] * 3,
    ]
    january = root.find(".//x:trans-unit[@resname='abbrev. month January']", NS)
    assert january.findtext("x:source", namespaces=NS) == "Jan"
    context = january.find(".//x:context[@context-type='x-po-msgctxt']", NS)
    assert context.text == "abbrev. month January"


def test_round_trip_through_translate_toolkit_keeps_every_entry_form_and_context(
    po: Path, tmp_path: Path
) -> None:
    from translate.storage import poxliff

    before = _content(po)
    xlf = _export(po, tmp_path)
    store = poxliff.PoXliffFile.parsestring(xlf.read_bytes())
    plural = next(u for u in store.units if u.hasplural())
    assert len(plural.target.strings) == 4  # translate-toolkit reads the group's 4 forms
    xlf.write_bytes(bytes(store))  # saved by translate-toolkit, as a CAT tool built on it does
    assert run_cli("import", xlf, "--po", po) == 0
    assert _content(po) == before
    assert po.read_bytes() == DATA.read_bytes()


def test_plural_forms_and_a_context_entry_come_back(po: Path, tmp_path: Path) -> None:
    xlf = _export(po, tmp_path)
    tree = etree.parse(str(xlf))
    root = tree.getroot()
    group = root.findall(".//x:group[@restype='x-gettext-plurals']", NS)[1]
    targets = [u.find("x:target", NS) for u in group.findall("x:trans-unit", NS)]
    for target, text in zip(
        targets,
        [
            "Выбран %(sel)s из %(cnt)s!",
            "Выбраны %(sel)s из %(cnt)s",
            "Выбрано %(sel)s из %(cnt)s",
            "Выбрано %(sel)s из %(cnt)s.",
        ],
        strict=True,
    ):
        target.text = text
    may = root.find(".//x:trans-unit[@resname='abbrev. month May']", NS)
    may.find("x:target", NS).text = "Май."
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert run_cli("import", xlf, "--po", po) == 0
    catalog = polib.pofile(str(po))
    entry = catalog.find("%(sel)s of %(cnt)s selected")
    assert entry_forms(entry) == [
        "Выбран %(sel)s из %(cnt)s!",
        "Выбраны %(sel)s из %(cnt)s",
        "Выбрано %(sel)s из %(cnt)s",
        "Выбрано %(sel)s из %(cnt)s.",
    ]
    assert catalog.find("May", msgctxt="abbrev. month May").msgstr == "Май."
    (other_may,) = [e for e in catalog if e.msgid == "May" and e.msgctxt is None]
    assert other_may.msgstr == "Май"  # the other «May», without a context
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)]).returncode == 0


def test_four_edits_give_a_diff_of_those_four_entries(po: Path, tmp_path: Path) -> None:
    xlf = _export(po, tmp_path)
    tree = etree.parse(str(xlf))
    root = tree.getroot()
    edited = {
        "Filter": "Фильтры",
        "Today": "Сегодня!",
        # two wrapped entries: the import rewraps them as gettext does
        'Choose %s by selecting them and then select the "Choose" arrow button.': (
            'Выделите элементы в списке "%s" и нажмите кнопку со стрелкой вправо, чтобы '
            "добавить их к выбранным элементам."
        ),
        "You have unsaved changes on individual editable fields. If you run an action, "
        "your unsaved changes will be lost.": (
            "Имеются несохранённые изменения в отдельных полях для редактирования. Если вы "
            "запустите действие, несохранённые изменения будут потеряны."
        ),
    }
    for unit in root.iter(f"{{{XLIFF_NAMESPACE}}}trans-unit"):
        source = unit.findtext("x:source", namespaces=NS)
        if source in edited and unit.get("resname") is None:
            unit.find("x:target", NS).text = edited[source]
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    before = po.read_text(encoding="utf-8").split("\n\n")
    assert run_cli("import", xlf, "--po", po) == 0
    after = po.read_text(encoding="utf-8").split("\n\n")
    assert len(before) == len(after)
    differ = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(differ) == 4  # the 4 entries, nothing else (not even the header's date)
    for old, new in differ:
        old_lines, new_lines = old.split("\n"), new.split("\n")
        start = next(i for i, line in enumerate(old_lines) if line.startswith("msgstr"))
        assert new_lines[:start] == old_lines[:start]  # comments, flags, msgid as they were
        assert all(len(line) <= 79 for line in new_lines)  # gettext's width
    wrapped = next(new for old, new in differ if "Имеются" in new)
    assert wrapped.split("\n")[-3:] == [
        'msgstr ""',
        '"Имеются несохранённые изменения в отдельных полях для редактирования. Если "',
        '"вы запустите действие, несохранённые изменения будут потеряны."',
    ]
    catalog = polib.pofile(str(po))
    for msgid, text in edited.items():
        entry = catalog.find(msgid)
        assert entry.msgstr == text and Entry(entry).fuzzy is False


def test_a_po2xliff_file_imports_its_header_unit_ignored(
    po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from translate.misc.multistring import multistring
    from translate.storage import poxliff

    catalog = polib.pofile(str(po))
    catalog.find("Filter").msgstr = ""
    plural = catalog.find("%(sel)s of %(cnt)s selected")
    plural.msgstr_plural = dict.fromkeys(range(4), "")
    catalog.save(str(po))
    xlf = tmp_path / "po2xliff.xlf"
    made = subprocess.run(
        [sys.executable, "-m", "translate.convert.po2xliff", str(po), str(xlf)],
        capture_output=True,
    )
    assert made.returncode == 0, made.stderr
    assert 'restype="x-gettext-domain-header"' in xlf.read_text(encoding="utf-8")
    # A translator fills the two entries in a CAT tool built on translate-toolkit.
    store = poxliff.PoXliffFile.parsestring(xlf.read_bytes())
    forms = ["Выбран %(sel)s из %(cnt)s", "Выбраны %(sel)s из %(cnt)s"]
    forms += ["Выбрано %(sel)s из %(cnt)s"] * 2
    for unit in store.units:
        if str(unit.source) == "Filter":
            unit.target = "Фильтр"
        elif unit.hasplural() and "%(sel)s" in str(unit.source):
            unit.target = multistring(forms)
    xlf.write_bytes(bytes(store))
    assert run_cli("import", xlf, "--po", po) == 0
    out = capsys.readouterr().out
    assert "2 translations updated, 0 approved, 0 conflicts" in out
    assert "1 header units" in out and "0 not in the catalog" in out
    catalog = polib.pofile(str(po))
    assert catalog.find("Filter").msgstr == "Фильтр"
    assert entry_forms(catalog.find("%(sel)s of %(cnt)s selected")) == forms
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)]).returncode == 0


def test_without_base_a_target_fills_empty_and_conflicts_only_with_reviewed(
    po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = polib.pofile(str(po))
    catalog.find("Filter").msgstr = ""
    catalog.save(str(po))
    xlf = tmp_path / "po2xliff.xlf"
    subprocess.run(
        [sys.executable, "-m", "translate.convert.po2xliff", str(po), str(xlf)], check=True
    )
    text = xlf.read_text(encoding="utf-8")
    text = text.replace(
        "<source>Filter</source>",
        '<source>Filter</source><target state="translated">Фильтр</target>',
    ).replace(">Сегодня</target>", ">Сегодня!</target>")
    xlf.write_text(text, encoding="utf-8")
    assert run_cli("import", xlf, "--po", po) == 1
    captured = capsys.readouterr()
    assert "1 translations updated" in captured.out
    assert "conflict: Today: the catalog has «Сегодня», the XLIFF «Сегодня!»" in captured.err
    catalog = polib.pofile(str(po))
    assert catalog.find("Filter").msgstr == "Фильтр"
    assert catalog.find("Today").msgstr == "Сегодня"
