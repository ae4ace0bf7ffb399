"""The Method of Equal Shares written plainly, to check the fast version against.

One voter at a time, every remaining project priced in every round, exact Fractions
throughout, the add1 completion one currency unit at a time: clear rather than fast, as
pabutools keeps a naive MES beside its own. The tests compare it with ``equal_shares.py``
and ``mes_add1.py`` on random elections; the site runs those.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction


def utility_of(cost: Fraction, utility: str) -> Fraction:
    """What a supporter gains from a funded project: its cost, or 1 (cardinality)."""
    return cost if utility == "cost" else Fraction(1)


def affordability(cost: Fraction, gain: Fraction, budgets: Sequence[Fraction]) -> Fraction | None:
    """The smallest ρ such that supporters with ``budgets``, each paying min(budget, ρ · gain),
    pay ``cost`` together; None when all their money is not enough."""
    if sum(budgets) < cost:
        return None
    paid = Fraction(0)
    left = len(budgets)
    for budget in sorted(budgets):
        equal_part = (cost - paid) / left  # what each one from here on pays, if they can
        if equal_part <= budget:
            return equal_part / gain
        paid += budget  # this supporter pays all they have
        left -= 1
    raise AssertionError("unreachable: the supporters' money covers the cost")


def equal_shares(
    costs: dict[str, Fraction],
    ballots: Sequence[set[str]],
    per_voter: Fraction,
    utility: str,
    tie_order: Sequence[str],
) -> list[str]:
    """The projects one run of Equal Shares funds, in order.

    ``costs``: every project's cost; ``ballots``: each voter's supported projects (empty
    ones count as voters); ``per_voter``: every voter's starting budget; ``utility``:
    ``"cost"`` or ``"cardinality"``; ``tie_order``: all project ids, a tie going to the
    earliest. Projects costing nothing that give their supporters something are funded
    first; then each round funds the project with the smallest affordability.
    """
    budgets = [per_voter] * len(ballots)
    supporters = {p: [i for i, ballot in enumerate(ballots) if p in ballot] for p in costs}
    candidates = [p for p in tie_order
                  if supporters[p] and utility_of(costs[p], utility) > 0]
    funded = [p for p in candidates if costs[p] == 0]
    remaining = [p for p in candidates if costs[p] > 0]
    while True:
        best, best_rho = None, None
        for p in remaining:  # in tie order, so a later project must be strictly better
            rho = affordability(costs[p], utility_of(costs[p], utility),
                                [budgets[i] for i in supporters[p]])
            if rho is not None and (best_rho is None or rho < best_rho):
                best, best_rho = p, rho
        if best is None:
            return funded
        payment = best_rho * utility_of(costs[best], utility)
        for i in supporters[best]:
            budgets[i] -= min(budgets[i], payment)
        funded.append(best)
        remaining.remove(best)


def equal_shares_add1(
    costs: dict[str, Fraction],
    ballots: Sequence[set[str]],
    budget: Fraction,
    utility: str,
    tie_order: Sequence[str],
) -> tuple[list[str], Fraction, list[str]]:
    """Equal Shares with the add1 completion, as pabutools runs it: raise every voter's
    starting budget by one unit until the outcome overspends (keep the previous one) or
    leaves no project of the rule (supported, with a cost) that still fits; then add
    projects greedily by total utility per unit of cost while they fit.

    Returns (the Equal Shares projects, the per-voter budget used, the projects added).
    """
    per_voter = budget / len(ballots)
    rule_projects = [p for p in costs if costs[p] > 0 and any(p in b for b in ballots)]
    previous = None
    while True:
        funded = equal_shares(costs, ballots, per_voter, utility, tie_order)
        left = budget - sum(costs[p] for p in funded)
        if left < 0:
            funded, per_voter = previous  # never at the first unit: the voters hold the budget
            break
        if not any(p not in funded and costs[p] <= left for p in rule_projects):
            break
        previous = (funded, per_voter)
        per_voter += 1
    return funded, per_voter, complete_greedily(costs, ballots, budget, utility, tie_order,
                                                funded)


def complete_greedily(costs, ballots, budget, utility, tie_order, funded) -> list[str]:
    """pabutools' greedy_utilitarian_welfare after Equal Shares, over supported projects:
    by total utility per unit of cost (a project costing nothing: first if that utility is
    positive, last if it is zero), ties in ``tie_order``; fund each that fits."""
    def density(p):
        total = sum(utility_of(costs[p], utility) for ballot in ballots if p in ballot)
        if total == 0:
            return Fraction(0)
        return total / costs[p] if costs[p] else math.inf

    left = budget - sum(costs[p] for p in funded)
    candidates = [p for p in tie_order
                  if p not in funded and any(p in ballot for ballot in ballots)]
    added = []
    for p in sorted(candidates, key=lambda p: (-density(p), tie_order.index(p))):
        if costs[p] <= left:
            added.append(p)
            left -= costs[p]
    return added
