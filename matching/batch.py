"""The members of one matching round, indexed by position, and where they may meet.

Pure Python, no Django. Every other step of the algorithm (bucketing, block solving, local
search, inserting members into cohorts) works on positions in a :class:`Batch`.
"""

from __future__ import annotations

from collections.abc import Sequence

from matching.checks import IN_PERSON_FORMATS, ONLINE_FORMATS, Constraints
from matching.similarity import Member, SimilarityFunction, Weights

ONLINE = "online"
IN_PERSON = "in-person"
EPS = 1e-12  # similarities closer than this count as equal


class Batch:
    """The consenting members of one round, indexed by position, with cached attributes."""

    def __init__(self, members: Sequence[Member], weights: Weights, constraints: Constraints):
        self.members = members
        self.sim = SimilarityFunction(members, weights)
        self.encoded = self.sim.encoded
        self.langs = [m.languages for m in members]
        self.offsets = [m.utc_offset_minutes for m in members]
        self.countries = [m.country for m in members]
        self.constraints = constraints
        self.max_tz_spread = constraints.max_tz_spread_minutes

    def pair(self, i: int, j: int) -> float:
        """Similarity of the members at positions ``i`` and ``j``."""
        return self.sim.encoded_pair(self.encoded[i], self.encoded[j])

    def fits(self, positions: Sequence[int], mode: str) -> bool:
        """Whether ``positions`` may meet together in ``mode`` (size bounds aside)."""
        langs = self.langs[positions[0]]
        for p in positions[1:]:
            langs = langs & self.langs[p]
            if not langs:
                return False
        if mode == ONLINE:
            offsets = [self.offsets[p] for p in positions]
            return max(offsets) - min(offsets) <= self.max_tz_spread
        country = self.countries[positions[0]]
        return bool(country) and all(self.countries[p] == country for p in positions)

    def mode_of(self, positions: Sequence[int]) -> str | None:
        """How ``positions`` can meet as one cohort (online first), or None."""
        members = [self.members[p] for p in positions]
        c = self.constraints
        if (
            c.online
            and all(m.format in ONLINE_FORMATS for m in members)
            and self.fits(positions, ONLINE)
        ):
            return ONLINE
        if (
            c.in_person
            and all(m.format in IN_PERSON_FORMATS for m in members)
            and self.fits(positions, IN_PERSON)
        ):
            return IN_PERSON
        return None

    def modes_for(self, position: int) -> list[str]:
        """The ways this round lets the member at ``position`` meet, preferred first."""
        return meeting_modes(self.members[position], self.constraints)


def meeting_modes(member: Member, constraints: Constraints) -> list[str]:
    """The ways ``member`` may meet in a round with ``constraints``, online first."""
    modes = []
    if constraints.online and member.format in ONLINE_FORMATS:
        modes.append(ONLINE)
    if constraints.in_person and member.format in IN_PERSON_FORMATS:
        modes.append(IN_PERSON)
    return modes
