"""``l10n glossary usage``: counts per term checked by hand, drift, never-seen terms, the
shipped sample release, JSON and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.catalog import mt_comment
from pipeline.cli import main
from pipeline.glossary import Glossary
from pipeline.glossary.bitext import read_bitext
from pipeline.glossary.usage import term_usage

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "glossary"
SHIPPED = ROOT / "glossary" / "terms.csv"
SAMPLE = ROOT / "locales"

GLOSSARY = """term,lang,translation,forbidden,pos,case_sensitive,dnt,note
password,ru,пароль,,noun,no,no,
user,ru,пользователь|юзер,,noun,no,no,
site,ru,веб-сайт,сайт,noun,no,no,
SEZ,ru,ОЭЗ,СЭЗ,noun,yes,no,
Django,ru,Django,,properNoun,no,yes,
xylophone,ru,ксилофон,,noun,no,no,
"""

MT_OUTPUT = "Пароль пользователя сайта"


def _catalog() -> str:
    mt = mt_comment("marian-test", MT_OUTPUT)
    return f'''msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Change password"
msgstr "Изменить пароль"

msgid "Passwords of users"
msgstr "Пароли пользователей"

msgid "Password of the site user"
msgstr "Пароль юзера веб-сайта"

msgid "The user of the site"
msgstr "Пользователь сайта"

#. terms: password → пароль ✓; user → пользователь ✓
#. {mt}
msgid "The user password of the site"
msgstr "Код доступа участника сайта"

#. terms: password → пароль ✓
#. {mt}
#, fuzzy
msgid "A password for a user"
msgstr "Код доступа"

#. {mt}
#, fuzzy
msgid "User site password"
msgstr "{MT_OUTPUT}"

#. {mt}
msgid "Site user password"
msgstr "{MT_OUTPUT}"

msgid "SEZ rules for sites"
msgstr "Правила СЭЗ для сайтов"

msgid "Untranslated password"
msgstr ""

msgid "Django user"
msgstr "Пользователь Django"

msgid "Your password has expired"
msgstr "Срок действия кода доступа истёк"
'''


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "ru.po").write_text(_catalog(), encoding="utf-8")
    return tmp_path


def test_counts_match_the_hand_checked_catalog(project: Path) -> None:
    glossary = Glossary.load(project / "terms.csv")
    bitext = read_bitext([project / "ru.po"], "ru")
    report = {u.term.term: u for u in term_usage(glossary.terms_for("ru"), bitext.entries, "ru")}
    # password: 9 entries hold it; 5 are reviewed (not the fuzzy one, the untouched MT output
    # fuzzy or accepted unchanged, nor the empty one): 3 «пароль», 2 «код доступа».
    password = report["password"]
    assert (password.entries, password.reviewed, password.unreviewed) == (9, 5, 4)
    assert (password.preferred, password.alternative, password.forbidden, password.none) == (
        3,
        0,
        0,
        2,
    )
    assert password.overruled == 1  # MT had «пароль», the reviewer wrote «код доступа»
    # file:line of the entry's first line (its comments), as polib counts
    assert password.overruled_examples == [f"{project / 'ru.po'}:18"]
    assert password.examples == [f"{project / 'ru.po'}:18", f"{project / 'ru.po'}:47"]
    assert password.rendering is not None and password.rendering.surface == "кода доступа"
    user = report["user"]
    assert (user.entries, user.reviewed) == (8, 5)
    assert (user.preferred, user.alternative, user.forbidden, user.none) == (3, 1, 0, 1)
    assert user.overruled == 1
    site = report["site"]  # «сайт» is forbidden, «веб-сайт» holds it and is allowed
    assert (site.reviewed, site.preferred, site.forbidden, site.none) == (4, 1, 3, 0)
    assert site.forbidden_variants == {"сайт": 3}
    sez = report["SEZ"]
    assert (sez.reviewed, sez.forbidden, sez.forbidden_variants) == (1, 1, {"СЭЗ": 1})
    assert (report["Django"].reviewed, report["Django"].preferred) == (1, 1)
    assert not report["xylophone"].seen


def test_cli_table_and_json_exit_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["glossary", "usage", str(project / "ru.po"), "--lang", "ru"]
    assert main([*args, "--glossary", str(project / "terms.csv")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == [
        "term",
        "entries",
        "reviewed",
        "preferred",
        "altern.",
        "forbidden",
        "none",
    ]
    assert "password: overruled by reviewers in 1" in out
    assert "site: forbidden «сайт» ×3" in out
    assert "never seen (1): xylophone" in out
    assert main([*args, "--glossary", str(project / "terms.csv"), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["term"] for r in records] == [
        "password",
        "user",
        "site",
        "SEZ",
        "Django",
        "xylophone",
    ]
    assert records[0]["none_rendering"]["surface"] == "кода доступа"
    assert records[0]["overruled_by_reviewers"] == 1


def test_other_languages_are_left_out(project: Path) -> None:
    bitext = read_bitext([project], "de")
    assert (bitext.entries, bitext.other_language, bitext.files) == ([], 1, 1)


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.po", "no such catalog"), ("terms.csv", "not a catalog (.po), TMX")],
)
def test_bad_source_exits_2(
    project: Path, name: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", "usage", str(project / name), "--lang", "ru"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def _hinted_terms(path: Path) -> dict[str, int]:
    """How many entries of a catalog the build's ``glossary:`` hints name each term in."""
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#. glossary: "):
            for part in line.removeprefix("#. glossary: ").split("; "):
                term = part.split(" → ")[0]
                counts[term] = counts.get(term, 0) + 1
    return counts


