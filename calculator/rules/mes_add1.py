"""The add1 completion's search for the starting budget (pabutools' iterated Equal Shares
with ``voter_budget_increment=1``).

pabutools raises every voter's starting budget by one currency unit and runs Equal Shares
again, until the outcome overspends (it keeps the previous one) or leaves no project of the
rule's affordable (it keeps this one). On large budgets that is thousands of runs. This
search gives the same stopping unit with far fewer: :func:`stays_open_throughout` proves
for a whole range of starting budgets at once that the loop would go on through it, and
:func:`equal_shares_add1` skips every range so proved, running the rule only where it must.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from fractions import Fraction

from .equal_shares import Profile, Run, affordability, run_equal_shares, share

# The add1 search: the fewest units a check covers (a run tells one unit exactly, for about
# what a check costs per unit), the most courses one check follows, and the pricing credit
# of its checks: at first one run's histograms, then an eighth of a run's for each run, plus
# every run a successful check saved. Failed checks so cost at most one run more than the
# unit-step loop, plus an eighth of each run, and successful ones pay for themselves.
MIN_SPAN = 2
MAX_COURSES = 8
FIRST_CREDIT_RUNS = 1
CREDIT_PER_RUN = 8  # a run adds 1/CREDIT_PER_RUN of its histograms


def equal_shares_add1(profile: Profile, *, naive: bool = False):
    """pabutools' iterated MES (voter_budget_increment=1): raise every voter's starting
    budget by one currency unit until the outcome overspends (keep the previous one) or no
    further supported project fits (keep this one).

    Instead of one MES run per unit, ranges of units are checked at once
    (stays_open_throughout): a range where every start provably neither overspends nor
    closes the budget is skipped, since the unit-step loop would not stop in it. The range
    doubles after a success; after a failure the search halves toward the failed range's
    start, and runs a unit when a check could cover fewer than MIN_SPAN of them. Checks spend
    a credit of supporter histograms (see CREDIT_PER_RUN), so that on files where the
    outcome changes at nearly every unit the search costs little more than the unit-step
    loop. The stopping unit is always found by a run, so the outcome is the unit-step one.
    ``naive=True`` steps one unit at a time (used by the tests).
    Returns (final run, its per-voter budget, MES runs computed).
    """
    base = profile.budget / profile.num_voters
    raise_by = runs = credit = 0
    stride = MIN_SPAN  # units the next check covers while no range failed
    failed_to = None  # the last unit of the last range a check failed on
    last: tuple[int, Run] | None = None  # the last run and its raise
    while True:
        if failed_to is not None and raise_by > failed_to:
            failed_to = None
        span = stride if failed_to is None else (failed_to - raise_by + 1) // 2
        per_run = last[1].pricings if last else 0
        if not naive and span >= MIN_SPAN and credit >= per_run > 0:
            shown, used = stays_open_throughout(
                profile, base + raise_by, base + raise_by + span - 1,
                max_pricings=min(span * per_run, credit),
            )
            credit -= used
            if shown:
                credit += span * per_run
                raise_by += span
                if failed_to is None:
                    stride *= 2
            else:
                failed_to = raise_by + span - 1
                stride = max(MIN_SPAN, span // 2)
            continue
        per_voter = base + raise_by
        run = run_equal_shares(profile, per_voter)
        runs += 1
        if profile.overspends(run.selected):  # never at the first unit: n voters hold the budget
            if last is None or last[0] != raise_by - 1:
                last = (raise_by - 1, run_equal_shares(profile, per_voter - 1))
                runs += 1
            return last[1], per_voter - 1, runs
        if not profile.leaves_budget_open(run.selected):
            return run, per_voter, runs
        credit += (run.pricings * FIRST_CREDIT_RUNS if last is None
                   else run.pricings // CREDIT_PER_RUN)
        last = (raise_by, run)
        raise_by += 1


# Budgets in the interval check live on a grid this much finer than their natural common
# denominator; each round rounds them outward by at most one grid step.
_GRID = 2**16


def stays_open_throughout(
    profile: Profile, low: Fraction, high: Fraction, *, max_pricings: int
) -> tuple[bool, int]:
    """Whether MES, started at any per-voter budget from ``low`` to ``high``, spends at most
    the budget and leaves some supported project unfunded that would still fit (so that
    add1's unit-step loop would not stop there); and the supporter histograms this counted.
    False when that cannot be shown within ``max_pricings`` histograms (it may still be so).

    Interval arithmetic over every possible course of the rule: each group's budget is kept
    between a lower and an upper bound valid over the whole range. A payment only grows when
    budgets shrink, so the one computed from the upper bounds is the least it can be and the
    one from the lower bounds the most. A round may be won by any project whose least
    affordability ρ does not exceed the largest ρ of the project that surely stays
    affordable with the least such ρ (ties: tie-breaking); when several may win, each is
    followed as its own course (at most MAX_COURSES). A project unaffordable even at the
    upper bounds is out for good, as budgets only shrink; where no project surely stays
    affordable, the rule may stop, so the projects funded so far must leave the budget open.
    Bounds are integers over one scale, rounded outward after each payment; the answer is
    exact, never a float estimate.
    """
    costs, utilities, keys = profile.costs, profile.utilities, profile.keys
    counts = profile.counts
    upfront, active_list = profile.upfront_and_active
    scale = math.lcm(low.denominator, high.denominator, profile.cost_scale) * _GRID
    cost_of = [c.numerator * (scale // c.denominator) for c in costs]

    start = _Course(
        budgets=[0] * len(profile.group_sizes),
        lows=[low.numerator * (scale // low.denominator), 0],  # state 1 is "spent all"
        highs=[high.numerator * (scale // high.denominator), 0],
        # A lower bound of each project's ρ, exact once priced: ρ only grows as budgets
        # shrink, so a bound found earlier in a course stays one. The first is ρ with all
        # supporters paying alike, which no start budget can beat.
        bounds={j: key for key, j in profile.first_heap},
        selected=list(upfront),
    )
    pending = [start]
    courses = pricings = 0
    while pending:
        course = pending.pop()
        courses += 1
        budgets, lows, highs, bounds = course.budgets, course.lows, course.highs, course.bounds
        hists, least, worst = course.hists, course.least, course.worst
        while True:
            heap = [(key, j) for j, key in bounds.items()]
            heapq.heapify(heap)
            cap = None  # (largest ρ, project) of the surely affordable project with the least
            contenders = []
            while heap and (cap is None or heap[0][0] <= cap[0]):
                _, j = heapq.heappop(heap)
                if j not in least:  # not priced since its supporters last paid
                    pricings += 1
                    if pricings > max_pricings:
                        return False, pricings
                    hist = hists[j] = profile.histogram(j, budgets)
                    found = share(hist, highs, cost_of[j], counts[j])
                    if found is None:  # unaffordable even at the upper bounds: out for good
                        del bounds[j]
                        continue
                    least[j] = found
                    bounds[j] = affordability(found, scale, utilities[j])
                    heapq.heappush(heap, (bounds[j], j))
                    continue
                contenders.append(j)
                if j not in worst:
                    found = share(hists[j], lows, cost_of[j], counts[j])
                    if found is None:
                        worst[j] = None
                    else:
                        worst[j] = (affordability(found, scale, utilities[j]), found)
                if worst[j] is not None and (
                    cap is None or (worst[j][0], keys[j]) < (cap[0], keys[cap[1]])
                ):
                    cap = (worst[j][0], j)
            if cap is None and not profile.leaves_budget_open(course.selected):
                return False, pricings  # the rule may stop here, with the budget closed
            winners = [
                w for w in contenders
                if cap is None or (bounds[w], keys[w]) <= (cap[0], keys[cap[1]])
            ]
            if not winners:
                break
            for w in winners[1:]:
                if courses + len(pending) >= MAX_COURSES:
                    return False, pricings
                other = course.copy()
                _fund_within_bounds(profile, w, other)
                pending.append(other)
            _fund_within_bounds(profile, winners[0], course)
    return True, pricings


@dataclass
class _Course:
    """One possible course of MES over a range of starting budgets (stays_open_throughout):
    each group's budget state, the lower and upper bound of each state, what is known of
    each active project's ρ, and the projects funded so far. A project's supporter histogram,
    its least payment (from the upper bounds) and its most (from the lower bounds; None if it
    may be unaffordable there) are kept until one of its supporters pays, as its run
    counterpart keeps a clean project's price: bounds of a state never change once made."""

    budgets: list[int]
    lows: list[int]
    highs: list[int]
    bounds: dict[int, tuple]
    selected: list[int]
    hists: dict[int, dict[int, int]] = field(default_factory=dict)
    least: dict[int, tuple[int, int]] = field(default_factory=dict)
    worst: dict[int, tuple | None] = field(default_factory=dict)  # (largest ρ, payment)

    def copy(self) -> _Course:
        return _Course(list(self.budgets), list(self.lows), list(self.highs),
                       dict(self.bounds), list(self.selected),
                       dict(self.hists), dict(self.least), dict(self.worst))


def _fund_within_bounds(profile: Profile, w: int, course: _Course) -> None:
    """Fund ``w`` on ``course``: its supporters keep at least lower bound - most payment
    (rounded down; 0 if it may be unaffordable at the lower bounds) and at most upper bound -
    least payment (rounded up)."""
    lows, highs = course.lows, course.highs
    pay_least, rest_least = course.least[w]
    most = course.worst[w]
    # Bounds are integers, so rounding bound - P / rest outward is bound minus P // rest
    # (upper) or minus P / rest rounded up (lower): one division per funding, not per state.
    least_paid = pay_least // rest_least
    most_paid = None if most is None else -(-most[1][0] // most[1][1])
    moved = {}
    for old in course.hists[w]:  # the states of w's supporters, current since w was priced
        left_high = highs[old] - least_paid
        if left_high <= 0:
            moved[old] = 1
            continue
        moved[old] = len(lows)
        lows.append(0 if most_paid is None else max(0, lows[old] - most_paid))
        highs.append(left_high)
    states = course.budgets
    for group in profile.supporters[w]:
        states[group] = moved[states[group]]
    del course.bounds[w]
    changed = profile.neighbours(w)  # their supporters' budgets changed (w's among them)
    for known in (course.hists, course.least, course.worst):
        for j in changed & known.keys():  # what is known of them, not all of them
            del known[j]
    course.selected.append(w)
