"""The ``placeholders`` and ``plurals`` checks on real reviewed catalogs (Django, Sphinx:
tests/data/qa_catalogs), with defects of each kind planted into copies of them."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from pipeline.qa import EntryContext, QAItem, QAOptions, catalog_language, check_catalog, run_checks
from pipeline.qa.placeholders import brace_signature, c_signature, formats_of, python_signature
from pipeline.qa.plural_forms import accepted_nplurals, header_problems, parse_plural_forms

from .helpers import run_cli

DATA = Path(__file__).parent / "data" / "qa_catalogs"
CATALOGS = sorted(DATA.glob("*/*/*.po"))


def _findings(catalog: polib.POFile, check: str) -> list[tuple[str, str]]:
    """``(msgid, message)`` of one check's findings in a catalog."""
    lang = catalog_language(catalog)
    return [
        (report.entry.msgid, found.message)
        for report in check_catalog(catalog, lang, QAOptions())
        for found in report.findings
        if found.check == check
    ]


def _entry(catalog: polib.POFile, msgid: str) -> polib.POEntry:
    entry = catalog.find(msgid)
    assert entry is not None, msgid
    return entry


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: "/".join(p.parts[-3:]))
def test_real_catalogs_have_no_false_placeholder_errors(path: Path) -> None:
    catalog = polib.pofile(str(path))
    assert _findings(catalog, "placeholders") == []


def _plant(path: str, msgid: str, change: Callable[[polib.POEntry], None]) -> list[tuple[str, str]]:
    """The placeholder findings of a real catalog with one entry changed."""
    catalog = polib.pofile(str(DATA / path))
    change(_entry(catalog, msgid))
    return _findings(catalog, "placeholders")


def _replace(old: str, new: str, form: int | None = None) -> Callable[[polib.POEntry], None]:
    def change(entry: polib.POEntry) -> None:
        if form is None:
            assert old in entry.msgstr
            entry.msgstr = entry.msgstr.replace(old, new, 1)
        else:
            assert old in entry.msgstr_plural[form]
            entry.msgstr_plural[form] = entry.msgstr_plural[form].replace(old, new, 1)

    return change


def test_named_placeholder_dropped_in_a_plural_form() -> None:
    # ru form 1 (2, 3, 4, 22…): the number is lost.
    found = _plant("django/ru/humanize.po", "%(value)s million", _replace("%(value)s", "", 1))
    assert found == [("%(value)s million", "python-format: %(value)s is missing")]


def test_named_placeholder_dropped_in_a_form_only_n_1_selects_is_allowed() -> None:
    # German form 0 is selected by n == 1 alone: «eine Million» may leave the number out,
    # as msgfmt -c allows; Russian form 0 also serves 21, 31…, so there it is an error.
    assert (
        _plant("django/de/humanize.po", "%(value)s million", _replace("%(value)s", "eine", 0)) == []
    )
    found = _plant("django/ru/humanize.po", "%(value)s million", _replace("%(value)s", "один", 0))
    assert found == [("%(value)s million", "python-format: %(value)s is missing")]


def test_named_placeholder_renamed_or_truncated() -> None:
    renamed = _plant(
        "django/de/admin-js.po", "%(sel)s of %(cnt)s selected", _replace("%(cnt)s", "%(count)s", 0)
    )
    assert renamed == [
        (
            "%(sel)s of %(cnt)s selected",
            "python-format: %(count)s where the source has %(cnt)s (renamed or cut short)",
        )
    ]
    truncated = _plant(
        "django/de/admin-js.po", "%(sel)s of %(cnt)s selected", _replace("%(cnt)s", "%(cnt)", 1)
    )
    assert truncated == [("%(sel)s of %(cnt)s selected", "python-format: %(cnt)s is missing")]


