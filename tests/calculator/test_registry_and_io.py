"""RULES (shared by the web form and the bot), allocate's option checks, CSV and JSON."""

import gc
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import calculator
from calculator import (
    RULES,
    CsvFormatError,
    InvalidElectionError,
    InvalidOptionError,
    UnknownRuleError,
    allocate,
    load_csv,
    make_election,
    result_to_csv,
    result_to_dict,
)

ROOT = Path(calculator.__file__).resolve().parent.parent


def test_rules_describe_label_help_and_typed_options():
    assert set(RULES) == {"rank-and-rearrange", "greedy", "mes", "district"}
    mes = RULES["mes"]
    assert mes.label == "Method of Equal Shares" and mes.help
    assert mes.option("utility").choices == ("cost", "cardinality")
    assert mes.option("utility").default == "cost"
    assert RULES["rank-and-rearrange"].option("threshold").default == Decimal("0.75")


def test_unknown_rule_and_unknown_option_are_clear_errors():
    election = make_election(budget=10, projects={"A": 5}, ballots=[["A"]])
    with pytest.raises(UnknownRuleError, match="choose one of"):
        allocate(election, rule="lottery")
    with pytest.raises(InvalidOptionError, match="unknown option.*thresold.*accepted: threshold"):
        allocate(election, rule="rank-and-rearrange", thresold="0.5")
    with pytest.raises(InvalidOptionError, match="utility must be one of"):
        allocate(election, rule="mes", utility="joy")


def test_ballots_built_in_code_may_name_projects_by_number():
    # Project ids are strings; a ballot may still list them as numbers, and identical
    # ballots written either way are one group.
    election = make_election(budget=30, projects={"1": 10, "2": 20},
                             ballots=[[1, 2], ["1", "2"], [2], [3]], vote_type="ordinal")
    assert [(g.projects, g.voter_ids) for g in election.ballots] == [
        (("1", "2"), ("1", "2")), (("2",), ("3",))]
    assert election.rejected_ballots == [("4", "names unknown project '3'")]
    assert allocate(election, rule="greedy").scores == {"1": 4, "2": 4}  # rank points 2, 1


def test_options_typed_as_strings_from_a_form_are_read_exactly():
    election = make_election(budget=100, projects={"A": 80, "B": 90}, ballots=[["A", "B"]])
    result = allocate(election, rule="rank-and-rearrange", threshold="0.2",
                      declined="", leftover_recipients="X, Y", max_ranks="5")
    assert result.funded == {"A": Decimal(80), "B": Decimal(20)}
    with pytest.raises(InvalidOptionError, match="whole number"):
        allocate(election, rule="rank-and-rearrange", max_ranks="five")


def test_csv_projects_and_ranked_ballots_with_unknown_project_rejected():
    projects = "id,name,cost\nA,Park,300\nB,Library,200\nC,Bench,50\n"
    ballots = "A,B\nB,C\nZ\nB\n"
    election = load_csv(io.StringIO(projects), io.StringIO(ballots), budget=500)
    assert election.vote_type == "ordinal"
    result = allocate(election, rule="greedy", max_ranks=2)
    assert result.rejected_ballots == [("3", "names unknown project 'Z'")]
    assert result.scores == {"A": 2, "B": 5, "C": 1}
    assert result.selected == ["B", "A"]


def test_csv_points_ballots_become_cumulative():
    election = load_csv("id,cost\nA,10\nB,10\n", "voter_id,votes\nann,A:3,B:1\nbob,B:2\n",
                        budget=10)
    assert election.vote_type == "cumulative"
    assert allocate(election, rule="greedy").scores == {"A": 3, "B": 3}


@pytest.mark.parametrize(
    ("projects", "ballots", "message"),
    [
        ("id,cost\nA,ten\n", "A\n", "projects file, line 2: cost 'ten' is not a number"),
        ("id,cost\nA,1\nA,2\n", "A\n", "projects file, line 3: duplicate project id 'A'"),
        ("name,price\nA,1\n", "A\n", "projects file, line 1: the header needs"),
        ("id,cost\nA,1\n", "A\nA:x\n", "ballots file, line 2: points 'x' is not a number"),
    ],
)
def test_csv_errors_name_the_file_and_line(projects, ballots, message):
    with pytest.raises(CsvFormatError) as caught:
        load_csv(projects, ballots, budget=10)
    assert str(caught.value).startswith(message)


def test_result_as_json_has_amounts_as_decimal_strings_and_as_csv():
    election = make_election(budget=Decimal("100.50"), projects={"A": Decimal("60.25"), "B": 50},
                             ballots=[["A", "B"]], vote_type="approval")
    result = allocate(election, rule="greedy")
    data = json.loads(json.dumps(result_to_dict(result)))
    assert data["funded"] == {"A": "60.25"}
    assert data["leftover"] == "40.25"
    text = result_to_csv(result, names={"A": "Park"})
    assert text.splitlines()[1] == "A,Park,1,yes,60.25,1"
    assert text.splitlines()[-1] == "leftover,,,,40.25,"


def test_every_calculator_module_imports_without_django_or_telegram():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "calculator").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'telegram'))\n"
        "print(len(sys.modules)); assert not bad, bad\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(modules) >= 10


def test_reading_and_counting_leave_the_garbage_collector_alone(monkeypatch):
    # The calculator runs inside web workers and the bot's threads: it must not switch
    # Python's collector off or freeze objects, not even for a moment.
    def refuse(*args):
        raise AssertionError("the calculator changed the garbage collector's state")

    for name in ("disable", "enable", "freeze", "unfreeze", "set_threshold"):
        monkeypatch.setattr(gc, name, refuse)
    text = ("META\nkey;value\nbudget;10\nvote_type;ordinal\nPROJECTS\nproject_id;cost\nA;5\nB;5\n"
            "VOTES\nvoter_id;vote\n1;A,B\n2;B\n")
    election = calculator.parse_pabulib_text(text)
    for rule in ("greedy", "rank-and-rearrange", "mes"):
        assert allocate(election, rule=rule).selected
    assert allocate(election, rule="mes", completion="add1").selected
    assert make_election(budget=10, projects={"A": 5}, ballots=[["A"], ["A"]]).num_voters == 2


@pytest.mark.parametrize("value", [-3, 0, 2.5, "5"])
def test_an_invalid_max_length_in_code_is_refused_as_the_option_is(value):
    with pytest.raises(InvalidElectionError, match="max_length must be a whole number"):
        make_election(budget=10, projects={"A": 5}, ballots=[["A"]], max_length=value)
