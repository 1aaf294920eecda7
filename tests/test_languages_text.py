"""Text checks (quotes, punctuation, length, untranslated) on correct translations in many
languages: each language's own quotation marks and punctuation are no finding."""

from __future__ import annotations

import pytest

from pipeline.qa import QAItem, QAOptions, run_checks

NNBSP = "\u202f"
NBSP = "\u00a0"

CORRECT = [
    (
        "fr",
        'The CEO said: "We are ready!"',
        f"Le PDG a déclaré{NNBSP}: «{NNBSP}Nous sommes prêts{NNBSP}!{NNBSP}»",
    ),
    ("fr", "Is the plant ready?", f"L'usine est-elle prête{NBSP}?"),
    ("es", "Is the plant ready?", "¿Está lista la planta?"),
    ("es", "What a result!", "¡Qué resultado!"),
    ("de", 'The CEO said: "We are ready."', "Der CEO sagte: „Wir sind bereit.“"),
    ("de", 'The CEO said: "We are ready."', "Der CEO sagte: »Wir sind bereit.«"),
    ("de", 'The CEO said: "We are ready."', "Der CEO sagte: ›Wir sind bereit.‹"),
    ("de-CH", 'The CEO said: "We are ready."', "Der CEO sagte: «Wir sind bereit.»"),
    ("pl", 'The CEO said: "We are ready."', "Prezes powiedział: „Jesteśmy gotowi”."),
    ("cs", 'The CEO said: "We are ready."', "Ředitel řekl: „Jsme připraveni.“"),
    ("uk", 'The CEO said: "We are ready."', "Директор сказав: «Ми готові»."),
    ("it", 'The CEO said: "We are ready."', "L'amministratore delegato ha detto: «Siamo pronti»."),
    ("nl", 'The CEO said: "We are ready."', "De CEO zei: ‘We zijn klaar.’"),
    ("pt", 'The CEO said: "We are ready."', "O CEO disse: “Estamos prontos.”"),
    ("zh", 'The CEO said: "We are ready."', "首席执行官说：“我们准备好了。”"),
    ("zh", 'The CEO said: "We are ready."', "首席執行官說：「我們準備好了。」"),
    ("zh", "Is the plant ready?", "工厂准备好了吗？"),
    ("ja", 'The CEO said: "We are ready."', "CEOは「準備ができている。」"),
    ("ja", "Sales rose (by 5%).", "売上高は増加した（5%）。"),
    ("ar", "Is the plant ready?", "هل المصنع جاهز؟"),
    # CLDR's Arabic marks open with ” (Django's catalog: "أُضيف {name} ‏”{object}“.").
    ("ar", "Added {name} “{object}”.", "أُضيف {name} \u200f”{object}“."),
    ("ar", "Example: “/about/contact/”.", "مثال: “/about/contact/”."),  # English's, copied
    ("et", "Example: “/about/contact/”.", "Näide: “/about/contact/”."),
    ("sv", 'The CEO said: "We are ready."', "VD:n sa: ”Vi är redo.”"),
    ("fi", 'The CEO said: "We are ready."', "Toimitusjohtaja sanoi: ”Olemme valmiita.”"),
    ("el", 'The CEO said: "We are ready."', "Ο διευθύνων σύμβουλος είπε: «Είμαστε έτοιμοι.»"),
    ("es", 'The CEO said: "We are ready."', "El director dijo: “Estamos listos.”"),
    # A gershayim typed as " is no quotation mark (Django's Hebrew catalog).
    ("he", "%s KB", '%s ק"ב'),
    ("he", 'Click the "Choose" arrow.', 'ניתן לבחור ע"י לחיצה על חץ "בחר".'),
    ("zh_TW", 'The CEO said: "We are ready."', "首席執行官說：「我們準備好了。」"),
    ("he", "Is the plant ready?", "האם המפעל מוכן?"),
    ("el", "Is the plant ready?", "Είναι έτοιμο το εργοστάσιο;"),
]


@pytest.mark.parametrize(("lang", "source", "target"), CORRECT)
def test_correct_punctuation_and_quotes_are_no_finding(lang: str, source: str, target: str) -> None:
    findings = run_checks(QAItem(source, target, lang), QAOptions())
    assert [(f.check, f.message) for f in findings] == []


@pytest.mark.parametrize(
    ("lang", "source", "target", "check"),
    [
        ("de", 'The CEO said: "We are ready."', "Der CEO sagte: „Wir sind bereit", "quotes"),
        ("fr", "Is the plant ready?", "L'usine est-elle prête.", "punctuation"),
        ("fr", "Is the plant ready?", "L'usine est-elle prête?", "punctuation"),
        ("zh", "The plant, the warehouse.", "工厂,仓库。", "punctuation"),
        ("ja", 'He said: "Ready."', "彼は「準備完了。", "quotes"),
        ("ar", "Added {name} “{object}”.", "أُضيف {name} \u200f”{object}.", "quotes"),
        ("sv", 'The CEO said: "We are ready."', "VD:n sa: ”Vi är redo.", "quotes"),
        ("he", 'Click the "Choose" arrow.', 'ניתן לבחור ע"י לחיצה על חץ "בחר.', "quotes"),
        ("zh_TW", 'The CEO said: "We are ready."', "首席執行官說：「我們準備好了。", "quotes"),
    ],
)
def test_broken_conventions_are_reported(lang: str, source: str, target: str, check: str) -> None:
    findings = run_checks(QAItem(source, target, lang), QAOptions())
    assert check in {f.check for f in findings}
