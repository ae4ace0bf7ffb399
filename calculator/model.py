"""The plain data the rules work on: projects, ballots and the election that holds them.

Identical ballots are stored once with a count (a :class:`BallotGroup`), which keeps
100,000-voter elections small and makes every rule run over distinct ballots only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import partial
from itertools import repeat
from numbers import Number
from operator import itemgetter
from typing import NamedTuple

from .exceptions import InvalidElectionError

VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
"""Ballot types of the Pabulib format; ``choose-1`` is an approval ballot with one project."""


@dataclass(frozen=True)
class Project:
    """A project on the ballot: its id (a string), its cost and an optional display name."""

    id: str
    cost: Decimal
    name: str = ""

    @property
    def label(self) -> str:
        """The name if there is one, else the id."""
        return self.name or self.id


class BallotGroup(NamedTuple):
    """Identical ballots cast by ``len(voter_ids)`` voters.

    ``projects`` lists project ids as written on the ballot (best first for ranked ballots);
    ``points`` gives the points of each listed project for cumulative and scoring ballots,
    else ``None``. A named tuple rather than a frozen dataclass: a 100,000-voter file makes
    tens of thousands of them and a tuple is built in a third of the time.
    """

    projects: tuple[str, ...]
    points: tuple[int | Decimal, ...] | None
    voter_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.voter_ids)


@dataclass
class Election:
    """Projects, budget and ballots of one vote (pabutools calls the first two an ``Instance``).

    ``rejected_ballots`` lists ``(voter id, reason)`` for ballots that could not be read at all
    (e.g. naming an unknown project); rules add their own rejections to the result.
    """

    budget: Decimal
    projects: dict[str, Project]
    ballots: list[BallotGroup]
    vote_type: str = "approval"
    currency: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    rejected_ballots: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""
    # Tallies computed by the rules, kept so that comparing rules on one election tallies
    # once. Cleared by ``forget_tallies`` if ballots are changed in place.
    _tallies: dict = field(default_factory=dict, repr=False, compare=False)

    def forget_tallies(self) -> None:
        """Drop cached tallies (only needed after changing ``ballots`` in place)."""
        self._tallies.clear()

    @property
    def num_voters(self) -> int:
        """Number of ballots that were read (rejected ones excluded)."""
        return sum(group.count for group in self.ballots)

    @property
    def max_length(self) -> int | None:
        """The ``max_length`` from the file's META section, if any."""
        value = self.meta.get("max_length")
        try:
            return int(value) if value not in (None, "") else None
        except ValueError:
            return None


Instance = Election
"""pabutools' name for an election; kept as an alias for readers who know that vocabulary."""


def max_length_meta(max_length) -> dict[str, str]:
    """The META entry for a ``max_length`` given in code (none for None); refuses what the
    ``max_ranks`` option refuses: anything but a whole number of at least 1."""
    if max_length is None:
        return {}
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
        raise InvalidElectionError(f"max_length must be a whole number of at least 1, not {max_length!r}")
    return {"max_length": str(max_length)}


