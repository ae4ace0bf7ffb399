"""Outcome measures of a result, for any rule: who got something, how much, how evenly.

A voter "got" a project when it was funded (fully or in part) and their ballot lists it
(any ballot type: the projects listed, each once). Satisfaction is cost utility: the total
cost of the funded projects a voter listed (pabutools' ``Cost_Sat``; the full cost, also for
a partly funded project). Every ballot read counts, including empty ones and ballots a rule
set aside as invalid (their voters still took part). All figures are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .model import Election
from .result import Allocation


@dataclass(frozen=True)
class OutcomeMeasures:
    """``voters``: ballots read. ``voters_with_funded``: voters with at least one funded
    project they listed, ``share_with_funded`` that over ``voters``. ``average_funded``: mean
    number of funded projects per voter; ``average_funded_cost``: mean satisfaction (cost of
    the funded projects a voter listed). ``distribution``: {k: voters who got exactly k of
    their projects}, every k from 0 to the largest. ``gini``: Gini coefficient of the
    satisfaction (0: all equal; pabutools' formula, 0 when nobody got anything)."""

    voters: int
    voters_with_funded: int
    share_with_funded: Fraction
    average_funded: Fraction
    average_funded_cost: Fraction
    distribution: dict[int, int]
    gini: Fraction


def outcome_measures(election: Election, result: Allocation) -> OutcomeMeasures:
    """The outcome measures of ``result`` on ``election`` (see :class:`OutcomeMeasures`)."""
    funded = set(result.funded)
    cost = {pid: Fraction(election.projects[pid].cost) for pid in funded}
    voters = 0
    got = 0
    projects_total = 0
    by_count: dict[int, int] = {}
    by_satisfaction: dict[Fraction, int] = {}
    for group in election.ballots:
        n = group.count
        mine = funded.intersection(group.projects)
        k = len(mine)
        satisfaction = sum((cost[pid] for pid in mine), Fraction(0))
        voters += n
        projects_total += k * n
        if k:
            got += n
        by_count[k] = by_count.get(k, 0) + n
        by_satisfaction[satisfaction] = by_satisfaction.get(satisfaction, 0) + n
    if not voters:
        return OutcomeMeasures(0, 0, Fraction(0), Fraction(0), Fraction(0), {}, Fraction(0))
    total_satisfaction = sum((s * n for s, n in by_satisfaction.items()), Fraction(0))
    distribution = {k: by_count.get(k, 0) for k in range(max(by_count) + 1)}
    return OutcomeMeasures(
        voters=voters,
        voters_with_funded=got,
        share_with_funded=Fraction(got, voters),
        average_funded=Fraction(projects_total, voters),
        average_funded_cost=total_satisfaction / voters,
        distribution=distribution,
        gini=_gini(by_satisfaction, voters, total_satisfaction),
    )


def _gini(counts: dict[Fraction, int], voters: int, total: Fraction) -> Fraction:
    """pabutools' Gini coefficient, (n + 1 - 2 Σ_i v_i (n - i) / Σ v) / n over the values
    sorted ascending (i from 0), with each run of equal values summed at once."""
    if not total:
        return Fraction(0)
    weighted = Fraction(0)
    position = 0
    for value in sorted(counts):
        c = counts[value]
        # Σ (n - i) for i = position .. position + c - 1
        weighted += value * (c * voters - (2 * position + c - 1) * c // 2)
        position += c
    return (voters + 1 - 2 * weighted / total) / voters


def outcomes_to_dict(measures: OutcomeMeasures) -> dict:
    """JSON-ready: shares and means as decimal strings (7 places, rounded down) and exact
    "p/q" strings; the Gini coefficient likewise."""

    def number(value: Fraction) -> str:
        text = Decimal(value.numerator) / Decimal(value.denominator)
        return format(text.quantize(Decimal("0.0000001"), rounding="ROUND_DOWN").normalize(), "f")

    def exact(value: Fraction) -> str:
        return f"{value.numerator}/{value.denominator}"

    return {
        "voters": measures.voters,
        "voters_with_funded": measures.voters_with_funded,
        "share_with_funded": number(measures.share_with_funded),
        "share_with_funded_exact": exact(measures.share_with_funded),
        "average_funded": number(measures.average_funded),
        "average_funded_exact": exact(measures.average_funded),
        "average_funded_cost": number(measures.average_funded_cost),
        "average_funded_cost_exact": exact(measures.average_funded_cost),
        "distribution": {str(k): v for k, v in measures.distribution.items()},
        "gini": number(measures.gini),
        "gini_exact": exact(measures.gini),
    }
