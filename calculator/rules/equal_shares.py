"""One run of the Method of Equal Shares (Peters and Skowron 2020; Peters, Pierczyński and
Skowron 2021), exact and fast. ``mes_reference.py`` is the same rule written plainly; the
tests compare the two on random elections.

Every voter starts with the same budget. In each round, each remaining project is priced:
its affordability ρ is the smallest factor such that its supporters, each paying
min(budget, ρ · utility), cover its cost. The project with the smallest ρ is funded (ties:
``tie_breaking``, by default the project id as a string, as pabutools does) and its
supporters pay; the run ends when no project is affordable.

What makes it fast, with the same exact result:
* Voters with the same set of supported projects always hold the same budget, so the run
  works on groups of identical ballots, and a project's supporters are summarised as a
  histogram {budget: voters}.
* Budgets are integers over one common denominator (``scale``), grown when a payment needs
  it, so that sums and comparisons are integer operations with no gcd at every step.
* Projects wait in a heap ordered by their last ρ. A ρ only grows as supporters pay, so a
  project whose last ρ is above the best current one cannot win the round: only projects
  near the top are priced again.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from itertools import accumulate
from operator import mul, sub
from typing import NamedTuple

from ..model import Election
from ..tiebreaking import TieBreaking
from . import _common


@dataclass
class Profile:
    """The compact view Equal Shares works on: project costs and utilities by index, and the
    groups of voters with the same support set (see :class:`_common.ApprovalSupport`)."""

    ids: list[str]
    costs: list[Fraction]
    utilities: list[Fraction]  # a supporter's utility from each project: its cost, or 1
    group_ballots: list[tuple[str, ...]]
    group_sizes: list[int]
    supporters: list[list[int]]  # groups supporting each project
    counts: list[int]  # voters supporting each project
    num_voters: int
    budget: Fraction
    keys: list[tuple]  # tie-breaking order: the smallest key wins a tie
    # Per project: its supporter groups of one voter, and (group, voters) for larger ones.
    lone_supporters: list[list[int]]
    shared_supporters: list[list[tuple[int, int]]]
    _neighbours: dict[int, set[int]] = field(default_factory=dict)

    def histogram(self, j: int, states: list[int]) -> Counter:
        """{budget state: number of voters} over the supporters of project ``j``, given each
        group's state."""
        hist = Counter(map(states.__getitem__, self.lone_supporters[j]))
        for g, voters in self.shared_supporters[j]:
            hist[states[g]] += voters
        return hist

    def leaves_budget_open(self, selected: list[int]) -> bool:
        """The projects ``selected`` cost at most the budget and some other project with a
        cost, supported and giving utility, would still fit: add1's unit-step loop goes on
        past such an outcome (pabutools' ``is_exhaustive`` over Equal Shares' projects)."""
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
        supporters' budgets), ``j`` among them."""
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
        """Supported projects costing nothing that give their supporters some utility (funded
        first, in tie-breaking order), and the supported projects with a cost. With cost
        utility a project costing nothing gives nobody anything: it is in neither list."""
        supported = [j for j, n in enumerate(self.counts) if n > 0]
        upfront = sorted((j for j in supported if self.costs[j] == 0 and self.utilities[j] > 0),
                         key=self.keys.__getitem__)
        return upfront, [j for j in supported if self.costs[j] > 0]

    @cached_property
    def cost_scale(self) -> int:
        """The least common denominator of the costs."""
        return math.lcm(*(cost.denominator for cost in self.costs))

    @cached_property
    def first_heap(self) -> list[tuple[tuple[float, Fraction], int]]:
        """(ρ before anyone pays, project) for the projects with a cost, as a heap: each run
        starts from a copy. No start budget gives a project a smaller ρ than this one."""
        costs, counts, utilities = self.costs, self.counts, self.utilities
        heap = [(exact_order(costs[j] / (counts[j] * utilities[j])), j)
                for j in self.upfront_and_active[1]]
        heapq.heapify(heap)
        return heap

    @cached_property
    def _whole_costs(self) -> tuple[list[int], int]:
        """The costs and the budget as integers over one common denominator."""
        scale = math.lcm(self.cost_scale, self.budget.denominator)
        return ([c.numerator * (scale // c.denominator) for c in self.costs],
                self.budget.numerator * (scale // self.budget.denominator))

    @cached_property
    def _index(self) -> dict[str, int]:
        return {pid: j for j, pid in enumerate(self.ids)}

    @cached_property
    def _supported(self) -> int:
        return sum(map(len, self.upfront_and_active))


def build_profile(election: Election, utility: str, tie_breaking: TieBreaking):
    """Index projects over the approval reading of the ballots; returns (profile, supporter
    counts by project id, rejected ballots)."""
    support = _common.approval_support(election)
    ids = list(election.projects)
    costs = [Fraction(election.projects[pid].cost) for pid in ids]
    utilities = costs if utility == "cost" else [Fraction(1)] * len(ids)
    lone, shared = zip(*map(support.lone_and_shared, ids), strict=True) if ids else ((), ())
    profile = Profile(
        ids=ids,
        costs=costs,
        utilities=utilities,
        group_ballots=support.ballots,
        group_sizes=support.sizes,
        supporters=[support.supporters[pid] for pid in ids],
        counts=[support.counts[pid] for pid in ids],
        num_voters=sum(support.sizes),
        budget=Fraction(election.budget),
        keys=[tie_breaking.key(pid) for pid in ids],
        lone_supporters=list(lone),
        shared_supporters=list(shared),
    )
    return profile, dict(support.counts), list(support.rejected)


@dataclass
class Run:
    """One run of Equal Shares: the projects funded (indices, in order), what each cost its
    supporters at most, and ties met."""

    selected: list[int] = field(default_factory=list)
    payments: list[Fraction] = field(default_factory=list)
    ties: list[list[int]] = field(default_factory=list)
    pricings: int = 0  # supporter histograms counted: the unit add1 measures its checks in


class VoterBudgets:
    """Every group's budget during a run. A group holds a numbered *state*; state ``s`` is
    worth ``values[s] / scale``. Groups that paid alike share a state, so that histograms
    have small integer keys. State 0 is the starting budget, state 1 "nothing left"."""

    def __init__(self, profile: Profile, per_voter: Fraction):
        self.scale = math.lcm(per_voter.denominator, profile.cost_scale)
        self.values = [per_voter.numerator * (self.scale // per_voter.denominator), 0]
        self.holders = [profile.num_voters, 0]  # voters in each state (state 1: not kept)
        self.live = {0, 1}  # the states someone holds, and state 1
        self.of_group = [0] * len(profile.group_sizes)

    def whole(self, amount: Fraction) -> int:
        """``amount`` as a numerator over the current scale (a cost: its denominator divides
        the scale)."""
        return amount.numerator * (self.scale // amount.denominator)

    def charge(self, groups: list[int], hist: Counter, numerator: int, rest: int) -> None:
        """Every voter of ``groups`` (whose states are counted in ``hist``) pays
        min(budget, numerator / (rest · scale)), what is left moving to a new state."""
        # Grow the scale by rest / gcd so that the payment is a whole numerator.
        g = math.gcd(numerator, rest)
        factor, pay = rest // g, numerator // g
        if factor != 1:
            self.scale *= factor
            for state in self.live:
                self.values[state] *= factor
        moved: dict[int, int] = {}
        for old, voters in hist.items():
            value = self.values[old]
            if value > pay:
                moved[old] = len(self.values)
                self.values.append(value - pay)
                self.holders.append(voters)
                self.live.add(moved[old])
            else:
                moved[old] = 1
            if old != 1:
                self.holders[old] -= voters
                if not self.holders[old]:
                    self.live.discard(old)
        of_group = self.of_group
        for group in groups:
            of_group[group] = moved[of_group[group]]


class Price(NamedTuple):
    """A project's price as last found: its supporters pay min(budget, q) with
    q = payment / (rest · scale), ``scale`` being the budgets' scale then; ``hist`` their
    states then."""

    payment: int
    rest: int
    scale: int
    hist: Counter


def run_equal_shares(profile: Profile, per_voter: Fraction) -> Run:
    """One run of Equal Shares with every voter starting at ``per_voter``; returns the projects
    in the order funded (projects costing nothing that give utility first)."""
    costs, utilities, keys = profile.costs, profile.utilities, profile.keys
    run = Run()
    upfront, _ = profile.upfront_and_active
    run.selected.extend(upfront)
    run.payments.extend(Fraction(0) for _ in upfront)
    budgets = VoterBudgets(profile, per_voter)
    prices: dict[int, Price] = {}
    stale = {j for _, j in profile.first_heap}  # priced before their supporters last paid
    queue = list(profile.first_heap)  # (ρ, project), ρ as an exact_order key
    rho = {j: key for key, j in queue}
    while queue:
        # Pop projects in order of their last ρ; price again each stale one and put it back.
        # The first project popped that is not stale has the best ρ; the projects with
        # that same ρ are tied with it.
        best = None
        tied: list[int] = []
        while queue and (best is None or queue[0][0] <= best):
            _, j = heapq.heappop(queue)
            if j not in stale:
                best = rho[j]
                tied.append(j)
                continue
            hist = profile.histogram(j, budgets.of_group)
            run.pricings += 1
            found = share(hist, budgets.values, budgets.whole(costs[j]), profile.counts[j])
            if found is None:
                continue  # its supporters cannot afford it, now or later: out
            stale.discard(j)
            prices[j] = Price(*found, budgets.scale, hist)
            rho[j] = affordability(found, budgets.scale, utilities[j])
            heapq.heappush(queue, (rho[j], j))
        if best is None:
            break
        winner = min(tied, key=keys.__getitem__)
        if len(tied) > 1:
            run.ties.append(sorted(tied, key=keys.__getitem__))
        for j in tied:
            if j != winner:
                heapq.heappush(queue, (rho[j], j))
        # The winner's price is current: none of its supporters paid since it was priced.
        price = prices[winner]
        numerator = price.payment * (budgets.scale // price.scale)
        run.selected.append(winner)
        run.payments.append(Fraction(numerator, price.rest * budgets.scale))
        budgets.charge(profile.supporters[winner], price.hist, numerator, price.rest)
        stale |= profile.neighbours(winner)
        stale.discard(winner)
    return run


def share(hist: dict[int, int], values: list[int], cost: int, total: int):
    """Smallest payment q with sum(voters · min(budget, q)) = cost over the supporters in
    ``hist`` ({state: voters}; a state's budget is ``values[state]``; ``total`` voters), as
    (P, rest) with q = P / rest in the budgets' scale, or None when they cannot afford it.

    Supporters are settled poorest first: with paid and rest the money and number of the
    supporters before position i, the answer is at the first i where
    cost - paid <= budget · rest. Once true that stays true (budgets ascend), so the
    position is found by bisection over prefix sums.
    """
    budgets = list(map(values.__getitem__, hist))
    if min(budgets) * total >= cost:
        return cost, total  # nobody is short of cost / total: all pay that (no sorting)
    counts = list(hist.values())
    if sum(map(mul, budgets, counts)) < cost:
        return None  # short even with all they have (no sorting)
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
    return cost - paid[low], rest[low]


def exact_order(value: Fraction) -> tuple[float, Fraction]:
    """A key that sorts exactly as ``value`` but mostly compares as floats: rounding to the
    nearest float never reverses an order (it may only make two values equal), and the
    Fraction decides then."""
    return (value.numerator / value.denominator, value)


def affordability(found: tuple[int, int], scale: int, utility: Fraction) -> tuple[float, Fraction]:
    """The exact_order key of ρ for a payment (P, rest) found by :func:`share` over budgets in
    units of 1 / ``scale``: ρ = P / (rest · scale) / utility."""
    payment, rest = found
    return exact_order(Fraction(payment * utility.denominator, rest * scale * utility.numerator))