def test_positional_type_changed_and_count_changed() -> None:
    msgid = "%s selected option not visible"
    changed = _plant("django/ru/admin-js.po", msgid, _replace("%s", "%d", 1))
    assert changed == [(msgid, "python-format: %d where the source has %s (argument 1)")]
    dropped = _plant("django/ru/admin-js.po", msgid, _replace("%s", "", 2))
    assert dropped == [(msgid, "python-format: 0 positional placeholders, the source has 1 (%s)")]


def test_percent_literal_left_single_is_a_placeholder_python_cannot_format() -> None:
    catalog = polib.pofile(str(DATA / "sphinx/ru/sphinx-formats.po"))
    entry = next(e for e in catalog if e.msgstr.count("%s") == 1 and not e.msgid_plural)
    entry.msgstr = entry.msgstr.replace("%s", "%s (100% готово)")
    (found,) = _findings(catalog, "placeholders")
    assert found[1].startswith("python-format: Python cannot format it (TypeError: ")


def test_brace_placeholders_renamed_dropped_added_or_unparseable() -> None:
    catalog = polib.pofile(str(DATA / "sphinx/ru/sphinx-formats.po"))
    brace = [e for e in catalog if "python-brace-format" in e.flags and "{" in e.msgstr]
    assert brace, "the extract holds brace-format entries"
    entry = brace[0]
    field = brace_signature(entry.msgid).written
    first = next(iter(field.values()))
    original = entry.msgstr
    for planted, expected in (
        (original.replace(first, "{obj}", 1), "{obj}"),
        (original.replace(first, "", 1), "is missing"),
        (original + " {extra}", "{extra} is not in the source"),
        (original.replace(first, first[:-1], 1), "not a valid format string"),
    ):
        entry.msgstr = planted
        messages = [message for _, message in _findings(catalog, "placeholders")]
        assert messages and all(m.startswith("python-brace-format: ") for m in messages)
        assert any(expected in m for m in messages), (planted, messages)
    entry.msgstr = original
    assert _findings(catalog, "placeholders") == []


def test_brace_format_rules_as_str_format_reads_them() -> None:
    def problems(source: str, target: str) -> list[str]:
        item = QAItem(source, target, "de")
        return [f.message for f in run_checks(item, only=["placeholders"])]

    assert problems("Hello {name!r:>10}, {0}", "{0}, hallo {name!r:>10}") == []
    assert problems("{0} of {1}", "{1} von {0}") == []
    assert problems("{0} of {1}", "{2} von {0}") == [
        "python-brace-format: {2} refers to argument 3, the source has 2",
        "python-brace-format: {1} is missing",
    ]
    assert problems("{{literal}} and {name}", "{{wörtlich}} und {name}") == []
    assert problems("{{literal}} and {name}", "{literal} und {name}") == [
        "python-brace-format: {literal} is not in the source"
    ]
    assert problems("{user.name} wrote {0:{width}}", "{0:{width}} von {user.name}") == []


def test_c_format_reordering_is_allowed_type_changes_are_not() -> None:
    def problems(source: str, target: str) -> list[str]:
        context = EntryContext(source, flags=frozenset({"c-format"}))
        item = QAItem(source, target, "de", context=context)
        return [f.message for f in run_checks(item, only=["placeholders"])]

    assert problems("%s has %d files", "%2$d Dateien hat %1$s") == []
    assert problems("%s has %d files", "%2$s Dateien hat %1$s") == [
        "c-format: %2$s where the source has %d (argument 2)"
    ]
    assert problems("%1$s has %2$d files", "%1$s hat Dateien") == [
        "c-format: %2$d (argument 2) is missing"
    ]
    assert problems("%1$s: 100%% done", "%1$s: 100%% fertig") == []


