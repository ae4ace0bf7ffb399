"""Counts outside the request: stored votes, the time limit, progress, limits, expiry, defaults."""

import csv
import io
import multiprocessing
import random
import time
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from calculator import allocate, load_pabulib, parse_pabulib_text
from tally import counts
from tally.models import Count, VoteInput

PABULIB = Path("/work/shared/data/pabulib")
APPROVAL_FILE = PABULIB / "Poland_Zabrze_2020_Zandka.pb"
TYPED = {"budget": "480000", "projects": "A; 100000\nB; 80000\nC; 200000\nD; 100000\nE; 60000",
         "ballots": "40 x A, B, C, D, E\n30 x B, A, C, D, E\n20 x C, D, E\n10 x D, E"}

pytestmark = pytest.mark.django_db


def slow_pb(voters=5000, projects=200, each=10) -> bytes:
    """The probe's case: every voter approves a different 10 of 200 projects."""
    rng = random.Random(1)
    lines = ["META", "key;value", "description;slow", "country;Nowhere", "unit;Test", "instance;1",
             f"num_projects;{projects}", f"num_votes;{voters}", "budget;1000000",
             "vote_type;approval", "rule;greedy", "PROJECTS", "project_id;cost;name"]
    lines += [f"{p};{rng.randint(5000, 60000)};Project {p}" for p in range(1, projects + 1)]
    lines += ["VOTES", "voter_id;vote"]
    lines += [f"{v};{','.join(map(str, rng.sample(range(1, projects + 1), each)))}"
              for v in range(1, voters + 1)]
    return ("\n".join(lines) + "\n").encode()


def upload(client, name, data, **fields):
    return client.post("/calculator/", {"upload": SimpleUploadedFile(name, data), **fields})


def key_of(response) -> str:
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def test_a_count_past_the_time_limit_is_stopped_and_the_page_says_so(client, settings):
    settings.TALLY_TIME_LIMIT = 1
    started = time.monotonic()
    response = upload(client, "slow.pb", slow_pb(), rule="mes", **{"mes-completion": "add1"})
    assert time.monotonic() - started < 8  # the request never runs past the limit
    assert not multiprocessing.active_children()  # the count's process was killed
    page = client.get(response.url)
    assert page.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "longer than 1 seconds, the time limit, and was stopped" in page.content.decode()
    assert Count.objects.get(key=key_of(response)).status == Count.Status.TIMED_OUT


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens its connection
def test_a_background_count_shows_progress_then_its_result(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TALLY_INLINE_WAIT = 0.2
    response = upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes())
    key = key_of(response)
    waiting = client.get(response.url)
    html = waiting.content.decode()
    assert waiting.status_code == HTTPStatus.OK
    assert "Waiting for a free counter" in html and 'http-equiv="refresh"' in html
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)
    done = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in done
    expected = allocate(load_pabulib(APPROVAL_FILE), rule="mes", completion="add1")
    assert Count.objects.get(key=key).result["allocation"]["selected"] == expected.selected
    assert "Method of Equal Shares" in done


def test_a_running_count_shows_how_long_it_has_been_counting(client):
    vote = counts.store_vote(visitor=counts.Visitor("x", False), data=APPROVAL_FILE.read_bytes(),
                             filename=APPROVAL_FILE.name, vote_type="approval")
    count = Count.objects.create(vote=vote, rule="mes", visitor="x", status=Count.Status.RUNNING,
                                 started_at=timezone.now() - timezone.timedelta(seconds=12),
                                 expires_at=vote.expires_at)
    html = client.get(f"/calculator/result/{count.key}/").content.decode()
    assert "Counting… 12 s so far." in html and "stops after 60 seconds" in html


def test_a_count_whose_worker_died_is_reported_and_frees_the_limit(client, settings):
    vote = counts.store_vote(visitor=counts.Visitor("x", False), data=b"{}", typed=True)
    count = Count.objects.create(vote=vote, rule="mes", visitor="x", status=Count.Status.RUNNING,
                                 started_at=timezone.now() - timezone.timedelta(minutes=5),
                                 expires_at=vote.expires_at)
    html = client.get(f"/calculator/result/{count.key}/").content.decode()
    assert "interrupted before it finished" in html


