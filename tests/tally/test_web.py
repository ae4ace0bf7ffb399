"""/calculator/: typed and uploaded votes, the result page, downloads and comparisons."""

import csv
import io
import json
import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calculator import allocate, load_pabulib, result_to_csv, result_to_dict
from tally.models import Count
from tests.pabulib_files import BUNDLED_DIR

PABULIB = BUNDLED_DIR
CHARITIES = "Los Paseos Home and School Club\nMartin Murphy Home and School Club"
# The rulebook's examples (budget $480,000): the projects in order of community ranking,
# then others that no rule reaches. Five-rank ballots put them in exactly that order.
SCENARIOS = {
    1: ["A; 100000", "B; 80000", "C; 200000", "D; 100000", "E; 60000"],
    2: ["A; 100000", "B; 280000", "C; 125000", "D; 90000", "E; 300000"],
    3: ["A; 180000", "B; 200000", "C; 99500", "D; 150000", "E; 20000"],
}
BALLOTS = "40 x A, B, C, D, E\n30 x B, A, C, D, E\n20 x C, D, E\n10 x D, E"

pytestmark = pytest.mark.django_db


def post_typed(client, *, projects, ballots=BALLOTS, budget="$480,000",
               rule="rank-and-rearrange", **options):
    data = {"rule": rule, "budget": budget, "projects": "\n".join(projects), "ballots": ballots}
    data.update({f"{rule}-{name}": value for name, value in options.items()})
    return client.post("/calculator/", data)


def follow_result(client, response):
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    key = response.url.rstrip("/").rsplit("/", 1)[-1]
    return key, client.get(response.url)


def funded_table(html: str) -> dict[str, str]:
    """Project → granted amount, read from the funded-projects table a person sees."""
    table = html.split('class="tally-funded"', 1)[1].split("</table>", 1)[0]
    funded = {}
    for row in table.split("<tr>")[2:]:
        label = re.search(r'<th scope="row">([^<]+)', row).group(1).strip()
        funded[label] = re.findall(r"\$([\d,.]+)", row)[-1]
    return funded


