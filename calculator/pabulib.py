"""Reader for Pabulib ``.pb`` files (https://pabulib.org/format).

A file has three sections, ``META``, ``PROJECTS`` and ``VOTES``: a line with the section's
name, a header line, then one record per line, fields separated by ``;`` and quoted as in
CSV where needed. Numbers are written as Pabulib writes them: ASCII digits with an optional
leading minus and at most one decimal point (a decimal comma is read as a point, as
pabutools does); anything else (``1_000``, ``+100``, ``1e3``, other scripts' digits) is
refused with its line. Identical votes are merged while reading, on the raw text of their
``vote`` and ``points`` fields, so that each distinct ballot is split and checked once.
"""

from __future__ import annotations

import csv
import io
import os
import re
from decimal import Decimal

from .exceptions import PabulibFormatError
from .model import (
    VOTE_TYPES,
    BallotGroup,
    Election,
    Project,
    new_group,
    own_id_strings,
    within_range,
)

SECTIONS = ("meta", "projects", "votes")
BYTE_ORDER_MARK = "\ufeff"
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
WITH_POINTS = ("cumulative", "scoring")


def load_pabulib(source) -> Election:
    """Read a .pb file from a path or an open (text or binary) file; return an :class:`Election`.

    Raises :class:`PabulibFormatError` (naming the line) for a missing section or header,
    a broken line, an unclosed quote, a number Pabulib does not write, a negative cost, a
    missing or non-positive budget, an invalid ``max_length``, an unknown vote type or a
    duplicate project id. A vote naming an unknown project, or with points that do not match
    its projects, is a rejected ballot, not a broken file.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return _parse(_decode(handle.read()), os.fspath(source))
    if hasattr(source, "read"):
        text = source.read()
        if isinstance(text, bytes):
            text = _decode(text)
        return _parse(text, getattr(source, "name", ""))
    raise TypeError("load_pabulib expects a path or a file object")


def parse_pabulib_text(text: str) -> Election:
    """Read a .pb file given as a string."""
    return _parse(text, "")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PabulibFormatError(1, f"the file is not UTF-8 text ({error})") from None


def _parse(text: str, name: str) -> Election:
    text = text.removeprefix(BYTE_ORDER_MARK)  # however the text was decoded
    if text.count('"') % 2:
        _refuse_unclosed_quote(text)
    # newline="": every \r\n, \r or \n ends one line (as in an editor), and csv sees them.
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    meta: dict[str, str] = {}
    meta_lines: dict[str, int] = {}
    projects: dict[str, Project] = {}
    votes: dict[str | tuple[str, str], list[str]] = {}  # raw vote (and points) → voter ids
    seen: dict[str, int] = {}  # section → line of its name
    section = ""
    width = 0  # fields per line in this section (its header's)
    voter_col = vote_col = cost_col = 0
    points_col = name_col = -1
    try:
        for row in rows:
            if section == "votes" and len(row) == width and row[vote_col] and vote_col:
                # The bulk of a file, kept short: a vote line with a vote (a section's name line
                # has every field but the first empty, so it never gets here).
                key = row[vote_col] if points_col < 0 else (row[vote_col], row[points_col])
                voters = votes.get(key)
                if voters is None:
                    votes[key] = [row[voter_col]]
                else:
                    voters.append(row[voter_col])
                continue
            line = rows.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            marker = row[0].strip().lower()
            if marker in SECTIONS and not any(cell.strip() for cell in row[1:]):
                if marker in seen:
                    raise PabulibFormatError(line, f"second {marker.upper()} section")
                seen[marker] = line
                section = marker
                header = [cell.strip() for cell in next(rows, [])]
                line = rows.line_num
                if not any(header):
                    raise PabulibFormatError(line, f"{marker.upper()} section has no header line")
                width = len(header)
                if section == "projects":
                    cost_col, name_col = _project_columns(header, line)
                elif section == "votes":
                    voter_col, vote_col, points_col = _vote_columns(header, line)
                    if meta.get("vote_type", "").strip().lower() not in WITH_POINTS:
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
                continue
            if len(row) != width:
                what = "project" if section == "projects" else "vote"
                raise PabulibFormatError(
                    line, f"{what} line has {len(row)} fields, the header has {width}"
                )
            if section == "projects":
                project = _project(row, cost_col, name_col, line)
                if project.id in projects:
                    raise PabulibFormatError(line, f"duplicate project id {project.id!r}")
                projects[project.id] = project
            else:  # a vote line that the loop's first lines did not take: e.g. an empty vote
                key = row[vote_col] if points_col < 0 else (row[vote_col], row[points_col])
                votes.setdefault(key, []).append(row[voter_col])
    except csv.Error as error:  # e.g. a NUL character, or a field over csv's size limit
        raise PabulibFormatError(rows.line_num + 1, f"unreadable line ({error})") from None
    end = rows.line_num + 1
    for wanted in SECTIONS:
        if wanted not in seen:
            raise PabulibFormatError(end, f"the file has no {wanted.upper()} section")
    budget, vote_type = _check_meta(meta, meta_lines, seen["meta"])
    ballots, rejected = _ballots(votes, projects, vote_type)
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


def _refuse_unclosed_quote(text: str) -> None:
    """Raise naming the line where a quote opens that is never closed, if there is one.

    Called when the file has an odd number of quote characters (a stray quote inside an
    unquoted field, which csv reads as an ordinary character, also makes the count odd).
    Read strictly, an unclosed quote ends the text inside a quoted field, and the record
    that does so starts on the line where that quote opened.
    """
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True)
    start = 1
    try:
        for _ in rows:
            start = rows.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise PabulibFormatError(start, "a quote opens on this line and is never closed") from None


def _project_columns(header: list[str], line: int) -> tuple[int, int]:
    if header[0] != "project_id":
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


def _project(row: list[str], cost_col: int, name_col: int, line: int) -> Project:
    pid = row[0].strip()
    if not pid:
        raise PabulibFormatError(line, "project without an id")
    cost = _number(row[cost_col], line, f"cost of project {pid!r}")
    if cost < 0:
        raise PabulibFormatError(line, f"project {pid!r} has a negative cost")
    title = row[name_col].strip() if name_col >= 0 else ""
    return Project(pid, cost, "" if title.lower() == "none" else title)


def _check_meta(meta: dict[str, str], lines: dict[str, int], meta_line: int):
    """The budget and vote type from META, after checking the fields the rules read."""
    if "budget" not in meta:
        raise PabulibFormatError(meta_line, "META section has no budget")
    budget = _number(meta["budget"], lines["budget"], "budget")
    if budget <= 0:
        raise PabulibFormatError(lines["budget"], f"budget must be positive, not {budget}")
    vote_type = meta.get("vote_type", "").strip().lower()
    if vote_type not in VOTE_TYPES:
        raise PabulibFormatError(
            lines.get("vote_type", meta_line),
            f"vote_type must be one of {', '.join(VOTE_TYPES)}, not {vote_type!r}",
        )
    if "max_length" in meta:  # read by the ranked rules as their max_ranks option
        value = meta["max_length"]
        if not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise PabulibFormatError(
                lines["max_length"], f"max_length must be a whole number of at least 1, not {value!r}"
            )
    return budget, vote_type


def _number(text: str, line: int, what: str) -> Decimal:
    value = read_number(text)
    if value is None:
        raise PabulibFormatError(line, f"{what} is not a number: {text.strip()!r}")
    if not within_range(value):
        raise PabulibFormatError(line, f"{what} is too large or too small: {text.strip()!r}")
    return value


def read_number(text: str) -> Decimal | None:
    """A number as Pabulib writes it (``400000``, ``2158427.19``, ``-3``, ``600,5``), or None."""
    text = text.strip()
    if not (text.isascii() and PLAIN_NUMBER.fullmatch(text)):
        return None
    value = Decimal(text.replace(",", "."))
    return value if value else Decimal(0)  # -0 and 0.00 read as 0


def _ballots(votes: dict, projects: dict[str, Project], vote_type: str):
    """Split each distinct vote once into a :class:`BallotGroup`; reject (voter id, reason)
    those naming an unknown project or with points that do not match their projects."""
    same_id = own_id_strings(projects)
    with_points = vote_type in WITH_POINTS  # then each key is (vote, points), else the vote
    ballots: list[BallotGroup] = []
    rejected: list[tuple[str, str]] = []
    points_read: dict[tuple[str, int], tuple] = {}  # (points text, length) → (points, problem)
    for key, raw_voters in votes.items():
        vote, points_text = key if with_points else (key, None)
        voters = tuple(map(str.strip, raw_voters))
        try:
            ids = _project_ids(vote, same_id)
        except KeyError as unknown:
            problem = f"names unknown project {unknown.args[0]!r}"
            rejected.extend((voter, problem) for voter in voters)
            continue
        points = None
        if with_points:
            known = points_read.get((points_text, len(ids)))
            if known is None:
                known = points_read[points_text, len(ids)] = _read_points(points_text, len(ids))
            points, problem = known
            if problem:
                rejected.extend((voter, problem) for voter in voters)
                continue
        ballots.append(new_group((ids, points, voters)))
    return ballots, rejected


def _project_ids(vote: str, same_id) -> tuple[str, ...]:
    """The ids listed in ``vote``, each as its project's own id string (``same_id``); raises
    KeyError naming an id that is not a project's."""
    try:
        return tuple(map(same_id, vote.split(","))) if vote else ()
    except KeyError:  # perhaps spaces around an id (a strip per id only for such votes)
        return tuple(map(same_id, map(str.strip, vote.split(",")))) if vote.strip() else ()


def _read_points(text: str | None, expected: int):
    """(points, None) or (None, why the ballot is rejected) for the points of one vote."""
    if not text or not text.strip() or text.strip().lower() == "none":
        if expected == 0:
            return (), None
        return None, "has projects but no points"
    values = []
    for cell in text.split(","):
        value = read_number(cell)
        if value is None:
            return None, f"points {cell.strip()!r} is not a number"
        if not within_range(value):
            return None, f"points {cell.strip()!r} are not a number between 1e-12 and 1e15"
        values.append(int(value) if value == value.to_integral_value() else value)
    if len(values) != expected:
        return None, f"lists {expected} projects but {len(values)} points"
    return tuple(values), None