# --- Limits -----------------------------------------------------------------------------------

def running_count_for(client_visitor: counts.Visitor, **fields):
    vote = counts.store_vote(visitor=client_visitor, data=b"{}", typed=True)
    return Count.objects.create(vote=vote, rule="mes", visitor=client_visitor.key,
                                member=client_visitor.member, status=Count.Status.RUNNING,
                                started_at=timezone.now(), expires_at=vote.expires_at, **fields)


def anonymous_visitor(ip="127.0.0.1"):
    return counts.Visitor(counts._hashed(f"ip:{ip}"), member=False)


def test_an_anonymous_visitor_over_the_running_limit_gets_429_with_retry_after(client, settings):
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "anonymous": {"running": 1, "per_hour": 20, "stored_bytes": 10**8}}
    running_count_for(anonymous_visitor())
    response = client.post("/calculator/", {"rule": "auto", **TYPED})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 1 <= int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "You already have 1 count running" in html
    assert "40 x A, B, C, D, E" in html  # nothing typed is lost


def test_the_hourly_limit_answers_429_until_the_oldest_count_is_an_hour_old(client, settings):
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "anonymous": {"running": 5, "per_hour": 2, "stored_bytes": 10**8}}
    for _ in range(2):
        key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    response = client.post("/calculator/", {"rule": "auto", **TYPED})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert "2 counts in the last hour" in response.content.decode()
    assert Count.objects.count() == 2


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_the_limit_message_is_translated(client, settings, language):
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "anonymous": {"running": 1, "per_hour": 20, "stored_bytes": 10**8}}
    running_count_for(anonymous_visitor())
    response = client.post(f"/{language}/calculator/", {"rule": "auto", **TYPED})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "You already have" not in response.content.decode()


def test_members_get_more_than_anonymous_visitors(member_client, settings):
    from django.test import Client

    client = Client()
    settings.TALLY_LIMITS = {
        "anonymous": {"running": 1, "per_hour": 1, "stored_bytes": 10**8},
        "member": {"running": 3, "per_hour": 3, "stored_bytes": 10**8},
        "all_anonymous": {"running": 10, "per_hour": 100},
    }
    key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    assert client.post("/calculator/", {"rule": "auto", **TYPED}).status_code == 429
    for _ in range(3):
        key_of(member_client.post("/calculator/", {"rule": "auto", **TYPED}))
    assert member_client.post("/calculator/", {"rule": "auto", **TYPED}).status_code == 429


def test_all_anonymous_visitors_share_a_global_limit(client, settings):
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "all_anonymous": {"running": 1, "per_hour": 100}}
    running_count_for(anonymous_visitor("203.0.113.9"))
    response = client.post("/calculator/", {"rule": "auto", **TYPED})
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Many people are counting" in response.content.decode()
    assert int(response["Retry-After"]) >= 1


def test_a_comparison_counts_against_the_limits_too(client, settings):
    key = key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "anonymous": {"running": 5, "per_hour": 1, "stored_bytes": 10**8}}
    response = client.get(f"/calculator/result/{key}/compare/")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Retry-After"]


# --- Stored votes -----------------------------------------------------------------------------

def test_uploads_are_stored_in_the_database_once_and_capped_per_visitor(client, settings):
    data = APPROVAL_FILE.read_bytes()
    key_of(upload(client, APPROVAL_FILE.name, data))
    key_of(upload(client, APPROVAL_FILE.name, data))
    assert VoteInput.objects.count() == 1
    assert bytes(VoteInput.objects.get().data) == data
    settings.TALLY_LIMITS = {**settings.TALLY_LIMITS,
                             "anonymous": {"running": 2, "per_hour": 20,
                                           "stored_bytes": len(data) + 100}}
    response = upload(client, "other.pb", data.replace(b"description;", b"description;x"))
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "the limit is" in response.content.decode() and int(response["Retry-After"]) > 0


def test_a_full_store_answers_503_with_retry_after(client, settings):
    settings.TALLY_STORED_BYTES_TOTAL = 1000
    response = upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes())
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"]
    assert not VoteInput.objects.exists()


