"""Explanations: why each project won or lost, worked out by hand, and the money left."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import allocate, make_election
from calculator.explain import ExplanationError, explain, explanation_to_dict
from tests.calculator.test_rank_and_rearrange import scenario

# -- Rank and Rearrange: the rulebook's three scenarios ----------------------------------


def test_scenario_1_every_funded_project_says_points_rank_and_money_left(ranked):
    election = ranked(scenario({"A": 100_000, "B": 80_000, "C": 200_000, "D": 100_000}))
    explanation = explain(election, allocate(election, rule="rank-and-rearrange"))
    c = explanation.project("C")
    assert (c.kind, c.score, c.rank, c.money_left) == ("rr_funded", 75, 3, Decimal(300_000))
    assert c.sentence == ("C had 75 points (rank 3 of 17) and costs $200,000; $300,000 remained "
                          "when its turn came: fully funded.")
    e = explanation.project("E")
    assert e.kind == "rr_round_closed"
    assert "no money remained before its turn" in e.sentence
    assert explanation.leftover.kind == "none"
    assert [item.project for item in explanation.projects[:4]] == ["A", "B", "C", "D"]


def test_scenario_2_the_offer_at_80_percent_accepted_or_declined(ranked):
    election = ranked(scenario({"A": 100_000, "B": 280_000, "C": 125_000, "D": 100_000}))
    accepted = explain(election, allocate(election, rule="rank-and-rearrange"))
    c = accepted.project("C")
    assert (c.kind, c.funded, c.amount) == ("rr_offer_accepted", True, Decimal(100_000))
    assert "$100,000 remained (80% of its cost, ≥ 75%)" in c.sentence
    assert "who accepted $100,000: partly funded" in c.sentence
    d = accepted.project("D")
    assert d.kind == "rr_round_closed"
    assert "the offer to C ended the round before its turn" in d.sentence

    declined = explain(election, allocate(election, rule="rank-and-rearrange", declined=["C"]))
    assert declined.project("C").kind == "rr_offer_declined"
    assert declined.project("C").sentence.endswith("offered to its delegate, who declined: not funded.")
    assert declined.project("D").kind == "rr_funded"
    assert declined.project("D").money_left == Decimal(100_000)


def test_scenario_3_below_75_percent_and_the_500_given_to_the_charities(ranked):
    election = ranked(scenario({"A": 180_000, "B": 200_000, "C": 99_500}))
    result = allocate(election, rule="rank-and-rearrange",
                      leftover_recipients=["Club 1", "Club 2"])
    explanation = explain(election, result)
    d = explanation.project("D")
    assert d.kind == "rr_below_threshold"
    assert d.sentence == ("D had 70 points (rank 4 of 17) and costs $53,000; only $500 remained "
                          "(0.94% of its cost, < 75%): not funded.")
    leftover = explanation.leftover
    assert (leftover.kind, leftover.closest, leftover.shortfall) == ("donated", "D",
                                                                     Decimal(52_500))
    assert "$250 to Club 1; $250 to Club 2" in leftover.sentence


def test_a_tie_that_matters_is_flagged_in_both_projects_sentences():
    # B and C have 5 points each; $100 left covers only one of them.
    election = make_election(budget=150, projects={"A": 50, "B": 100, "C": 100},
                             ballots=[["A"], ["A"], ["B"], ["C"]], vote_type="ordinal")
    explanation = explain(election, allocate(election, rule="rank-and-rearrange"))
    for pid in ("B", "C"):
        item = explanation.project(pid)
        assert item.tie == ["B", "C"]
        assert "flagged for an official" in item.sentence
    assert explanation.project("B").funded and not explanation.project("C").funded


def test_unranked_project_is_explained():
    election = make_election(budget=100, projects={"A": 50, "Z": 10}, ballots=[["A"]],
                             vote_type="ordinal")
    explanation = explain(election, allocate(election, rule="rank-and-rearrange"))
    assert explanation.project("Z").kind == "unsupported"
    assert explanation.project("Z").sentence == "Z was ranked by nobody: never funded."


# -- greedy ------------------------------------------------------------------------------


def test_greedy_says_support_rank_and_the_money_left_at_its_turn():
    election = make_election(
        budget=100_000, projects=[("1", 60_000, "Library"), ("2", 42_000, "Park"), ("3", 38_000)],
        ballots=[["1", "2"], ["1", "2"], ["1", "3"], ["1"], ["2"], ["3"]], vote_type="approval")
    explanation = explain(election, allocate(election, rule="greedy"))
    park = explanation.project("2")
    assert (park.kind, park.score, park.rank, park.money_left) == (
        "greedy_too_expensive", 3, 2, Decimal(40_000))
    assert park.sentence == ("Park (2) had 3 votes (rank 2 of 3); it needed $42,000 but only "
                             "$40,000 remained when its turn came: not funded.")
    assert explanation.project("3").kind == "greedy_funded"
    assert explanation.leftover.amount == Decimal(2_000)
    assert explanation.leftover.closest == "2"
    assert "$2,000 was left" in explanation.leftover.sentence
    assert "Park (2), costs $42,000 ($40,000 more)" in explanation.leftover.sentence


def test_explaining_with_another_tie_break_than_the_count_is_refused():
    election = make_election(budget=10, projects={"A": 10, "B": 10}, ballots=[["A"], ["B"]],
                             vote_type="approval")
    result = allocate(election, rule="greedy", tie_break=["B"])
    assert explain(election, result, tie_break=["B"]).project("B").funded
    with pytest.raises(ExplanationError, match="tie-break order"):
        explain(election, result)


# -- Equal Shares, worked by hand --------------------------------------------------------


def three_voters():
    # Budget 300, three voters with 100 each. Voter 1 approves A; voter 2 A and C; voter 3 B
    # and C. Costs: A 200, B 150, C 60.
    return make_election(budget=300, projects={"A": 200, "B": 150, "C": 60},
                         ballots=[["A"], ["A", "C"], ["B", "C"]], vote_type="approval")


def test_equal_shares_by_hand_cardinality_utility():
    # Round 1 (ρ = what each supporter pays): A 100 each, B unaffordable (100 < 150), C 30
    # each. C wins at 30: voters 2 and 3 keep 70. Then A's supporters hold 170 < 200 and B's
    # 70 < 150: the rounds end. Leftover 240.
    election = three_voters()
    result = allocate(election, rule="mes", utility="cardinality")
    assert result.selected == ["C"]
    explanation = explain(election, result)
    c = explanation.project("C")
    assert (c.kind, c.round, c.max_payment, c.total_paid) == ("mes_funded", 1, 30, 60)
    # Without C, A wins round 1 at 100 each: voter 2 is left with 0, voter 3 with 100, so C's
    # supporters could pay 0 + 100 then and after the end: 100 / 60.
    assert c.effective_support == Fraction(5, 3)
    assert c.effective_support_percent == "166.6%"

    a = explanation.project("A")
    # Round 1 at ρ 30: A's two supporters could pay 30 + 30 = 60 (also after the round).
    # After the last round they hold 100 + 70 = 170: effective support 170 / 200 = 85%.
    assert a.kind == "mes_short"
    assert a.effective_support == Fraction(85, 100)
    assert (a.best_round, a.could_pay, a.shortfall) == (None, 170, 30)
    # It wins at any cost up to 170 (then its supporters afford it after the last round;
    # in round 1 only up to 60). One more supporter holding the average 85 gives 255 >= 200;
    # in round 1 it would need 5 (60 · 7/2 = 210).
    assert a.largest_winning_cost == 170 and a.winning_cost_in_cents == Decimal(170)
    assert a.additional_supporters == 1
    assert a.sentence == (
        "A was not funded: at its closest, after the last round its 2 supporters still held "
        "$170, $30 short of its $200 cost (effective support 85.0%). It would have been funded "
        "had it cost $170 or less or with 1 more supporter like its current ones.")

    b = explanation.project("B")
    # Round 1: voter 3 could pay 30 of 150: 150/30 - 1 = 4 more exactly reach 150, a tie that
    # B wins over C by id. After the end voter 3 holds 70: 150/70 - 1 = 1.14 -> 2 more.
    assert b.effective_support == Fraction(70, 150)
    assert b.effective_support_percent == "46.6%"
    assert (b.largest_winning_cost, b.additional_supporters) == (70, 2)

    assert explanation.leftover.kind == "supporters_short"
    assert (explanation.leftover.closest, explanation.leftover.shortfall) == ("A", 30)
    assert "belongs to voters who did not support it" in explanation.leftover.sentence


def test_equal_shares_ballot_lookup_and_groups_never_by_voter_id():
    election = three_voters()
    explanation = explain(election, allocate(election, rule="mes", utility="cardinality"))
    paid = explanation.ballot_payment(["C", "A", "A"])
    assert (paid.ballot, paid.voters, paid.payments, paid.total) == (("A", "C"), 1, {"C": 30}, 30)
    assert paid.sentence == ("A voter who supported A, C paid $30 for C: $30 of their $100 "
                             "share (1 voter cast exactly this ballot).")
    assert explanation.ballot_payment(["A"]).payments == {}
    assert explanation.ballot_payment(["A", "B"]).voters == 0
    with pytest.raises(ExplanationError, match="unknown project"):
        explanation.ballot_payment(["Q"])
    groups = explanation.voter_groups()
    assert sorted((g.ballot, g.total) for g in groups) == [
        (("A",), 0), (("A", "C"), 30), (("B", "C"), 30)]
    assert "voter_id" not in str(explanation_to_dict(explanation, voter_groups=True))


def ten_voters():
    # Budget 1,000, ten voters with 100 each, cost utility (ρ = payment / cost; all paying
    # alike gives ρ = 1 / supporters). A 480 (voters 1-6), B 270 (7-9), T 250 (1, 2, 3, 7, 10).
    return make_election(
        budget=1000, projects={"A": 480, "B": 270, "T": 250},
        ballots=[["A", "T"], ["A", "T"], ["A", "T"], ["A"], ["A"], ["A"], ["B", "T"], ["B"],
                 ["B"], ["T"]],
        vote_type="approval")


def test_equal_shares_by_hand_cost_utility_with_a_largest_cost_that_ties():
    # Round 1: A 1/6 (80 each), T 1/5, B 1/3: A wins, voters 1-6 keep 20.
    # Round 2: T: voters 1-3 pay their 20, voters 7 and 10 (250 - 60) / 2 = 95 each: ρ 95/250
    # = 0.38; B 1/3 (90 each) wins. Voters 7-9 keep 10. Round 3: T's supporters hold
    # 20·3 + 10 + 100 = 170 < 250: the rounds end; 250 is left.
    election = ten_voters()
    result = allocate(election, rule="mes")
    assert result.selected == ["A", "B"]
    explanation = explain(election, result)
    assert [r.project for r in explanation.rounds] == ["A", "B"]
    assert explanation.rounds[1].price == Fraction(1, 3)
    t = explanation.project("T")
    # Round 2 at ρ 1/3 (a cap of 250/3 each): T's supporters could pay 20·3 + 2·250/3 = 680/3,
    # 70/3 short. After round 1 they could pay 60 + 2·(250/6) = 430/3; after round 2
    # 60 + 10 + 250/3 = 460/3; after the end 170: effective support 170/250 = 68%.
    assert (t.best_round, t.could_pay, t.shortfall) == (2, Fraction(680, 3), Fraction(70, 3))
    assert t.effective_support == Fraction(68, 100)
    # Largest cost in round 2: with cost c each supporter pays up to c/3; voters 1-3 are
    # capped at 20 once c > 60, so 60 + 2c/3 >= c up to c = 180, where T ties with B (ρ 1/3)
    # and loses the tie by id: any cost below 180, so $179.99. (Round 1: 5 supporters at
    # ρ 1/6 can never match: 5/6 < 1. After the end: 170.)
    assert t.largest_winning_cost == 180
    assert t.winning_cost_in_cents == Decimal("179.99")
    # Supporters: round 2, 680/3 · (5 + k)/5 >= 250 for k >= 0.51: one more. (Round 1 needs
    # two: one more gives exactly 250, a tie lost to A; the end needs three.)
    assert t.additional_supporters == 1
    assert "had it cost $179.99 or less or with 1 more supporter" in t.sentence
    assert "in round 2, when B was funded" in t.sentence
    # A without itself: T wins round 1 at 1/5 (50 each); A's supporters then hold
    # 3·50 + 3·100 = 450 < 480. Effective support of a funded project is at least 100%.
    assert explanation.project("A").effective_support == 1
    assert explanation.leftover.closest == "T"
    assert explanation.leftover.shortfall == 80


def test_equal_shares_add1_explains_the_completion():
    election = three_voters()
    result = allocate(election, rule="mes", utility="cardinality", completion="add1")
    explanation = explain(election, result)
    funded = [item for item in explanation.projects if item.funded]
    assert [item.project for item in funded] == result.selected
    for item in explanation.projects:
        if item.kind == "mes_completion_funded":
            assert "The greedy completion then funded it" in item.sentence
        assert item.sentence


def test_a_project_nobody_supported_and_the_json_form():
    election = make_election(budget=100, projects={"A": 50, "Z": 10}, ballots=[["A"], ["A"]],
                             vote_type="approval")
    explanation = explain(election, allocate(election, rule="mes"))
    assert explanation.project("Z").kind == "unsupported"
    data = explanation_to_dict(explanation)
    a = next(row for row in data["projects"] if row["project"] == "A")
    assert a["kind"] == "mes_funded" and a["max_payment"] == "25"
    assert a["effective_support_exact"] == "2/1"  # without A its supporters keep 100 for 50
    assert data["per_voter"] == "50"


# -- Equal Shares: the explanation's claims checked by counting again ---------------------

elections = st.builds(
    lambda costs, budget, ballots: (costs, budget, ballots),
    st.lists(st.integers(1, 60), min_size=2, max_size=4),
    st.integers(20, 200),
    st.lists(st.sets(st.integers(0, 3), max_size=4), min_size=1, max_size=7),
)


@settings(max_examples=150, deadline=None)
@given(elections, st.sampled_from(["cost", "cardinality"]))
def test_largest_winning_cost_is_exact_and_payments_add_up(data, utility):
    costs, budget, ballots = data
    projects = {f"p{i}": cost for i, cost in enumerate(costs)}
    votes = [[f"p{i}" for i in sorted(ballot) if i < len(costs)] for ballot in ballots]
    election = make_election(budget=budget, projects=projects, ballots=votes,
                             vote_type="approval")
    result = allocate(election, rule="mes", utility=utility)
    explanation = explain(election, result)
    for item in explanation.projects:
        if item.kind == "mes_funded":
            assert item.effective_support >= 1
        if item.kind not in ("mes_short", "mes_tie_lost"):
            continue
        assert item.effective_support < 1 or item.kind == "mes_tie_lost"
        cents = item.winning_cost_in_cents
        if cents is None:
            continue
        for cost, funded in ((cents, True), (cents + Decimal("0.01"), False)):
            changed = make_election(budget=budget, projects={**projects, item.project: cost},
                                    ballots=votes, vote_type="approval")
            again = allocate(changed, rule="mes", utility=utility)
            assert (item.project in again.selected) is funded, (item.project, cost)
    # Every group's payments add up to each funded project's cost.
    paid: dict[str, Fraction] = {}
    for group in explanation.voter_groups():
        for pid, amount in group.payments.items():
            paid[pid] = paid.get(pid, Fraction(0)) + amount * group.voters
    assert paid == {r.project: Fraction(projects[r.project]) for r in explanation.rounds}