def to_decimal(value, what: str) -> Decimal:
    """Read a money amount or number without going through binary floats where avoidable."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidElectionError(f"{what} must be a number, not {value!r}")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        # repr() of a float is the shortest decimal that reads back as it: 0.75, not 0.7499...
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            raise InvalidElectionError(f"{what} must be a number, not {value!r}") from None
    elif isinstance(value, Number):
        try:
            result = Decimal(value.numerator) / Decimal(value.denominator)
        except AttributeError:
            raise InvalidElectionError(f"{what} must be a number, not {value!r}") from None
    else:
        raise InvalidElectionError(f"{what} must be a number, not {value!r}")
    if not result.is_finite():
        raise InvalidElectionError(f"{what} must be a finite number, not {value!r}")
    if not within_range(result):
        raise InvalidElectionError(f"{what} must be between 1e-12 and 1e15, not {value!r}")
    return result


def within_range(value: Decimal) -> bool:
    """False for NaN, infinities and magnitudes beyond 1e15 or below 1e-12 (other than 0).

    Exact arithmetic (``int()``, ``Fraction``) on 1e999999999 would take hours and all memory,
    so readers refuse such numbers instead of computing with them.
    """
    return value.is_finite() and (not value or -12 <= value.adjusted() <= 15)


def group_ballots(
    rows: Iterable[tuple[str, tuple[str, ...], tuple | None]],
) -> list[BallotGroup]:
    """Merge ``(voter id, projects, points)`` rows into groups of identical ballots."""
    rows = list(rows)
    groups = _voters_by_ballot(map(itemgetter(1, 2), rows), map(itemgetter(0), rows))
    return [BallotGroup(projects, points, tuple(ids)) for (projects, points), ids in groups.items()]


def _voters_by_ballot(ballots: Iterable, voters: Iterable[str]) -> dict:
    """{ballot: [ids of the voters who cast it]} in order of first appearance."""
    groups: dict = {}
    get = groups.get
    for ballot, voter in zip(ballots, voters, strict=True):
        same = get(ballot)
        if same is None:
            groups[ballot] = [voter]
        else:
            same.append(voter)
    return groups


def own_id_strings(projects: Iterable[str]):
    """A function taking a project id as read to the project's own id string (KeyError if
    unknown), so that all ballots share one string per project: a million 5-rank ballots
    otherwise hold five million small strings, which the cycle collector visits one by one."""
    return {pid: pid for pid in projects}.__getitem__


def make_election(
    *,
    budget,
    projects: Mapping[str, object] | Iterable[Project | Sequence],
    ballots: Iterable[Sequence[str] | Mapping[str, object]],
    vote_type: str | None = None,
    voter_ids: Sequence[str] | None = None,
    currency: str = "",
    max_length: int | None = None,
) -> Election:
    """Build an election in code.

    ``projects`` is ``{id: cost}``, or a list of :class:`Project` or ``(id, cost[, name])``.
    ``ballots`` is a list with one entry per voter: a list of project ids (best first when
    ranked) or a ``{id: points}`` mapping for cumulative ballots. ``vote_type`` defaults to
    ``cumulative`` when ballots carry points, else ``ordinal``. Voter ids default to "1", "2"...
    Ballots naming an unknown project are rejected (kept in ``rejected_ballots``), not fatal.
    """
    money = to_decimal(budget, "budget")
    if money <= 0:
        raise InvalidElectionError(f"budget must be positive, not {budget}")
    table: dict[str, Project] = {}
    items = projects.items() if isinstance(projects, Mapping) else projects
    for item in items:
        if isinstance(item, Project):
            project = item
        else:
            pid, cost, *rest = item
            name = str(rest[0]) if rest else ""
            project = Project(str(pid), to_decimal(cost, f"cost of project {pid}"), name)
        if project.id in table:
            raise InvalidElectionError(f"project {project.id!r} is listed twice")
        if project.cost < 0:
            raise InvalidElectionError(f"project {project.id!r} has a negative cost")
        table[project.id] = project
    ballots = list(ballots)
    id_lists_only = all(map(isinstance, ballots, repeat((list, tuple))))  # in C: no Mapping
    has_points = not id_lists_only and any(isinstance(b, Mapping) for b in ballots)
    if vote_type is None:
        vote_type = "cumulative" if has_points else "ordinal"
    if vote_type not in VOTE_TYPES:
        raise InvalidElectionError(f"vote_type must be one of {', '.join(VOTE_TYPES)}")
    if voter_ids is not None and len(voter_ids) != len(ballots):
        raise InvalidElectionError("voter_ids must have one id per ballot")
    rejected = []
    groups = _group_id_lists(ballots, voter_ids, table) if id_lists_only else None
    if groups is None:
        rows = []
        _read_ballots(ballots, voter_ids, table, rows, rejected)
        groups = group_ballots(rows)
    meta = max_length_meta(max_length)
    return Election(
        budget=money,
        projects=table,
        ballots=groups,
        vote_type=vote_type,
        currency=currency,
        meta=meta,
        rejected_ballots=rejected,
    )


def _group_id_lists(ballots, voter_ids, table) -> list[BallotGroup] | None:
    """The usual case, ballots as lists or tuples of known project ids (strings), read with
    no Python code per ballot but the grouping (a million 5-rank ballots: over a second less
    than the careful loop), each id as the project's own id string. None if a ballot names an
    unknown project or an id that is not a string (say the number 7 for project "7"): the
    careful loop then reads them all, converts ids with str() and says which are unknown."""
    same_id = own_id_strings(table)
    try:
        id_lists = list(map(tuple, map(map, repeat(same_id), ballots)))
    except KeyError:
        return None
    voters = map(str, range(1, len(ballots) + 1) if voter_ids is None else voter_ids)
    groups = _voters_by_ballot(id_lists, voters)  # lengths checked by the caller
    return list(map(new_group, zip(groups, repeat(None), map(tuple, groups.values()))))


new_group = partial(tuple.__new__, BallotGroup)  # BallotGroup(*args) in C, for map()


def _read_ballots(ballots, voter_ids, table, rows, rejected) -> None:
    for index, ballot in enumerate(ballots):
        voter = str(voter_ids[index]) if voter_ids is not None else str(index + 1)
        if type(ballot) not in (list, tuple) and isinstance(ballot, Mapping):
            ids = tuple(str(pid) for pid in ballot)
            try:
                points = tuple(_points(value) for value in ballot.values())
            except InvalidElectionError as error:
                rejected.append((voter, str(error)))
                continue
        else:
            ids = tuple(map(str, ballot))
            points = None
        unknown = next((pid for pid in ids if pid not in table), None)
        if unknown is not None:
            rejected.append((voter, f"names unknown project {unknown!r}"))
            continue
        rows.append((voter, ids, points))


def _points(value) -> int | Decimal:
    number = to_decimal(value, "points")
    return int(number) if number == number.to_integral_value() else number