def test_sample_release_report_is_right_for_every_shipped_term() -> None:
    """The sample release's catalog is untranslated: every term is reported with the entries
    the build's hints put it in, none of them reviewed; the others as never seen."""
    catalog = SAMPLE / "ru" / "LC_MESSAGES" / "generium-next-release.po"
    expected = _hinted_terms(catalog)
    terms = Glossary.load(SHIPPED).terms_for("ru")
    report = term_usage(terms, read_bitext([SAMPLE], "ru").entries, "ru")
    assert len(report) == len(terms) >= 30
    for usage in report:
        assert usage.entries == expected.get(usage.term.term, 0), usage.term.term
        assert usage.reviewed == 0
    assert {u.term.term for u in report if not u.seen} == {
        t.term for t in terms if t.term not in expected
    }


# The sample release translated by hand (tests/data/glossary/generium-next-release.ru.po):
# entry 12 is still fuzzy, entry 5 an MT output accepted unchanged, entry 9 an MT output a
# reviewer changed (its terms: line marks the cluster and CEO ✓). What each term's entries
# use, checked by hand: entries, reviewed, preferred, alternative, forbidden, none, overruled.
SAMPLE_EXPECTED = """
SEZ 3 3 3 0 0 0 0
special economic zone 1 1 1 0 0 0 0
Technopolis Moscow 3 3 3 0 0 0 0
Alabushevo site 1 1 0 0 1 0 0
Alabushevo 1 1 1 0 0 0 0
Zelenograd 1 1 1 0 0 0 0
Generium Next 4 3 3 0 0 0 0
LLC 1 1 1 0 0 0 0
CEO 1 1 0 0 1 0 1
General Director 1 1 1 0 0 0 0
Department for Investment and Industrial Policy of Moscow 1 1 0 1 0 0 0
Ministry of Health 0 0 0 0 0 0 0
Russian Ministry of Health 1 1 0 1 0 0 0
Russian Federation 1 1 1 0 0 0 0
resident 4 4 3 0 1 0 0
investment project 1 1 1 0 0 0 0
orphan disease 2 2 2 0 0 0 0
rare disease 1 1 1 0 0 0 0
hereditary disease 1 1 1 0 0 0 0
Gaucher disease 1 1 0 0 1 0 0
cystic fibrosis 1 1 1 0 0 0 0
bronchial asthma 1 1 1 0 0 0 0
cardiovascular 2 2 2 0 0 0 0
pulmonological 1 1 1 0 0 0 0
socially significant 1 1 1 0 0 0 0
genetically engineered 1 1 1 0 0 0 0
dosage form 0 0 0 0 0 0 0
finished dosage form 1 1 1 0 0 0 0
substance 1 1 1 0 0 0 0
primary packaging 1 1 1 0 0 0 0
secondary packaging 2 2 2 0 0 0 0
vital and essential drugs 1 1 0 1 0 0 0
cluster of medical technologies 1 1 0 0 0 1 1
high-tech 1 0 0 0 0 0 0
"""