def test_expired_counts_and_votes_are_deleted_by_the_cleanup_command(client):
    key = key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    fresh = key_of(upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes()))
    Count.objects.filter(key=key).update(expires_at=timezone.now())
    VoteInput.objects.filter(typed=True).update(expires_at=timezone.now())
    call_command("tally_cleanup")
    assert list(Count.objects.values_list("key", flat=True)) == [fresh]
    assert VoteInput.objects.get().filename == APPROVAL_FILE.name


def test_an_error_keeps_the_uploaded_file_and_names_it(client):
    response = upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes(), budget="lots")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert f"File kept: <strong>{APPROVAL_FILE.name}</strong>" in html
    kept = VoteInput.objects.get().key
    assert f'name="kept_vote" value="{kept}"' in html
    fixed = client.post("/calculator/", {"rule": "greedy", "kept_vote": kept, "budget": "100000"})
    page = client.get(fixed.url).content.decode()
    assert APPROVAL_FILE.name in page and "of PLN 100,000" in page


def test_editing_a_count_of_a_file_keeps_the_file_and_shows_only_rules_that_fit(client):
    key = key_of(upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes()))
    html = client.get("/calculator/", {"edit": key}).content.decode()
    assert f"File kept: <strong>{APPROVAL_FILE.name}</strong>" in html
    assert 'name="mes-completion"' in html
    assert 'name="rank-and-rearrange-threshold"' not in html  # approval ballots have no ranks


# --- Defaults from the ballots ----------------------------------------------------------------

def test_an_approval_file_is_counted_with_equal_shares_and_add1_by_default(client):
    key = key_of(upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes()))
    count = Count.objects.get(key=key)
    assert (count.rule, count.options) == ("mes", {"completion": "add1"})
    expected = allocate(load_pabulib(APPROVAL_FILE), rule="mes", completion="add1")
    html = client.get(f"/calculator/result/{key}/").content.decode()
    assert "Result: Method of Equal Shares" in html
    name = load_pabulib(APPROVAL_FILE).projects[expected.selected[0]].name
    assert f"{name} <span class=\"tally-id\">({expected.selected[0]})</span>" in html


def test_typed_ranked_ballots_default_to_rank_and_rearrange(client):
    key = key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    assert Count.objects.get(key=key).rule == "rank-and-rearrange"


def test_points_ballots_default_to_greedy_by_points(client):
    typed = dict(TYPED, ballots="A:3, B:2\nC:5\nD:1, E:4")
    key = key_of(client.post("/calculator/", {"rule": "auto", **typed}))
    assert Count.objects.get(key=key).rule == "greedy"


def test_the_comparison_preselects_only_rules_that_can_count_the_ballots(client):
    key = key_of(upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes()))
    html = client.get(f"/calculator/result/{key}/").content.decode()
    assert 'value="rank-and-rearrange" id="compare-rank-and-rearrange">' in html
    assert 'value="mes" id="compare-mes" checked>' in html
    compared = client.get(f"/calculator/result/{key}/compare/").content.decode()
    assert "cannot tally" not in compared


def test_a_comparison_is_computed_once_and_stored(client):
    key = key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    url = f"/calculator/result/{key}/compare/"
    first = client.get(url, {"rules": ["rank-and-rearrange", "greedy"]})
    stored = Count.objects.get(kind=Count.Kind.COMPARISON)
    second = client.get(url, {"rules": ["rank-and-rearrange", "greedy"]})
    assert Count.objects.filter(kind=Count.Kind.COMPARISON).count() == 1
    assert Count.objects.get(pk=stored.pk).finished_at == stored.finished_at
    table = 'class="tally-compare"'
    assert table in first.content.decode()
    assert (first.content.decode().split(table)[1].split("</table>")[0]
            == second.content.decode().split(table)[1].split("</table>")[0])
    assert set(stored.result["allocations"]) == {"rank-and-rearrange", "greedy"}


