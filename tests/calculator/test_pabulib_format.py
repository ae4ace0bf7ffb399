"""Reading .pb files: real files load; malformed ones raise PabulibFormatError with the line."""

import io
from decimal import Decimal

import pytest

from calculator import PabulibFormatError, allocate, load_pabulib, parse_pabulib_text

GOOD = """META
key;value
budget;1000
vote_type;approval
currency;USD
PROJECTS
project_id;cost;name
1;600;Park
2;400.50;Library
VOTES
voter_id;vote
v1;1,2
v2;1
v3;2
"""


def test_a_small_file_reads_budget_projects_and_merged_ballots():
    election = parse_pabulib_text(GOOD)
    assert election.budget == Decimal(1000)
    assert election.projects["2"].cost == Decimal("400.50")
    assert election.projects["1"].name == "Park"
    assert election.num_voters == 3
    assert allocate(election, rule="greedy").scores == {"1": 2, "2": 2}


def test_text_file_objects_and_bytes_are_accepted():
    assert load_pabulib(io.StringIO(GOOD)).num_voters == 3
    assert load_pabulib(io.BytesIO(GOOD.encode())).num_voters == 3


def test_identical_ballots_are_stored_once_with_their_voters():
    text = GOOD.replace("v3;2", "v3;1,2")
    election = parse_pabulib_text(text)
    assert sorted(g.voter_ids for g in election.ballots) == [("v1", "v3"), ("v2",)]


def test_a_ballot_naming_an_unknown_project_is_rejected_not_fatal():
    election = parse_pabulib_text(GOOD.replace("v2;1", "v2;1,7"))
    assert election.rejected_ballots == [("v2", "names unknown project '7'")]
    result = allocate(election, rule="greedy")
    assert ("v2", "names unknown project '7'") in result.rejected_ballots
    assert result.scores == {"1": 1, "2": 2}


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (GOOD.replace("VOTES\nvoter_id;vote\nv1;1,2\nv2;1\nv3;2\n", ""), 10, "no VOTES section"),
        (GOOD.replace("1;600;Park", "1;six hundred;Park"), 8, "not a number"),
        (GOOD.replace("budget;1000", "budget;0"), 3, "budget must be positive"),
        (GOOD.replace("budget;1000", "budget;-5"), 3, "budget must be positive"),
        (GOOD.replace("2;400.50;Library", "1;400.50;Library"), 9, "duplicate project id '1'"),
        (GOOD.replace("2;400.50;Library", "2;400.50"), 9, "2 fields, the header has 3"),
        (GOOD.replace("v2;1\n", "v2\n"), 13, "1 fields, the header has 2"),
        (GOOD.replace("currency;USD", "currency"), 5, "not 'key;value'"),
        (GOOD.replace("budget;1000\n", ""), 1, "no budget"),
        (GOOD.replace("vote_type;approval", "vote_type;secret"), 4, "vote_type"),
    ],
    ids=["missing-section", "cost", "zero-budget", "negative-budget", "duplicate-id",
         "short-project-line", "short-vote-line", "broken-meta-line", "no-budget", "vote-type"],
)
def test_malformed_files_raise_one_error_class_naming_the_line(broken, line, words):
    with pytest.raises(PabulibFormatError) as caught:
        parse_pabulib_text(broken)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")
    assert words in str(caught.value)


def test_points_that_do_not_match_the_projects_reject_that_ballot_only():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n"
        "a;5\nb;5\nVOTES\nvoter_id;vote;points\n1;a,b;3,2\n2;a,b;3\n"
    )
    election = parse_pabulib_text(text)
    assert election.rejected_ballots == [("2", "lists 2 projects but 1 points")]
    assert allocate(election, rule="greedy").scores == {"a": 3, "b": 2}
    # The same points text is fine on a ballot of one project.
    election = parse_pabulib_text(text + "3;b;3\n")
    assert election.rejected_ballots == [("2", "lists 2 projects but 1 points")]
    assert allocate(election, rule="greedy").scores == {"a": 3, "b": 5}


