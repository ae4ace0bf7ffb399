"""Hypothesis properties of every rule, and MES add1's fast search against the unit steps."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import allocate, load_pabulib, make_election
from calculator.rules import mes_reference
from calculator.rules.equal_shares import build_profile, run_equal_shares
from calculator.rules.mes_add1 import equal_shares_add1, stays_open_throughout
from calculator.tiebreaking import BY_PROJECT_ID
from tests.pabulib_files import pabulib_file


@st.composite
def elections(draw, vote_type="ordinal"):
    count = draw(st.integers(min_value=1, max_value=7))
    ids = [f"p{i}" for i in range(count)]
    costs = {pid: Decimal(draw(st.integers(min_value=0, max_value=50_000))) / 100 for pid in ids}
    budget = Decimal(draw(st.integers(min_value=1, max_value=150_000))) / 100
    ballots = draw(st.lists(
        st.lists(st.sampled_from(ids), unique=True, max_size=count), min_size=1, max_size=12,
    ))
    return make_election(budget=budget, projects=costs, ballots=ballots, vote_type=vote_type)


RULE_OPTIONS = [
    ("rank-and-rearrange", {}),
    ("rank-and-rearrange", {"threshold": "0.5", "leftover_recipients": ["X", "Y"]}),
    ("greedy", {}),
    ("greedy", {"support": "approval"}),
    ("mes", {"utility": "cost"}),
    ("mes", {"utility": "cardinality", "completion": "add1"}),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(election=elections(), choice=st.sampled_from(RULE_OPTIONS))
def test_never_beyond_budget_each_grant_fits_what_was_left_and_deterministic(election, choice):
    rule, options = choice
    result = allocate(election, rule=rule, **options)
    spent = sum(result.funded.values(), Decimal(0)) + sum(result.donations.values(), Decimal(0))
    assert spent + result.leftover == election.budget
    assert result.leftover >= 0
    money = election.budget
    for pid in result.selected:
        cost = election.projects[pid].cost
        granted = result.funded[pid]
        # Every funded project cost at most the money left when chosen, except the one
        # partial grant of rank-and-rearrange, which is exactly the money left.
        if pid in result.partial:
            assert granted == money and granted < cost
        else:
            assert granted == cost <= money
        money -= granted
    assert len(result.partial) <= 1
    again = allocate(election, rule=rule, **options)
    assert (again.selected, again.funded, again.steps) == (result.selected, result.funded,
                                                           result.steps)


@settings(max_examples=40, deadline=None)
@given(election=elections(vote_type="approval"))
def test_add1_fast_search_equals_the_unit_step_loop_on_small_elections(election):
    for utility in ("cost", "cardinality"):
        profile, _, _ = build_profile(election, utility, BY_PROJECT_ID)
        if profile.num_voters == 0:
            continue
        fast, fast_budget, _ = equal_shares_add1(profile)
        slow, slow_budget, _ = equal_shares_add1(profile, naive=True)
        assert fast.selected == slow.selected
        assert fast_budget == slow_budget


def _open_at(profile, per_voter) -> bool:
    """The unit-step loop goes on past this start."""
    return profile.leaves_budget_open(run_equal_shares(profile, per_voter).selected)


@settings(max_examples=150, deadline=None)
@given(
    election=elections(vote_type="approval"),
    utility=st.sampled_from(["cost", "cardinality"]),
    start=st.fractions(min_value=0, max_value=200, max_denominator=7),
    span=st.integers(min_value=1, max_value=40),
)
def test_a_range_shown_open_is_open_at_every_unit(election, utility, start, span):
    # The add1 search skips [start, start + span] when the check shows it open: the run at
    # every unit in between must then neither overspend nor leave nothing that fits.
    profile, _, _ = build_profile(election, utility, BY_PROJECT_ID)
    if profile.num_voters == 0:
        return
    shown, _ = stays_open_throughout(profile, start, start + span, max_pricings=10**6)
    if shown:
        assert all(_open_at(profile, start + unit) for unit in range(span + 1))


def test_the_open_check_on_a_real_file_skips_far_and_stops_at_the_end():
    # Zurich D10 with cost utility: the unit-step loop stops 102 units up (its last open
    # start is 101). A check shows the first 32 units open at once, and never a range that
    # reaches the stop; a tight pricing limit makes it give up rather than guess.
    election = load_pabulib(pabulib_file("Switzerland_Zurich_D10.pb"))
    profile, _, _ = build_profile(election, "cost", BY_PROJECT_ID)
    base = profile.budget / profile.num_voters
    assert _open_at(profile, base + 101) and not _open_at(profile, base + 102)
    assert stays_open_throughout(profile, base, base + 31, max_pricings=10**6)[0]
    assert not stays_open_throughout(profile, base + 90, base + 102, max_pricings=10**6)[0]
    shown, used = stays_open_throughout(profile, base, base + 31, max_pricings=5)
    assert not shown and used == 6


@pytest.mark.parametrize("name", [
    "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb",  # 1,485 unit steps
    "Poland_Zabrze_2020_Zandka.pb",
    "France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb",
    "Canada_Stanford_Dataset_PB_Dieppe_2018_vote_approvals.pb",
    "Poland_Katowice_2023_Srodmiescie.pb",  # 906 unit steps with many voters
    "US_Stanford_Dataset_PB_Chicago_39th_Ward_2021_vote_rankings.pb",
    "Switzerland_Zurich_D10.pb",  # close affordabilities: checks follow several courses
])
def test_add1_fast_search_equals_the_unit_step_loop_on_real_files(name):
    election = load_pabulib(pabulib_file(name))
    for utility in ("cost", "cardinality"):
        profile, _, _ = build_profile(election, utility, BY_PROJECT_ID)
        fast, fast_budget, fast_runs = equal_shares_add1(profile)
        slow, slow_budget, slow_runs = equal_shares_add1(profile, naive=True)
        assert (fast.selected, fast_budget) == (slow.selected, slow_budget)
        assert fast_runs <= slow_runs


def test_mes_funds_the_project_whose_supporters_pay_least_each():
    # 4 voters, budget 40 (10 each). A (cost 30) has 3 supporters paying 10 each; B (cost 20)
    # has 2 supporters paying 10 each. Equal per-supporter payment: tie broken by id -> A,
    # then B's supporter 4 alone has 10 < 20, so B is not affordable.
    election = make_election(budget=40, projects={"A": 30, "B": 20},
                             ballots=[["A"], ["A"], ["A", "B"], ["B"]], vote_type="approval")
    result = allocate(election, rule="mes", utility="cardinality")
    assert result.selected == ["A"]
    assert result.ties == [["A", "B"]]
    completed = allocate(election, rule="mes", utility="cardinality", completion="add1")
    assert completed.selected == ["A"]
    assert completed.leftover == Decimal(10)


def test_greedy_skips_a_project_that_does_not_fit_and_goes_on():
    election = make_election(budget=100, projects={"A": 60, "B": 50, "C": 40, "D": 1},
                             ballots=[["A", "B", "C"], ["A", "B"], ["A"]], vote_type="approval")
    result = allocate(election, rule="greedy")
    assert result.selected == ["A", "C"]
    assert "D" not in result.funded  # no support, never funded even though it fits
    assert any(step.startswith("B (2 votes) costs $50; only $40 remains: skipped")
               for step in result.steps)


def test_mes_details_give_the_exact_start_budget_and_where_each_project_came_from():
    # 3 voters, budget 100: each starts with exactly 100/3. A (60, voters 1 and 2) is funded
    # by Equal Shares; D (20, voter 1) and B (50, voter 3) are not affordable then.
    election = make_election(budget=100, projects={"A": 60, "B": 50, "D": 20},
                             ballots=[["A", "D"], ["A"], ["B"]], vote_type="approval")
    plain = allocate(election, rule="mes")
    assert plain.details == {"per_voter_budget": Fraction(100, 3), "equal_shares_order": ["A"],
                             "completion_order": []}
    # add1: at 100/3 + 17 = 50.33 each, voter 3 affords B and voter 1 affords D after A:
    # 130 > 100 overspends, so the start stays at 100/3 + 16; the greedy completion adds D
    # (40 left; B at 50 does not fit).
    completed = allocate(election, rule="mes", completion="add1")
    assert completed.selected == ["A", "D"]
    assert completed.details == {"per_voter_budget": Fraction(148, 3),
                                 "equal_shares_order": ["A"], "completion_order": ["D"]}


def test_with_cost_utility_equal_shares_does_not_fund_a_project_that_costs_nothing():
    # pabutools: a voter's cost satisfaction from a project costing 0 is 0, so it has no
    # supporters in Equal Shares' sense and is never selected by the rule itself.
    election = make_election(budget=1, projects={"4": 0}, ballots=[["4"]], vote_type="approval")
    result = allocate(election, rule="mes", utility="cost")
    assert result.selected == [] and result.leftover == 1
    assert any("4 costs nothing" in step for step in result.steps)
    # With cardinality utility it gives each supporter 1 and is funded first.
    assert allocate(election, rule="mes", utility="cardinality").selected == ["4"]
    # add1's greedy completion adds it (it fits whatever is left), as pabutools' does.
    completed = allocate(election, rule="mes", utility="cost", completion="add1")
    assert completed.selected == ["4"]
    assert completed.details["equal_shares_order"] == []
    assert completed.details["completion_order"] == ["4"]


@st.composite
def approval_elections(draw):
    """Small approval elections with many ties: costs and budgets from a few round numbers
    (some with cents, some zero), several voters approving the same projects."""
    ids = [f"p{i}" for i in range(draw(st.integers(min_value=1, max_value=6)))]
    amounts = st.sampled_from(["0", "1", "2", "3", "4", "6", "10", "15", "2.5", "7.25"])
    costs = {pid: Decimal(draw(amounts)) for pid in ids}
    budget = Decimal(draw(st.sampled_from(["1", "5", "10", "12", "20", "30", "17.5", "40"])))
    ballots = draw(st.lists(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)),
                            min_size=1, max_size=9))
    return make_election(budget=budget, projects=costs, ballots=ballots, vote_type="approval")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(election=approval_elections(), utility=st.sampled_from(["cost", "cardinality"]),
       completion=st.sampled_from([None, "add1"]))
def test_fast_equal_shares_matches_the_plain_reference(election, utility, completion):
    costs = {pid: Fraction(project.cost) for pid, project in election.projects.items()}
    ballots = [set(group.projects) for group in election.ballots for _ in group.voter_ids]
    budget = Fraction(election.budget)
    tie_order = sorted(costs)  # the default tie-breaking: project id as a string
    result = allocate(election, rule="mes", utility=utility, completion=completion)
    if completion is None:
        per_voter = budget / len(ballots)
        funded = mes_reference.equal_shares(costs, ballots, per_voter, utility, tie_order)
        added = []
    else:
        funded, per_voter, added = mes_reference.equal_shares_add1(costs, ballots, budget,
                                                                  utility, tie_order)
    assert result.details == {"per_voter_budget": per_voter, "equal_shares_order": funded,
                              "completion_order": added}
    assert result.selected == funded + added
