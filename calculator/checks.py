"""Upload checks in the spirit of the Pabulib checker: warnings that never stop the count.

:func:`upload_warnings` looks at an election as read (and, for a ``.pb`` file, at its text,
for the ``selected`` column the reader does not keep) and returns a list of
:class:`UploadWarning`: a ``code``, an English ``message`` and the ``projects`` concerned.
Codes: ``num_votes_mismatch``, ``num_projects_mismatch``, ``unsupported_projects``,
``projects_over_budget``, ``selected_disagrees``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Election
from .money import currency_symbol, format_money
from .registry import allocate

# Pabulib's META ``rule`` values this module can recount, and how.
RECOUNTABLE_RULES = {
    "greedy": "greedy, skipping projects that do not fit",
    "greedy-no-skip": "greedy, stopping at the first project that does not fit",
    "equalshares": "Method of Equal Shares",
    "equalshares/add1": "Method of Equal Shares with add1 completion",
}


@dataclass(frozen=True)
class UploadWarning:
    """One thing worth a second look in an uploaded election; the count goes on anyway."""

    code: str
    message: str
    projects: list[str] = field(default_factory=list)


def upload_warnings(election: Election, *, text: str | bytes | None = None) -> list[UploadWarning]:
    """Warnings about ``election`` (and its ``.pb`` ``text``, if given): META counts that do
    not match the file, projects nobody supported, projects costing more than the budget, and
    a ``selected`` column that disagrees with a recount by the rule named in META."""
    warnings: list[UploadWarning] = []
    meta = election.meta
    ballots = election.num_voters + len(election.rejected_ballots)
    declared = _integer(meta.get("num_votes"))
    if declared is not None and declared != ballots:
        warnings.append(UploadWarning(
            "num_votes_mismatch",
            f"META says num_votes is {declared:,}, but the file holds {ballots:,} votes.",
        ))
    declared = _integer(meta.get("num_projects"))
    if declared is not None and declared != len(election.projects):
        warnings.append(UploadWarning(
            "num_projects_mismatch",
            f"META says num_projects is {declared:,}, but the file lists "
            f"{len(election.projects):,} projects.",
        ))
    listed = set()
    for group in election.ballots:
        listed.update(group.projects)
    nobody = [pid for pid in election.projects if pid not in listed]
    if nobody:
        warnings.append(UploadWarning(
            "unsupported_projects",
            f"No voter supported {_projects(nobody)}; {'it' if len(nobody) == 1 else 'they'} "
            "cannot be funded.",
            nobody,
        ))
    symbol = currency_symbol(election.currency)
    over = [pid for pid, project in election.projects.items() if project.cost > election.budget]
    if over:
        warnings.append(UploadWarning(
            "projects_over_budget",
            f"{_projects(over)} cost{'s' if len(over) == 1 else ''} more than the whole budget "
            f"of {format_money(election.budget, symbol)}.",
            over,
        ))
    if text is not None:
        warning = _selected_check(election, text)
        if warning is not None:
            warnings.append(warning)
    return warnings


def selected_column(text: str | bytes) -> dict[str, str] | None:
    """{project id: value of its ``selected`` field} from the PROJECTS section of a ``.pb``
    text, or None if that section has no ``selected`` column."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig", errors="replace")
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().upper() == "PROJECTS"), None)
    if start is None or start + 1 >= len(lines):
        return None
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip().upper() == "VOTES"),
               len(lines))
    rows = list(csv.reader(io.StringIO("\n".join(lines[start + 1:end])), delimiter=";"))
    if not rows:
        return None
    header = [name.strip() for name in rows[0]]
    if "selected" not in header or "project_id" not in header:
        return None
    at, pid_at = header.index("selected"), header.index("project_id")
    return {row[pid_at].strip(): row[at].strip() for row in rows[1:]
            if len(row) > max(at, pid_at)}


def recount(election: Election, rule: str) -> list[str]:
    """The projects a Pabulib META ``rule`` (one of :data:`RECOUNTABLE_RULES`) selects."""
    if rule == "greedy":
        return allocate(election, rule="greedy").selected
    if rule == "equalshares":
        return allocate(election, rule="mes").selected
    if rule == "equalshares/add1":
        return allocate(election, rule="mes", completion="add1").selected
    if rule == "greedy-no-skip":
        scores = allocate(election, rule="greedy").scores
        order = sorted((pid for pid in election.projects if scores.get(pid, 0) > 0),
                       key=lambda pid: (-scores[pid], pid))
        left, chosen = election.budget, []
        for pid in order:
            cost = election.projects[pid].cost
            if cost > left:
                break
            chosen.append(pid)
            left -= cost
        return chosen
    raise ValueError(f"cannot recount the Pabulib rule {rule!r}")


def _selected_check(election: Election, text) -> UploadWarning | None:
    column = selected_column(text)
    rule = (election.meta.get("rule") or "").strip().lower()
    if not column or rule not in RECOUNTABLE_RULES:
        return None
    marked = {pid for pid, value in column.items() if _truthy(value)}
    try:
        counted = set(recount(election, rule))
    except Exception:  # a rule that cannot count these ballots: nothing to compare
        return None
    if marked == counted:
        return None
    only_file = sorted(marked - counted, key=_natural)
    only_rule = sorted(counted - marked, key=_natural)
    parts = []
    if only_file:
        parts.append(f"marked selected in the file but not chosen by the recount: "
                     f"{_projects(only_file)}")
    if only_rule:
        parts.append(f"chosen by the recount but not marked selected: {_projects(only_rule)}")
    return UploadWarning(
        "selected_disagrees",
        f"The file's selected column disagrees with a recount by its rule "
        f"({rule}: {RECOUNTABLE_RULES[rule]}): " + "; ".join(parts) + ".",
        only_file + only_rule,
    )


def _truthy(value: str) -> bool:
    try:
        return Decimal(value) > 0
    except ArithmeticError:
        return value.lower() in ("yes", "true")


def _integer(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _natural(pid: str):
    return (0, int(pid), pid) if pid.isdigit() else (1, 0, pid)


def _projects(ids: list[str]) -> str:
    word = "project" if len(ids) == 1 else "projects"
    return f"{word} {', '.join(ids)}"
