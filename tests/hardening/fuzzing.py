"""Hostile-input generators and checks shared by the hardening suite and ``benchmarks/fuzz.py``.

Each ``check_*`` function feeds one generated input to a parser the site exposes and returns
``"accepted"`` or ``"rejected"``; a rejection must be the project's own validation error and
must name the line or the field. Anything else (another exception, a message without a line)
escapes as an exception, which the callers count as a crash.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

# --- Building blocks ------------------------------------------------------------------------------

HOSTILE_SCALARS = [
    "", " ", "0", "-0", "-1", "1", "0.0000001", "NaN", "nan", "sNaN", "inf", "-Infinity",
    "Infinity", "1e999999999", "-1E+999999999", "1E-999999999", "9" * 400, "1e308", "1e18",
    "99999999999999999999", "1,5", "1.000.000", "480,000", "$480,000", "480 000", "125k", "1.5m",
    "EUR 100", "R$ 10", "١٢٣", "１２３", "0x10", "1_000", "None", "none", "null", "true",
    "'; DROP TABLE network_member; --", "\" OR 1=1 --", "<script>alert(1)</script>",
    "{{ 7*7 }}", "{% debug %}", "%(line)s", "%s%s%s", "\x00", "\u202e", "\ufeff", "é", "名字",
    "🙂", "a;b", "a,b", "a:b", "a:1:2", ":", ";", ",", "\"", "\"\"\"", "\r", "\t", "x" * 5000,
]

scalar = st.one_of(
    st.sampled_from(HOSTILE_SCALARS),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.text(max_size=40),
)
# Mostly plausible amounts, so that many inputs get past the first check and deeper code runs.
amount = st.one_of(st.integers(1, 10**7).map(str), st.sampled_from(["100", "2500.50", "480000"]),
                   scalar)
simple = st.sampled_from(["A", "B", "C", "p1", "p2", "Park", "Library", "a b", "Rua 5"])
word = st.one_of(simple, simple, simple, st.text(min_size=0, max_size=12),
                 st.sampled_from(HOSTILE_SCALARS))


@st.composite
def mutated(draw, base_lines):
    """Take ``base_lines`` and drop, duplicate, swap, truncate or garble a few of them."""
    lines = list(base_lines)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 4]))):
        if not lines:
            lines.append(draw(st.text(max_size=30)))
            continue
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "swap", "insert", "cut", "sep", "scalar"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=40)))
        elif op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(len(lines[i]), 0)))]
        elif op == "sep":
            lines[i] = lines[i].replace(draw(st.sampled_from([";", ",", ":"])),
                                        draw(st.sampled_from([";", ",", ":", "", ";;", "\""])))
        else:
            lines[i] = lines[i] + draw(st.sampled_from([";", ",", ":"])) + draw(scalar)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines)


# --- .pb files ----------------------------------------------------------------------------------


@st.composite
def pabulib_text(draw):
    vote_types = ["approval", "ordinal", "cumulative", "scoring", "choose-1"] * 3
    vote_type = draw(st.sampled_from(vote_types) | scalar)
    ids = draw(st.lists(word, min_size=1, max_size=5, unique=True))
    lines = ["META", "key;value", f"budget;{draw(amount)}", f"vote_type;{vote_type}",
             "PROJECTS", "project_id;cost;name"]
    lines += [f"{pid};{draw(amount)};{draw(word)}" for pid in ids]
    headers = ["voter_id;vote;points"] * 3 + ["voter_id;vote", "vote"]
    lines += ["VOTES", draw(st.sampled_from(headers))]
    for n in range(draw(st.integers(0, 5))):
        chosen = draw(st.lists(st.sampled_from(ids) if ids else word, max_size=4))
        size = len(chosen)
        points = ",".join(draw(st.lists(amount, min_size=size, max_size=size + 1)))
        lines.append(f"{n};{','.join(chosen)};{points}")
    return draw(mutated(lines))


def check_pabulib(text: str) -> str:
    import calculator

    try:
        election = calculator.parse_pabulib_text(text)
    except calculator.PabulibFormatError as error:
        assert error.line >= 1 and str(error).startswith(f"line {error.line}:"), str(error)
        return "rejected"
    assert election.budget > 0
    return "accepted"


# --- CSV (calculator.load_csv and the calculator's single-file upload) ----------------------------


@st.composite
def csv_pair(draw):
    ids = draw(st.lists(word, min_size=1, max_size=5, unique=True))
    header = draw(st.sampled_from(["id,name,cost", "project_id,cost", "cost,id", "name"]))
    projects = [header] + [f"{pid},{draw(word)},{draw(amount)}" for pid in ids]
    ballots = draw(st.sampled_from([["voter_id,a,b"], []]))
    for n in range(draw(st.integers(0, 5))):
        cells = draw(st.lists(st.sampled_from(ids) if ids else word, max_size=4))
        if draw(st.booleans()):
            cells = [f"{c}:{draw(amount)}" for c in cells]
        ballots.append(",".join([str(n), *cells]))
    return draw(mutated(projects)), draw(mutated(ballots)), draw(amount)


def check_load_csv(projects: str, ballots: str, budget: str) -> str:
    import calculator

    try:
        calculator.load_csv(projects, ballots, budget=budget)
    except calculator.CsvFormatError as error:
        assert error.line >= 1 and re.match(r"(projects|ballots) file, line \d+: ", str(error))
        return "rejected"
    except calculator.InvalidElectionError as error:
        assert re.match(r"(budget|vote_type|ballots) ", str(error)), str(error)
        return "rejected"
    return "accepted"


# --- The calculator page and the bot: typed entry and uploads ------------------------------------

FIELD_WORDS = re.compile(r"^Line \d+: |budget|project|ballot|points|rule|file|UTF-8|\.pb|\.csv",
                         re.IGNORECASE)


def _tally_error_is_clear(error) -> None:
    """English messages (the checks run under ``translation.override("en")``)."""
    message = str(error)
    assert message.strip(), "empty message"
    assert error.line is None or message.startswith(f"Line {error.line}: "), message
    assert FIELD_WORDS.search(message), message


@st.composite
def typed_vote(draw):
    names = draw(st.lists(word, min_size=1, max_size=5, unique=True))
    projects = [f"{name}; {draw(amount)}" for name in names]
    ballots = []
    for _ in range(draw(st.integers(0, 5))):
        picks = draw(st.lists(st.sampled_from(names) if names else word, max_size=4))
        if draw(st.booleans()):
            picks = [f"{p}:{draw(amount)}" for p in picks]
        prefix = draw(st.sampled_from(["", "", "3 x ", "0 x ", "99999999999999 x ", "-2 x "]))
        ballots.append(prefix + draw(st.sampled_from([", ", " > ", ";"])).join(picks))
    return (draw(amount), draw(mutated(projects)), draw(mutated(ballots)),
            draw(st.sampled_from(["rank-and-rearrange", "greedy", "mes"])))


def check_typed_vote(budget: str, projects: str, ballots: str, rule: str) -> str:
    from django.utils import translation

    from tally import services

    with translation.override("en"):
        return _typed_vote(services, budget, projects, ballots, rule)


def _typed_vote(services, budget, projects, ballots, rule) -> str:
    try:
        election = services.election_from_text(budget=budget, projects_text=projects,
                                               ballots_text=ballots, rule=rule)
        services.run_tally(election=election, rule="greedy")
    except services.TallyInputError as error:
        _tally_error_is_clear(error)
        return "rejected"
    return "accepted"


@st.composite
def upload(draw):
    kind = draw(st.sampled_from([".pb", ".csv", ".PB", ".txt", ".exe", ""]))
    if kind.lower() == ".pb":
        text = draw(pabulib_text())
    else:
        projects, ballots, budget = draw(csv_pair())
        text = f"budget,{budget}\n{projects}\n\n{ballots}" if draw(st.booleans()) else \
            f"{projects}\n\n{ballots}"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = draw(st.binary(max_size=200)) + data if draw(st.booleans()) else data[:-3]
    return draw(word) + kind, data, draw(st.none() | st.sampled_from(["100", "0", "-5", "1e9"]))


def check_upload(filename: str, data: bytes, budget) -> str:
    from django.utils import translation

    from tally import services

    with translation.override("en"):
        return _upload(services, filename, data, budget)


def _upload(services, filename, data, budget) -> str:
    from decimal import Decimal

    try:
        election = services.election_from_upload(
            filename=filename, data=data, budget=Decimal(budget) if budget else None)
        services.run_tally(election=election, rule="greedy")
    except services.TallyInputError as error:
        _tally_error_is_clear(error)
        return "rejected"
    return "accepted"


# --- Member CSV import (manage.py import_members and the admin upload) ----------------------------

MEMBER_COLUMNS = ["email", "name", "role", "country", "languages", "stage", "population",
                  "consent_to_matching", "show_email", "telegram_handle", "organisation",
                  "time_zone", "challenges", "years_running", "world_region", "bogus"]


@st.composite
def member_csv(draw):
    columns = draw(st.lists(st.sampled_from(MEMBER_COLUMNS), min_size=1, max_size=8, unique=True))
    if draw(st.integers(0, 9)):
        columns = ["email", "name"] + [c for c in columns if c not in ("email", "name")]
    rows = [",".join(columns)]
    emails = st.one_of(st.emails(), st.sampled_from(["a@example.org", "A@EXAMPLE.ORG", "not-mail"]),
                       scalar)
    for _ in range(draw(st.integers(0, 4))):
        cells = []
        for column in columns:
            value = draw(emails) if column == "email" else draw(
                st.sampled_from(["implementer", "fr", "en;fr", "yes", "no", "idea", "12"]) | scalar)
            value = value.replace("\"", "\"\"")
            cells.append(f"\"{value}\"" if draw(st.booleans()) else value.replace(",", " "))
        rows.append(",".join(cells))
    return draw(mutated(rows))


def check_member_import(text: str) -> str:
    """Import inside a transaction the caller rolls back; every rejected row names its line."""
    from network.importing import import_members

    report = import_members(text)
    for line, reason in report.errors:
        assert isinstance(line, int) and line >= 1 and reason.strip(), (line, reason)
        assert re.match(r"^(missing column|the row |the file |email|name|[a-z_]+:)", reason), reason
    return "rejected" if report.errors else "accepted"
