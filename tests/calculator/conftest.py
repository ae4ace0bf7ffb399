"""Fixtures for the calculator tests; none touches the database."""

from __future__ import annotations

import pytest

from calculator import make_election


@pytest.fixture
def ranked():
    """Build a ranked election whose projects get strictly decreasing points, in the order
    given: ``ranked({"A": 100000, "B": 80000})`` ranks A first, B second..."""

    def build(costs: dict, budget=480_000, **kwargs):
        ids = list(costs)
        # Project i is ranked first on (n - i) one-project ballots: 5 points each, so
        # earlier projects collect strictly more points (A: 5n, B: 5(n-1), ...).
        ballots = [[pid] for i, pid in enumerate(ids) for _ in range(len(ids) - i)]
        return make_election(budget=budget, projects=costs, ballots=ballots,
                             vote_type="ordinal", **kwargs)

    return build