def test_calculator_page_offers_every_rule_and_its_options(client):
    response = client.get("/calculator/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    for rule in ("rank-and-rearrange", "greedy", "mes"):
        assert f'value="{rule}"' in html
    for field in ("rank-and-rearrange-threshold", "rank-and-rearrange-leftover_recipients",
                  "rank-and-rearrange-declined", "greedy-support", "mes-utility",
                  "mes-completion", "mes-tie_break"):
        assert f'name="{field}"' in html
    assert 'type="file"' in html


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_calculator_page_is_translated(client, language):
    response = client.get(f"/{language}/calculator/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert {"fr": "Calculer", "es": "Calcular", "pt": "Calcular"}[language] in html
    assert "Choose a rule" not in html


def test_scenario_1_funds_four_projects_and_uses_the_whole_budget(client):
    _key, page = follow_result(client, post_typed(client, projects=SCENARIOS[1]))
    html = page.content.decode()
    assert funded_table(html) == {"A": "100,000", "B": "80,000", "C": "200,000",
                                  "D": "100,000"}
    assert "<strong>Left over:</strong> $0" in html


def test_scenario_2_offers_the_money_left_to_c(client):
    _key, page = follow_result(client, post_typed(client, projects=SCENARIOS[2]))
    html = page.content.decode()
    assert funded_table(html) == {"A": "100,000", "B": "280,000", "C": "100,000"}
    assert "partial" in html and "80% ≥ 75%" in html


def test_scenario_2_with_cs_delegate_declining_moves_on_to_d(client):
    _key, page = follow_result(client, post_typed(client, projects=SCENARIOS[2],
                                                  declined="c"))
    html = page.content.decode()
    assert funded_table(html) == {"A": "100,000", "B": "280,000", "D": "90,000"}
    assert "declined" in html
    assert "<strong>Left over:</strong> $10,000" in html


def test_scenario_3_donates_the_last_500_to_the_two_charities(client):
    _key, page = follow_result(client, post_typed(
        client, projects=SCENARIOS[3], leftover_recipients=CHARITIES))
    html = page.content.decode()
    assert funded_table(html) == {"A": "180,000", "B": "200,000", "C": "99,500"}
    assert "Los Paseos Home and School Club: $250" in html
    assert "Martin Murphy Home and School Club: $250" in html
    assert "<strong>Left over:</strong> $0" in html


def test_result_page_has_an_accessible_chart_steps_and_downloads(client):
    key, page = follow_result(client, post_typed(client, projects=SCENARIOS[2]))
    html = page.content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<rect") > 5
    assert "Chart data as a table" in html and '<th scope="row">E</th>' in html
    assert "costs $125,000; $100,000 remains (80% ≥ 75%)" in html
    assert f"/calculator/result/{key}/result.csv" in html
    assert f"/calculator/result/{key}/result.json" in html
    assert "style=" not in html and "<style" not in html


def test_wrong_ballot_line_is_named_and_everything_typed_is_kept(client):
    ballots = "A, B, C\nB, A\nA, Zoo\nC"
    response = post_typed(client, projects=SCENARIOS[1], ballots=ballots, threshold="0.8")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Line 3" in html and "Zoo" in html
    assert "A, B, C\nB, A\nA, Zoo\nC</textarea>" in html
    assert "C; 200000" in html and 'value="$480,000"' in html
    assert 'name="rank-and-rearrange-threshold" value="0.8"' in html


def test_wrong_project_line_is_named(client):
    response = post_typed(client, projects=["A; 100000", "B costs a lot"])
    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Line 2" in html and "B costs a lot" in html


def test_empty_form_says_what_to_send(client):
    response = client.post("/calculator/", {"rule": "greedy"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Upload a .pb or .csv file, or type the budget, projects and ballots" in (
        response.content.decode())


def upload(client, name, data, rule="greedy", **extra):
    return client.post("/calculator/", {"rule": rule, "upload": SimpleUploadedFile(name, data),
                                        **extra})


def test_malformed_pb_upload_is_refused_with_its_line(client):
    data = (b"META\nkey;value\nbudget;1000\nPROJECTS\nproject_id;cost\n1;500\n2;lots\n"
            b"VOTES\nvoter_id;vote\n1;1\n")
    response = upload(client, "vote.pb", data)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Line 7" in html


def test_upload_of_another_type_is_refused(client):
    response = upload(client, "vote.xlsx", b"PK\x03\x04")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "neither a .pb nor a .csv file" in response.content.decode()


def test_oversize_upload_is_refused_with_the_limit(client):
    data = b"META\nkey;value\nbudget;1000\n" + b"#" * (20 * 1024 * 1024)
    response = upload(client, "huge.pb", data)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "the limit is 20480 KB" in html


def test_csv_upload_is_tallied(client):
    data = b"budget,480000\nid,name,cost\nA,Playground,300000\nB,Library,200000\n\nA\nA,B\nB\n"
    key, page = follow_result(client, upload(client, "vote.csv", data))
    assert "Playground" in funded_table(page.content.decode())


def uploaded_file_result(client, path, rule, **options):
    response = upload(client, path.name, path.read_bytes(), rule=rule,
                      **{f"{rule}-{name}": value for name, value in options.items()})
    key, _page = follow_result(client, response)
    return key


def test_downloads_match_allocate_without_uploading_again(client):
    path = PABULIB / "Poland_Zabrze_2020_Zandka.pb"
    key = uploaded_file_result(client, path, "mes", completion="add1")
    expected = allocate(load_pabulib(path), rule="mes", completion="add1")

    downloaded = client.get(f"/calculator/result/{key}/result.json")
    assert downloaded["Content-Disposition"].startswith("attachment")
    data = json.loads(downloaded.content)
    assert {k: v for k, v in data.items() if k != "projects"} == result_to_dict(expected)

    downloaded = client.get(f"/calculator/result/{key}/result.csv")
    assert downloaded["Content-Type"].startswith("text/csv")
    names = {pid: p.name for pid, p in load_pabulib(path).projects.items()}
    assert downloaded.content.decode() == result_to_csv(expected, names)
    rows = list(csv.DictReader(io.StringIO(downloaded.content.decode())))
    assert sum(Decimal(r["amount"]) for r in rows if r["funded"] in ("yes", "partial")) == (
        expected.total_funded)


def test_result_is_at_a_shareable_url_until_it_expires(client, settings):
    key, _page = follow_result(client, post_typed(client, projects=SCENARIOS[1]))
    from django.test import Client

    stranger = Client()
    response = stranger.get(f"/calculator/result/{key}/")
    assert response.status_code == HTTPStatus.OK
    assert funded_table(response.content.decode())["A"] == "100,000"
    Count.objects.filter(key=key).update(expires_at=timezone.now())
    response = stranger.get(f"/calculator/result/{key}/result.json")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == "/calculator/"


def test_compare_shows_which_projects_change_and_why(client):
    key, _page = follow_result(client, post_typed(client, projects=SCENARIOS[2]))
    page = client.get(f"/calculator/result/{key}/compare/",
                      {"rules": ["rank-and-rearrange", "greedy"]})
    html = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    changes = html.split('id="changes-title"', 1)[1].split("</section>", 1)[0]
    # Rank and Rearrange gives C the $100,000 left; greedy skips C and funds D instead.
    assert "<strong>C</strong>" in changes and "<strong>D</strong>" in changes
    assert "<strong>A</strong>" not in changes
    assert "partly funded ($100,000)" in changes and "funded ($90,000)" in changes
    assert "offered to its delegate" in changes
    assert "skipped" in changes


def test_compare_says_when_a_rule_cannot_tally_the_ballots(client):
    path = PABULIB / "Poland_Zabrze_2020_Zandka.pb"
    key = uploaded_file_result(client, path, "greedy")
    html = client.get(f"/calculator/result/{key}/compare/",
                      {"rules": ["rank-and-rearrange", "greedy", "mes"]}).content.decode()
    assert "cannot tally these ballots" in html
    expected = allocate(load_pabulib(path), rule="mes")
    assert f"{len(expected.selected)}</td>" in html


def test_change_the_vote_fills_the_form_again(client):
    key, _page = follow_result(client, post_typed(client, projects=SCENARIOS[3],
                                                  leftover_recipients=CHARITIES))
    html = client.get("/calculator/", {"edit": key}).content.decode()
    assert "C; 99500" in html and "40 x A, B, C, D, E" in html
    assert "Martin Murphy Home and School Club</textarea>" in html
