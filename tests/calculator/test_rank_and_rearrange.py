"""The San Jose D2 rulebook's Rank and Rearrange rule."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import InvalidOptionError, RuleNotApplicableError, allocate, make_election

SEVENTEEN = {chr(ord("A") + i): 50_000 + 1_000 * i for i in range(17)}


def scenario(first_four: dict) -> dict:
    """The rulebook's 17 projects: the first four as given, the others unchanged."""
    rest = {k: v for k, v in SEVENTEEN.items() if k not in first_four}
    return {**first_four, **rest}


def test_scenario_1_four_projects_fully_funded_and_nothing_left(ranked):
    election = ranked(scenario({"A": 100_000, "B": 80_000, "C": 200_000, "D": 100_000}))
    result = allocate(election, rule="rank-and-rearrange")
    assert result.selected == ["A", "B", "C", "D"]
    assert result.funded == {k: Decimal(v) for k, v in
                             {"A": 100_000, "B": 80_000, "C": 200_000, "D": 100_000}.items()}
    assert result.leftover == 0
    assert result.steps[0] == "A (85 points) costs $100,000; fully funded; $380,000 remains"
    assert "C (75 points) costs $200,000; fully funded; $100,000 remains" in result.steps


def test_scenario_2_delegate_accepts_the_remaining_100k_for_a_125k_project(ranked):
    election = ranked(scenario({"A": 100_000, "B": 280_000, "C": 125_000, "D": 100_000}))
    result = allocate(election, rule="rank-and-rearrange")
    assert result.selected == ["A", "B", "C"]
    assert result.funded["C"] == Decimal(100_000)
    assert result.partial == ["C"]
    assert result.leftover == 0
    assert (
        "C (75 points) costs $125,000; $100,000 remains (80% ≥ 75%): offered to its delegate, "
        "who accepted $100,000; the round is complete"
    ) in result.steps
    assert "D" not in result.funded


def test_scenario_2_delegate_declines_so_d_is_funded(ranked):
    election = ranked(scenario({"A": 100_000, "B": 280_000, "C": 125_000, "D": 100_000}))
    result = allocate(election, rule="rank-and-rearrange", declined=["C"])
    assert result.selected == ["A", "B", "D"]
    assert result.funded["D"] == Decimal(100_000)
    assert "C" not in result.funded
    assert any("who declined" in step for step in result.steps)
    assert result.leftover == 0


def test_scenario_3_the_last_500_is_split_between_the_two_charities(ranked):
    election = ranked(scenario({"A": 180_000, "B": 200_000, "C": 99_500}))
    charities = ["Los Paseos Home and School Club", "Martin Murphy Home and School Club"]
    result = allocate(election, rule="rank-and-rearrange", leftover_recipients=charities)
    assert result.selected == ["A", "B", "C"]
    assert result.donations == {charities[0]: Decimal(250), charities[1]: Decimal(250)}
    assert result.leftover == 0
    assert any("$500 is left" in step and "$250 to Los Paseos" in step for step in result.steps)


def test_scenario_3_without_recipients_reports_the_500_as_leftover(ranked):
    election = ranked(scenario({"A": 180_000, "B": 200_000, "C": 99_500}))
    result = allocate(election, rule="rank-and-rearrange")
    assert result.leftover == Decimal(500)
    assert result.donations == {}
    assert result.steps[-1] == "$500 is left over"


def test_threshold_is_inclusive_at_exactly_75_percent(ranked):
    election = ranked({"A": 405_000, "B": 100_000}, budget=480_000)
    result = allocate(election, rule="rank-and-rearrange")
    assert result.funded == {"A": Decimal(405_000), "B": Decimal(75_000)}
    assert "(75% ≥ 75%)" in result.steps[1]


def test_one_cent_below_75_percent_is_not_offered(ranked):
    election = ranked({"A": Decimal("405000.01"), "B": 100_000}, budget=480_000)
    result = allocate(election, rule="rank-and-rearrange")
    assert result.funded == {"A": Decimal("405000.01")}
    assert result.leftover == Decimal("74999.99")
    assert "$74,999.99 remains (74.99% < 75%): not funded" in result.steps[1]


