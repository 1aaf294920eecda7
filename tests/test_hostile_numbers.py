"""The number check's matching (issue 26): maximum, valid and without recursion on segments
with thousands of numbers (the former search was cubic and overflowed the stack)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.qa.numbers import (
    NumberMention,
    _maximum_matching,
    _unmatched,
    compare_numbers,
    extract_numbers,
)


def _reference_size(left: list[NumberMention], right: list[NumberMention]) -> int:
    """The size of a maximum matching by the textbook augmenting-path search (small inputs)."""
    matched: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, candidate in enumerate(right):
            if j not in seen and left[i].matches(candidate):
                seen.add(j)
                if j not in matched or augment(matched[j], seen):
                    matched[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(left)))


mention = st.lists(st.integers(1, 5), min_size=1, max_size=3, unique=True).map(
    lambda values: NumberMention("n", tuple(Decimal(v) for v in values))
)


@given(st.lists(mention, max_size=9), st.lists(mention, max_size=9))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_matching_is_maximum_and_valid(
    left: list[NumberMention], right: list[NumberMention]
) -> None:
    matching = _maximum_matching(left, right)
    assert len(set(matching.values())) == len(matching)  # each left mention once
    assert all(left[i].matches(right[j]) for j, i in matching.items())
    assert len(matching) == _reference_size(left, right)


def test_thousands_of_numbers_in_one_segment() -> None:
    source = extract_numbers(" ".join(["7"] * 5000 + [str(n) for n in range(5000)]), "en")
    target = extract_numbers(" ".join(["7"] * 4999 + ["8"] + [str(n) for n in range(5000)]), "en")
    missing, extra = compare_numbers(source, target)
    assert [m.text for m in missing] == ["7"]
    assert [m.text for m in extra] == ["8"]


def test_the_first_of_equal_mentions_are_matched() -> None:
    left = [NumberMention(t, (Decimal(1500),)) for t in ("1500", "1,500", "1 500")]
    right = [NumberMention("1500", (Decimal(1500),)), NumberMention("1.5", (Decimal("1.5"),))]
    assert _maximum_matching(left, right) == {0: 0}


@given(st.lists(mention, max_size=12), st.lists(mention, max_size=12))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_spelled_numbers_are_used_first_fit_once(
    required: list[NumberMention], optional: list[NumberMention]
) -> None:
    available, expected = list(optional), []
    for item in required:  # the plain search the index replaces
        partner = next((o for o in available if item.matches(o)), None)
        if partner is None:
            expected.append(item)
        else:
            available.remove(partner)
    assert _unmatched(required, optional) == expected


def test_thousands_of_spelled_numbers() -> None:
    source = extract_numbers("five " * 4000, "en")
    target = extract_numbers("6 " * 4000, "en")
    missing, extra = compare_numbers(source, target)
    assert missing == [] and len(extra) == 4000
