"""District distribution (Porto Alegre): split a budget across districts by weighted
criteria, rounded to the cent with the largest-remainder method."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from ..exceptions import InvalidOptionError
from ..model import to_decimal
from ..money import CENT, currency_symbol, format_money
from ..result import Allocation
from ..tiebreaking import BY_PROJECT_ID, TieBreaking


def allocate_districts(
    budget,
    *,
    criteria: Mapping[str, object],
    districts: Mapping[str, Mapping[str, object]],
    tie_breaking: TieBreaking = BY_PROJECT_ID,
    currency: str | None = None,
) -> Allocation:
    """Split ``budget`` across districts in proportion to their weighted criteria grades.

    Inputs: ``criteria`` = {criterion: weight}; ``districts`` = {district: {criterion:
    grade}} (a missing grade counts as 0). A district's score is the sum of weight × grade;
    its exact share is budget × score / total score. Shares are rounded down to the cent and
    the cents left are given one each to the largest remainders (ties: ``tie_breaking`` on
    district names), so the parts add up exactly to the budget.
    Output: an :class:`Allocation` whose ``funded`` maps district → amount and whose
    ``scores`` maps district → weighted score; ``selected`` lists districts by amount.
    """
    money = to_decimal(budget, "budget")
    if money <= 0:
        raise InvalidOptionError("budget must be positive")
    if money != money.quantize(CENT):
        raise InvalidOptionError("budget must be a whole number of cents")
    if not criteria:
        raise InvalidOptionError("give at least one criterion with its weight")
    if not districts:
        raise InvalidOptionError("give at least one district with its grades")
    weights = {name: _non_negative(value, f"weight of {name}") for name, value in criteria.items()}
    scores: dict[str, Decimal] = {}
    for district, grades in districts.items():
        unknown = [c for c in grades if c not in weights]
        if unknown:
            raise InvalidOptionError(
                f"district {district!r} has grades for unknown criteria: {', '.join(unknown)}"
            )
        scores[district] = sum(
            (weights[c] * _non_negative(grades.get(c, 0), f"{district} {c}") for c in weights),
            Decimal(0),
        )
    total = sum(scores.values(), Decimal(0))
    if total <= 0:
        raise InvalidOptionError("every district scores 0, so there is nothing to split by")
    cents = int(money / CENT)
    exact = {d: Fraction(cents) * Fraction(s) / Fraction(total) for d, s in scores.items()}
    floors = {d: int(v) for d, v in exact.items()}
    spare = cents - sum(floors.values())
    by_remainder = sorted(exact, key=lambda d: (-(exact[d] - floors[d]), tie_breaking.key(d)))
    extra = set(by_remainder[:spare])
    amounts = {d: (floors[d] + (1 if d in extra else 0)) * CENT for d in exact}
    symbol = currency_symbol(currency)
    result = Allocation(
        rule="district",
        budget=money,
        currency=symbol,
        options={
            "criteria": dict(criteria),
            "districts": {name: dict(grades) for name, grades in districts.items()},
        },
    )
    result.scores = {d: _plain(s) for d, s in scores.items()}
    result.funded = amounts
    result.selected = sorted(amounts, key=lambda d: (-amounts[d], tie_breaking.key(d)))
    formula = " + ".join(f"{weights[c]} × {c}" for c in weights)
    result.steps.append(f"Each district scores {formula}; total score {_plain(total)}")
    for district in result.selected:
        share = (Fraction(scores[district]) / Fraction(total) * 100).limit_denominator(10000)
        percent = Decimal(share.numerator) / Decimal(share.denominator)
        result.steps.append(
            f"{district} scores {_plain(scores[district])} "
            f"({percent.quantize(CENT, rounding=ROUND_DOWN)}% of the total): "
            f"{format_money(amounts[district], symbol)}"
            + (" (one more cent, largest remainder)" if district in extra else "")
        )
    if spare:
        result.steps.append(
            f"Rounding down to the cent left {spare} cent(s); they went one each to the "
            f"largest remainders, so the parts add up to {format_money(money, symbol)}"
        )
    result.leftover = money - sum(amounts.values(), Decimal(0))
    return result


def district_rule(election, *, tie_breaking=BY_PROJECT_ID, budget=None, criteria=None,
                  districts=None, currency=None) -> Allocation:
    """``allocate(..., rule="district")``: the election is optional and only supplies the
    budget and currency when ``budget`` is not given."""
    if budget is None:
        if election is None:
            raise InvalidOptionError("the district rule needs a budget")
        budget = election.budget
    if currency is None and election is not None:
        currency = election.currency
    return allocate_districts(
        budget, criteria=criteria or {}, districts=districts or {},
        tie_breaking=tie_breaking, currency=currency,
    )


def _non_negative(value, what: str) -> Decimal:
    number = to_decimal(value, what)
    if number < 0:
        raise InvalidOptionError(f"{what} must not be negative")
    return number


def _plain(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


__all__: Sequence[str] = ["allocate_districts", "district_rule"]
