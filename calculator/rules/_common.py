"""Helpers shared by the rules: reading ballots as ranks, points or approvals."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, deque
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import itemgetter, ne, not_

from ..exceptions import RuleNotApplicableError
from ..model import Election
from ..money import currency_symbol
from ..result import Allocation

RANKED = ("ordinal",)
APPROVAL = ("approval", "choose-1")
POINTS = ("cumulative", "scoring")


def new_allocation(rule: str, election: Election, currency: str | None, options: dict):
    """An empty result carrying the election's budget, currency symbol and parse rejections."""
    return Allocation(
        rule=rule,
        budget=election.budget,
        currency=currency_symbol(currency or election.currency),
        rejected_ballots=list(election.rejected_ballots),
        options=dict(options),
    )


def duplicate_in(ids: tuple[str, ...]) -> str | None:
    """The first project listed twice on a ballot, or None."""
    seen = set()
    for pid in ids:
        if pid in seen:
            return pid
        seen.add(pid)
    return None


def rank_limit(election: Election, max_ranks: int | None, default: int | None) -> int:
    """How many ranks a ballot may hold: the option, else the file's max_length, else
    ``default``, else the longest ballot."""
    if max_ranks is not None:
        return max_ranks
    if election.max_length:
        return election.max_length
    if default is not None:
        return default
    return max((len(group.projects) for group in election.ballots), default=0)


def rank_points(election: Election, limit: int, *, reject_empty: bool):
    """Rank points L..1 by position (L = ``limit``) for valid ranked ballots.

    Returns (points per project id, rejected (voter id, reason) list). A ballot listing a
    project twice or more than ``limit`` projects is rejected; an empty one too when
    ``reject_empty`` is set.
    """
    if election.vote_type not in RANKED:
        raise RuleNotApplicableError(
            f"this rule needs ranked (ordinal) ballots; these are {election.vote_type} ballots"
        )
    key = ("ranks", limit, reject_empty)
    cached = election._tallies.get(key)
    if cached is None:
        cached = election._tallies[key] = _tally_ranks(election, limit, reject_empty)
    return dict(cached[0]), list(cached[1])


def _tally_ranks(election: Election, limit: int, reject_empty: bool):
    """(points per project id, rejected ballots) for rank_points.

    Done a rank position at a time with map() in C rather than a loop over ballot groups in
    Python: on one million 5-rank ballots (half a million groups) that halves the tally.
    """
    groups = election.ballots
    listed = list(map(itemgetter(0), groups))  # BallotGroup.projects
    counts = list(map(len, map(itemgetter(2), groups)))  # len(BallotGroup.voter_ids)
    lengths = list(map(len, listed))
    # Groups to leave out: a project twice, empty, or more than ``limit`` projects.
    bad = set(compress(range(len(listed)), map(ne, lengths, map(len, map(set, listed)))))
    if lengths and (min(lengths) == 0 or max(lengths) > limit):
        bad.update(i for i, length in enumerate(lengths) if not 0 < length <= limit)
    rejected = []
    if bad:
        for i in sorted(bad):
            problem = ballot_problem(listed[i], limit, reject_empty)
            if problem:
                rejected.extend((voter, problem) for voter in groups[i].voter_ids)
        kept = list(map(not_, map(bad.__contains__, range(len(listed)))))
        listed, counts, lengths = (list(compress(column, kept))
                                   for column in (listed, counts, lengths))
    points = dict.fromkeys(election.projects, 0)
    shortest = min(lengths, default=0)
    for position in range(max(lengths, default=0)):
        ranked, weights = listed, counts
        if position >= shortest:  # only the ballots this long
            longer = list(map(position.__lt__, lengths))
            ranked, weights = compress(listed, longer), compress(counts, longer)
        # The voters of each project's groups at this position, gathered per project.
        voters: dict[str, list[int]] = {pid: [] for pid in points}
        projects_here = map(itemgetter(position), ranked)
        deque(map(list.append, map(voters.__getitem__, projects_here), weights), 0)
        for pid, numbers in voters.items():
            points[pid] += (limit - position) * sum(numbers)
    return points, rejected


def ballot_problem(ids: tuple[str, ...], limit: int | None, reject_empty: bool) -> str | None:
    """Why a ballot is invalid (empty, a project twice, too many projects), or None."""
    if not ids:
        return "empty ballot" if reject_empty else None
    twice = duplicate_in(ids)
    if twice is not None:
        return f"lists project {twice!r} twice"
    if limit is not None and len(ids) > limit:
        return f"lists {len(ids)} projects; at most {limit} allowed"
    return None


