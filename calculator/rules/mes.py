"""Method of Equal Shares (Peters and Skowron 2020; Peters, Pierczyński and Skowron 2021).

Exact arithmetic with :class:`fractions.Fraction`. Voters with the same set of supported
projects always hold the same budget, so the rule runs over groups of identical ballots and
each project keeps a histogram ``{budget: number of supporters}``. The affordability ρ of a
project is the smallest factor such that its supporters, each paying min(budget, ρ·utility),
cover its cost; every round funds the project with the smallest ρ (ties: ``tie_breaking``,
by default the project id as a string, as pabutools does).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from fractions import Fraction

from ..exceptions import InvalidOptionError
from ..model import Election
from ..money import format_money
from ..tiebreaking import BY_PROJECT_ID, TieBreaking
from . import _common

UTILITIES = ("cost", "cardinality")
COMPLETIONS = (None, "add1")


@dataclass
class Profile:
    """The compact view MES works on: project costs and utilities by index, and groups."""

    ids: list[str]
    costs: list[Fraction]
    utilities: list[Fraction]
    groups: list[tuple[tuple[int, ...], int]]
    supporters: list[list[int]]
    counts: list[int]
    num_voters: int
    budget: Fraction
    keys: list[tuple]


@dataclass
class Run:
    """One run of MES: the projects funded (indices, in order), what each cost its supporters,
    ties met, and (when tracked) how many currency units the per-voter budget can grow before
    the run could change."""

    selected: list[int] = field(default_factory=list)
    payments: list[Fraction] = field(default_factory=list)
    ties: list[list[int]] = field(default_factory=list)
    stable_steps: int | None = None


def build_profile(election: Election, utility: str, tie_breaking: TieBreaking):
    """Index projects, merge identical support sets; returns (profile, supporter counts,
    rejected ballots)."""
    counts, merged, rejected = _common.approval_support(election)
    ids = list(election.projects)
    index = {pid: i for i, pid in enumerate(ids)}
    costs = [Fraction(election.projects[pid].cost) for pid in ids]
    utilities = costs if utility == "cost" else [Fraction(1)] * len(ids)
    groups = [(tuple(index[pid] for pid in key), count) for key, count in merged]
    supporters: list[list[int]] = [[] for _ in ids]
    for g, (members, _count) in enumerate(groups):
        for j in members:
            supporters[j].append(g)
    profile = Profile(
        ids=ids,
        costs=costs,
        utilities=utilities,
        groups=groups,
        supporters=supporters,
        counts=[counts[pid] for pid in ids],
        num_voters=sum(count for _, count in groups),
        budget=Fraction(election.budget),
        keys=[tie_breaking.key(pid) for pid in ids],
    )
    return profile, counts, rejected


def _upfront_and_active(profile: Profile):
    upfront = [j for j, n in enumerate(profile.counts) if n > 0 and profile.costs[j] == 0]
    upfront.sort(key=profile.keys.__getitem__)
    active = [j for j, n in enumerate(profile.counts) if n > 0 and profile.costs[j] > 0]
    return upfront, active


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
    groups, supporters, counts = profile.groups, profile.supporters, profile.counts
    run = Run()
    upfront, active_list = _upfront_and_active(profile)
    run.selected.extend(upfront)
    run.payments.extend(Fraction(0) for _ in upfront)
    active = set(active_list)
    scale = per_voter.denominator
    for cost in costs:
        scale = math.lcm(scale, cost.denominator)
    # Budgets are numbered states (numerators over ``scale``) so that histograms hash ints.
    values: list[int] = [per_voter.numerator * (scale // per_voter.denominator), 0]
    live = {0, 1}
    budgets = [0] * len(groups)
    hist = {j: {0: counts[j]} for j in active}
    rho: dict[int, Fraction] = {j: costs[j] / (counts[j] * utilities[j]) for j in active}
    # project -> (P, rest, scale then): its payment is q = P / (rest · scale then)
    share: dict[int, tuple[int, int, int]] = {}
    dirty = set(active)
    while active:
        best = None
        tied: list[int] = []
        for j in sorted(active, key=rho.__getitem__):
            if best is not None and rho[j] > best:
                break
            if j in dirty:
                cost = costs[j]
                found = _share(hist[j], values, cost.numerator * (scale // cost.denominator),
                               counts[j])
                if found is None:
                    active.discard(j)
                    continue
                dirty.discard(j)
                share[j] = (found[0], found[1], scale)
                rho[j] = Fraction(found[0], found[1] * scale) / utilities[j]
            if best is None or rho[j] < best:
                best, tied = rho[j], [j]
            elif rho[j] == best:
                tied.append(j)
        if best is None:
            break
        winner = min(tied, key=keys.__getitem__)
        if len(tied) > 1:
            run.ties.append(sorted(tied, key=keys.__getitem__))
        numerator, rest, then = share[winner]
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
        moved: dict[int, int] = {1: 1}
        for g_index in supporters[winner]:
            old = budgets[g_index]
            new = moved.get(old)
            if new is None:
                value = values[old]
                if value > pay:
                    new = len(values)
                    values.append(value - pay)
                    live.add(new)
                else:
                    new = 1
                moved[old] = new
            if new == old:
                continue
            budgets[g_index] = new
            members, count = groups[g_index]
            _move_voters(members, count, old, new, active=active, hist=hist, touched=dirty)
        if len(live) > 64 and len(live) > 2 * len(moved):
            live = {1} | set(budgets)
    return run


def _share(hist: dict[int, int], values: list[int], cost: int, total: int):
    """Smallest payment q with sum(count · min(budget, q)) = cost, as (P, rest) with
    q = P / rest in the budgets' scale, or None when the supporters cannot afford it.

    Supporters are settled poorest first; at each budget the test is
    cost - paid <= budget · rest (all integers)."""
    paid = 0
    rest = total
    for state in sorted(hist, key=values.__getitem__):
        budget = values[state]
        if cost - paid <= budget * rest:
            return cost - paid, rest
        count = hist[state]
        paid += budget * count
        rest -= count
    return None


def _payment(hist: dict[int, int], values: list[Fraction], order_keys, cost: Fraction, total: int):
    """Smallest q with sum(count * min(budget, q)) = cost, or None when the supporters
    cannot afford the project. ``hist`` maps budget states (indices into ``values``) to
    numbers of supporters; the poorest supporters are settled first.

    Supporters are settled in order of budget; at position i the test is
    ``cost - paid_i <= budget_i * rest_i`` and it stays true once true. Floats locate the
    position; it is then confirmed exactly (false just before, true there), else the exact
    scan decides.
    """
    states = sorted(hist, key=order_keys.__getitem__)
    fcost = float(cost)
    paid = 0.0
    rest = total
    found = None
    for index, state in enumerate(states):
        budget = order_keys[state][0]
        if fcost - paid <= budget * rest:
            found = index
            break
        paid += budget * hist[state]
        rest -= hist[state]
    exact_paid = Fraction(0)
    rest = total
    stop = len(states) if found is None else found
    for state in states[:stop]:
        exact_paid += values[state] * hist[state]
        rest -= hist[state]
    if found is None:
        if exact_paid < cost:
            return None
        return _payment_exact(hist, values, states, cost, total)
    budget = values[states[found]]
    if cost - exact_paid <= budget * rest:
        if found == 0:
            return (cost - exact_paid) / rest
        previous = states[found - 1]
        count = hist[previous]
        before = exact_paid - values[previous] * count
        if cost - before > values[previous] * (rest + count):
            return (cost - exact_paid) / rest
    return _payment_exact(hist, values, states, cost, total)


def _payment_exact(hist, values, states, cost: Fraction, total: int) -> Fraction | None:
    paid = Fraction(0)
    rest = total
    for state in states:
        budget = values[state]
        if cost - paid <= budget * rest:
            return (cost - paid) / rest
        paid += budget * hist[state]
        rest -= hist[state]
    return None


def run_equal_shares_tracked(
    profile: Profile, per_voter: Fraction, deadline: float = math.inf
) -> Run | None:
    """Like :func:`run_equal_shares`, and also finds how far the per-voter budget can rise
    (in whole currency units) with the run provably unchanged.

    Every budget is kept as value + slope·Δ, where Δ is the rise of the per-voter budget.
    While no supporter changes between paying in full and paying the common share, each
    payment, ρ and budget is affine in Δ, so the run is unchanged as long as every
    comparison the run made (partitions, the winner of each round against every other
    project, unaffordable projects staying unaffordable) still comes out the same. Each
    comparison is an affine inequality in Δ; ``stable_steps`` is the smallest whole Δ ≥ 1
    that violates one of them. Gives up (returns None) after ``deadline`` (perf_counter).
    """
    costs, utilities, keys = profile.costs, profile.utilities, profile.keys
    groups, supporters, counts = profile.groups, profile.supporters, profile.counts
    run = Run()
    upfront, active_list = _upfront_and_active(profile)
    run.selected.extend(upfront)
    run.payments.extend(Fraction(0) for _ in upfront)
    active = set(active_list)
    zero = Fraction(0)
    start = (per_voter, Fraction(1))
    states = [start] * len(groups)
    hist = {j: {start: counts[j]} for j in active}
    limit = math.inf  # smallest whole Δ >= 1 at which some comparison may change
    while active:
        if time.perf_counter() > deadline:
            return None
        lines: dict[int, tuple[Fraction, Fraction]] = {}
        for j in sorted(active, key=keys.__getitem__):
            found = _payment_tracked(hist[j], costs[j], counts[j])
            kind, value, slope, steps = found
            limit = min(limit, steps)
            if kind == "unaffordable":
                active.discard(j)
                continue
            lines[j] = (value / utilities[j], slope / utilities[j], value, slope)
        if not lines:
            break
        best = min(lines[j][0] for j in lines)
        tied = sorted((j for j in lines if lines[j][0] == best), key=keys.__getitem__)
        winner = tied[0]
        if len(tied) > 1:
            run.ties.append(tied)
        w_rho, w_slope, q, q_slope = lines[winner]
        for j, (r, s, _, _) in lines.items():
            if j == winner:
                continue
            gap, gap_slope = r - w_rho, s - w_slope
            strict = keys[j] < keys[winner]
            limit = min(limit, _first_violation(gap, gap_slope, strict))
        run.selected.append(winner)
        run.payments.append(q)
        active.discard(winner)
        for g in supporters[winner]:
            old = states[g]
            if old[0] == 0 and old[1] == 0:
                continue
            new = (zero, zero) if old[0] < q else (old[0] - q, old[1] - q_slope)
            states[g] = new
            members, count = groups[g]
            _move_voters(members, count, old, new, active=active, hist=hist)
    run.stable_steps = limit
    return run


def _first_violation(value: Fraction, slope: Fraction, strict: bool) -> float | int:
    """Smallest whole Δ >= 1 where value + slope·Δ >= 0 (> 0 if strict) fails; inf if never."""
    if slope >= 0:
        return math.inf
    reach = value / -slope
    if strict:
        return max(1, math.ceil(reach))
    return math.floor(reach) + 1


def _payment_tracked(hist, cost: Fraction, total: int):
    """:func:`_payment` on (value, slope) budgets. Returns (kind, q, q slope, steps) where
    steps bounds how far Δ may go before the poor/rich split (or unaffordability) changes."""
    paid = Fraction(0)
    paid_slope = Fraction(0)
    rest = total
    ordered = sorted(hist)
    for index, state in enumerate(ordered):
        value = state[0]
        if cost - paid <= value * rest:
            q = (cost - paid) / rest
            q_slope = -paid_slope / rest
            steps = math.inf
            for poor in ordered[:index]:
                steps = min(steps, _first_violation(q - poor[0], q_slope - poor[1], False))
            for rich in ordered[index:]:
                steps = min(steps, _first_violation(rich[0] - q, rich[1] - q_slope, False))
            return "affordable", q, q_slope, steps
        count = hist[state]
        paid += value * count
        paid_slope += state[1] * count
        rest -= count
    # Unaffordable while the supporters' total stays below the cost.
    return "unaffordable", None, None, _first_violation(cost - paid, -paid_slope, True)


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


def equal_shares_add1(profile: Profile, *, naive: bool = False):
    """pabutools' iterated MES (voter_budget_increment=1): raise every voter's starting
    budget by one currency unit until the outcome overspends (keep the previous one) or no
    further supported project fits (keep this one).

    Instead of one MES run per unit, a tracked run reports for how many units its outcome
    is provably unchanged and the search jumps past them (every skipped unit has that same
    feasible, non-exhaustive outcome, so the unit-step loop would not have stopped there).
    A tracked run costs more than a plain one, so the loop measures both and tracks only
    while the jumps pay for it, probing again after 64, 128, 256... plain unit steps. Either
    way each step is exact, so the outcome never depends on the timings.
    ``naive=True`` steps one unit at a time (used by the tests).
    Returns (final run, per-voter budget of the last unit step it stands for, MES runs).
    """
    base = profile.budget / profile.num_voters
    upfront, active = _upfront_and_active(profile)
    previous = Run(selected=list(upfront), payments=[Fraction(0)] * len(upfront))
    previous_budget = base
    raise_by = 0
    runs = 0
    plain_seconds = None
    plain_steps = 1  # unit steps left before the next tracked probe
    backoff = 64
    while True:
        per_voter = base + raise_by
        tracked = not naive and plain_steps == 0
        started = time.perf_counter()
        if tracked:
            # Worth it only if it costs less than the plain unit steps it could save.
            deadline = started + 20 * plain_seconds + 0.05
            run = run_equal_shares_tracked(profile, per_voter, deadline)
            if run is None:
                plain_steps, backoff = backoff, backoff * 2
                continue
        else:
            run = run_equal_shares(profile, per_voter)
            plain_steps = max(plain_steps - 1, 0)
        took = time.perf_counter() - started
        runs += 1
        spent = sum(profile.costs[j] for j in run.selected)
        if spent > profile.budget:
            return previous, previous_budget, runs
        chosen = set(run.selected)
        left = profile.budget - spent
        if not any(j not in chosen and profile.costs[j] <= left for j in active):
            return run, per_voter, runs
        step = run.stable_steps if tracked else 1
        if step == math.inf:
            # No comparison can change any more: the outcome would stay feasible and
            # non-exhaustive forever (pabutools would never stop). Keep it.
            return run, per_voter, runs
        if not tracked:
            plain_seconds = took if plain_seconds is None else min(plain_seconds, took)
        elif step * plain_seconds < took:  # the jump saved less than it cost
            plain_steps, backoff = backoff, backoff * 2
        previous, previous_budget = run, per_voter + step - 1
        raise_by += step


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


def _move_voters(members, count, old, new, *, active, hist, touched=None):
    """Move `count` voters from budget state `old` to `new` in the histogram of every project of
    `members` still in the running (and note those projects in `touched`)."""
    for j in members:
        if j in active:
            h = hist[j]
            left = h[old] - count
            if left:
                h[old] = left
            else:
                del h[old]
            h[new] = h.get(new, 0) + count
            if touched is not None:
                touched.add(j)
