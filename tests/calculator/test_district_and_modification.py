"""District distribution to the cent, and the rulebook's modification checker."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import InvalidOptionError, allocate, allocate_districts, check_modification


def test_district_split_adds_up_to_the_cent_with_largest_remainders():
    result = allocate_districts(
        1_000_000,
        criteria={"population": 2, "need": 3},
        districts={"N": {"population": 3, "need": 4}, "S": {"population": 1, "need": 2},
                   "E": {"population": 2, "need": 2}},
    )
    assert result.funded == {"N": Decimal("500000.00"), "E": Decimal("277777.78"),
                             "S": Decimal("222222.22")}
    assert sum(result.funded.values()) == Decimal(1_000_000)
    assert result.scores == {"N": 18, "S": 8, "E": 10}
    assert any("one more cent" in step for step in result.steps)


def test_district_is_reachable_through_allocate_without_an_election():
    result = allocate(None, rule="district", budget="100.00",
                      criteria={"population": 1}, districts={"a": {"population": 1},
                                                              "b": {"population": 2}})
    assert result.funded == {"b": Decimal("66.67"), "a": Decimal("33.33")}


@given(
    cents=st.integers(min_value=1, max_value=10**12),
    grades=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=12).filter(any),
)
def test_district_parts_always_add_up_exactly(cents, grades):
    budget = Decimal(cents) / 100
    districts = {f"d{i}": {"need": g} for i, g in enumerate(grades)}
    result = allocate_districts(budget, criteria={"need": 1}, districts=districts)
    assert sum(result.funded.values()) == budget
    assert all(amount >= 0 for amount in result.funded.values())


def test_district_rejects_unknown_criteria_and_all_zero_scores():
    with pytest.raises(InvalidOptionError, match="unknown criteria"):
        allocate_districts(10, criteria={"a": 1}, districts={"x": {"b": 1}})
    with pytest.raises(InvalidOptionError, match="nothing to split"):
        allocate_districts(10, criteria={"a": 1}, districts={"x": {"a": 0}})


def test_modification_of_a_big_project_into_three_cheaper_parts_is_allowed():
    check = check_modification(300_000, [100_000, 100_000, 90_000], 480_000)
    assert check.allowed and check.problems == []
    assert "split into 3 parts" in check.explanation


def test_modification_violations_are_each_explained():
    check = check_modification(200_000, [60_000, 60_000, 60_000, 60_000], 480_000)
    assert not check.allowed
    assert len(check.problems) == 3
    assert "more than 50% of the round budget ($240,000)" in check.problems[0]
    assert "at most 3 parts" in check.problems[1]
    assert "No additions" in check.problems[2]


def test_a_trim_at_exactly_half_the_budget_is_not_allowed():
    assert not check_modification(240_000, [200_000], 480_000).allowed
    assert check_modification(240_001, [200_000], 480_000).allowed