def test_the_stored_result_matches_the_calculator_on_a_points_file():
    election = parse_pabulib_text(slow_pb(voters=50, projects=8, each=3).decode())
    visitor = counts.Visitor("v", member=False)
    vote = counts.store_vote(visitor=visitor, data=slow_pb(voters=50, projects=8, each=3),
                             filename="small.pb", vote_type="approval")
    count = counts.start_count(visitor=visitor, vote=vote, rule="greedy")
    stored = counts.allocation_from_dict(Count.objects.get(pk=count.pk).result["allocation"])
    expected = allocate(election, rule="greedy")
    assert stored == expected and stored.total_funded <= Decimal(1000000)


# --- Downloads ----------------------------------------------------------------------------------

def test_result_csv_neutralises_cells_a_spreadsheet_would_run(client):
    typed = {"budget": "1000", "projects": "=HYPERLINK(\"x\"); 100\n@SUM(A1); 200\n"
             "+1; 50\n-2; 50\nPark; 100", "ballots": "=HYPERLINK(\"x\"), @SUM(A1), +1, -2, Park"}
    key = key_of(client.post("/calculator/", {"rule": "greedy", **typed}))
    text = client.get(f"/calculator/result/{key}/result.csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"x\")" in cells and "'@SUM(A1)" in cells
    assert "'+1" in cells and "'-2" in cells and "Park" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_a_result_downloads_as_pb_with_selected_filled_and_reads_back(client):
    key = key_of(upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes()))
    response = client.get(f"/calculator/result/{key}/result.pb")
    assert response["Content-Disposition"].endswith('.pb"')
    text = response.content.decode()
    expected = allocate(load_pabulib(APPROVAL_FILE), rule="mes", completion="add1")
    assert "rule;equalshares/add1" in text
    projects = text.split("PROJECTS\n", 1)[1].split("VOTES\n", 1)[0].splitlines()
    header = projects[0].split(";")
    selected = {row.split(";")[0] for row in projects[1:]
                if row.split(";")[header.index("selected")] == "1"}
    assert selected == set(expected.selected)
    again = parse_pabulib_text(text)
    assert again.num_voters == load_pabulib(APPROVAL_FILE).num_voters


def test_a_typed_vote_downloads_as_a_pb_file_that_counts_the_same(client):
    key = key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    html = client.get(f"/calculator/result/{key}/").content.decode()
    assert f"/calculator/result/{key}/vote.pb" in html
    text = client.get(f"/calculator/result/{key}/vote.pb").content.decode()
    assert "\nselected" not in text and ";selected" not in text
    election = parse_pabulib_text(text)
    assert election.vote_type == "ordinal" and election.num_voters == 100
    stored = Count.objects.get(key=key).result["allocation"]["selected"]
    assert allocate(election, rule="rank-and-rearrange").selected == stored


def test_amounts_below_the_cent_are_shown_exactly_without_about(client):
    typed = {"budget": "1000.015", "projects": "A; 500\nB; 500.0125", "ballots": "A, B"}
    key = key_of(client.post("/calculator/", {"rule": "greedy", **typed}))
    html = client.get(f"/calculator/result/{key}/").content.decode()
    assert "$1,000.015" in html and "$500.0125" in html and "Left over: $0.0025" in html
    lead = html.split('class="lead"', 1)[1].split("</p>", 1)[0]
    assert "about" not in lead


def test_the_explanation_is_computed_by_the_count_not_by_each_page_view(client, monkeypatch):
    key = key_of(upload(client, APPROVAL_FILE.name, APPROVAL_FILE.read_bytes()))
    stored = Count.objects.get(key=key).result["explanation"]
    assert stored["status"] == "done" and stored["projects"]

    def no_counting(*args, **kwargs):
        raise AssertionError("a page view ran a count")

    monkeypatch.setattr(counts, "run_with_time_limit", no_counting)
    html = client.get(f"/calculator/result/{key}/").content.decode()
    assert "Effective support" in html


def test_a_comparison_stores_its_outcome_measures(client):
    key = key_of(client.post("/calculator/", {"rule": "auto", **TYPED}))
    page = client.get(f"/calculator/result/{key}/compare/", {"rules": ["rank-and-rearrange", "greedy"]})
    stored = Count.objects.get(kind=Count.Kind.COMPARISON).result["outcomes"]
    assert set(stored) == {"rank-and-rearrange", "greedy"}
    assert stored["greedy"]["voters"] == 100
    assert "Voters with at least one funded project they supported" in page.content.decode()
