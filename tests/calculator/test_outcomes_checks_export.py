"""Outcome measures worked by hand, upload warnings (one per check), and .pb export."""

from decimal import Decimal
from fractions import Fraction

import pytest

from calculator import allocate, load_pabulib, make_election, parse_pabulib_text
from calculator.checks import upload_warnings
from calculator.outcomes import outcome_measures, outcomes_to_dict
from calculator.serialize import election_to_pabulib
from tests.pabulib_files import bundled_files

# -- outcome measures ----------------------------------------------------------------------


def test_outcome_measures_by_hand():
    # Greedy with 100: A (3 votes, 60) is funded, C (2 votes, 50) no longer fits, B (1 vote,
    # 40) does. Voters: {A, B} got 2 projects (satisfaction 100), {A} and {A, C} 1 (60 each),
    # {C} and an empty ballot 0.
    election = make_election(budget=100, projects={"A": 60, "B": 40, "C": 50},
                             ballots=[["A", "B"], ["A"], ["A", "C"], ["C"], []],
                             vote_type="approval")
    result = allocate(election, rule="greedy")
    assert result.selected == ["A", "B"]
    measures = outcome_measures(election, result)
    assert measures.voters == 5
    assert (measures.voters_with_funded, measures.share_with_funded) == (3, Fraction(3, 5))
    assert measures.average_funded == Fraction(4, 5)  # (2 + 1 + 1) / 5
    assert measures.average_funded_cost == Fraction(220, 5)
    assert measures.distribution == {0: 2, 1: 2, 2: 1}
    # Gini over 0, 0, 60, 60, 100 (sum 220): (n + 1 - 2 Σ v_i (n - i) / Σ v) / n
    # = (6 - 2 · (60·3 + 60·2 + 100·1) / 220) / 5 = (6 - 40/11) / 5 = 26/55.
    assert measures.gini == Fraction(26, 55)
    data = outcomes_to_dict(measures)
    assert (data["gini_exact"], data["share_with_funded"]) == ("26/55", "0.6")


def test_nobody_got_anything_gives_a_gini_of_zero():
    election = make_election(budget=10, projects={"A": 50}, ballots=[["A"], []],
                             vote_type="approval")
    measures = outcome_measures(election, allocate(election, rule="greedy"))
    assert (measures.voters_with_funded, measures.gini, measures.distribution) == (
        0, 0, {0: 2})


# -- upload warnings -----------------------------------------------------------------------

PB = """META
key;value
description;test
num_projects;{num_projects}
num_votes;{num_votes}
budget;1000
vote_type;approval
rule;{rule}
PROJECTS
project_id;cost;name;selected
1;600;Park;{s1}
2;400;Library;{s2}
3;1500;Bridge;0
4;100;Nobody's;0
VOTES
voter_id;vote
v1;1,2
v2;1,3
v3;2
"""


def pb(**fields) -> str:
    values = {"num_projects": 4, "num_votes": 3, "rule": "greedy", "s1": 1, "s2": 1}
    values.update(fields)
    return PB.format(**values)


def codes(text: str) -> list[str]:
    return [w.code for w in upload_warnings(parse_pabulib_text(text), text=text)]


def test_a_consistent_file_has_only_the_warnings_it_deserves():
    assert codes(pb()) == ["unsupported_projects", "projects_over_budget"]


def test_meta_counts_that_do_not_match_the_file():
    warnings = upload_warnings(parse_pabulib_text(pb(num_votes=5, num_projects=3)))
    assert warnings[0].code == "num_votes_mismatch"
    assert warnings[0].message == "META says num_votes is 5, but the file holds 3 votes."
    assert warnings[1].code == "num_projects_mismatch"
    assert warnings[1].message == "META says num_projects is 3, but the file lists 4 projects."


def test_projects_nobody_supported_and_projects_over_budget_are_named():
    warnings = {w.code: w for w in upload_warnings(parse_pabulib_text(pb()))}
    assert warnings["unsupported_projects"].projects == ["4"]
    assert "No voter supported project 4" in warnings["unsupported_projects"].message
    assert warnings["projects_over_budget"].projects == ["3"]
    assert warnings["projects_over_budget"].message == (
        "project 3 costs more than the whole budget of $1,000.")


def test_a_selected_column_that_disagrees_with_the_rule_says_which_projects_differ():
    text = pb(s2=0)  # greedy funds 1 (2 votes) and 2 (2 votes); the file marks only 1
    warning = next(w for w in upload_warnings(parse_pabulib_text(text), text=text)
                   if w.code == "selected_disagrees")
    assert warning.projects == ["2"]
    assert "chosen by the recount but not marked selected: project 2" in warning.message
    # A rule it cannot recount is not checked, and the count is never stopped.
    assert "selected_disagrees" not in codes(pb(s2=0, rule="greedy-threshold"))


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.stem)
def test_real_files_raise_no_false_alarm_about_selected(path):
    text = path.read_bytes()
    assert "selected_disagrees" not in [w.code for w in upload_warnings(load_pabulib(path),
                                                                          text=text)]


# -- .pb export ----------------------------------------------------------------------------


def test_a_typed_in_election_round_trips_through_pb():
    election = make_election(
        budget="1000.50",
        projects=[("1", 100, "Park; benches"), ("2", "250.25", 'Say "hi"'), ("x", 0)],
        ballots=[["1", "2"], ["2"], [], ["1", "x"]], vote_type="approval", currency="EUR")
    back = parse_pabulib_text(election_to_pabulib(election))
    assert back.projects == election.projects
    assert back.budget == Decimal("1000.50") and back.currency == "EUR"
    assert sorted(back.ballots) == sorted(election.ballots)
    assert back.meta["num_votes"] == "4" and back.meta["num_projects"] == "3"


def test_points_and_ranks_round_trip_and_a_result_fills_selected():
    ranked = make_election(budget=300, projects={"A": 100, "B": 200, "C": 150},
                           ballots=[["B", "A"], ["C"], ["A", "C", "B"]], vote_type="ordinal")
    back = parse_pabulib_text(election_to_pabulib(ranked))
    assert sorted(back.ballots) == sorted(ranked.ballots) and back.vote_type == "ordinal"
    points = make_election(budget=300, projects={"A": 100, "B": 200},
                           ballots=[{"A": 3, "B": 2}, {"B": 5}], vote_type="cumulative")
    assert sorted(parse_pabulib_text(election_to_pabulib(points)).ballots) == sorted(points.ballots)
    result = allocate(ranked, rule="greedy")
    text = election_to_pabulib(ranked, selected=result.selected, rule="greedy")
    assert "project_id;cost;name;selected" in text
    assert upload_warnings(parse_pabulib_text(text), text=text) == []


@pytest.mark.parametrize("path", bundled_files()[:6], ids=lambda p: p.stem)
def test_real_files_round_trip(path):
    election = load_pabulib(path)
    back = parse_pabulib_text(election_to_pabulib(election))
    assert back.projects == election.projects and back.budget == election.budget
    assert sorted(back.ballots) == sorted(election.ballots)
