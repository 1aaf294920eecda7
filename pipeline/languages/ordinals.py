"""Czech and Polish ordinals in every case, gender and number, kept in ``data/ordinals.json``.

CLDR's spell-out rules (:mod:`.spelled`) have no Czech or Polish ordinals. The rows name the
dictionary forms of 1st … 10th (``ordinal_lemmas``); their inflected forms are the words of
simplemma's dictionary whose lemma is one of them (:func:`ordinal_value`). Looking words up
in simplemma at run time would load its Polish dictionary (5.6 s and 400 MB) into every
Polish numbers check, so the forms are read once and kept in ``data/ordinals.json``:
``python -m pipeline.languages.ordinals`` rewrites it; it is never edited by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ..atomic import atomic_write_text
from .datafile import table_json
from .words import normalize_word

DATA = Path(__file__).with_name("data") / "ordinals.json"


@cache
def _table() -> dict[str, MappingProxyType[str, Decimal]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        language: MappingProxyType({form: Decimal(value) for form, value in forms.items()})
        for language, forms in data["ordinals"].items()
    }


def ordinal_forms(language: str) -> Mapping[str, Decimal]:
    """Every form of the row's ordinals (``třetím``, ``drudzy``) → value; empty for a
    language the file does not have."""
    return _table().get(language, MappingProxyType({}))


def ordinal_value(
    word: str, lemmas: Mapping[str, Decimal], lemmatize: Callable[[str], str]
) -> Decimal | None:
    """The value of ``word`` if it is a form of one of the ordinal ``lemmas``.

    simplemma gives some forms a lemma of their own that is another form of the ordinal
    (Polish ``drugą`` → ``druga`` → ``drugi``) or the feminine noun of the hour (``piątej``
    → ``piąta``), so a lemma also counts when its lemma is an ordinal, or when it is one but
    for its last letter (same length: the cardinals ``sedm``, ``osm`` and the nouns ``druh``,
    ``čtvrt`` are shorter and do not count).
    """
    first = lemmatize(word)
    found = {
        value
        for lemma in (first, lemmatize(first))
        for ordinal, value in lemmas.items()
        if lemma == ordinal or (len(lemma) == len(ordinal) and lemma[:-1] == ordinal[:-1])
    }
    return found.pop() if len(found) == 1 else None


# -- the generator -----------------------------------------------------------------------


def generate() -> dict[str, object]:
    """The content of ``ordinals.json``: for each row with ``ordinal_lemmas``, the forms of
    simplemma's dictionary (and the lemmas themselves) that :func:`ordinal_value` reads."""
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    from .table import PROFILES

    ordinals: dict[str, dict[str, int]] = {}
    for row in PROFILES:
        if not row.ordinal_lemmas:
            continue
        code = row.code
        found = {lemma: int(value) for lemma, value in row.ordinal_lemmas.items()}
        starts = {lemma[:3] for lemma in row.ordinal_lemmas}
        for key in DefaultDictionaryFactory().get_dictionary(code):
            word = normalize_word(key)
            if word[:3] not in starts or word in found:
                continue
            value = ordinal_value(
                word, row.ordinal_lemmas, lambda w, c=code: simplemma.lemmatize(w, lang=c)
            )
            if value is not None:
                found[word] = int(value)
        ordinals[code] = dict(sorted(found.items(), key=lambda item: (item[1], item[0])))
    return {"simplemma": simplemma.__version__, "ordinals": ordinals}


def dumps(content: dict[str, object]) -> str:
    """``ordinals.json`` as written: one language a line, characters unescaped."""
    return table_json(content, "ordinals")


def main(argv: list[str] | None = None) -> int:
    """Rewrite ``data/ordinals.json`` from the installed simplemma."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.languages.ordinals",
        description="Regenerate pipeline/languages/data/ordinals.json from simplemma's "
        "dictionaries and the rows' ordinal_lemmas.",
    )
    parser.parse_args(argv)
    content = generate()
    atomic_write_text(DATA, dumps(content))
    ordinals = content["ordinals"]
    assert isinstance(ordinals, dict)
    counts = ", ".join(f"{code} {len(forms)}" for code, forms in ordinals.items())
    print(f"ordinals: wrote {DATA} ({counts} forms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
