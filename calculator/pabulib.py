"""Reader for Pabulib ``.pb`` files (http://pabulib.org/format).

A file has three sections, ``META``, ``PROJECTS`` and ``VOTES``, each followed by a header
line, with ``;`` between fields. Identical votes are merged while reading (on the raw text of
the ``vote`` and ``points`` fields), so each distinct ballot is split and checked once.
"""

from __future__ import annotations

import csv
import os
from decimal import Decimal, InvalidOperation
from itertools import chain, repeat
from operator import itemgetter, length_hint

from .exceptions import PabulibFormatError
from .model import (
    VOTE_TYPES,
    BallotGroup,
    Election,
    Project,
    cycle_collector_paused,
    new_group,
    own_id_strings,
    within_range,
)

SECTIONS = ("meta", "projects", "votes")


def load_pabulib(source) -> Election:
    """Read a .pb file from a path or an open text file and return an :class:`Election`.

    Raises :class:`PabulibFormatError` (naming the line) for a missing section or header,
    a broken line, a non-numeric or negative cost, a missing or non-positive budget, an
    unknown vote type or a duplicate project id. A vote naming an unknown project, or with
    points that do not match its projects, is a rejected ballot, not a broken file.
    """
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return _parse(_decode(handle.read()), os.fspath(source))
    if hasattr(source, "read"):
        text = source.read()
        if isinstance(text, bytes):
            text = _decode(text)
        return _parse(text, getattr(source, "name", ""))
    raise TypeError("load_pabulib expects a path or a text file object")


def parse_pabulib_text(text: str) -> Election:
    """Read a .pb file given as a string."""
    return _parse(text, "")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PabulibFormatError(1, f"the file is not UTF-8 text ({error})") from None


def _parse(text: str, name: str) -> Election:
    with cycle_collector_paused():
        return _parse_rows(_Lines(text), name)


class _Lines:
    """The lines of a text for csv.reader, which knows where it stands so that the bulk of the
    votes can be read without the csv module (see _group_plain_votes)."""

    def __init__(self, text: str):
        if "\r" in text and not text.count("\r") == text.count("\r\n") == text.count("\n"):
            # Mixed line ends: \r\n, \r and \n each end one line, as in an editor.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text
        self.line_end = "\r\n" if "\r" in text else "\n"
        self.lines = text.split(self.line_end)
        if not self.lines[-1]:
            self.lines.pop()  # the text ends with a line end
        self.index = 0
        # Lines after this one have no quote, so no csv quoting: plain splitting reads them.
        self.last_quoted = text.count("\n", 0, text.rfind('"')) if '"' in text else -1

    def __iter__(self):
        return self

    def blank_free_from(self, index: int) -> bool:
        """No space or tab on line ``index`` or later, so no voter id there needs stripping:
        two one-character searches of the text in C, where joining the voter ids to check
        them costs a tenth of reading a large file (and searching for a space next to a ';'
        scans several times slower). Files whose votes hold spaces, e.g. in a district
        column, have their voter ids checked the careful way."""
        start = sum(map(len, self.lines[:index])) + index * len(self.line_end)
        return self.text.find(" ", start) < 0 and self.text.find("\t", start) < 0

    def __next__(self) -> str:
        index = self.index
        if index >= len(self.lines):
            raise StopIteration
        self.index = index + 1
        return self.lines[index] + "\n"  # csv keeps line ends inside quoted fields


def _parse_rows(handle: _Lines, name: str) -> Election:
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
    skipped = 0  # lines read by _group_plain_votes, which the csv reader did not count
    plain_voters = False  # known that no voter id needs stripping
    try:
        for row in reader:
            if section == "votes" and len(row) == width and (row[-1] or len(row) > 2):
                # Fast path for the bulk of a quoted file: group identical votes on their text.
                key = row[vote_col] if points_col < 0 else (row[vote_col], row[points_col])
                voters = votes.get(key)
                if voters is None:
                    votes[key] = [row[voter_col]]
                else:
                    voters.append(row[voter_col])
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line = reader.line_num + skipped
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
                line = reader.line_num + skipped
                if section == "projects":
                    cost_col, name_col = _project_columns(header, line)
                elif section == "votes":
                    voter_col, vote_col, points_col = _vote_columns(header, line)
                    if meta.get("vote_type", "").strip().lower() not in ("cumulative", "scoring"):
                        points_col = -1  # e.g. ordinal files with a points column: unused
                    if handle.index > handle.last_quoted:
                        plain_voters = handle.blank_free_from(handle.index)
                        read = _group_plain_votes(
                            handle.lines, handle.index, line, width,
                            (voter_col, vote_col, points_col), votes,
                        )
                        handle.index += read
                        skipped += read
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
        raise PabulibFormatError(reader.line_num + skipped, f"unreadable line ({error})") from None
    end = reader.line_num + skipped + 1
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
    ballots, rejected = _read_votes(votes, projects, vote_type, plain_voters)
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


def _group_plain_votes(lines, start, header_line, width, columns, votes) -> int:
    """Group the vote lines from ``lines[start]`` on into ``votes``, as the csv path would.

    The lines have no quotes (no csv quoting). Stops at the next section marker, where the
    csv reader takes over, and returns how many lines it read. A line with the wrong number of
    fields raises PabulibFormatError naming it. Written by hand because csv.reader's per-field
    work costs as much as all the rest of reading a large file; these loops split each line
    only up to the last column they need.
    """
    voter_col, vote_col, points_col = columns
    separators = width - 1
    body = lines[start:]
    done = _group_usual_layout(body, separators, columns, votes) if columns[:2] == (0, 1) else 0
    get = votes.get
    cut = max(columns) + 1
    for number in range(done, len(body)):
        text_line = body[number]
        if text_line.count(";") == separators:
            row = text_line.split(";", cut)
            vote = row[vote_col]
            if vote and vote_col:  # else it might be a section marker
                key = vote if points_col < 0 else (vote, row[points_col])
                voters = get(key)
                if voters is None:
                    votes[key] = [row[voter_col]]
                else:
                    voters.append(row[voter_col])
                continue
        if _other_vote_line(text_line, header_line + number + 1, width, columns, votes):
            return number
    return len(body)


