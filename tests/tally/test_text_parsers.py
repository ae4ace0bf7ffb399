"""The parsers behind typed votes (website form and bot): amounts, project lines, ballot lines.

Each case is what a person types; a mistake must name its line and say what to send instead.
"""

from decimal import Decimal

import pytest

from tally.services import (
    MAX_BALLOTS,
    TallyInputError,
    parse_amount,
    parse_ballots,
    parse_budget,
    parse_projects,
)


@pytest.mark.parametrize(("typed", "amount"), [
    ("480000", Decimal("480000")),
    ("$480,000", Decimal("480000")),
    ("480 000", Decimal("480000")),
    ("480.000", Decimal("480000")),
    ("1.234.567,89", Decimal("1234567.89")),
    ("1,234,567.89", Decimal("1234567.89")),
    ("1,5", Decimal("1.5")),
    ("125k", Decimal("125000")),
    ("1.5m", Decimal("1500000")),
    ("EUR 2500", Decimal("2500")),
    ("R$ 300", Decimal("300")),
    ("2500 USD", Decimal("2500")),
    ("\u00a0750\u00a0", Decimal("750")),
])
def test_amounts_are_read_as_people_write_them(typed, amount):
    assert parse_amount(typed, what="The cost") == amount


@pytest.mark.parametrize("typed", ["", "abc", "12-3", "Infinity", "NaN", "1e999999999"])
def test_an_amount_that_is_not_a_number_is_refused_with_its_text(typed):
    with pytest.raises(TallyInputError) as error:
        parse_amount(typed, what="The cost", line=4)
    assert error.value.line == 4
    assert "Line 4" in str(error.value)


def test_an_amount_beyond_the_limits_is_refused():
    with pytest.raises(TallyInputError, match="too large or too small"):
        parse_amount("1e16", what="The budget")


@pytest.mark.parametrize("typed", ["0", "-5"])
def test_the_budget_must_be_above_zero(typed):
    with pytest.raises(TallyInputError, match="more than 0"):
        parse_budget(typed)


def test_project_lines_give_names_and_exact_costs_and_skip_blank_lines():
    typed = "Playground; 100000\n\n  Library books ; $12,500.50 \nBike lanes;;80k\n"
    assert parse_projects(typed) == [
        ("Playground", Decimal("100000")),
        ("Library books", Decimal("12500.50")),
        ("Bike lanes", Decimal("80000")),
    ]


@pytest.mark.parametrize(("typed", "line", "problem"), [
    ("Playground 100000", 1, "has no “;”"),
    ("Playground; 10\n; 5", 2, "has no name"),
    ("Playground; -10", 1, "cannot be negative"),
    ("Playground; 10\nplayground; 20", 2, "listed twice"),
    ("Playground; lots", 1, "is not a number"),
])
def test_a_wrong_project_line_is_named(typed, line, problem):
    with pytest.raises(TallyInputError) as error:
        parse_projects(typed)
    assert error.value.line == line
    assert problem in error.value.problem


def test_an_empty_project_list_is_refused():
    with pytest.raises(TallyInputError, match="empty"):
        parse_projects("\n  \n")


PROJECTS = ["Playground", "Library books", "Bike lanes"]


def test_ballots_name_projects_by_name_or_number_in_any_case_with_several_separators():
    ballots, has_points = parse_ballots("playground, 3\nLibrary books > Playground\n2;1", PROJECTS)
    assert not has_points
    assert ballots == [
        ["Playground", "Bike lanes"],
        ["Library books", "Playground"],
        ["Library books", "Playground"],
    ]


def test_a_multiplier_counts_identical_ballots():
    ballots, _ = parse_ballots("12 x Playground, Bike lanes\n3 × 2", PROJECTS)
    assert ballots.count(["Playground", "Bike lanes"]) == 12
    assert ballots.count(["Library books"]) == 3
    assert len(ballots) == 15


def test_points_ballots_become_project_to_points_maps():
    ballots, has_points = parse_ballots("Playground:3, Bike lanes:2\n2 x Library books:5", PROJECTS)
    assert has_points
    assert ballots == [
        {"Playground": Decimal(3), "Bike lanes": Decimal(2)},
        {"Library books": Decimal(5)},
        {"Library books": Decimal(5)},
    ]


@pytest.mark.parametrize(("typed", "line", "problem", "hint"), [
    ("Playground\nSwimming pool", 2, "is not one of the projects", "Playground, Library books"),
    ("Playground\n4", 2, "is not one of the projects", "Playground, Library books"),
    ("Playground:3, Bike lanes", 1, "some projects have points and others do not", "name:points"),
])
def test_a_wrong_ballot_line_is_named_with_how_to_write_it(typed, line, problem, hint):
    with pytest.raises(TallyInputError) as error:
        parse_ballots(typed, PROJECTS)
    assert error.value.line == line
    assert problem in error.value.problem
    assert hint in error.value.hint


def test_ballots_mixing_points_and_plain_lists_are_refused():
    with pytest.raises(TallyInputError, match="some ballots give points and others do not"):
        parse_ballots("Playground:3\nBike lanes", PROJECTS)


def test_no_ballots_is_refused():
    with pytest.raises(TallyInputError, match="no ballots"):
        parse_ballots("\n", PROJECTS)


def test_a_multiplier_beyond_the_ballot_limit_is_refused_before_any_memory_is_used():
    with pytest.raises(TallyInputError) as error:
        parse_ballots(f"{MAX_BALLOTS + 1} x Playground", PROJECTS)
    assert error.value.line == 1