def test_reviewed_sample_release_report_is_right_for_every_shipped_term() -> None:
    expected = {}
    for line in SAMPLE_EXPECTED.strip().splitlines():
        *words, a, b, c, d, e, f, g = line.split()
        expected[" ".join(words)] = tuple(int(n) for n in (a, b, c, d, e, f, g))
    terms = Glossary.load(SHIPPED).terms_for("ru")
    assert sorted(expected) == sorted(t.term for t in terms)
    entries = read_bitext([DATA / "generium-next-release.ru.po"], "ru").entries
    report = term_usage(terms, entries, "ru")
    got = {
        u.term.term: (
            u.entries,
            u.reviewed,
            u.preferred,
            u.alternative,
            u.forbidden,
            u.none,
            u.overruled,
        )
        for u in report
    }
    assert got == expected
    by_term = {u.term.term: u for u in report}
    assert by_term["resident"].forbidden_variants == {"житель": 1}
    # «сайт «Алабушево»» is also «сайт Алабушево» (quotes do not count): one variant counts
    assert by_term["Alabushevo site"].forbidden_variants == {"сайт Алабушево": 1}
    assert by_term["Gaucher disease"].forbidden_variants == {"болезнь Гаучера": 1}
    assert by_term["CEO"].forbidden_variants == {"главный исполнительный директор": 1}


DJANGO_SAMPLE = """term,lang,translation,forbidden,pos,case_sensitive,dnt,note
session,ru,сессия,сеанс,noun,no,no,
redirect,ru,перенаправление,редирект,noun,no,no,
site,ru,веб-сайт,сайт,noun,no,no,
email,ru,электронная почта|письмо,e-mail,noun,no,no,
group,ru,группа,,noun,no,no,
"""


def test_counts_on_real_catalogs_match_a_hand_check(tmp_path: Path) -> None:
    """Django's Russian catalogs with a glossary that forbids what they use for *site*.

    Checked by hand, entry by entry (line numbers of tests/data/glossary/django-ru.po):
    session 5 entries (Сессии, ключ сессии, данные сессии, сессия, сессии); redirect 5
    (Перенаправления, перенаправление, перенаправления; «перенаправить с»/«перенаправить
    на» at 1250 and 1256 use the verb); site 21, every one «сайт»/«сайта»/«сайте»/«сайты»;
    email 10 (with "emailed" at 618), 9 with «электронной почты/почте» (624 has «письмо»
    too: the preferred wins), 621 only «письмо», the alternative; group 4, all «групп-».
    """
    path = tmp_path / "terms.csv"
    path.write_text(DJANGO_SAMPLE, encoding="utf-8")
    terms = Glossary.load(path).terms_for("ru")
    entries = read_bitext([DATA / "django-ru.po"], "ru").entries
    report = {u.term.term: u for u in term_usage(terms, entries, "ru")}
    counts = {
        name: (u.entries, u.reviewed, u.preferred, u.alternative, u.forbidden, u.none)
        for name, u in report.items()
    }
    assert counts == {
        "session": (5, 5, 5, 0, 0, 0),
        "redirect": (5, 5, 3, 0, 0, 2),
        "site": (21, 21, 0, 0, 21, 0),
        "email": (10, 10, 9, 1, 0, 0),
        "group": (4, 4, 4, 0, 0, 0),
    }
    assert report["site"].forbidden_variants == {"сайт": 21}
    redirect = report["redirect"]
    assert [where.rsplit(":", 1)[1] for where in redirect.examples] == ["1250", "1256"]
    assert redirect.rendering is not None and redirect.rendering.surface == "перенаправить"


def test_a_directory_of_catalogs_in_several_languages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = [
        "glossary",
        "usage",
        str(DATA),
        "--lang",
        "de",
        "--glossary",
        str(DATA / "django-ui-terms.csv"),
    ]
    assert main([*args, "--json"]) == 0
    captured = capsys.readouterr()
    records = {r["term"]: r for r in map(json.loads, captured.out.splitlines())}
    assert len(records) == 39 and records["password"]["preferred_translation"] == "Passwort"
    assert records["password"]["reviewed"] == records["password"]["preferred"] > 40
    assert main(args) == 0
    files = len(list(DATA.glob("*.po")))  # one German catalog, the others skipped
    summary = f"716 reviewed of 716 entries in {files} file(s) ({files - 1} in other languages)"
    assert summary in capsys.readouterr().err


def test_no_terms_for_the_language(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["glossary", "usage", str(project / "ru.po"), "--lang", "ja"]
    assert main([*args, "--glossary", str(project / "terms.csv")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "the glossary has no terms for ja" in captured.err