@dataclass(frozen=True)
class ApprovalSupport:
    """The approval reading of an election's ballots (shared, cached: do not change it).

    Voters with the same support set form a group: ``ballots[g]`` is one of its ballots as
    listed (a repeated project read once) and ``sizes[g]`` its number of voters, the groups
    of one voter first (``lone`` of them). ``supporters`` gives each project id the indices of
    the groups supporting it, ascending; ``counts`` its number of supporters.
    """

    counts: dict[str, int]
    ballots: list[tuple[str, ...]]
    sizes: list[int]
    supporters: dict[str, list[int]]
    lone: int
    rejected: list[tuple[str, str]]

    def lone_and_shared(self, pid: str) -> tuple[list[int], list[tuple[int, int]]]:
        """The groups of one voter supporting ``pid``, and (group, voters) for the others."""
        groups = self.supporters[pid]
        cut = bisect_left(groups, self.lone)
        shared = groups[cut:]
        return groups[:cut], list(zip(shared, map(self.sizes.__getitem__, shared), strict=True))

    def count(self, pid: str) -> int:
        """The number of voters supporting ``pid``."""
        groups = self.supporters[pid]
        cut = bisect_left(groups, self.lone)  # the groups before it have one voter each
        return cut + sum(map(self.sizes.__getitem__, groups[cut:]))


def approval_support(election: Election) -> ApprovalSupport:
    """Approval reading of any ballot: a voter supports every project listed.

    Identical support sets are merged. Ballots listing a project twice are rejected for
    ranked and points ballots; for approval ballots a repeat is read once.
    """
    cached = election._tallies.get("approval")
    if cached is not None:
        return cached
    # map() over all groups at once: this runs on every ballot group of files with tens of
    # thousands of distinct ballots.
    groups = election.ballots
    listed = list(map(itemgetter(0), groups))  # BallotGroup.projects
    voters = list(map(len, map(itemgetter(2), groups)))  # len(BallotGroup.voter_ids)
    supported = list(map(frozenset, listed))
    rejected = []
    if election.vote_type not in APPROVAL:
        for i in compress(range(len(groups)), map(ne, map(len, supported), map(len, listed))):
            twice = duplicate_in(listed[i])
            rejected.extend((v, f"lists project {twice!r} twice") for v in groups[i].voter_ids)
            voters[i] = 0
    # The cache keeps a ballot tuple that already exists for each set, not the new frozensets:
    # tens of thousands of new containers would cost a cycle-collector pass over them all.
    if len(set(supported)) == len(supported) and all(voters):
        # The usual case, no set repeats: the groups are the election's own, taken by
        # position (the groups of one voter first) with no lookups keyed by set.
        alone = list(map((1).__eq__, voters))
        order = list(chain(compress(range(len(voters)), alone),
                           compress(range(len(voters)), map(not_, alone))))
        sets = list(map(supported.__getitem__, order))
        sizes = list(map(voters.__getitem__, order))
        ballots = list(map(listed.__getitem__, order))
    else:
        merged = Counter()
        for key, count in zip(supported, voters, strict=True):
            if count:
                merged[key] += count
        ballot_of = dict(zip(supported, listed, strict=True))
        alone = list(map((1).__eq__, merged.values()))
        sets = list(chain(compress(merged, alone), compress(merged, map(not_, alone))))
        sizes = list(map(merged.__getitem__, sets))
        ballots = list(map(ballot_of.__getitem__, sets))
    lone = alone.count(True)
    for g in compress(range(len(sets)), map(ne, map(len, ballots), map(len, sets))):
        ballots[g] = tuple(dict.fromkeys(ballots[g]))  # an approval ballot with a repeat
    lists: list[list[int]] = [[] for _ in election.projects]
    supporters = dict(zip(election.projects, lists, strict=True))
    # supporters[pid].append(g) for every project of every group g, in one pass in C, over
    # the ballot tuples (a third faster to iterate than the frozensets).
    group_of_each = chain.from_iterable(map(repeat, range(len(sets)), map(len, ballots)))
    lists_to_extend = map(supporters.__getitem__, chain.from_iterable(ballots))
    deque(map(list.append, lists_to_extend, group_of_each), 0)
    support = ApprovalSupport({}, ballots, sizes, supporters, lone, rejected)
    support.counts.update((pid, support.count(pid)) for pid in supporters)
    election._tallies["approval"] = support
    return support


def total_points(election: Election) -> tuple[dict[str, int | Decimal], list]:
    """Sum of points per project for cumulative and scoring ballots."""
    points = Counter({pid: 0 for pid in election.projects})
    rejected = []
    for group in election.ballots:
        twice = duplicate_in(group.projects)
        if twice is not None:
            rejected.extend((v, f"lists project {twice!r} twice") for v in group.voter_ids)
            continue
        values = group.points if group.points is not None else (1,) * len(group.projects)
        negative = next((p for p in values if p < 0), None)
        if negative is not None:
            rejected.extend((v, f"gives negative points ({negative})") for v in group.voter_ids)
            continue
        for pid, value in zip(group.projects, values, strict=True):
            points[pid] += value * group.count
    return dict(points), rejected
