"""Greedy by support: most support first, fund each project that still fits."""

from __future__ import annotations

from decimal import Decimal

from ..model import Election
from ..money import format_money
from ..tiebreaking import BY_PROJECT_ID, TieBreaking
from . import _common


def greedy(
    election: Election,
    *,
    tie_breaking: TieBreaking = BY_PROJECT_ID,
    support: str | None = None,
    max_ranks: int | None = None,
    currency: str | None = None,
):
    """Fund projects in order of support while they fit; skip one that does not and go on.

    Inputs: an election; ``support`` ``None`` reads ballots by their type (approval: number
    of ballots listing the project; cumulative/scoring: total points; ordinal: rank points
    L..1 with L = ``max_ranks``, else the file's max_length, else the longest ballot), or
    ``"approval"`` counts ballots listing the project for any ballot type.
    Output: an :class:`Allocation`. Projects with no support are never funded. Ties in
    support go to ``tie_breaking`` (default: project id as a string, as pabutools does) and
    are reported when the money cannot cover all tied projects.
    """
    options = {"support": support or "default", "max_ranks": max_ranks}
    result = _common.new_allocation("greedy", election, currency, options)
    if support == "approval" or election.vote_type in _common.APPROVAL:
        support = _common.approval_support(election)
        scores, rejected = dict(support.counts), list(support.rejected)
        unit = "votes"
    elif election.vote_type in _common.POINTS:
        scores, rejected = _common.total_points(election)
        unit = "points"
    else:
        limit = _common.rank_limit(election, max_ranks, None)
        scores, rejected = _common.rank_points(election, limit, reject_empty=False)
        unit = "rank points"
    result.rejected_ballots.extend(rejected)
    result.scores = scores
    fund_in_order(result, election, scores, unit, tie_breaking, election.budget)
    return result


def fund_in_order(result, election, scores, unit, tie_breaking, money: Decimal) -> Decimal:
    """Fund supported projects by descending score while they fit; return the money left."""
    symbol = result.currency
    ordered = sorted(
        (pid for pid in election.projects if scores.get(pid, 0) > 0),
        key=lambda pid: (-scores[pid], tie_breaking.key(pid)),
    )
    report_ties(result, election, scores, ordered, unit, tie_breaking, money)
    for pid in ordered:
        cost = election.projects[pid].cost
        name = _label(election, pid)
        if cost <= money:
            money -= cost
            result.selected.append(pid)
            result.funded[pid] = cost
            result.steps.append(
                f"{name} ({scores[pid]} {unit}) costs {format_money(cost, symbol)}; "
                f"funded; {format_money(money, symbol)} remains"
            )
        else:
            result.steps.append(
                f"{name} ({scores[pid]} {unit}) costs {format_money(cost, symbol)}; "
                f"only {format_money(money, symbol)} remains: skipped"
            )
    unsupported = [pid for pid in election.projects if scores.get(pid, 0) <= 0]
    if unsupported:
        result.steps.append(
            "No support, never funded: " + ", ".join(_label(election, p) for p in unsupported)
        )
    result.leftover = money
    result.steps.append(f"{format_money(money, symbol)} is left over")
    return money


def report_ties(result, election, scores, ordered, unit, tie_breaking, money) -> None:
    """Flag equal scores among projects that the money left cannot all cover.

    Simulates the order to know the money left when each tied group is reached.
    """
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and scores[ordered[end + 1]] == scores[ordered[index]]:
            end += 1
        group = ordered[index : end + 1]
        costs = [election.projects[pid].cost for pid in group]
        if len(group) > 1 and sum(costs) > money and min(costs) <= money:
            result.ties.append(list(group))
            result.steps.append(
                f"Tie: {', '.join(_label(election, p) for p in group)} have "
                f"{scores[group[0]]} {unit} each and the "
                f"{format_money(money, result.currency)} left cannot cover them all; "
                f"broken by {tie_breaking.description}"
            )
        for cost in costs:
            if cost <= money:
                money -= cost
        index = end + 1


def _label(election: Election, pid: str) -> str:
    return pid
