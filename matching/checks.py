"""Hard constraints on cohorts and the ``check_*`` validators.

Pure Python: no Django import. A cohort is valid when

- its size is within ``[min_size, max_size]``;
- every member consented to be matched;
- all its members share at least one language;
- it can meet in one of the formats the round allows:
  *online* (``constraints.online``): every member's format is "online" or "both" and the
  spread of UTC offsets (latest minus earliest, in minutes, not wrapped around the date
  line) is at most ``max_tz_spread_hours``; or
  *in person* (``constraints.in_person``): every member's format is "in-person" or "both"
  and all live in the same (non-empty) country. Time zones do not limit in-person cohorts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from matching.exceptions import InvalidCohorts, InvalidConstraints
from matching.similarity import Member

ONLINE_FORMATS = frozenset({"online", "both"})
IN_PERSON_FORMATS = frozenset({"in-person", "both"})


@dataclass(frozen=True)
class Constraints:
    """Hard constraints of a matching round.

    ``online``: form online cohorts (time-zone spread limited). ``in_person``: form
    in-person cohorts of one country for members who only meet in person.
    """

    min_size: int = 4
    max_size: int = 8
    max_tz_spread_hours: float = 6
    online: bool = True
    in_person: bool = True

    def __post_init__(self) -> None:
        if not 2 <= self.min_size <= self.max_size:
            raise InvalidConstraints("sizes must satisfy 2 <= min_size <= max_size")
        if self.max_tz_spread_hours < 0:
            raise InvalidConstraints("max_tz_spread_hours must not be negative")
        if not (self.online or self.in_person):
            raise InvalidConstraints("at least one of online and in_person must be allowed")

    @property
    def max_tz_spread_minutes(self) -> float:
        """The time-zone spread limit in minutes."""
        return self.max_tz_spread_hours * 60


@dataclass(frozen=True)
class Violation:
    """One broken hard constraint; ``cohort`` is the index in the list checked."""

    cohort: int
    code: str
    message: str
    member_id: int | None = None


def common_languages(members: Iterable[Member]) -> frozenset[str]:
    """Return the languages every one of ``members`` speaks."""
    result: frozenset[str] | None = None
    for m in members:
        result = m.languages if result is None else result & m.languages
        if not result:
            return frozenset()
    return result or frozenset()


def meeting_format(members: Sequence[Member], constraints: Constraints) -> str | None:
    """Return "online" or "in-person" if ``members`` can meet that way, else ``None``.

    Online is preferred when both are possible.
    """
    if constraints.online and all(m.format in ONLINE_FORMATS for m in members):
        offsets = [m.utc_offset_minutes for m in members]
        if not offsets or max(offsets) - min(offsets) <= constraints.max_tz_spread_minutes:
            return "online"
    if constraints.in_person and all(m.format in IN_PERSON_FORMATS for m in members):
        countries = {m.country for m in members}
        if len(countries) <= 1 and "" not in countries:
            return "in-person"
    return None


def fits_together(members: Sequence[Member], constraints: Constraints) -> bool:
    """Return whether ``members`` may share a cohort, ignoring the size bounds."""
    return (
        all(m.consent for m in members)
        and bool(common_languages(members))
        and meeting_format(members, constraints) is not None
    )


def _as_mapping(members: Iterable[Member] | Mapping[int, Member]) -> Mapping[int, Member]:
    if isinstance(members, Mapping):
        return members
    return {m.id: m for m in members}


def check_cohorts(
    cohorts: Sequence[Iterable[int]],
    members: Iterable[Member] | Mapping[int, Member],
    constraints: Constraints | None = None,
    *,
    raise_errors: bool = False,
) -> list[Violation]:
    """Return every hard-constraint violation in ``cohorts`` (empty list when all is well).

    ``cohorts`` are collections of member ids; ``members`` are the profiles (a list or an
    id → member mapping). Also reports unknown ids and members placed twice. With
    ``raise_errors=True`` raises :class:`InvalidCohorts` instead of returning violations.
    """
    constraints = constraints or Constraints()
    by_id = _as_mapping(members)
    violations: list[Violation] = []
    seen: dict[int, int] = {}
    for index, cohort in enumerate(cohorts):
        ids = list(cohort)
        known = []
        for member_id in ids:
            if member_id not in by_id:
                violations.append(
                    Violation(
                        index, "unknown", f"cohort {index}: unknown member {member_id}", member_id
                    )
                )
                continue
            if member_id in seen:
                violations.append(
                    Violation(
                        index,
                        "duplicate",
                        f"member {member_id} is in cohorts {seen[member_id]} and {index}",
                        member_id,
                    )
                )
            seen[member_id] = index
            member = by_id[member_id]
            known.append(member)
            if not member.consent:
                violations.append(
                    Violation(
                        index,
                        "consent",
                        f"cohort {index}: member {member_id} did not consent",
                        member_id,
                    )
                )
        if not constraints.min_size <= len(set(ids)) <= constraints.max_size:
            violations.append(
                Violation(
                    index,
                    "size",
                    f"cohort {index} has {len(set(ids))} members, outside "
                    f"{constraints.min_size}-{constraints.max_size}",
                )
            )
        if known and not common_languages(known):
            violations.append(Violation(index, "language", f"cohort {index} shares no language"))
        if known and meeting_format(known, constraints) is None:
            violations.append(
                Violation(
                    index,
                    "format",
                    f"cohort {index} can meet neither online within "
                    f"{constraints.max_tz_spread_hours:g} hours of time-zone spread "
                    "nor in person in one country",
                )
            )
    if raise_errors and violations:
        raise InvalidCohorts(violations)
    return violations
