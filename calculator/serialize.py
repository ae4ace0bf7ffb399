"""Results as JSON-ready dicts (amounts as decimal strings) and as CSV text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from .result import Allocation


def _amount(value: Decimal) -> str:
    return format(value, "f")


def _score(value) -> int | str:
    return value if isinstance(value, int) else format(Decimal(value), "f")


def result_to_dict(result: Allocation) -> dict:
    """A dict of plain JSON types; money and fractional points are decimal strings."""
    return {
        "rule": result.rule,
        "budget": _amount(result.budget),
        "currency": result.currency,
        "selected": list(result.selected),
        "funded": {pid: _amount(amount) for pid, amount in result.funded.items()},
        "total_funded": _amount(result.total_funded),
        "leftover": _amount(result.leftover),
        "partial": list(result.partial),
        "donations": {name: _amount(amount) for name, amount in result.donations.items()},
        "ties": [list(group) for group in result.ties],
        "scores": {pid: _score(score) for pid, score in result.scores.items()},
        "rejected_ballots": [
            {"voter_id": voter, "reason": reason} for voter, reason in result.rejected_ballots
        ],
        "steps": list(result.steps),
        "options": {key: _option(value) for key, value in result.options.items()},
    }


def _option(value):
    if isinstance(value, Decimal):
        return _amount(value)
    if isinstance(value, dict):
        return {str(k): _option(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_option(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def result_to_csv(result: Allocation, names: dict[str, str] | None = None) -> str:
    """One row per project (or district): id, name, score, funded (yes/partial/no), amount,
    then the leftover and donations; amounts as decimal strings."""
    names = names or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "score", "funded", "amount", "order"])
    order = {pid: index + 1 for index, pid in enumerate(result.selected)}
    ids = list(result.scores) or list(result.funded)
    for pid in sorted(ids, key=lambda p: (order.get(p, len(order) + 1), p)):
        amount = result.funded.get(pid)
        status = "no"
        if amount is not None:
            status = "partial" if pid in result.partial else "yes"
        writer.writerow([
            pid,
            names.get(pid, ""),
            _score(result.scores.get(pid, 0)),
            status,
            _amount(amount) if amount is not None else "0",
            order.get(pid, ""),
        ])
    for name, amount in result.donations.items():
        writer.writerow([f"donation:{name}", name, "", "", _amount(amount), ""])
    writer.writerow(["leftover", "", "", "", _amount(result.leftover), ""])
    return out.getvalue()
