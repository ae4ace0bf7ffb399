"""Tie-breaking rules: named objects passed to every rule, never hidden in a loop."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TieBreaking:
    """Orders tied projects; ``description`` is what the explanation says was used.

    With an explicit ``order``, listed projects come first in that order and the rest follow
    by id. Without one, projects are ordered by id as strings (pabutools' default, so
    ``"10"`` comes before ``"9"``).
    """

    description: str
    order: tuple[str, ...] = field(default=())

    def key(self, project_id: str) -> tuple:
        """Sort key: smaller wins the tie."""
        try:
            return (0, self.order.index(project_id), project_id)
        except ValueError:
            return (1, 0, project_id)

    def sort(self, project_ids: Iterable[str]) -> list[str]:
        """The given projects, winner of the tie first."""
        return sorted(project_ids, key=self.key)


BY_PROJECT_ID = TieBreaking("project id order")
"""Ties go to the smaller project id as a string, as in pabutools' lexicographic rule."""


def explicit_order(order: Sequence[str]) -> TieBreaking:
    """Ties follow ``order`` (e.g. the official's decision); unlisted projects by id."""
    return TieBreaking("the tie-break order given (" + ", ".join(order) + ")", tuple(order))
