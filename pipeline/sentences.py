"""Sentence segmentation, in the manner of a CAT tool's SRX rules.

A break is a run of white space after sentence-final punctuation (``. ! ? …``, optionally
followed by closing quotes or brackets) when the next word starts a sentence (an upper-case
letter, a digit, or an opening quote/bracket before one). Exceptions, tried first, keep
abbreviations, initials, numbers, ellipses inside a sentence and quotations followed by their
citation together. An inline enumeration ("1. The first item 2. The second item") is cut before
each item. The splitter returns spans over the original text, so every character is kept and
line numbers can be recovered; it makes one pass over the text, looking at most a few hundred
characters around each candidate, so its time is linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import get_day_names, get_month_names

from .languages.tags import SOURCE_LANGUAGE

# Titles before a name: never end a sentence ("Dr. Jones", "St. Peter street").
_TITLE_ABBREVIATIONS = frozenset(
    """mr mrs ms mx messrs mme mlle dr prof st mt ft gen col lt sgt capt cmdr adm gov sen rep
    pres rev hon fr""".split()
)
# Titles that, after a capitalised word, are a street name that may end a sentence ("Main St.").
_STREET_ABBREVIATIONS = frozenset({"st", "dr"})
# Abbreviations always followed by more of the same sentence.
_CONTINUING_ABBREVIATIONS = frozenset("""e.g i.e cf vs v viz approx ca incl esp op""".split())
# Capitalised, in legal and bibliographic citations: "Pub. L. No. 111-148", "9th Cir. 2010".
_CITATION_ABBREVIATIONS = frozenset("""pub stat supp cong sess cir ibid""".split())
# Abbreviations of "number", "page", "figure", months and week days (CLDR's, and the longer
# "Sept.", "Thurs."): never a break before a number ("No. 5", "p. 55", "N°. 1026", "Nov. 3");
# before anything else they are ordinary words ("The answer was no.").
_NUMBER_ABBREVIATIONS = frozenset(
    """no nos nr n° nº p pp fig figs vol vols art arts sec secs sect ch chs chap pt eq eqs ref
    refs tel est para paras ex app sept tues thur thurs""".split()
    + [name.lower() for name in get_month_names("abbreviated", locale=SOURCE_LANGUAGE).values()]
    + [name.lower() for name in get_day_names("abbreviated", locale=SOURCE_LANGUAGE).values()]
)
# The capitalised ones of those that also take a roman numeral ("Vol. II", "Art. IV").
_SECTION_ABBREVIATIONS = frozenset("""vol vols ch chs chap pt art arts sec secs sect app""".split())
# Abbreviations that may also end a sentence ("... founded by Acme Inc. The company ...").
_SUFFIX_ABBREVIATIONS = frozenset(
    """inc ltd corp co llc plc jr sr etc al bros dept ed eds esq ave blvd rd""".split()
)
# Words that, capitalised after an abbreviation or a one-letter initial, are taken to start a
# new sentence: determiners, pronouns, question words, auxiliaries, conjunctions, prepositions
# and sentence adverbs (never a name: "may" and "will" are left out, being months and names).
_SENTENCE_OPENERS = frozenset(
    """a an the this that these those there here it its i you he she we they my your his her
    our their me him us them what which who whom whose where when why how whatever whoever
    is are was were be been being do does did have has had can could would should shall must
    might and but or nor so yet if because although though while whereas unless until once
    since after before however also then thus therefore hence meanwhile moreover furthermore
    nevertheless nonetheless still instead indeed besides otherwise consequently accordingly
    finally first second third next last later now today tonight yesterday tomorrow in on at as
    for from by with without within into to of during under over among between through across
    against despite according all some many most much more few several each every both either
    neither no none nothing nobody not such one two three four five six seven eight nine ten
    any anyone anybody anything everyone everybody everything someone somebody something other
    another only even just yes please let overall whether unlike upon given following
    additionally further currently recently previously earlier similarly likewise
    notably initially eventually ultimately subsequently specifically rather""".split()
)
# The first parts of negated contractions: "Don't", "Isn't", "Won't".
_NEGATED_AUXILIARIES = frozenset(
    """don doesn didn isn aren wasn weren won can couldn wouldn shouldn haven hasn hadn""".split()
)
_ROMAN_NUMERALS = {
    numeral: value
    for value, numeral in enumerate(
        "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split(), 1
    )
}

_CLOSERS = "\"'”’»)]}"
_QUOTES = "\"'”’»"
_OPENERS = "\"'“‘«([{"
_TERMINATORS = ".!?…"
_BULLETS = "•◦▪▸‣⁃∙*–-"

# A list item's number: 1-999, a letter, a roman numeral (lower or upper case).
_ORDINAL = r"\d{1,3}|[a-zA-Z]|[ivx]{2,5}|[IVX]{2,5}"
# A list marker: an optional bullet, then "1." "1.)" "1)" "a." "iv)"…, then white space.
_LIST_MARKER_AT = re.compile(
    rf"(?:[{re.escape(_BULLETS)}]\s?)?(?P<ordinal>{_ORDINAL})"
    r"(?P<mark>\.\)|[.)])(?=\s)"
)
# Candidates: a run of terminators (matched only from its first character, possessively, so
# a long run costs its length once), optional closers, then white space; or the one white
# space character before a list marker.
_CANDIDATE = re.compile(
    rf"(?<![{re.escape(_TERMINATORS)}])(?P<stops>[{re.escape(_TERMINATORS)}]++)"
    rf"(?P<closers>[{re.escape(_CLOSERS)}]*+)(?P<space>\s++)"
    rf"|(?P<gap>\s)(?=(?:[{re.escape(_BULLETS)}]\s?)?(?:{_ORDINAL})[.)])"
)
# Characters inside a word before a full stop, besides letters and digits.
_WORD_INNER = "_.'’&°º-"
_NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*([\w'’-]*)")
_WORD_CHARACTER = re.compile(r"[^\W_]")
_DOTTED_ABBREVIATION = re.compile(r"(?:[a-z]{1,2}\.)+[a-z]{1,2}")
_ROMAN_NUMBER = re.compile(r"[IVXLC]+")
# An ellipsis (". . .", "...", "…") and white space: after a sentence's own full stop, it
# opens the next sentence.
_OPENING_ELLIPSIS = re.compile(r"(?:\.\s\.\s\.(?!\s?\.)|\.\.\.(?!\.)|…)\s+")
# A parenthetical citation closed by punctuation, after a quotation: (Smith 55).
_CITATION = re.compile(r"\([^()\n]{1,120}\)[.!?,;:]")
# A capitalised word, then the abbreviation: "Main St", "Elm Dr".
_STREET_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\s+\w+$")
_LOOK_BEHIND = 64
_LOOK_AHEAD = 256

_UNREPRESENTABLE = {0: None, 4: None}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text``, without surrounding white space."""
    return _Splitter(text).spans()


