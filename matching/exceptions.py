"""Errors raised by the matching package."""


class MatchingError(ValueError):
    """Base class of the matching package's errors."""


class InvalidMember(MatchingError):
    """A member's data cannot be matched (bad format, duplicate id...)."""


class InvalidWeights(MatchingError):
    """Weights are negative or all zero."""


class InvalidConstraints(MatchingError):
    """Cohort constraints are inconsistent (e.g. min_size above max_size)."""


class InvalidCohorts(MatchingError):
    """Cohorts break a hard constraint; ``violations`` lists each problem."""

    def __init__(self, violations):
        self.violations = list(violations)
        super().__init__("; ".join(v.message for v in self.violations))
