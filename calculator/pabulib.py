"""Reader for Pabulib ``.pb`` files (http://pabulib.org/format).

A file has three sections, ``META``, ``PROJECTS`` and ``VOTES``, each followed by a header
line, with ``;`` between fields. Identical votes are merged while reading (on the raw text of
the ``vote`` and ``points`` fields), so each distinct ballot is split and checked once.
"""

from __future__ import annotations

import csv
import gc
import io
import os
from decimal import Decimal, InvalidOperation

from .exceptions import PabulibFormatError
from .model import VOTE_TYPES, BallotGroup, Election, Project, within_range

SECTIONS = ("meta", "projects", "votes")


def load_pabulib(source) -> Election:
    """Read a .pb file from a path or an open text file and return an :class:`Election`.

    Raises :class:`PabulibFormatError` (naming the line) for a missing section or header,
    a broken line, a non-numeric or negative cost, a missing or non-positive budget, an
    unknown vote type or a duplicate project id. A vote naming an unknown project, or with
    points that do not match its projects, is a rejected ballot, not a broken file.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return _parse(handle, os.fspath(source))
    if hasattr(source, "read"):
        text = source.read()
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise PabulibFormatError(1, f"the file is not UTF-8 text ({error})") from None
        return _parse(io.StringIO(text, newline=None), getattr(source, "name", ""))
    raise TypeError("load_pabulib expects a path or a text file object")


def parse_pabulib_text(text: str) -> Election:
    """Read a .pb file given as a string."""
    return _parse(io.StringIO(text, newline=None), "")


def _parse(handle, name: str) -> Election:
    # Reading creates one object per vote and nothing cyclic; pausing the cycle collector
    # avoids it rescanning the growing heap again and again on 100,000-vote files.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_rows(handle, name)
    finally:
        if enabled:
            gc.enable()


def _parse_rows(handle, name: str) -> Election:
    reader = csv.reader(handle, delimiter=";")
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    projects: dict[str, Project] = {}
    votes: dict[str | tuple[str, str], list[str]] = {}
    seen: dict[str, int] = {}
    section = ""
    header: list[str] = []
    width = 0
    vote_col = points_col = -1
    voter_col = 0
    cost_col = name_col = 0
    try:
        for row in reader:
            if section == "votes" and len(row) == width and (row[-1] or len(row) > 2):
                # Fast path for the bulk of the file: group identical votes on their text.
                key = row[vote_col] if points_col < 0 else (row[vote_col], row[points_col])
                voters = votes.get(key)
                if voters is None:
                    votes[key] = [row[voter_col]]
                else:
                    voters.append(row[voter_col])
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line = reader.line_num
            first = row[0].strip().lower()
            if first in SECTIONS and not any(cell.strip() for cell in row[1:]):
                if first in seen:
                    raise PabulibFormatError(line, f"second {first.upper()} section")
                seen[first] = line
                section = first
                try:
                    header = [cell.strip() for cell in next(reader)]
                except StopIteration:
                    raise PabulibFormatError(
                        line, f"{first.upper()} section has no header line"
                    ) from None
                width = len(header)
                line = reader.line_num
                if section == "projects":
                    cost_col, name_col = _project_columns(header, line)
                elif section == "votes":
                    voter_col, vote_col, points_col = _vote_columns(header, line)
                    if meta.get("vote_type", "").strip().lower() not in ("cumulative", "scoring"):
                        points_col = -1  # e.g. ordinal files with a points column: unused
                continue
            if not section:
                raise PabulibFormatError(line, "text before the META section")
            if section == "meta":
                if len(row) < 2:
                    raise PabulibFormatError(line, "META line is not 'key;value'")
                key = row[0].strip()
                meta[key] = ";".join(row[1:]).strip()
                meta_lines[key] = line
            elif section == "projects":
                if len(row) != width:
                    raise PabulibFormatError(
                        line, f"project line has {len(row)} fields, the header has {width}"
                    )
                pid = row[0].strip()
                if not pid:
                    raise PabulibFormatError(line, "project without an id")
                if pid in projects:
                    raise PabulibFormatError(line, f"duplicate project id {pid!r}")
                cost = _number(row[cost_col], line, f"cost of project {pid!r}")
                if cost < 0:
                    raise PabulibFormatError(line, f"project {pid!r} has a negative cost")
                title = row[name_col].strip() if name_col >= 0 else ""
                projects[pid] = Project(pid, cost, "" if title.lower() == "none" else title)
            else:
                if len(row) != width:
                    raise PabulibFormatError(
                        line, f"vote line has {len(row)} fields, the header has {width}"
                    )
                key = row[vote_col] if points_col < 0 else (row[vote_col], row[points_col])
                votes.setdefault(key, []).append(row[voter_col])
    except csv.Error as error:
        raise PabulibFormatError(reader.line_num, f"unreadable line ({error})") from None
    end = reader.line_num + 1
    for wanted in SECTIONS:
        if wanted not in seen:
            raise PabulibFormatError(end, f"the file has no {wanted.upper()} section")
    if "budget" not in meta:
        raise PabulibFormatError(seen["meta"], "META section has no budget")
    budget = _number(meta["budget"], meta_lines["budget"], "budget")
    if budget <= 0:
        raise PabulibFormatError(meta_lines["budget"], f"budget must be positive, not {budget}")
    vote_type = meta.get("vote_type", "").strip().lower()
    if vote_type not in VOTE_TYPES:
        raise PabulibFormatError(
            meta_lines.get("vote_type", seen["meta"]),
            f"vote_type must be one of {', '.join(VOTE_TYPES)}, not {vote_type!r}",
        )
    ballots, rejected = _read_votes(votes, projects, vote_type)
    return Election(
        budget=budget,
        projects=projects,
        ballots=ballots,
        vote_type=vote_type,
        currency=meta.get("currency", ""),
        meta=meta,
        rejected_ballots=rejected,
        source=name,
    )


def _project_columns(header: list[str], line: int) -> tuple[int, int]:
    if not header or header[0] != "project_id":
        raise PabulibFormatError(line, "PROJECTS header must start with project_id")
    if "cost" not in header:
        raise PabulibFormatError(line, "PROJECTS header has no cost column")
    name_col = header.index("name") if "name" in header else -1
    return header.index("cost"), name_col


def _vote_columns(header: list[str], line: int) -> tuple[int, int, int]:
    if "voter_id" not in header or "vote" not in header:
        raise PabulibFormatError(line, "VOTES header needs voter_id and vote columns")
    points = header.index("points") if "points" in header else -1
    return header.index("voter_id"), header.index("vote"), points


def _number(text: str, line: int, what: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise PabulibFormatError(line, f"{what} is not a number: {text.strip()!r}") from None
    if not value.is_finite():
        raise PabulibFormatError(line, f"{what} is not a number: {text.strip()!r}")
    if not within_range(value):
        raise PabulibFormatError(line, f"{what} is too large or too small: {text.strip()!r}")
    return value or Decimal(0)  # 0E-999999 becomes plain 0


def _read_votes(votes, projects, vote_type):
    """Split each distinct vote once; reject those naming unknown projects or bad points."""
    with_points = vote_type in ("cumulative", "scoring")
    ballots: list[BallotGroup] = []
    rejected: list[tuple[str, str]] = []
    for key, raw_voters in votes.items():
        vote, points_text = key if isinstance(key, tuple) else (key, None)
        voters = tuple(map(str.strip, raw_voters))
        ids = tuple(map(str.strip, vote.split(","))) if vote.strip() else ()
        problem = None
        unknown = next((pid for pid in ids if pid not in projects), None)
        points = None
        if unknown is not None:
            problem = f"names unknown project {unknown!r}"
        elif with_points:
            points, problem = _read_points(points_text, len(ids))
        if problem:
            rejected.extend((voter, problem) for voter in voters)
        else:
            ballots.append(BallotGroup(ids, points, voters))
    return ballots, rejected


def _read_points(text: str | None, expected: int):
    if not text or not text.strip() or text.strip().lower() == "none":
        if expected == 0:
            return (), None
        return None, "has projects but no points"
    values = []
    for cell in text.split(","):
        try:
            value = Decimal(cell.strip())
        except InvalidOperation:
            return None, f"points {cell.strip()!r} is not a number"
        if not within_range(value):
            return None, f"points {cell.strip()!r} are not a number between 1e-12 and 1e15"
        value = value or Decimal(0)
        values.append(int(value) if value == value.to_integral_value() else value)
    if len(values) != expected:
        return None, f"lists {expected} projects but {len(values)} points"
    return tuple(values), None
