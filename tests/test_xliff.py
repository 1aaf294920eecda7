"""XLIFF 1.2 export and import of catalogs, by the merge rules."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from lxml import etree

from pipeline.entry import Entry
from pipeline.xliff import XLIFF_NAMESPACE, coded_text, set_coded_text

from .helpers import SAMPLE, msgfmt_check, run_cli, run_l10n
from .rich_samples import release_docx

NS = {"x": XLIFF_NAMESPACE}


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    out = tmp_path / "locales"
    assert run_cli("translate", SAMPLE, "--to", "ru", "--out", out, "--engine", "none") == 0
    po = out / "ru" / "LC_MESSAGES" / "generium-next-release.po"
    entries = polib.pofile(str(po))
    entries[0].msgstr = "Компания «Генериум-Некст» получила статус резидента."
    entries[1].msgstr = "Об этом сообщил Александр Прохоров."
    entries[1].flags.append("fuzzy")
    entries[2].msgctxt = "second"
    entries[2].msgstr = "Третье."
    entries.save(str(po))
    return po


def export(po: Path, tmp_path: Path) -> Path:
    assert run_cli("export", po, "--xliff", tmp_path / "xliff") == 0
    return tmp_path / "xliff" / "ru" / "generium-next-release.xlf"


def units(xlf: Path) -> list[etree._Element]:
    return etree.parse(str(xlf)).getroot().findall(".//x:trans-unit", NS)


def test_export_is_xliff_1_2_with_states(catalog: Path, tmp_path: Path) -> None:
    xlf = export(catalog, tmp_path)
    root = etree.parse(str(xlf)).getroot()
    assert root.get("version") == "1.2" and root.tag == f"{{{XLIFF_NAMESPACE}}}xliff"
    file_node = root.find("x:file", NS)
    assert file_node.get("original") == str(catalog)
    assert (file_node.get("source-language"), file_node.get("target-language")) == ("en", "ru")
    first, second, third, fourth = units(xlf)[:4]
    assert first.find("x:target", NS).get("state") == "translated"
    assert first.get("approved") == "yes"
    assert second.find("x:target", NS).get("state") == "needs-review-translation"
    assert third.get("resname") == "second"
    assert fourth.find("x:target", NS) is None


def test_round_trip_without_changes_changes_nothing(catalog: Path, tmp_path: Path) -> None:
    before = catalog.read_bytes()
    xlf = export(catalog, tmp_path)
    assert run_cli("import", xlf, "--root", tmp_path) == 0
    assert catalog.read_bytes() == before


def edit(xlf: Path, index: int, text: str, state: str = "translated") -> None:
    tree = etree.parse(str(xlf))
    unit = tree.getroot().findall(".//x:trans-unit", NS)[index]
    target = unit.find("x:target", NS)
    if target is None:
        target = etree.SubElement(unit, f"{{{XLIFF_NAMESPACE}}}target")
        unit.find("x:source", NS).addnext(target)
    set_coded_text(target, text)  # as a CAT tool writes it: codes as <g>/<x> elements
    target.set("state", state)
    unit.set("approved", "yes" if state == "translated" else "no")
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")


def test_changed_translations_come_back_as_human_work(catalog: Path, tmp_path: Path) -> None:
    xlf = export(catalog, tmp_path)
    edit(xlf, 1, "Об этом сообщил Александр Прохоров, глава департамента.")
    edit(xlf, 3, "Четвёртое предложение.", state="needs-review-translation")
    assert run_cli("import", xlf, "--root", tmp_path) == 0
    msgfmt_check(catalog)
    entries = polib.pofile(str(catalog))
    assert entries[1].msgstr == "Об этом сообщил Александр Прохоров, глава департамента."
    assert not Entry(entries[1]).fuzzy and Entry(entries[1]).human_translation
    assert entries[3].msgstr == "Четвёртое предложение." and "fuzzy" in entries[3].flags
    assert entries[0].msgstr == "Компания «Генериум-Некст» получила статус резидента."


def test_reviewed_po_entry_is_never_overwritten(catalog: Path, tmp_path: Path) -> None:
    xlf = export(catalog, tmp_path)
    edit(xlf, 0, "Версия агентства.")
    entries = polib.pofile(str(catalog))
    entries[0].msgstr = "Версия редактора."  # reviewed in the PO after the export
    entries.save(str(catalog))
    edit(xlf, 2, "Третье, исправлено агентством.")
    result = run_l10n("import", xlf, "--root", tmp_path)
    assert result.returncode == 1
    assert "conflict" in result.stderr and "Версия редактора." in result.stderr
    after = polib.pofile(str(catalog))
    assert after[0].msgstr == "Версия редактора."
    assert after[2].msgstr == "Третье, исправлено агентством."  # no conflict there


def test_docx_catalog_round_trip_keeps_codes(tmp_path: Path) -> None:
    source = release_docx(tmp_path / "release.docx")
    out = tmp_path / "locales"
    assert run_cli("translate", source, "--to", "ru", "--out", out, "--engine", "none") == 0
    po = out / "ru" / "LC_MESSAGES" / "release.po"
    entries = polib.pofile(str(po))
    coded = next(e for e in entries if "<b1>" in e.msgid)
    assert run_cli("export", po, "--xliff", tmp_path / "x") == 0
    xlf = tmp_path / "x" / "ru" / "release.xlf"
    text = xlf.read_text(encoding="utf-8")
    assert '<g id="b1" ctype="bold">Generium Next</g>' in text
    assert '<g id="a2" ctype="link">SEZ Technopolis Moscow</g>' in text
    index = [e.msgid for e in entries].index(coded.msgid)
    translated = coded.msgid.replace("The company", "Компания")
    edit(xlf, index, translated)
    assert run_cli("import", xlf, "--root", tmp_path) == 0
    assert polib.pofile(str(po)).find(coded.msgid).msgstr == translated
    msgfmt_check(po)


def test_bad_xliff_is_exit_2(tmp_path: Path, catalog: Path) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff version='1.2'><file", encoding="utf-8")
    wrong = tmp_path / "two.xlf"
    wrong.write_text(
        "<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'/>", encoding="utf-8"
    )
    missing = tmp_path / "missing.xlf"
    missing.write_text(
        f"<xliff version='1.2' xmlns='{XLIFF_NAMESPACE}'><file original='nowhere.po' "
        "source-language='en' target-language='ru' datatype='po'><body/></file></xliff>",
        encoding="utf-8",
    )
    for path in (bad, wrong, missing):
        result = run_l10n("import", path, "--root", tmp_path)
        assert result.returncode == 2, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_coded_text_round_trip() -> None:
    for text in [
        "Plain.",
        "The <b1>SEZ <i2>very</i2></b1> grows<x3/> &lt;b4> fast & well.",
        "<a1>Whole</a1>",
        "Tail <br1/>",
    ]:
        node = etree.Element(f"{{{XLIFF_NAMESPACE}}}source")
        set_coded_text(node, text)
        assert coded_text(etree.fromstring(etree.tostring(node))) == text
    node = etree.Element(f"{{{XLIFF_NAMESPACE}}}target")
    set_coded_text(node, "</b1>broken <b1>order", like="<b1>x</b1>")
    assert [child.tag.split("}")[1] for child in node] == ["ex", "bx"]
    assert coded_text(node) == "</b1>broken <b1>order"
