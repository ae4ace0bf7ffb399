"""``manage.py tally``: the same result as ``calculator.allocate``, as text or JSON."""

import json
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from calculator import allocate, format_money, load_pabulib, result_to_dict
from tests.pabulib_files import BUNDLED_DIR

PABULIB = BUNDLED_DIR
RANKED = PABULIB / "Poland_Krakow_2024_Zwierzyniec.pb"
APPROVAL = PABULIB / "Poland_Zabrze_2020_Zandka.pb"
ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> str:
    out = StringIO()
    call_command("tally", *map(str, args), stdout=out)
    return out.getvalue()


def test_json_output_is_the_allocate_result_with_decimal_strings():
    printed = json.loads(run(RANKED, "--json", "--threshold", "0.75",
                             "--leftover-recipients", "Charity A", "Charity B"))
    expected = allocate(load_pabulib(RANKED), rule="rank-and-rearrange", threshold="0.75",
                        leftover_recipients=["Charity A", "Charity B"])
    assert printed == result_to_dict(expected)
    assert all(isinstance(amount, str) for amount in printed["funded"].values())


@pytest.mark.parametrize(("rule", "options", "kwargs"), [
    ("greedy", [], {}),
    ("mes", ["--utility", "cardinality", "--completion", "add1"],
     {"utility": "cardinality", "completion": "add1"}),
])
def test_json_output_matches_allocate_for_each_rule(rule, options, kwargs):
    printed = json.loads(run(APPROVAL, "--rule", rule, "--json", *options))
    assert printed == result_to_dict(allocate(load_pabulib(APPROVAL), rule=rule, **kwargs))


def test_text_output_lists_funded_amounts_leftover_and_every_step():
    text = run(RANKED, "--max-ranks", "5", "--declined", "BO.D7.48/24")
    expected = allocate(load_pabulib(RANKED), rule="rank-and-rearrange", max_ranks=5,
                        declined=["BO.D7.48/24"])
    funded_lines = [line for line in text.splitlines() if line.startswith("  ") and "PLN" in line
                    and line.split()[0].isdigit()]
    assert [line.split()[1] for line in funded_lines] == expected.selected
    for line, pid in zip(funded_lines, expected.selected, strict=True):
        granted = format_money(expected.funded[pid], expected.currency)
        partial = " (partial)" if pid in expected.partial else ""
        assert line.rstrip().endswith(granted + partial)
    assert f"Left over: {format_money(expected.leftover, expected.currency)}" in text
    for step in expected.steps:
        assert step in text
    assert "who declined" in text


def test_budget_option_replaces_the_files_budget():
    printed = json.loads(run(APPROVAL, "--rule", "greedy", "--budget", "60000", "--json"))
    election = load_pabulib(APPROVAL)
    election.budget = Decimal("60000")
    assert printed["budget"] == "60000"
    assert printed == result_to_dict(allocate(election, rule="greedy"))


def test_option_of_another_rule_is_refused_with_the_options_that_apply():
    with pytest.raises(CommandError, match="--threshold does not apply to the greedy rule.*"
                                           "--support"):
        run(APPROVAL, "--rule", "greedy", "--threshold", "0.5")


def test_broken_file_is_refused_with_its_line(tmp_path):
    broken = tmp_path / "broken.pb"
    broken.write_text("META\nkey;value\nbudget;1000\nPROJECTS\nproject_id;cost\n1;lots\n"
                      "VOTES\nvoter_id;vote\n1;1\n")
    with pytest.raises(CommandError, match="Line 6"):
        run(broken, "--rule", "greedy")


def test_errors_go_to_stderr_with_a_non_zero_exit_and_no_traceback(tmp_path):
    missing = tmp_path / "missing.pb"
    done = subprocess.run([sys.executable, "manage.py", "tally", str(missing)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert done.stdout == ""
    assert "cannot read" in done.stderr and "missing.pb" in done.stderr
    assert "Traceback" not in done.stderr


def test_explain_prints_every_projects_reason_the_leftover_and_the_outcome_measures():
    from calculator.explain import explain

    text = run(APPROVAL, "--rule", "mes", "--explain")
    election = load_pabulib(APPROVAL)
    explanation = explain(election, allocate(election, rule="mes"))
    for item in explanation.projects:
        assert f"  - {item.sentence}" in text
    assert f"Money left: {explanation.leftover.sentence}" in text
    assert "Equal Shares rounds (each voter starts with" in text
    assert "Voters with at least one funded project they supported:" in text
    assert "Gini coefficient of satisfaction (cost):" in text


def test_explain_with_json_adds_explanations_outcomes_and_warnings():
    printed = json.loads(run(RANKED, "--json", "--explain"))
    election = load_pabulib(RANKED)
    expected = allocate(election, rule="rank-and-rearrange")
    assert {key: printed[key] for key in result_to_dict(expected)} == result_to_dict(expected)
    kinds = {row["project"]: row["kind"] for row in printed["explanation"]["projects"]}
    assert set(kinds) == set(election.projects)
    assert {kinds[pid] for pid in expected.selected} <= {"rr_funded", "rr_offer_accepted"}
    assert printed["outcomes"]["voters"] == election.num_voters
    assert isinstance(printed["warnings"], list)


def test_without_explain_the_json_is_the_result_alone():
    printed = json.loads(run(APPROVAL, "--rule", "greedy", "--json"))
    assert "explanation" not in printed
