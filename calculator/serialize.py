"""Results as JSON-ready dicts (amounts as decimal strings) and as CSV text; elections (with
a result's selection) as Pabulib ``.pb`` text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from .model import Election
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


# A cell a spreadsheet would read as a formula starts with one of these (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell):
    """``cell`` with a ``'`` in front if a spreadsheet would run it as a formula."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS) else cell


class _InertWriter:
    """A csv writer whose text cells cannot start a spreadsheet formula."""

    def __init__(self, out):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row):
        self._writer.writerow([_inert(cell) for cell in row])


def result_to_csv(result: Allocation, names: dict[str, str] | None = None) -> str:
    """One row per project (or district): id, name, score, funded (yes/partial/no), amount,
    then the leftover and donations; amounts as decimal strings. A cell that starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a ``'`` in front, as OWASP
    recommends, so that a spreadsheet shows it as text instead of running it."""
    names = names or {}
    out = io.StringIO()
    writer = _InertWriter(out)
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


# META keys written from the election itself; others from ``election.meta`` are kept.
_OWN_META = ("num_projects", "num_votes", "budget", "vote_type", "currency", "rule")


def election_to_pabulib(election: Election, *, selected: Iterable[str] | None = None,
                        rule: str | None = None) -> str:
    """The election as the text of a Pabulib ``.pb`` file (read back by
    :func:`calculator.parse_pabulib_text` to the same projects, budget and ballots).

    ``selected``: project ids to mark ``1`` in a ``selected`` column of PROJECTS (the others
    ``0``), e.g. a result's ``selected``; ``rule``: the META ``rule`` to write (else the
    file's own, if any). Other META entries of the election are kept; ``num_projects`` and
    ``num_votes`` are those of the election (rejected ballots are not written).
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    meta = {
        "description": election.meta.get("description") or "Exported by PB Exchange",
        "num_projects": str(len(election.projects)),
        "num_votes": str(election.num_voters),
        "budget": _amount(election.budget),
        "vote_type": election.vote_type,
    }
    if election.currency:
        meta["currency"] = election.currency
    if rule or election.meta.get("rule"):
        meta["rule"] = rule or election.meta["rule"]
    for key, value in election.meta.items():
        if key not in meta and key not in _OWN_META and value not in (None, ""):
            meta[key] = str(value)
    out.write("META\n")
    writer.writerow(["key", "value"])
    writer.writerows(meta.items())
    out.write("PROJECTS\n")
    chosen = None if selected is None else set(selected)
    header = ["project_id", "cost", "name"] + (["selected"] if chosen is not None else [])
    writer.writerow(header)
    for pid, project in election.projects.items():
        row = [pid, _amount(project.cost), project.name]
        if chosen is not None:
            row.append("1" if pid in chosen else "0")
        writer.writerow(row)
    out.write("VOTES\n")
    with_points = election.vote_type in ("cumulative", "scoring")
    writer.writerow(["voter_id", "vote"] + (["points"] if with_points else []))
    for group in election.ballots:
        vote = ",".join(group.projects)
        points = None
        if with_points:
            values = group.points if group.points is not None else (1,) * len(group.projects)
            points = ",".join(_score(Decimal(v)) if not isinstance(v, int) else str(v)
                              for v in values)
        for voter in group.voter_ids:
            writer.writerow([voter, vote] + ([points] if with_points else []))
    return out.getvalue()