def _quoted(text: str) -> str:
    """The same file with every field of every line after the VOTES header in csv quotes,
    which sends those lines through the csv module instead of the plain-split loop (line ends
    become \\n: each \\r\\n, \\r or \\n ends one line either way)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    head, marker, rest = text.partition("VOTES\n")
    header, _, body = rest.partition("\n")
    lines = body.split("\n")
    quoted = [";".join(f'"{cell}"' for cell in line.split(";")) if line else "" for line in lines]
    return head + marker + header + "\n" + "\n".join(quoted)


def _read(text):
    try:
        election = parse_pabulib_text(text)
    except PabulibFormatError as error:
        return str(error)
    ballots = sorted((g.projects, g.points, g.voter_ids) for g in election.ballots)
    return ballots, sorted(election.rejected_ballots), sorted(election.projects)


CUMULATIVE = (
    "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n"
    "a;5\nb;5\nVOTES\nvoter_id;vote;points;age\n1;a,b;3,2;30\n2;a,b;3;40\n3;b;5;50\n"
)
VOTES_FIRST = (
    "META\nkey;value\nbudget;10\nvote_type;approval\nVOTES\nvoter_id;vote\n1;a,b\n2;b\n"
    "PROJECTS\nproject_id;cost\na;5\nb;5\n"
)


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        GOOD.replace("\n", "\r\n"),
        GOOD.replace("v2;1\n", "v2;1\r").replace("v1;1,2\n", "v1;1,2\r\n"),
        GOOD.replace("v2;1\n", "\n  \nv2;1\n\n"),
        GOOD.replace("v2;1\n", " v2 ;1\n").replace("v3;2", "v3; 2 "),
        GOOD.replace("v2;1\n", "\tv2\t;1\n"),
        GOOD.replace("voter_id;vote\n", "voter_id;vote;district\n")
        .replace("v1;1,2", "v1 ;1,2;Nowa Huta").replace("v2;1\n", "v2;1;Bronowice\n")
        .replace("v3;2", "v3;2;Podg\u00f3rze"),
        GOOD.replace("v2;1\n", "v2;\n"),
        GOOD.replace("v2;1\n", "v2;1;extra\n"),
        GOOD.replace("v3;2", "v3;2,9"),
        GOOD.replace("voter_id;vote\n", "vote;voter_id\n").replace("v1;1,2", "1,2;v1"),
        GOOD.replace("voter_id;vote\n", "voter_id;vote;age\n").replace("v1;1,2", "v1;1,2;40")
        .replace("v2;1\n", "v2;1;50\n").replace("v3;2", "v3;2;60"),
        GOOD + "META\nkey;value\n",
        CUMULATIVE,
        CUMULATIVE.replace(";age", "").replace(";30", "").replace(";40", "").replace(";50", ""),
        CUMULATIVE.replace("3;b;5;50", "3;;;50\n4;a;3;60"),
        VOTES_FIRST,
    ],
    ids=["plain", "crlf", "mixed-line-ends", "blank-lines", "spaces", "tabs",
         "spaces-in-a-district-column", "empty-vote",
         "extra-field", "unknown-id", "vote-column-first", "more-columns", "section-after-votes",
         "cumulative", "cumulative-3-columns", "cumulative-empty-vote", "votes-before-projects"],
)
def test_plain_and_csv_quoted_vote_lines_read_the_same(text):
    # Vote lines without quotes are read by plain splitting (for speed); with quotes by the
    # csv module. Both must give the same ballots, rejections and errors (with line numbers).
    assert _read(text) == _read(_quoted(text))


def test_a_byte_order_mark_is_accepted_from_text_as_from_bytes(tmp_path):
    marked = "\ufeff" + GOOD
    assert parse_pabulib_text(marked).num_voters == 3
    assert load_pabulib(io.StringIO(marked)).num_voters == 3
    path = tmp_path / "bom.pb"
    path.write_text(marked, encoding="utf-8")
    with open(path, encoding="utf-8") as handle:
        assert load_pabulib(handle).num_voters == 3
    assert load_pabulib(path).num_voters == 3


@pytest.mark.parametrize("value", ["-3", "0", "2.5", "three", ""])
def test_an_invalid_max_length_is_refused_at_its_line(value):
    text = GOOD.replace("currency;USD", f"currency;USD\nmax_length;{value}")
    with pytest.raises(PabulibFormatError) as caught:
        parse_pabulib_text(text)
    assert caught.value.line == 6
    assert "max_length must be a whole number of at least 1" in str(caught.value)


def test_a_valid_max_length_is_read():
    text = GOOD.replace("currency;USD", "currency;USD\nmax_length;2")
    assert parse_pabulib_text(text).max_length == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (GOOD.replace("v2;1\n", 'v2;"1\n'), 13),
        (GOOD.replace("2;400.50;Library", '2;400.50;"Library'), 9),
    ],
    ids=["in-votes", "in-projects"],
)
def test_an_unterminated_quote_is_reported_at_the_line_where_it_opens(text, line):
    with pytest.raises(PabulibFormatError) as caught:
        parse_pabulib_text(text)
    assert caught.value.line == line
    assert "quote" in str(caught.value)


@pytest.mark.parametrize("number", ["1_000", "+100", "\u0661\u0660\u0660", "1e3", "1,000.5",
                                    " 100 000", "0x10"])
def test_numbers_pabulib_does_not_write_are_refused_with_the_line(number):
    for text, line in ((GOOD.replace("1;600;Park", f"1;{number};Park"), 8),
                       (GOOD.replace("budget;1000", f"budget;{number}"), 3)):
        with pytest.raises(PabulibFormatError) as caught:
            parse_pabulib_text(text)
        assert caught.value.line == line
        assert "is not a number" in str(caught.value)


@pytest.mark.parametrize(("number", "value"), [("400000.0", "400000"), ("2158427.19", "2158427.19"),
                                              ("600,5", "600.5"), (" 600 ", "600")])
def test_plain_decimals_are_read_exactly(number, value):
    election = parse_pabulib_text(GOOD.replace("1;600;Park", f"1;{number};Park"))
    assert election.projects["1"].cost == Decimal(value)


def test_points_pabulib_does_not_write_reject_the_ballot():
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n"
        "a;5\nb;5\nVOTES\nvoter_id;vote;points\n1;a,b;3,2\n2;a,b;+3,1_0\n"
    )
    election = parse_pabulib_text(text)
    assert election.rejected_ballots == [("2", "points '+3' is not a number")]
