"""Method of Equal Shares (Peters and Skowron 2020; Peters, Pierczyński and Skowron 2021).

Exact arithmetic with :class:`fractions.Fraction`. Voters with the same set of supported
projects always hold the same budget, so the rule runs over groups of identical ballots; a
project's histogram ``{budget: number of supporters}`` is counted from its groups' budgets
when it is priced. The affordability ρ of a project is the smallest factor such that its
supporters, each paying min(budget, ρ·utility), cover its cost; every round funds the
project with the smallest ρ (ties: ``tie_breaking``, by default the project id as a string,
as pabutools does).
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from itertools import accumulate
from operator import mul, sub

from ..exceptions import InvalidOptionError
from ..model import Election
from ..money import format_money
from ..tiebreaking import BY_PROJECT_ID, TieBreaking
from . import _common

try:  # the C helper behind Counter.update: a Counter's own Python layers cost more than the
    # counting on small files, where a run prices a project every ten microseconds
    from collections import _count_elements
except ImportError:  # pragma: no cover - other Pythons
    def _count_elements(mapping, iterable):
        get = mapping.get
        for element in iterable:
            mapping[element] = get(element, 0) + 1

UTILITIES = ("cost", "cardinality")
COMPLETIONS = (None, "add1")


@dataclass
class Profile:
    """The compact view MES works on: project costs and utilities by index, and the groups
    of voters with the same support set (see :class:`_common.ApprovalSupport`)."""

    ids: list[str]
    costs: list[Fraction]
    utilities: list[Fraction]
    group_ballots: list[tuple[str, ...]]
    group_sizes: list[int]
    supporters: list[list[int]]
    counts: list[int]
    num_voters: int
    budget: Fraction
    keys: list[tuple]
    # Per project: its supporter groups of one voter, and (group, voters) for larger ones.
    lone_supporters: list[list[int]]
    shared_supporters: list[list[tuple[int, int]]]
    _neighbours: dict[int, set[int]] = field(default_factory=dict)

    def histogram(self, j: int, budgets: list[int]) -> dict[int, int]:
        """{budget state: number of voters} over the supporters of project ``j``."""
        hist: dict[int, int] = {}
        _count_elements(hist, map(budgets.__getitem__, self.lone_supporters[j]))
        get = hist.get
        for g, count in self.shared_supporters[j]:
            state = budgets[g]
            hist[state] = get(state, 0) + count
        return hist

    def leaves_budget_open(self, selected: list[int]) -> bool:
        """The projects ``selected`` cost at most the budget and some other supported project
        would still fit: add1's unit-step loop goes on past such an outcome."""
        left = self._money_left(selected)
        chosen = set(selected)
        costs = self._whole_costs[0]
        return left >= 0 and any(
            j not in chosen and costs[j] <= left for j in self.upfront_and_active[1]
        )

    def overspends(self, selected: list[int]) -> bool:
        """The projects ``selected`` cost more than the budget."""
        return self._money_left(selected) < 0

    def _money_left(self, selected: list[int]) -> int:
        """The budget minus the cost of ``selected``, over the denominator of _whole_costs."""
        costs, budget = self._whole_costs
        return budget - sum(map(costs.__getitem__, selected))

    def neighbours(self, j: int) -> set[int]:
        """The projects sharing a supporter with ``j`` (its own payment changes their
        supporters' budgets)."""
        found = self._neighbours.get(j)
        if found is None:
            found = self._neighbours[j] = set(map(self._index.__getitem__, self._co_supported(j)))
        return found

    def _co_supported(self, j: int) -> set[str]:
        # Read the supporters' ballots a growing batch at a time and stop once every
        # supported project is seen: on files with long ballots that takes a few dozen.
        found: set[str] = set()
        everyone = self._supported
        groups = self.supporters[j]
        start, batch = 0, 16
        while start < len(groups) and len(found) < everyone:
            found.update(*map(self.group_ballots.__getitem__, groups[start:start + batch]))
            start, batch = start + batch, batch * 2
        return found

    @cached_property
    def upfront_and_active(self) -> tuple[list[int], list[int]]:
        """Supported projects costing nothing (funded first, in tie-breaking order), and the
        other supported projects."""
        supported = [j for j, n in enumerate(self.counts) if n > 0]
        upfront = sorted((j for j in supported if self.costs[j] == 0), key=self.keys.__getitem__)
        return upfront, [j for j in supported if self.costs[j] > 0]

    @cached_property
    def cost_scale(self) -> int:
        """The least common denominator of the costs."""
        return math.lcm(*(cost.denominator for cost in self.costs))

    @cached_property
    def first_heap(self) -> list[tuple[tuple[float, Fraction], int]]:
        """(ρ before anyone pays, project) for the projects with a cost, as a heap: each run
        starts from a copy."""
        costs, counts, utilities = self.costs, self.counts, self.utilities
        heap = [(_exact_order(costs[j] / (counts[j] * utilities[j])), j)
                for j in self.upfront_and_active[1]]
        heapq.heapify(heap)
        return heap

    @cached_property
    def _whole_costs(self) -> tuple[list[int], int]:
        """The costs and the budget as integers over one common denominator: the same sums
        and comparisons as with the Fractions, without a gcd at every addition."""
        scale = math.lcm(self.cost_scale, self.budget.denominator)
        return ([c.numerator * (scale // c.denominator) for c in self.costs],
                self.budget.numerator * (scale // self.budget.denominator))

    @cached_property
    def _index(self) -> dict[str, int]:
        return {pid: j for j, pid in enumerate(self.ids)}

    @cached_property
    def _supported(self) -> int:
        return sum(map(len, self.upfront_and_active))


@dataclass
class Run:
    """One run of MES: the projects funded (indices, in order), what each cost its supporters,
    and ties met."""

    selected: list[int] = field(default_factory=list)
    payments: list[Fraction] = field(default_factory=list)
    ties: list[list[int]] = field(default_factory=list)
    pricings: int = 0  # supporter histograms counted: the unit add1 measures its checks in


def build_profile(election: Election, utility: str, tie_breaking: TieBreaking):
    """Index projects over the approval reading of the ballots; returns (profile, supporter
    counts by project id, rejected ballots)."""
    support = _common.approval_support(election)
    ids = list(election.projects)
    costs = [Fraction(election.projects[pid].cost) for pid in ids]
    utilities = costs if utility == "cost" else [Fraction(1)] * len(ids)
    group_sizes = support.sizes
    supporters = [support.supporters[pid] for pid in ids]
    lone, shared = zip(*map(support.lone_and_shared, ids), strict=True) if ids else ((), ())
    profile = Profile(
        ids=ids,
        costs=costs,
        utilities=utilities,
        group_ballots=support.ballots,
        group_sizes=group_sizes,
        supporters=supporters,
        counts=[support.counts[pid] for pid in ids],
        num_voters=sum(group_sizes),
        budget=Fraction(election.budget),
        keys=[tie_breaking.key(pid) for pid in ids],
        lone_supporters=list(lone),
        shared_supporters=list(shared),
    )
    return profile, dict(support.counts), list(support.rejected)


def _exact_order(value: Fraction) -> tuple[float, Fraction]:
    """A key that sorts exactly as ``value`` but compares mostly as floats, in C: rounding to
    the nearest float never reverses an order (it may only make two values equal), and the
    Fraction decides then. Affordabilities are compared thousands of times per run."""
    return (value.numerator / value.denominator, value)


def _rho(share: tuple[int, int], scale: int, utility: Fraction) -> tuple[float, Fraction]:
    """The _exact_order key of the affordability of a payment (P, rest) found by _share over
    budgets in units of 1 / ``scale``: P / (rest · scale) / utility, built as one Fraction
    (one gcd) rather than two: this runs at every pricing of every run."""
    payment, rest = share
    return _exact_order(
        Fraction(payment * utility.denominator, rest * scale * utility.numerator)
    )


def run_equal_shares(profile: Profile, per_voter: Fraction) -> Run:
    """One run of MES with every voter starting at ``per_voter``.

    Supported projects costing 0 are funded first. Returns the projects in the order funded.

    Exact rational arithmetic without Fraction objects in the inner loops: every budget is
    an integer numerator over one common denominator ``scale``. A payment
    (cost - paid) / rest has denominator rest·scale, so after each round the numerators are
    multiplied by rest (divided by a common factor first) and stay integers; comparisons and
    sums are then plain integer operations, with no gcd on every step.
    """
    costs, utilities, keys = profile.costs, profile.utilities, profile.keys
    supporters, counts = profile.supporters, profile.counts
    run = Run()
    upfront, active_list = profile.upfront_and_active
    run.selected.extend(upfront)
    run.payments.extend(Fraction(0) for _ in upfront)
    active = set(active_list)
    scale = math.lcm(per_voter.denominator, profile.cost_scale)
    # Budgets are numbered states (numerators over ``scale``) so that histograms hash ints.
    values: list[int] = [per_voter.numerator * (scale // per_voter.denominator), 0]
    voters_in = [profile.num_voters, 0]  # by state (not kept for state 1, never dropped)
    live = {0, 1}  # the states some voter holds, and state 1
    budgets = [0] * len(profile.group_sizes)  # budget state of each group
    # project -> (P, rest, scale then, histogram): its payment is q = P / (rest · scale then)
    share: dict[int, tuple[int, int, int, dict[int, int]]] = {}
    dirty = set(active)
    # Projects by ρ (as _exact_order keys) in a heap. A ρ only grows as supporters pay, so a
    # project whose stored ρ is above the best one found this round cannot win it, dirty or not.
    heap = list(profile.first_heap)
    rho = dict(map(reversed, heap))
    while heap:
        best = None
        tied: list[int] = []
        while heap and (best is None or heap[0][0] <= best):
            _, j = heapq.heappop(heap)
            if j in dirty:
                cost = costs[j]
                hist = profile.histogram(j, budgets)
                run.pricings += 1
                found = _share(hist, values, cost.numerator * (scale // cost.denominator),
                               counts[j])
                if found is None:
                    active.discard(j)
                    continue
                dirty.discard(j)
                share[j] = (found[0], found[1], scale, hist)
                rho[j] = _rho(found, scale, utilities[j])
                heapq.heappush(heap, (rho[j], j))
                continue
            # Popped in order of ρ, so the first clean project holds the best ρ.
            best = rho[j]
            tied.append(j)
        if best is None:
            break
        winner = min(tied, key=keys.__getitem__)
        if len(tied) > 1:
            run.ties.append(sorted(tied, key=keys.__getitem__))
        for j in tied:
            if j != winner:
                heapq.heappush(heap, (rho[j], j))
        # The winner's histogram is current: none of its supporters paid since it was priced.
        numerator, rest, then, hist = share[winner]
        numerator *= scale // then  # the scale may have grown since it was computed
        run.selected.append(winner)
        run.payments.append(Fraction(numerator, rest * scale))
        active.discard(winner)
        # Move to the denominator scale·rest/g so that the payment is an integer numerator.
        g = math.gcd(numerator, rest)
        factor, pay = rest // g, numerator // g
        if factor != 1:
            scale *= factor
            for state in live:
                values[state] *= factor
        moved: dict[int, int] = {}
        for old, voters in hist.items():
            value = values[old]
            if value > pay:
                moved[old] = len(values)
                values.append(value - pay)
                voters_in.append(voters)
                live.add(moved[old])
            else:
                moved[old] = 1
            if old != 1:
                voters_in[old] -= voters
                if not voters_in[old]:
                    live.discard(old)
        _move(budgets, supporters[winner], moved)
        dirty |= profile.neighbours(winner)
    return run


def _share(hist: dict[int, int], values: list[int], cost: int, total: int):
    """Smallest payment q with sum(count · min(budget, q)) = cost, as (P, rest) with
    q = P / rest in the budgets' scale, or None when the supporters cannot afford it.

    Supporters are settled poorest first: with paid and rest the money and number of the
    supporters before position i, the answer is at the first i where
    cost - paid <= budget · rest (all integers). Once true that stays true (budgets ascend),
    so the prefix sums are built by map()/accumulate() in C and the position is found by
    bisection: on files like Amsterdam 309 hundreds of supporters' budgets lie below it.
    """
    budgets = list(map(values.__getitem__, hist))
    if min(budgets) * total >= cost:
        return cost, total  # nobody is short of cost / total: all pay that (no sorting)
    counts = list(hist.values())
    if sum(map(mul, budgets, counts)) < cost:
        return None  # short even with all they have: common late in a run, and no sorting
    order = sorted(range(len(budgets)), key=budgets.__getitem__)
    budgets = list(map(budgets.__getitem__, order))
    counts = list(map(counts.__getitem__, order))
    paid = list(accumulate(map(mul, budgets, counts), initial=0))
    rest = list(accumulate(counts, sub, initial=total))
    low, high = 0, len(budgets)
    while low < high:
        middle = (low + high) // 2
        if cost - paid[middle] <= budgets[middle] * rest[middle]:
            high = middle
        else:
            low = middle + 1
    return cost - paid[low], rest[low]  # found: the supporters' money covers the cost


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
                    found = _share(hist, highs, cost_of[j], counts[j])
                    if found is None:  # unaffordable even at the upper bounds: out for good
                        del bounds[j]
                        continue
                    least[j] = found
                    bounds[j] = _rho(found, scale, utilities[j])
                    heapq.heappush(heap, (bounds[j], j))
                    continue
                contenders.append(j)
                if j not in worst:
                    found = _share(hists[j], lows, cost_of[j], counts[j])
                    if found is None:
                        worst[j] = None
                    else:
                        worst[j] = (_rho(found, scale, utilities[j]), found)
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
    _move(course.budgets, profile.supporters[w], moved)
    del course.bounds[w]
    for j in profile.neighbours(w):  # their supporters' budgets changed (w's among them)
        course.hists.pop(j, None)
        course.least.pop(j, None)
        course.worst.pop(j, None)
    course.selected.append(w)


def complete_greedily(profile: Profile, chosen: list[int], utility: str) -> list[int]:
    """pabutools' greedy_utilitarian_welfare after MES: most supporters first (cost
    utility) or most supporters per unit of cost (cardinality utility); fund what fits."""
    taken = set(chosen)
    left = profile.budget - sum(profile.costs[j] for j in chosen)
    candidates = [j for j, n in enumerate(profile.counts) if n > 0 and j not in taken]

    def density(j):
        if profile.costs[j] == 0:
            return math.inf
        if utility == "cost":
            return Fraction(profile.counts[j])
        return Fraction(profile.counts[j]) / profile.costs[j]

    added = []
    for j in sorted(candidates, key=lambda j: (-density(j), profile.keys[j])):
        if profile.costs[j] <= left:
            left -= profile.costs[j]
            added.append(j)
    return added


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


def _move(budgets: list[int], groups: list[int], moved: dict[int, int]) -> None:
    """budgets[g] = moved[budgets[g]] for every g in ``groups``, by map() in C: this runs for
    every supporter of every funded project, in every one of add1's runs."""
    new = map(moved.__getitem__, map(budgets.__getitem__, groups))
    deque(map(budgets.__setitem__, groups, new), 0)
