"""The San Jose D2 rulebook's project modification rule, as a checker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .model import to_decimal
from .money import format_money

MAX_PARTS = 3
PART_NAMES = "ABC"


@dataclass(frozen=True)
class ModificationCheck:
    """Whether a proposed split or trim is allowed, and every reason it is not."""

    allowed: bool
    problems: list[str] = field(default_factory=list)
    explanation: str = ""


def check_modification(
    original_cost, parts: Sequence, round_budget, *, currency: str = "$"
) -> ModificationCheck:
    """Check a proposed split/trim of a project against the rulebook.

    Inputs: the project's current cost, the proposed parts' costs (one part = a trim, two or
    three = a split into A, B, C) and the round budget. Rules: only a project costing more
    than 50% of the round budget may be modified; at most three parts; every part costs
    more than zero; the parts together never cost more than the original (no additions).
    Output: a :class:`ModificationCheck` listing each violated rule in plain language.
    """
    cost = to_decimal(original_cost, "original cost")
    budget = to_decimal(round_budget, "round budget")
    costs = [to_decimal(part, "part cost") for part in parts]
    half = budget / 2
    problems = []
    if cost <= half:
        problems.append(
            f"Only a project costing more than 50% of the round budget "
            f"({format_money(half, currency)}) may be modified; this one costs "
            f"{format_money(cost, currency)}."
        )
    if not costs:
        problems.append("The proposal has no parts.")
    if len(costs) > MAX_PARTS:
        problems.append(
            f"A project may be split into at most {MAX_PARTS} parts (A, B, C); "
            f"this proposal has {len(costs)}."
        )
    for index, part in enumerate(costs):
        if part <= 0:
            name = PART_NAMES[index] if index < len(PART_NAMES) else str(index + 1)
            problems.append(f"Part {name} must cost more than {format_money(0, currency)}.")
    total = sum(costs, Decimal(0))
    if total > cost:
        problems.append(
            f"No additions are allowed: the parts cost {format_money(total, currency)} in "
            f"all, more than the original {format_money(cost, currency)}."
        )
    if problems:
        return ModificationCheck(False, problems, " ".join(problems))
    kind = "trimmed" if len(costs) == 1 else f"split into {len(costs)} parts"
    explanation = (
        f"Allowed: the project costs {format_money(cost, currency)}, more than half of "
        f"{format_money(budget, currency)}, and is {kind} costing "
        f"{format_money(total, currency)} in all."
    )
    return ModificationCheck(True, [], explanation)
