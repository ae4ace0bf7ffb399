"""CSV input: a projects file (id, name, cost) and a ballots file (one voter per row)."""

from __future__ import annotations

import csv
import io
import os
from decimal import Decimal, InvalidOperation

from .exceptions import CsvFormatError, InvalidElectionError
from .model import (
    VOTE_TYPES,
    Election,
    Project,
    group_ballots,
    max_length_meta,
    to_decimal,
    within_range,
)

ID_COLUMNS = ("id", "project_id")
VOTER_COLUMNS = ("voter_id", "voter")


def load_csv(
    projects,
    ballots,
    *,
    budget,
    vote_type: str | None = None,
    currency: str = "",
    max_length: int | None = None,
) -> Election:
    """Read an election from two CSV files (paths, text file objects or strings of text).

    Projects file: a header with ``id`` (or ``project_id``), ``cost`` and optionally ``name``.
    Ballots file: one voter per row, cells are project ids in preference order, or
    ``id:points`` for points ballots. An optional first header row whose first cell is
    ``voter_id`` makes the first column the voter id; otherwise voters are numbered by line.
    ``vote_type`` defaults to ``cumulative`` when any cell has points, else ``ordinal``.
    Raises :class:`CsvFormatError` naming the file and line for a missing column, a
    non-numeric or negative cost, a duplicate project id or unreadable points; a ballot naming
    an unknown project is rejected (voter id and reason), not an error.
    """
    money = to_decimal(budget, "budget")
    if money <= 0:
        raise InvalidElectionError(f"budget must be positive, not {budget}")
    table = _read_projects(_text(projects), "projects file")
    rows, rejected, has_points = _read_ballots(_text(ballots), "ballots file", table)
    if vote_type is None:
        vote_type = "cumulative" if has_points else "ordinal"
    if vote_type not in VOTE_TYPES:
        raise InvalidElectionError(f"vote_type must be one of {', '.join(VOTE_TYPES)}")
    if has_points and vote_type not in ("cumulative", "scoring"):
        raise InvalidElectionError(f"ballots carry points, so they cannot be {vote_type}")
    if not has_points and vote_type in ("cumulative", "scoring"):
        rows = [(voter, ids, (1,) * len(ids)) for voter, ids, _ in rows]
    meta = max_length_meta(max_length)
    return Election(
        budget=money,
        projects=table,
        ballots=group_ballots(rows),
        vote_type=vote_type,
        currency=currency,
        meta=meta,
        rejected_ballots=rejected,
    )


def _text(source) -> str:
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and os.path.exists(source)
    ):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    if hasattr(source, "read"):
        data = source.read()
        return data.decode("utf-8-sig") if isinstance(data, bytes) else data
    if isinstance(source, str):
        return source
    raise TypeError("expected a path, a text file object or CSV text")


def _read_projects(text: str, name: str) -> dict[str, Project]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = None
    table: dict[str, Project] = {}
    for row in reader:
        if not row or not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if header is None:
            header = [cell.strip().lower() for cell in row]
            id_col = next((header.index(c) for c in ID_COLUMNS if c in header), None)
            if id_col is None or "cost" not in header:
                raise CsvFormatError(name, line, "the header needs an id column and a cost column")
            cost_col = header.index("cost")
            name_col = header.index("name") if "name" in header else None
            continue
        if len(row) != len(header):
            raise CsvFormatError(name, line, f"{len(row)} fields, the header has {len(header)}")
        pid = row[id_col].strip()
        if not pid:
            raise CsvFormatError(name, line, "project without an id")
        if pid in table:
            raise CsvFormatError(name, line, f"duplicate project id {pid!r}")
        try:
            cost = Decimal(row[cost_col].strip())
        except InvalidOperation:
            problem = f"cost {row[cost_col].strip()!r} is not a number"
            raise CsvFormatError(name, line, problem) from None
        if not within_range(cost) or cost < 0:
            problem = f"cost {row[cost_col].strip()!r} is not a valid amount"
            raise CsvFormatError(name, line, problem)
        title = row[name_col].strip() if name_col is not None else ""
        table[pid] = Project(pid, cost, title)
    if header is None:
        raise CsvFormatError(name, 1, "the file is empty")
    if not table:
        raise CsvFormatError(name, reader.line_num, "no projects listed")
    return table


def _read_ballots(text: str, name: str, table: dict[str, Project]):
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    rejected = []
    has_points = False
    with_ids = False
    first = True
    for row in reader:
        cells = [cell.strip() for cell in row]
        line = reader.line_num
        if first:
            first = False
            if cells and cells[0].lower() in VOTER_COLUMNS:
                with_ids = True
                continue
        if not any(cells):
            continue
        if with_ids:
            voter, cells = cells[0], cells[1:]
        else:
            voter = str(line)
        cells = [cell for cell in cells if cell]
        ids = []
        points = []
        for cell in cells:
            if ":" in cell:
                pid, _, amount = cell.rpartition(":")
                try:
                    value = Decimal(amount.strip())
                except InvalidOperation:
                    problem = f"points {amount.strip()!r} is not a number"
                    raise CsvFormatError(name, line, problem) from None
                if not within_range(value):
                    raise CsvFormatError(name, line, f"points {amount.strip()!r} is not a number "
                                                     "between 1e-12 and 1e15")
                value = value or Decimal(0)
                ids.append(pid.strip())
                points.append(int(value) if value == value.to_integral_value() else value)
                has_points = True
            else:
                ids.append(cell)
                points.append(None)
        unknown = next((pid for pid in ids if pid not in table), None)
        if unknown is not None:
            rejected.append((voter, f"names unknown project {unknown!r}"))
            continue
        rows.append((voter, tuple(ids), tuple(points)))
    result = []
    for voter, ids, points in rows:
        if has_points:
            if any(p is None for p in points):
                rejected.append((voter, "mixes projects with and without points"))
                continue
            result.append((voter, ids, points))
        else:
            result.append((voter, ids, None))
    return result, rejected, has_points
