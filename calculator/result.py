"""The result every rule returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Allocation:
    """What a rule decided, in the order it decided it.

    ``selected``: project ids in the order they were funded. ``funded``: id → amount granted
    (the cost, or less for a partial grant; those are listed in ``partial``).
    ``leftover``: money not granted nor donated.
    ``donations``: recipient → amount. ``ties``: groups of project ids a person must decide
    between. ``scores``: id → votes or points. ``rejected_ballots``: (voter id, reason).
    ``steps``: the plain-language explanation, one line per decision.
    ``details``: rule-specific structured facts for explanations (Equal Shares:
    ``per_voter_budget`` (the exact start budget per voter, a Fraction), ``equal_shares_order``
    (ids funded by the Equal Shares rounds, in order) and ``completion_order`` (ids added by the
    add1 greedy completion)).
    """

    rule: str
    budget: Decimal
    currency: str
    selected: list[str] = field(default_factory=list)
    funded: dict[str, Decimal] = field(default_factory=dict)
    leftover: Decimal = Decimal(0)
    donations: dict[str, Decimal] = field(default_factory=dict)
    partial: list[str] = field(default_factory=list)
    ties: list[list[str]] = field(default_factory=list)
    scores: dict[str, int | Decimal] = field(default_factory=dict)
    rejected_ballots: list[tuple[str, str]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    options: dict[str, object] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)

    @property
    def total_funded(self) -> Decimal:
        return sum(self.funded.values(), Decimal(0))
