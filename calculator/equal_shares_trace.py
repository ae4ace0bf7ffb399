"""A traced replay of the Method of Equal Shares: what the explanations are computed from.

The fast rule (``calculator.rules.mes``) keeps only what it needs to find the outcome. To
explain an outcome we replay the Equal Shares rounds once, at the starting budget per voter
the count used, and keep for every round the winner, its price and what each group of
identical ballots paid, and for every project not (yet) funded what its supporters could have
paid at that round's price. All money is exact: voters' budgets are integers over one common
denominator (as in the rule), the figures handed out are :class:`fractions.Fraction`.

Voters with the same set of supported projects always hold the same budget, so the replay
runs over groups of identical ballots (approval reading: a voter supports every project
listed, as in the rule).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter, deque
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate
from operator import mul

from .model import Election
from .tiebreaking import TieBreaking

APPROVAL_TYPES = ("approval", "choose-1")


@dataclass(frozen=True)
class Purse:
    """The budgets of one project's supporters at one moment, poorest first.

    ``values`` are distinct-state budgets (integers over ``scale``), ``counts`` the voters
    holding each, ``paid[k]`` the money of the voters before position ``k`` and ``before[k]``
    their number. Immutable: a project's purse is rebuilt when one of its supporters pays.
    """

    scale: int
    values: list[int]
    counts: list[int]
    paid: list[int]
    before: list[int]

    @property
    def voters(self) -> int:
        return self.before[-1]

    @property
    def money(self) -> Fraction:
        """All the money its supporters hold."""
        return Fraction(self.paid[-1], self.scale)

    def cover(self, cap: Fraction) -> Fraction:
        """What the supporters pay when each pays min(own budget, ``cap``)."""
        scaled = cap * self.scale
        k = bisect_left(self.values, scaled)
        return (self.paid[k] + scaled * (self.voters - self.before[k])) / self.scale

    def cap_for(self, cost: Fraction) -> Fraction | None:
        """The smallest cap with ``cover(cap) == cost``, or None if they cannot pay ``cost``."""
        target = cost * self.scale
        if self.paid[-1] < target:
            return None
        low, high = 0, len(self.values)
        values, paid, before, voters = self.values, self.paid, self.before, self.voters
        while low < high:  # first position whose voters can all pay the equal rest
            middle = (low + high) // 2
            if target - paid[middle] <= values[middle] * (voters - before[middle]):
                high = middle
            else:
                low = middle + 1
        return (target - paid[low]) / (voters - before[low]) / self.scale

    def largest_cost_with_cost_utility(self, rho: Fraction) -> Fraction | None:
        """The largest cost c with ``cover(rho · c) >= c`` (cost utility: a project of cost c
        gives each supporter utility c, so at price ``rho`` each pays up to rho · c), or None
        if only a cost of 0 qualifies.

        f(c) = cover(rho · c) - c is concave and piecewise linear with f(0) = 0, so the costs
        that qualify form an interval [0, X]; X is found on the segment where f turns negative.
        """
        values, paid, before, voters = self.values, self.paid, self.before, self.voters
        if voters * rho < 1:
            return None

        def nonnegative_at(k: int) -> bool:  # f at the cost where position k starts to be capped
            return paid[k] + values[k] * (voters - before[k]) - values[k] / rho >= 0

        low, high = 0, len(values)
        while low < high:  # the first breakpoint where f < 0
            middle = (low + high) // 2
            if nonnegative_at(middle):
                low = middle + 1
            else:
                high = middle
        capped = low  # positions before ``low`` are capped on the segment holding X
        if capped == len(values):
            return self.money
        return Fraction(paid[capped], self.scale) / (1 - (voters - before[capped]) * rho)


@dataclass
class Round:
    """One Equal Shares round: the project funded, its price ρ (money per unit of utility,
    the smallest of the round), the most any supporter paid (ρ · utility), the money its
    supporters paid in all (its cost) and the projects equally affordable (a tie, broken by
    the tie-breaking order), the winner first. ``money_before`` is all the voters' money
    before the round."""

    number: int
    project: str
    rho: Fraction
    max_payment: Fraction
    total_paid: Fraction
    supporters: int
    tied: list[str]
    money_before: Fraction


@dataclass
class Sighting:
    """What a project not funded (yet) looked like in one round (``round`` None: after the
    last round, when nothing was affordable any more).

    ``cover``: what its supporters could pay at the round's price with the budgets they held
    before the round (all they held after the last round); ``cover_after``: the same with the
    budgets left after the round's payments (pabutools' effective support reads that one);
    ``largest_cost``: the supremum of the costs at which it would have won the round,
    ``largest_cost_attained``: whether that cost itself wins (not when it ties and loses the
    tie-break); ``more_supporters``: the fewest additional supporters with which it would have
    won the round (see :func:`additional_supporters`)."""

    round: int | None
    cover: Fraction
    cover_after: Fraction
    largest_cost: Fraction | None
    largest_cost_attained: bool
    more_supporters: int | None


@dataclass
class ProjectTrace:
    """A project's course through the replay: the round it was funded in (None if not),
    its supporters, and its sightings while it was not funded."""

    project: str
    cost: Fraction
    utility: Fraction
    supporters: int
    funded_round: int | None = None
    sightings: list[Sighting] = field(default_factory=list)
    # Best cover/cost in the rule's run without this project (pabutools' effective support).
    effective_support: Fraction | None = None


@dataclass
class _State:
    """The mutable state of a replay (cloned to continue a run without one project)."""

    scale: int
    values: list[int]  # budget state -> numerator over scale
    voters_in: list[int]  # budget state -> voters holding it
    live: set[int]
    state_of: list[int]  # group -> budget state
    purses: dict[int, Purse]  # project -> purse, valid while the project is not dirty
    dirty: set[int]  # projects whose purse is out of date
    unpriced: set[int]  # projects whose ρ in the heap is out of date (a lower bound)
    heap: list[tuple[Fraction, tuple, int]]  # (ρ, tie key, project) for active projects
    rho: dict[int, Fraction]

    def clone(self) -> _State:
        return _State(self.scale, list(self.values), list(self.voters_in), set(self.live),
                      list(self.state_of), dict(self.purses), set(self.dirty), set(self.unpriced),
                      list(self.heap),
                      dict(self.rho))


class EqualSharesTrace:
    """A replay of the Equal Shares rounds with everything the explanations need.

    Build it with :func:`trace_equal_shares`. ``rounds`` lists the rounds in order;
    ``projects`` maps every project id to its :class:`ProjectTrace`; ``per_voter`` is the
    starting budget of each voter; ``upfront`` the supported projects costing nothing, funded
    before the rounds; :meth:`ballot_payments` says what a voter with a given ballot paid.
    """

    def __init__(self, election: Election, *, utility: str, per_voter: Fraction,
                 tie_breaking: TieBreaking, upfront: list[str] | None = None):
        self.election = election
        self.utility = utility
        self.tie_breaking = tie_breaking
        self.rounds: list[Round] = []
        self.ids = list(election.projects)
        sizes: dict[frozenset, int] = {}
        for group in election.ballots:
            support = frozenset(group.projects)
            if election.vote_type not in APPROVAL_TYPES and len(support) != len(group.projects):
                continue  # a ranked or points ballot listing a project twice: rejected
            sizes[support] = sizes.get(support, 0) + group.count
        self.group_sets = list(sizes)
        self.group_sizes = list(sizes.values())
        self.group_index = {support: g for g, support in enumerate(self.group_sets)}
        self.num_voters = sum(self.group_sizes)
        index = {pid: j for j, pid in enumerate(self.ids)}
        self.index = index
        self.supporters: list[list[int]] = [[] for _ in self.ids]
        for g, support in enumerate(self.group_sets):
            for pid in support:
                self.supporters[index[pid]].append(g)
        self.counts = [sum(self.group_sizes[g] for g in groups) for groups in self.supporters]
        # Per project: its supporter groups of one voter (counted by Counter in C) and the
        # larger ones with their sizes; and, once needed, the projects sharing a supporter.
        self.lone = [[g for g in groups if self.group_sizes[g] == 1] for groups in self.supporters]
        self.shared = [[(g, self.group_sizes[g]) for g in groups if self.group_sizes[g] > 1]
                       for groups in self.supporters]
        self._neighbours: dict[int, set[int]] = {}
        self.costs = [Fraction(election.projects[pid].cost) for pid in self.ids]
        self.utilities = (list(self.costs) if utility == "cost"
                          else [Fraction(1)] * len(self.ids))
        self.keys = [tie_breaking.key(pid) for pid in self.ids]
        self.per_voter = per_voter
        supported = [j for j in range(len(self.ids)) if self.counts[j]]
        if upfront is None:
            upfront = [self.ids[j] for j in supported if self.costs[j] == 0]
        self.upfront = list(upfront)
        self.projects = {
            pid: ProjectTrace(pid, self.costs[j], self.utilities[j], self.counts[j])
            for j, pid in enumerate(self.ids)
        }
        # Per round: the winner's supporter groups' budget states before paying, and what a
        # voter in each of those states paid.
        self._paid_states: list[tuple[int, list[int], dict[int, Fraction]]] = []
        self.final_money: Fraction = Fraction(0)
        self._run(supported)

    # -- the replay -------------------------------------------------------------------

    def _purse(self, state: _State, j: int) -> Purse:
        purse = state.purses.get(j)
        if purse is None or j in state.dirty:
            state_of = state.state_of
            hist = Counter(map(state_of.__getitem__, self.lone[j]))
            for g, size in self.shared[j]:
                hist[state_of[g]] += size
            values = state.values
            order = sorted(hist, key=values.__getitem__)
            budgets = list(map(values.__getitem__, order))
            counts = list(map(hist.__getitem__, order))
            purse = Purse(state.scale, budgets, counts,
                          list(accumulate(map(mul, budgets, counts), initial=0)),
                          list(accumulate(counts, initial=0)))
            state.purses[j] = purse
            state.dirty.discard(j)
        return purse

    def _price(self, state: _State, j: int) -> Fraction | None:
        state.unpriced.discard(j)
        cap = self._purse(state, j).cap_for(self.costs[j])
        return None if cap is None else cap / self.utilities[j]

    def _next_winner(self, state: _State) -> tuple[int, Fraction, list[int]] | None:
        """Pop the round's winner (smallest ρ, then tie key) and the projects tied with it;
        dirty projects are priced again only when their stored ρ could still win."""
        heap = state.heap
        best = None
        tied: list[int] = []
        while heap and (best is None or heap[0][0] <= best):
            rho, key, j = heapq.heappop(heap)
            if j in state.unpriced:
                new = self._price(state, j)
                if new is not None:  # else unaffordable: out for good (budgets only shrink)
                    state.rho[j] = new
                    heapq.heappush(heap, (new, key, j))
                continue
            best = rho if best is None else best
            tied.append(j)
        if not tied:
            return None
        for j in tied[1:]:
            heapq.heappush(heap, (state.rho[j], self.keys[j], j))
        return tied[0], best, tied

    def _pay(self, state: _State, w: int, rho: Fraction, record: bool = True):
        """Make ``w``'s supporters pay min(budget, ρ · utility); with ``record``, returns their
        groups' states before paying and what a voter in each state paid (units of 1/scale)
        and the scale."""
        purse = self._purse(state, w)
        cap = rho * self.utilities[w]
        scaled = cap * state.scale
        if scaled.denominator != 1:
            factor = scaled.denominator
            state.scale *= factor
            for s in state.live:
                state.values[s] *= factor
        pay = (cap * state.scale).numerator
        groups = self.supporters[w]
        before = list(map(state.state_of.__getitem__, groups)) if record else None
        hist = Counter(map(state.state_of.__getitem__, self.lone[w]))
        for g, size in self.shared[w]:
            hist[state.state_of[g]] += size
        moved: dict[int, int] = {}
        paid: dict[int, int] = {}
        total = 0
        for old, voters in hist.items():
            value = state.values[old]
            if value > pay:
                moved[old] = len(state.values)
                state.values.append(value - pay)
                state.voters_in.append(voters)
                state.live.add(moved[old])
                total += pay * voters
                paid[old] = pay
            else:
                moved[old] = 0  # state 0 holds nothing
                state.voters_in[0] += voters
                total += value * voters
                paid[old] = value
            state.voters_in[old] -= voters
            if not state.voters_in[old] and old != 0:
                state.live.discard(old)
        if total != self.costs[w] * state.scale:  # pragma: no cover - a replay bug
            raise AssertionError(f"the replay's payments for {self.ids[w]} do not add up")
        state_of = state.state_of
        # state_of[g] = moved[state_of[g]] for every supporter group, by map() in C.
        deque(map(state_of.__setitem__, groups, map(moved.__getitem__,
                                                     map(state_of.__getitem__, groups))), 0)
        del purse
        state.purses.pop(w, None)
        neighbours = self._neighbours.get(w)
        if neighbours is None:
            shared = set().union(*(self.group_sets[g] for g in groups))
            neighbours = self._neighbours[w] = {self.index[pid] for pid in shared}
        state.dirty |= neighbours
        state.unpriced |= neighbours
        return (before, paid, state.scale) if record else None

    def _run(self, supported: list[int]) -> None:
        scale = math.lcm(self.per_voter.denominator, *(c.denominator for c in self.costs))
        start = self.per_voter.numerator * (scale // self.per_voter.denominator)
        upfront = {self.index[pid] for pid in self.upfront}
        active = [j for j in supported if j not in upfront and self.costs[j] > 0]
        state = _State(scale=scale, values=[0, start], voters_in=[0, self.num_voters],
                       live={0, 1}, state_of=[1] * len(self.group_sizes), purses={},
                       dirty=set(), unpriced=set(), heap=[], rho={})
        for j in active:
            rho = self._price(state, j)
            if rho is not None:
                state.rho[j] = rho
                state.heap.append((rho, self.keys[j], j))
        heapq.heapify(state.heap)
        watched = set(active)  # projects not funded yet: sighted every round
        paused: list[tuple[int, _State, int]] = []  # (project, state before its round, round)
        while True:
            found = self._next_winner(state)
            if found is None:
                break
            w, rho, tied = found
            number = len(self.rounds) + 1
            money = Fraction(sum(state.values[s] * state.voters_in[s] for s in state.live),
                             state.scale)
            watched.discard(w)
            before_round = {j: self._purse(state, j) for j in watched}
            paused.append((w, state.clone(), number))
            self.projects[self.ids[w]].funded_round = number
            before, units, scale = self._pay(state, w, rho)
            paid = {old: Fraction(amount, scale) for old, amount in units.items()}
            self._paid_states.append((w, before, paid))
            self.rounds.append(Round(
                number=number, project=self.ids[w], rho=rho,
                max_payment=Fraction(max(units.values()), scale), total_paid=self.costs[w],
                supporters=self.counts[w], tied=[self.ids[j] for j in tied],
                money_before=money,
            ))
            for j in watched:
                self._sight(j, number, rho, w, before_round[j], self._purse(state, j))
        for j in watched:
            purse = self._purse(state, j)
            money = purse.money
            self.projects[self.ids[j]].sightings.append(Sighting(
                round=None, cover=money, cover_after=money, largest_cost=money,
                largest_cost_attained=True,
                more_supporters=_more_supporters(money, self.costs[j], self.counts[j], True),
            ))
        self.final_money = Fraction(sum(state.values[s] * state.voters_in[s] for s in state.live),
                                    state.scale)
        self._final_state = state
        for j in watched:
            trace = self.projects[self.ids[j]]
            trace.effective_support = max(s.cover_after for s in trace.sightings) / self.costs[j]
        for w, saved, number in paused:
            self._effective_support_of_winner(w, saved, number)

    def _sight(self, j: int, number: int, rho: Fraction, w: int, purse: Purse,
               after: Purse) -> None:
        cost, utility = self.costs[j], self.utilities[j]
        cover = purse.cover(rho * utility)
        wins_tie = self.keys[j] < self.keys[w]
        if self.utility == "cost":
            largest = purse.largest_cost_with_cost_utility(rho)
            if purse.voters * rho == 1 and not wins_tie:
                # With cost utility a project its supporters pay alike has ρ = 1 / supporters
                # at every cost: here it ties at every cost up to the largest, and loses.
                largest = None
        else:
            largest = cover
        attained = False
        if largest is not None and largest > 0:
            cap = purse.cap_for(largest)
            own = cap / (largest if self.utility == "cost" else 1)
            attained = own < rho or (own == rho and wins_tie)
        self.projects[self.ids[j]].sightings.append(Sighting(
            round=number, cover=cover, cover_after=after.cover(rho * utility),
            largest_cost=largest, largest_cost_attained=attained,
            more_supporters=_more_supporters(cover, cost, self.counts[j], wins_tie),
        ))

    def _effective_support_of_winner(self, p: int, state: _State, number: int) -> None:
        """pabutools' effective support of a funded project: the best cover/cost over the
        rule's run without it. That run is this one up to the round it won; from there it is
        continued here without it (one partial run per funded project: the only part of the
        explanations that needs more than the one replay)."""
        best = max((s.cover_after for s in self.projects[self.ids[p]].sightings), default=Fraction(0))
        state.heap = [entry for entry in state.heap if entry[2] != p]
        heapq.heapify(state.heap)
        utility = self.utilities[p]
        while True:
            found = self._next_winner(state)
            if found is None:
                break
            w, rho, _ = found
            self._pay(state, w, rho, record=False)
            best = max(best, self._purse(state, p).cover(rho * utility))
        best = max(best, self._purse(state, p).money)
        self.projects[self.ids[p]].effective_support = max(best / self.costs[p], Fraction(1))

    # -- per voter ----------------------------------------------------------------------

    def ballot_payments(self, ballot) -> dict[str, Fraction]:
        """What one voter whose ballot lists the projects in ``ballot`` paid, per project
        funded in the rounds ({} for a ballot nobody cast, or one that paid nothing)."""
        g = self.group_index.get(frozenset(map(str, ballot)))
        if g is None:
            return {}
        result: dict[str, Fraction] = {}
        for w, before, paid in self._paid_states:
            groups = self.supporters[w]
            k = bisect_left(groups, g)
            if k < len(groups) and groups[k] == g:
                result[self.ids[w]] = paid[before[k]]
        return result

    def group_payments(self) -> list[tuple[frozenset, int, dict[str, Fraction]]]:
        """For every group of identical ballots (as a set of project ids): its voters and what
        each of them paid per project funded in the rounds."""
        paid: list[dict[str, Fraction]] = [{} for _ in self.group_sets]
        for w, before, amounts in self._paid_states:
            pid = self.ids[w]
            for g, state in zip(self.supporters[w], before, strict=True):
                paid[g][pid] = amounts[state]
        return list(zip(self.group_sets, self.group_sizes, paid, strict=True))


def _more_supporters(cover: Fraction, cost: Fraction, n: int, wins_tie: bool) -> int | None:
    """The fewest k >= 0 with cover · (n + k) / n >= cost (more only on a lost tie); None if
    its supporters could pay nothing."""
    if cover >= cost and (cover > cost or wins_tie):
        return 0
    if cover <= 0:
        return None
    need = cost * n / cover - n  # k >= need
    k = math.ceil(need)
    if k == need and not wins_tie:
        k += 1
    return max(k, 0)


def trace_equal_shares(election: Election, *, utility: str = "cost", per_voter=None,
                       tie_breaking: TieBreaking, upfront: list[str] | None = None
                       ) -> EqualSharesTrace:
    """Replay the Equal Shares rounds on ``election`` with every voter starting at
    ``per_voter`` (default: budget / number of voters, the voters being the ballots the
    approval reading keeps, empty ones included, as in the rule). ``upfront``: the
    supported projects costing nothing that the count funded before the rounds (default:
    every supported project costing nothing)."""
    if per_voter is None:
        voters = count_voters(election)
        per_voter = Fraction(election.budget) / voters if voters else Fraction(0)
    return EqualSharesTrace(election, utility=utility, per_voter=Fraction(per_voter),
                            tie_breaking=tie_breaking, upfront=upfront)


def count_voters(election: Election) -> int:
    """The voters Equal Shares counts: every ballot, but for ranked or points ballots not
    those listing a project twice (rejected)."""
    total = 0
    for group in election.ballots:
        if (election.vote_type in APPROVAL_TYPES
                or len(set(group.projects)) == len(group.projects)):
            total += group.count
    return total