def test_formats_come_from_the_flag_or_what_the_source_clearly_holds() -> None:
    assert formats_of(frozenset({"python-format"}), "no placeholder") == ["python-format"]
    assert formats_of(frozenset({"no-python-format"}), "50 %s off") == []
    assert formats_of(frozenset(), "Hello %(name)s") == ["python-format"]
    assert formats_of(frozenset(), "Hello {name}, {0}") == ["python-brace-format"]
    assert formats_of(frozenset(), "%1$s and %2$s") == ["c-format"]
    # Prose: a percent sign with a number, a brace pair with words inside, are no placeholders.
    assert formats_of(frozenset(), "Save 50% on {this product}") == []
    assert python_signature("%(a)s %s %*d %%").named == {"a": ["s"]}
    assert c_signature("%2$s %1$d").positional == {1: ["s"], 0: ["d"]}


def test_the_plural_header_against_the_entries_is_what_msgfmt_rejects(tmp_path: Path) -> None:
    # Shipped this way: header nplurals=2, entries with 3 forms.
    path = DATA / "django/fr/humanize.po"
    msgfmt = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert msgfmt.returncode != 0
    catalog = polib.pofile(str(path))
    found = _findings(catalog, "plurals")
    plural_entries = [e for e in catalog if e.msgid_plural and e.translated()]
    assert len(found) == len(plural_entries) > 0
    assert found[0][1] == "the entry has 3 plural forms, the header's Plural-Forms says nplurals=2"
    # Fixed as msgfmt wants it, nothing is left to report.
    catalog.metadata["Plural-Forms"] = (
        "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
    )
    catalog.save(str(tmp_path / "fr.po"))
    assert (
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "fr.po")]).returncode == 0
    )
    assert _findings(catalog, "plurals") == []


def test_an_entry_with_a_missing_form_is_reported() -> None:
    catalog = polib.pofile(str(DATA / "django/ru/humanize.po"))
    entry = next(e for e in catalog if e.msgid_plural)
    del entry.msgstr_plural[3]
    assert _findings(catalog, "plurals") == [
        (entry.msgid, "the entry has 3 plural forms, the header's Plural-Forms says nplurals=4")
    ]


def test_header_nplurals_against_cldr_names_the_expected_value() -> None:
    catalog = polib.pofile(str(DATA / "django/ru/humanize.po"))
    # Django's Russian header counts CLDR's fraction category: 4 forms, accepted.
    assert "nplurals=4" in catalog.metadata["Plural-Forms"]
    assert _findings(catalog, "plurals") == []
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgstr_plural[0], 1: entry.msgstr_plural[1]}
    found = _findings(catalog, "plurals")
    assert len(found) == 1  # once, on the first plural entry
    assert found[0][1] == (
        "the header says nplurals=2, but CLDR's plural rules for ru (one, few, many, other) "
        "give nplurals=3 or 4; expected 'nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : "
        "n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;'"
    )


def test_plural_rules_accepted_per_language() -> None:
    assert accepted_nplurals("de")[0] == {2}
    assert accepted_nplurals("fr")[0] == {2, 3}
    assert accepted_nplurals("ja")[0] == {1}
    assert accepted_nplurals("ar")[0] == {6}
    assert header_problems("nplurals=1; plural=0;", "ja") == []
    assert header_problems("nplurals=2; plural=n>1 ? 2 : 0;", "de") == [
        "the plural expression selects form 2 for n=2, beyond nplurals=2"
    ]
    assert header_problems("nplurals=2; plural=n +* 1;", "de") == [
        "the Plural-Forms expression 'n +* 1' is not a valid C expression"
    ]
    rule = parse_plural_forms("nplurals=2; plural=(n != 1);")
    assert rule is not None and rule.single_value(0) and not rule.single_value(1)


def test_qa_command_reports_a_planted_placeholder_error(tmp_path: Path, capsys) -> None:
    catalog = polib.pofile(str(DATA / "django/de/admin-js.po"))
    _replace("%(cnt)s", "%(count)s", 0)(_entry(catalog, "%(sel)s of %(cnt)s selected"))
    path = tmp_path / "admin-js.po"
    catalog.save(str(path))
    assert run_cli("qa", path, "--no-write") == 1
    out = capsys.readouterr().out
    assert "error: placeholders: python-format: %(count)s where the source has %(cnt)s" in out