def normalize_space(text: str) -> str:
    """Collapse runs of white space to one space, strip the ends, and drop NUL and EOT
    (a PO file cannot hold NUL; EOT is gettext's context separator)."""
    return " ".join(text.translate(_UNREPRESENTABLE).split())


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, white space collapsed."""
    return [normalize_space(text[a:b]) for a, b in sentence_spans(text)]


@dataclass(frozen=True)
class _ListMarker:
    """An enumeration marker: its punctuation ("." ".)" ")"), the ordinals it may stand for
    ("i" is the ninth letter or roman one) and where its punctuation ends."""

    mark: str
    ordinals: frozenset[tuple[str, int]]
    end: int

    def precedes(self, other: _ListMarker) -> bool:
        return self.mark == other.mark and any(
            (kind, value + 1) in other.ordinals for kind, value in self.ordinals
        )


def _list_marker_at(text: str, pos: int) -> _ListMarker | None:
    match = _LIST_MARKER_AT.match(text, pos)
    if not match:
        return None
    ordinal, mark = match.group("ordinal"), match.group("mark")
    ordinals: set[tuple[str, int]] = set()
    if ordinal.isdigit():
        ordinals.add(("number", int(ordinal)))
    elif ordinal.islower():
        if len(ordinal) == 1:
            ordinals.add(("letter", ord(ordinal) - ord("a") + 1))
        if ordinal in _ROMAN_NUMERALS:
            ordinals.add(("roman", _ROMAN_NUMERALS[ordinal]))
    else:
        # "A." is an initial; "A)" and "I." / "II." / "IV)" are list markers.
        if len(ordinal) == 1 and ")" in mark:
            ordinals.add(("LETTER", ord(ordinal) - ord("A") + 1))
        if ordinal.lower() in _ROMAN_NUMERALS:
            ordinals.add(("ROMAN", _ROMAN_NUMERALS[ordinal.lower()]))
    if not ordinals:
        return None
    return _ListMarker(mark, frozenset(ordinals), match.end())


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_sentence_opener(word: str) -> bool:
    """Whether a capitalised word is one that starts sentences, not names; a contraction by
    its first part ("It's", "Don't"). A word in capitals throughout is not one."""
    if len(word) > 1 and word.isupper():
        return False  # capitals throughout: "INC. BE LIABLE", "Acme Inc. IT staff"
    lowered = word.lower().replace("’", "'")
    stem, apostrophe, _ = lowered.partition("'")
    return stem in _SENTENCE_OPENERS or bool(apostrophe and stem in _NEGATED_AUXILIARIES)


def _word_before(text: str, low: int, end: int) -> str:
    """The word that ends at ``end`` (not before ``low``), with its inner dots, apostrophes,
    hyphens and ampersands ("U.S", "AT&T", "41.5°C", "N°"); empty if none ends there."""
    start = end
    while start > low and (text[start - 1].isalnum() or text[start - 1] in _WORD_INNER):
        start -= 1
    while start < end and not (text[start].isalnum() or text[start] in "_°º"):
        start += 1  # a word starts with a letter, digit or degree sign
    word = text[start:end]
    return word if word and (word[-1].isalnum() or word[-1] in "_°º") else ""


def _spaced_dots_before(text: str, low: int, end: int) -> int:
    """How many spaced dots (". ") come just before the full stop at ``end``."""
    count = 0
    while end - 2 >= low and text[end - 1].isspace() and text[end - 2] == ".":
        count += 1
        end -= 2
    return count


def _looks_like_sentence_start(first: str) -> bool:
    """Upper case, a digit, or a letter of a script without case."""
    return first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())


class _Splitter:
    """One pass over a paragraph; the state is the sentence being built."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = 0
        self.word_seen = False
        self.scanned = 0
        self.list_marker: _ListMarker | None = None

    def spans(self) -> list[tuple[int, int]]:
        text = self.text
        spans: list[tuple[int, int]] = []
        self._begin(_skip_space(text, 0))
        for match in _CANDIDATE.finditer(text):
            if match.group("gap") is not None:
                self._list_gap(match, spans)
                continue
            end = match.start("space")
            if end <= self.start:
                continue
            if self._is_break(match):
                spans.append((self.start, end))
                self._begin(match.end())
        end = len(text.rstrip())
        if self.start < end:
            spans.append((self.start, end))
        return spans

    def _begin(self, pos: int) -> None:
        self.start = pos
        self.scanned = pos
        self.word_seen = False
        self.list_marker = _list_marker_at(self.text, pos)

    def _has_word_before(self, pos: int) -> bool:
        """Whether the sentence so far has a letter or digit (checked incrementally)."""
        if not self.word_seen and pos > self.scanned:
            self.word_seen = _WORD_CHARACTER.search(self.text, self.scanned, pos) is not None
            self.scanned = pos
        return self.word_seen

    def _list_gap(self, match: re.Match[str], spans: list[tuple[int, int]]) -> None:
        """White space before a list marker: cut if the marker continues the current list."""
        text = self.text
        gap, marker_start = match.start(), match.end()
        if gap < self.start:
            return
        marker = _list_marker_at(text, marker_start)
        if marker is None:
            return
        end = gap
        while end > self.start and text[end - 1].isspace():
            end -= 1
        if self._continues_list(marker):
            spans.append((self.start, end))
            self._begin(marker_start)
        elif text[end - 1] in ":;—–":
            self.list_marker = marker  # "Steps: 1. Mix 2. Stir" opens a list after a colon

    def _continues_list(self, marker: _ListMarker | None) -> bool:
        if marker is None or self.list_marker is None or not self.list_marker.precedes(marker):
            return False
        item = _skip_space(self.text, marker.end)
        return _looks_like_sentence_start(self._first_of_next_word(item)[1])

    def _first_of_next_word(self, pos: int) -> tuple[str, str, int]:
        """The next word after ``pos`` (past opening quotes), its first character, and the
        position just after it."""
        following = self.text[pos : pos + _LOOK_AHEAD]
        next_match = _NEXT_WORD.match(following)
        opener_length = next_match.start(1) if next_match else 0
        next_word = next_match.group(1) if next_match else ""
        first = next_word[:1] or following[opener_length : opener_length + 1]
        return next_word, first, pos + opener_length + len(next_word)

    def _is_break(self, match: re.Match[str]) -> bool:
        text = self.text
        stops, closers = match.group("stops"), match.group("closers")
        start, after = match.start(), match.end()
        if self.list_marker is not None and self.list_marker.end == match.end("closers"):
            return False  # the full stop of "1." / "a." / "1.)" opening an item
        if self._continues_list(_list_marker_at(text, after)):
            return True
        free_standing = start == 0 or text[start - 1].isspace()
        if not free_standing:
            ellipsis = _OPENING_ELLIPSIS.match(text, after)
            if ellipsis and _looks_like_sentence_start(self._first_of_next_word(ellipsis.end())[1]):
                return self._has_word_before(start)  # "compounds. . . . The practice"
        next_word, first, next_end = self._first_of_next_word(after)
        if not first or not _looks_like_sentence_start(first):
            return False
        if not self._has_word_before(start):
            return False  # an opening ellipsis or stray punctuation belongs to its sentence
        if start - self.start == 1 and text[self.start].isalpha():
            return False  # one letter is no sentence: "Q. What is the dose?"
        if closers and any(c in _QUOTES for c in closers) and _CITATION.match(text, after):
            return False  # a quotation and its citation: "... stairways [...]" (Smith 55).
        if stops != ".":
            # A free-standing or bracketed ellipsis is an omission inside the sentence.
            return not (stops in ("...", "…") and (free_standing or text[start - 1] in "[("))
        if closers:
            return True
        low = max(self.start, start - _LOOK_BEHIND)
        dots = _spaced_dots_before(text, low, start)
        if dots:
            run_start = start - 2 * dots
            spaced_free = run_start == self.start or text[run_start - 1].isspace()
            # ". . ." inside a sentence is an omission; a fourth dot is the full stop.
            return not (dots == 2 and spaced_free)
        word = _word_before(text, low, start)
        if not word:
            return True
        key = word.lower().lstrip("-'’")
        before = text[low:start]

        def opener() -> bool:
            return _is_sentence_opener(next_word) and not (
                # "J. A. Smith": a one-letter word followed by a full stop is an initial, and
                # "L. No. 111" an abbreviation of "number"
                text[next_end : next_end + 1] == "."
                and (len(next_word) == 1 or next_word.lower() in _NUMBER_ABBREVIATIONS)
            )

        if key in _NUMBER_ABBREVIATIONS:
            if any(c.isdigit() for c in next_word[:16]):
                return False  # a number or a code: "No. 5", "contract no. W-7405"
            roman = _ROMAN_NUMBER.fullmatch(next_word)
            if roman and key in _SECTION_ABBREVIATIONS and word[0].isupper():
                return False  # "Vol. II", "Art. IV"
        if key in _CONTINUING_ABBREVIATIONS:
            return False
        if key in _CITATION_ABBREVIATIONS and word[0].isupper():
            return False
        if len(word) == 1 and word.isalpha():
            if before[: -len(word)].rstrip().endswith(":"):
                return False  # a list's letter after a colon: "a Modification is: A. Any …"
            # An initial ("Albert I. Jones"), "you and I. Did you ...", "(d. 2012)".
            return opener()
        if key in _TITLE_ABBREVIATIONS and word[0].isupper():
            if key in _STREET_ABBREVIATIONS and _STREET_BEFORE.search(before):
                return opener()  # "on Main St. The shop ..."
            return False
        if key in _SUFFIX_ABBREVIATIONS or _DOTTED_ABBREVIATION.fullmatch(key):
            # "Acme Inc.", "etc.", "U.S.", "a.m." end a sentence only before an opener.
            return opener()
        return True
