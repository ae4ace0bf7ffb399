"""San Jose District 2, Round 2 "Rank and Rearrange" (rulebook in ../shared/seeds)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..exceptions import InvalidOptionError
from ..model import Election
from ..money import format_money, format_percent, split_to_the_cent
from ..tiebreaking import BY_PROJECT_ID, TieBreaking
from . import _common

DEFAULT_THRESHOLD = Decimal("0.75")
DEFAULT_MAX_RANKS = 5


def rank_and_rearrange(
    election: Election,
    *,
    tie_breaking: TieBreaking = BY_PROJECT_ID,
    threshold: Decimal = DEFAULT_THRESHOLD,
    declined: Sequence[str] = (),
    leftover_recipients: Sequence[str] = (),
    max_ranks: int | None = None,
    currency: str | None = None,
):
    """Rank and Rearrange: rank points L..1, fund fully in order, then the 75% offer.

    Inputs: an election with ranked ballots of at most ``max_ranks`` projects (default the
    file's max_length, else 5); ``threshold`` (inclusive, default 0.75); ``declined``:
    projects whose delegate declines a partial offer; ``leftover_recipients``: who shares
    the money left (equally, to the cent; each named once).
    Output: an :class:`Allocation`. Projects are taken by points. One that fits is funded
    fully; one that does not fit is offered all remaining money when that covers at least
    ``threshold`` of its cost; an accepted offer ends the round, a declined one moves on.
    Invalid ballots (empty, a project twice, too many ranks) are rejected with the reason.
    Ties in points that the money cannot all cover are reported in ``ties`` (the rulebook
    leaves them to an official) and broken by ``tie_breaking`` meanwhile.
    """
    if not Decimal(0) < threshold <= 1:
        raise InvalidOptionError("threshold must be above 0 and at most 1")
    unknown = [p for p in (*declined,) if p not in election.projects]
    if unknown:
        raise InvalidOptionError(f"declined names unknown project(s): {', '.join(unknown)}")
    twice = _common.duplicate_in(tuple(leftover_recipients))
    if twice is not None:
        raise InvalidOptionError(
            f"leftover_recipients names {twice!r} twice; name each recipient once"
        )
    limit = _common.rank_limit(election, max_ranks, DEFAULT_MAX_RANKS)
    options = {
        "threshold": threshold,
        "declined": list(declined),
        "leftover_recipients": list(leftover_recipients),
        "max_ranks": limit,
    }
    result = _common.new_allocation("rank-and-rearrange", election, currency, options)
    scores, rejected = _common.rank_points(election, limit, reject_empty=True)
    result.rejected_ballots.extend(rejected)
    result.scores = scores
    symbol = result.currency
    money = election.budget
    share = format_percent(threshold, Decimal(1))
    ordered = sorted(
        (pid for pid in election.projects if scores[pid] > 0),
        key=lambda pid: (-scores[pid], tie_breaking.key(pid)),
    )
    decided: set[str] = set()
    for index, pid in enumerate(ordered):
        if money <= 0:
            break
        _flag_tie(result, election, scores, ordered, index, decided, money, threshold,
                  tie_breaking)
        decided.add(pid)
        cost = election.projects[pid].cost
        head = f"{pid} ({scores[pid]} points) costs {format_money(cost, symbol)}"
        if cost <= money:
            money -= cost
            result.selected.append(pid)
            result.funded[pid] = cost
            result.steps.append(f"{head}; fully funded; {format_money(money, symbol)} remains")
            continue
        ratio = format_percent(money, cost)
        if money >= threshold * cost:
            offer = f"{head}; {format_money(money, symbol)} remains ({ratio} ≥ {share})"
            if pid in declined:
                result.steps.append(f"{offer}: offered to its delegate, who declined")
                continue
            result.selected.append(pid)
            result.funded[pid] = money
            result.partial.append(pid)
            result.steps.append(
                f"{offer}: offered to its delegate, who accepted "
                f"{format_money(money, symbol)}; the round is complete"
            )
            money = Decimal(0)
            break
        result.steps.append(
            f"{head}; {format_money(money, symbol)} remains ({ratio} < {share}): not funded"
        )
    unranked = [pid for pid in election.projects if scores[pid] <= 0]
    if unranked:
        result.steps.append("Ranked by nobody, never funded: " + ", ".join(unranked))
    if money > 0 and leftover_recipients:
        result.donations = split_to_the_cent(money, list(leftover_recipients))
        given = sum(result.donations.values(), Decimal(0))
        parts = "; ".join(
            f"{format_money(amount, symbol)} to {name}" for name, amount in result.donations.items()
        )
        result.steps.append(
            f"{format_money(money, symbol)} is left and nothing else fits or meets the "
            f"{share} rule: split equally: {parts}"
        )
        money -= given
    result.leftover = money
    if money > 0 or not result.donations:
        result.steps.append(f"{format_money(money, symbol)} is left over")
    return result


def _flag_tie(result, election, scores, ordered, index, decided, money, threshold, tie_breaking):
    """Report the tie group starting at ``ordered[index]`` once, if it matters.

    It matters when the projects tied on points cannot all be fully funded with the money
    left and at least one of them could be funded (it fits or meets the threshold).
    """
    pid = ordered[index]
    if pid in decided or (index > 0 and scores[ordered[index - 1]] == scores[pid]):
        return
    group = [p for p in ordered[index:] if scores[p] == scores[pid]]
    if len(group) < 2:
        return
    costs = [election.projects[p].cost for p in group]
    reachable = any(c <= money or money >= threshold * c for c in costs)
    if sum(costs) > money and reachable:
        result.ties.append(group)
        result.steps.append(
            f"Tie: {', '.join(group)} have {scores[pid]} points each and the "
            f"{format_money(money, result.currency)} left cannot fund them all; the rulebook "
            f"leaves this to the named official; this tally uses {tie_breaking.description}"
        )
