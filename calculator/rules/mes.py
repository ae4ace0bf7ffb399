"""The Method of Equal Shares as a rule: options, the add1 completion and the explanation.

The run itself is in ``equal_shares.py`` (with a plain reference version in
``mes_reference.py``), the add1 search for the starting budget in ``mes_add1.py``.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..exceptions import InvalidOptionError
from ..model import Election
from ..money import format_money
from ..tiebreaking import BY_PROJECT_ID, TieBreaking
from . import _common
from .equal_shares import Profile, Run, build_profile, run_equal_shares
from .mes_add1 import equal_shares_add1

__all__ = ["Profile", "Run", "build_profile", "complete_greedily", "equal_shares_add1", "mes",
           "run_equal_shares"]

UTILITIES = ("cost", "cardinality")
COMPLETIONS = (None, "add1")


def complete_greedily(profile: Profile, chosen: list[int], utility: str) -> list[int]:
    """pabutools' greedy_utilitarian_welfare after MES: most supporters first (cost
    utility) or most supporters per unit of cost (cardinality utility); fund what fits."""
    taken = set(chosen)
    left = profile.budget - sum(profile.costs[j] for j in chosen)
    candidates = [j for j, n in enumerate(profile.counts) if n > 0 and j not in taken]

    def density(j):  # total utility per unit of cost, as pabutools' satisfaction_density
        if utility == "cost":
            return Fraction(profile.counts[j]) if profile.costs[j] else Fraction(0)
        if profile.costs[j] == 0:
            return math.inf
        return Fraction(profile.counts[j]) / profile.costs[j]

    added = []
    for j in sorted(candidates, key=lambda j: (-density(j), profile.keys[j])):
        if profile.costs[j] <= left:
            left -= profile.costs[j]
            added.append(j)
    return added


def mes(
    election: Election,
    *,
    tie_breaking: TieBreaking = BY_PROJECT_ID,
    utility: str = "cost",
    completion: str | None = None,
    currency: str | None = None,
):
    """Method of Equal Shares on any ballot type (a voter supports every listed project).

    Inputs: an election; ``utility`` ``"cost"`` (a voter's satisfaction is the cost of the
    funded projects they support) or ``"cardinality"`` (their number); ``completion`` None or
    ``"add1"`` (raise each voter's budget one currency unit at a time as pabutools'
    ``voter_budget_increment=1``, then fill the rest greedily with the same utility).
    Each voter starts with budget / number of voters (empty ballots count as voters, as in
    pabutools). Output: an :class:`Allocation`; ties go to ``tie_breaking`` and are reported.
    Supported projects costing nothing are funded first with cardinality utility; with cost
    utility they give their supporters nothing, so Equal Shares never funds them (add1's
    greedy completion adds them last, as pabutools does).
    Matches pabutools 1.2.3 ``method_of_equal_shares`` (and ``completion_by_rule_combination``
    with ``greedy_utilitarian_welfare`` for add1) except that unsupported projects are never
    funded.
    """
    if utility not in UTILITIES:
        raise InvalidOptionError(f"utility must be one of {', '.join(UTILITIES)}")
    if completion not in COMPLETIONS:
        raise InvalidOptionError("completion must be None or 'add1'")
    options = {"utility": utility, "completion": completion}
    result = _common.new_allocation("mes", election, currency, options)
    profile, counts, rejected = build_profile(election, utility, tie_breaking)
    result.rejected_ballots.extend(rejected)
    result.scores = counts
    symbol = result.currency
    if profile.num_voters == 0:
        result.leftover = election.budget
        result.steps.append("No valid ballots: nothing is funded")
        result.details = {"per_voter_budget": Fraction(0), "equal_shares_order": [],
                          "completion_order": []}
        return result
    base = profile.budget / profile.num_voters
    if completion == "add1":
        run, per_voter, runs = equal_shares_add1(profile)
        result.steps.append(
            f"Each of the {profile.num_voters:,} voters starts with {format_money(base, symbol)}; "
            f"raising that by {format_money(1, symbol)} at a time, the last start that does not "
            f"overspend (or that leaves nothing else affordable) is "
            f"{format_money(per_voter, symbol)} ({runs} runs of the rule computed)"
        )
    else:
        run = run_equal_shares(profile, base)
        per_voter = base
        result.steps.append(
            f"Each of the {profile.num_voters:,} voters starts with {format_money(base, symbol)}"
        )
    _explain_run(result, election, profile, run, tie_breaking)
    chosen = list(run.selected)
    added: list[int] = []
    if completion == "add1":
        added = complete_greedily(profile, chosen, utility)
        order = "most supporters" if utility == "cost" else "most supporters per unit of cost"
        left = profile.budget - sum(profile.costs[j] for j in chosen)
        result.steps.append(
            f"Completion: {format_money(left, symbol)} is left; projects are added by {order} "
            "while they fit"
        )
        for j in added:
            left -= profile.costs[j]
            result.steps.append(
                f"{profile.ids[j]} ({profile.counts[j]} supporters) costs "
                f"{format_money(election.projects[profile.ids[j]].cost, symbol)}; funded; "
                f"{format_money(left, symbol)} remains"
            )
        chosen.extend(added)
    money = election.budget
    for j in chosen:
        pid = profile.ids[j]
        result.selected.append(pid)
        result.funded[pid] = election.projects[pid].cost
        money -= election.projects[pid].cost
    free = [pid for j, pid in enumerate(profile.ids)
            if counts[pid] and profile.costs[j] == 0 and utility == "cost"]
    if free:
        result.steps.insert(
            1, f"{', '.join(free)} cost{'s' if len(free) == 1 else ''} nothing: with cost utility "
            "a project gives its supporters its cost, here nothing, so Equal Shares does not fund "
            f"{'it' if len(free) == 1 else 'them'}"
            + (" (the completion may)" if completion == "add1" else ""),
        )
    unsupported = [pid for pid in election.projects if counts[pid] == 0]
    if unsupported:
        result.steps.append("No support, never funded: " + ", ".join(unsupported))
    result.leftover = money
    result.steps.append(f"{format_money(money, symbol)} is left over")
    result.options["per_voter_budget"] = format_money(per_voter, symbol)
    if completion == "add1":
        result.options["budget_raises"] = int(per_voter - base)
    result.details = {
        "per_voter_budget": per_voter,
        "equal_shares_order": [profile.ids[j] for j in run.selected],
        "completion_order": [profile.ids[j] for j in added],
    }
    return result


def _explain_run(result, election, profile, run, tie_breaking):
    symbol = result.currency
    tie_rounds = {tuple(t)[0]: t for t in run.ties}
    for j, pay in zip(run.selected, run.payments, strict=True):
        pid = profile.ids[j]
        cost = election.projects[pid].cost
        if cost == 0:
            result.steps.append(f"{pid} costs nothing and has support: funded first")
            continue
        tie = tie_rounds.get(j)
        if tie:
            ids = [profile.ids[k] for k in tie]
            result.ties.append(ids)
            result.steps.append(
                f"Tie: {', '.join(ids)} are equally affordable; broken by "
                f"{tie_breaking.description}"
            )
        result.steps.append(
            f"{pid} costs {format_money(cost, symbol)}; its {profile.counts[j]:,} supporters "
            f"pay at most {format_money(pay, symbol)} each: funded"
        )