def test_cents_are_kept_exact_through_grants_and_donations(ranked):
    election = ranked({"A": Decimal("333333.33"), "B": Decimal("146666.66")},
                      budget=Decimal("480000.02"))
    result = allocate(election, rule="rank-and-rearrange", leftover_recipients=["X", "Y", "Z"])
    assert result.funded == {"A": Decimal("333333.33"), "B": Decimal("146666.66")}
    # 3 cents over three recipients, then the sums match the budget to the cent.
    assert result.donations == {"X": Decimal("0.01"), "Y": Decimal("0.01"), "Z": Decimal("0.01")}
    assert sum(result.funded.values()) + sum(result.donations.values()) == Decimal("480000.02")


def test_uneven_donation_gives_the_odd_cent_to_the_first_recipient(ranked):
    election = ranked({"A": 479_999}, budget=480_000)
    result = allocate(election, rule="rank-and-rearrange", leftover_recipients=["X", "Y", "Z"])
    assert result.donations == {"X": Decimal("0.34"), "Y": Decimal("0.33"), "Z": Decimal("0.33")}


def test_tie_in_points_that_money_cannot_cover_is_flagged_and_broken_by_order():
    election = make_election(
        budget=300_000,
        projects={"A": 100_000, "B": 150_000, "C": 150_000},
        ballots=[["A", "B", "C"], ["A", "C", "B"]],
    )
    result = allocate(election, rule="rank-and-rearrange")
    assert result.ties == [["B", "C"]]
    assert result.selected == ["A", "B"]
    assert any("named official" in s and "project id order" in s for s in result.steps)
    decided = allocate(election, rule="rank-and-rearrange", tie_break=["C", "B"])
    assert decided.selected == ["A", "C"]
    assert decided.ties == [["C", "B"]]


def test_tie_that_money_covers_is_not_flagged():
    election = make_election(
        budget=400_000,
        projects={"A": 100_000, "B": 150_000, "C": 150_000},
        ballots=[["A", "B", "C"], ["A", "C", "B"]],
    )
    result = allocate(election, rule="rank-and-rearrange")
    assert result.ties == []
    assert result.selected == ["A", "B", "C"]


def test_invalid_ballots_are_rejected_with_reasons_and_valid_ones_still_count():
    election = make_election(
        budget=100_000,
        projects={"A": 60_000, "B": 60_000, "C": 10_000, "D": 1, "E": 1, "F": 1},
        ballots=[
            ["B", "A"],
            ["A", "A"],  # twice
            ["A", "B", "C", "D", "E", "F"],  # six ranks
            [],  # empty
            ["A", "Z"],  # unknown project
            ["B"],
        ],
        voter_ids=["v1", "v2", "v3", "v4", "v5", "v6"],
    )
    result = allocate(election, rule="rank-and-rearrange")
    assert sorted(result.rejected_ballots) == [
        ("v2", "lists project 'A' twice"),
        ("v3", "lists 6 projects; at most 5 allowed"),
        ("v4", "empty ballot"),
        ("v5", "names unknown project 'Z'"),
    ]
    assert result.scores["B"] == 10 and result.scores["A"] == 4
    assert result.selected[0] == "B"


@settings(max_examples=150, deadline=None)
@given(
    ballots=st.lists(st.lists(st.sampled_from("ABCDEF"), max_size=7), min_size=1, max_size=30),
    limit=st.integers(min_value=1, max_value=5),
)
def test_points_and_rejections_match_a_ballot_by_ballot_count(ballots, limit):
    """Identical ballots share a group, and groups are tallied a rank position at a time:
    the points and rejections must be what counting each ballot on its own gives."""
    election = make_election(
        budget=100, projects=dict.fromkeys("ABCDEF", 10), ballots=ballots, vote_type="ordinal"
    )
    points = dict.fromkeys("ABCDEF", 0)
    rejected = []
    for number, ballot in enumerate(ballots, start=1):
        if not ballot:
            rejected.append((str(number), "empty ballot"))
        elif len(set(ballot)) < len(ballot):
            twice = next(p for i, p in enumerate(ballot) if p in ballot[:i])
            rejected.append((str(number), f"lists project {twice!r} twice"))
        elif len(ballot) > limit:
            rejected.append((str(number), f"lists {len(ballot)} projects; at most {limit} allowed"))
        else:
            for rank, pid in enumerate(ballot):
                points[pid] += limit - rank
    result = allocate(election, rule="rank-and-rearrange", max_ranks=limit)
    assert result.scores == points
    assert sorted(result.rejected_ballots) == sorted(rejected)