def _group_usual_layout(body, separators, columns, votes) -> int:
    """The bulk of most files (voter_id;vote;... or voter_id;vote;points;..., with the right
    number of fields and a vote): grouped with no per-line checks in Python. Returns the index
    of the first line it did not read, where the careful loop goes on."""
    if columns[2] not in (-1, 2):
        return 0
    if list(map(str.count, body, repeat(";"))).count(separators) != len(body):
        return 0  # a blank or broken line somewhere: all lines go the careful way
    get = votes.get
    lines = iter(body)
    # One loop per kind of key on purpose: unpacking each layout's own split in the for
    # statement is about 5% faster on the whole read than one loop over itemgetter()-picked
    # fields (points files pay that for their longer layouts, voter;vote;points;age...).
    if columns[2] == 2:  # voter;vote;points[;more...]: grouped on (vote, points)
        rows = map(str.split, lines, repeat(";"), repeat(min(separators, 3)))
        for voter, vote, points in rows if separators == 2 else map(itemgetter(0, 1, 2), rows):
            if not vote:  # an empty vote, or a section marker
                return len(body) - length_hint(lines) - 1
            key = (vote, points)
            voters = get(key)
            if voters is None:
                votes[key] = [voter]
            else:
                voters.append(voter)
    elif separators == 1:
        for voter, _, vote in map(str.partition, lines, repeat(";")):
            if not vote:
                return len(body) - length_hint(lines) - 1
            voters = get(vote)
            if voters is None:
                votes[vote] = [voter]
            else:
                voters.append(voter)
    else:
        for voter, vote, _ in map(str.split, lines, repeat(";"), repeat(2)):
            if not vote:
                return len(body) - length_hint(lines) - 1
            voters = get(vote)
            if voters is None:
                votes[vote] = [voter]
            else:
                voters.append(voter)
    return len(body)


def _other_vote_line(text_line, line, width, columns, votes) -> bool:
    """A line of the votes section that the fast loop did not take: a blank line or an empty
    vote (read here), a broken line (raises), or the next section (returns True)."""
    voter_col, vote_col, points_col = columns
    row = text_line.split(";")
    if len(row) == 1 and not row[0].strip():
        return False
    if row[0].strip().lower() in SECTIONS and not any(cell.strip() for cell in row[1:]):
        return True
    if len(row) != width:
        raise PabulibFormatError(line, f"vote line has {len(row)} fields, the header has {width}")
    key = row[vote_col] if points_col < 0 else (row[vote_col], row[points_col])
    votes.setdefault(key, []).append(row[voter_col])
    return False


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


def _read_votes(votes, projects, vote_type, plain_voters=False):
    """Split each distinct vote once; reject those naming unknown projects or bad points.
    ``plain_voters``: already known that no voter id has spaces to strip."""
    with_points = vote_type in ("cumulative", "scoring")
    same_id = own_id_strings(projects)
    if not with_points:
        # The usual case, built by C-level map() and zip() with no Python code per ballot,
        # which halves the time on files where nearly every ballot is different (Amsterdam:
        # 14,000 ballots of about 11 approvals). If an id is unknown (or has spaces, or a vote is
        # empty) every vote goes through the careful loop below instead.
        try:
            ids = list(map(tuple, map(map, repeat(same_id), map(str.split, votes, repeat(",")))))
        except KeyError:
            pass
        else:
            voters = votes.values()
            if not (plain_voters or _plain(voters)):
                voters = map(map, repeat(str.strip), voters)
            return list(map(new_group, zip(ids, repeat(None), map(tuple, voters)))), []
    ballots: list[BallotGroup] = []
    rejected: list[tuple[str, str]] = []
    read_points = {}  # points text and length: (points, problem), read once
    for key, raw_voters in votes.items():
        vote, points_text = key if isinstance(key, tuple) else (key, None)
        voters = tuple(map(str.strip, raw_voters))
        try:
            ids = tuple(map(same_id, map(str.strip, vote.split(",")))) if vote.strip() else ()
        except KeyError as unknown:
            problem = f"names unknown project {unknown.args[0]!r}"
            rejected.extend((voter, problem) for voter in voters)
            continue
        points = None
        if with_points:
            known = read_points.get((points_text, len(ids)))
            if known is None:
                known = read_points[points_text, len(ids)] = _read_points(points_text, len(ids))
            points, problem = known
            if problem:
                rejected.extend((voter, problem) for voter in voters)
                continue
        ballots.append(BallotGroup(ids, points, voters))
    return ballots, rejected


def _plain(voter_lists) -> bool:
    """No voter id has a space or tab at either end (so there is nothing to strip); one
    join and four searches in C, cheaper than a strip per voter when most groups have one."""
    text = "\n".join(chain.from_iterable(voter_lists))
    return not (text[:1] in (" ", "\t") or text[-1:] in (" ", "\t")
                or any(pair in text for pair in (" \n", "\t\n", "\n ", "\n\t")))


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