def test_threshold_one_reduces_to_greedy_by_rank_points():
    election = make_election(
        budget=250_000,
        projects={"A": 120_000, "B": 100_000, "C": 60_000, "D": 30_000, "E": 25_000},
        ballots=[["A", "B", "C"], ["B", "A", "D"], ["A", "C", "E"], ["C", "B", "E"]],
        max_length=3,
    )
    strict = allocate(election, rule="rank-and-rearrange", threshold=1)
    greedy = allocate(election, rule="greedy")
    default = allocate(election, rule="rank-and-rearrange")
    assert strict.selected == greedy.selected == ["A", "B", "E"]
    assert strict.funded == greedy.funded
    # With the default 75% threshold C (60,000 with 30,000 left = 50%) is still refused, but
    # the same election with a lower threshold shows the partial grant greedy never makes.
    assert default.selected == ["A", "B", "E"]
    half = allocate(election, rule="rank-and-rearrange", threshold="0.5")
    assert half.funded["C"] == Decimal(30_000) and "E" not in half.funded


def test_points_follow_the_files_max_length(ranked):
    election = make_election(
        budget=10, projects={"A": 5, "B": 5, "C": 5}, ballots=[["A", "B", "C"]], max_length=3
    )
    result = allocate(election, rule="rank-and-rearrange")
    assert result.scores == {"A": 3, "B": 2, "C": 1}


def test_approval_ballots_are_refused_with_a_clear_error():
    election = make_election(budget=10, projects={"A": 5}, ballots=[["A"]], vote_type="approval")
    with pytest.raises(RuleNotApplicableError, match="ranked"):
        allocate(election, rule="rank-and-rearrange")


def test_declining_an_unknown_project_is_an_option_error(ranked):
    with pytest.raises(InvalidOptionError, match="unknown project"):
        allocate(ranked({"A": 10}), rule="rank-and-rearrange", declined=["Q"])


def test_a_recipient_named_twice_is_refused_rather_than_losing_money(ranked):
    with pytest.raises(InvalidOptionError, match="'Club 1' twice"):
        allocate(ranked({"A": 479_499.99}), rule="rank-and-rearrange",
                 leftover_recipients=["Club 1", "Club 1"])
    with pytest.raises(InvalidOptionError, match="'Club 1' twice"):
        allocate(ranked({"A": 479_499.99}), rule="rank-and-rearrange",
                 leftover_recipients="Club 1, Club 2, Club 1")


def test_steps_state_the_exact_money_left_where_the_budget_has_fractions_of_a_cent(ranked):
    # 1000.015 - 500 = 500.015: that is what the steps say remains; $500.01 of it is split
    # to the cent and the half cent stays over, stated as such.
    election = ranked({"A": 500}, budget=Decimal("1000.015"))
    result = allocate(election, rule="rank-and-rearrange", leftover_recipients=["X", "Y"])
    assert result.donations == {"X": Decimal("250.01"), "Y": Decimal("250.00")}
    assert result.leftover == Decimal("0.005")
    assert result.steps[0] == "A (5 points) costs $500; fully funded; $500.015 remains"
    assert "$500.015 is left" in result.steps[1]
    assert "$250.01 to X; $250 to Y" in result.steps[1]
    assert result.steps[-1] == "$0.005 is left over"
    assert not any("about" in step for step in result.steps)
    greedy = allocate(election, rule="greedy")
    assert greedy.steps[-1] == "$500.015 is left over"
