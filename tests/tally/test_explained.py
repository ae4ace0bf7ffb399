"""The explained result on the website: reasons per project (in English and French), effective
support and what would have made a project win, the money left, the ballot lookup, the
pictures with their data tables, upload warnings and the outcome measures of a comparison."""

import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.pabulib_files import BUNDLED_DIR

pytestmark = pytest.mark.django_db

# Worked by hand: 6 voters, $300, so $50 each. Library (5 supporters) wins round 1 at $40 each;
# Playground's 3 supporters then hold $10 each, $30 in all: it would win at a cost of $30, or
# with 3 more supporters like them (6 × $10... at round 1's price each could pay $20: 3 × $20 =
# $60; 6 × $20 = $120 ≥ $100). Benches' one supporter holds $50 to the end.
PROJECTS = "Playground; 100\nLibrary; 200\nBenches; 150"
BALLOTS = "3 x Playground, Library\n1 x Benches\n2 x Library"


def count_typed(client, *, prefix="", rule="mes", **options):
    data = {"rule": rule, "budget": "300", "projects": PROJECTS, "ballots": BALLOTS}
    data.update({f"{rule}-{name}": value for name, value in options.items()})
    response = client.post(f"{prefix}/calculator/", data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    return response.url.rstrip("/").rsplit("/", 1)[-1], client.get(response.url)


def why_table(html: str) -> dict[str, str]:
    """Project → the explanation row a person reads."""
    table = html.split('class="tally-why-table"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in table.split("<tr ")[1:]:
        label = re.search(r'<th scope="row">([^<]+)', row).group(1).strip()
        rows[label] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
    return rows


def test_every_project_is_explained_with_effective_support_and_what_would_win(client):
    _key, page = count_typed(client)
    html = page.content.decode()
    rows = why_table(html)
    assert "Library was funded in round 1 of 1: its 5 supporters paid its $200 cost, none more " \
           "than $40." in rows["Library"]
    assert "100.0%" in rows["Library"]
    assert "$40 short of its $100 cost" in rows["Playground"]
    assert "30.0%" in rows["Playground"]
    assert ("It would have won at a cost of $30 or less or with 3 more supporters like its "
            "current ones.") in rows["Playground"]
    assert "after the last round its 1 supporter still held $50" in rows["Benches"]
    assert "33.3%" in rows["Benches"]
    assert ("$100 was left because no remaining project&#x27;s supporters could afford it: the "
            "closest, Playground, costs $100 and its supporters were $70 short.") in html


def test_explanations_read_in_french(client):
    _key, page = count_typed(client, prefix="/fr")
    rows = why_table(page.content.decode())
    assert "financé au tour 1 sur 1" in rows["Library"]
    assert "Il aurait gagné" in rows["Playground"]
    assert "was funded" not in rows["Library"]


def test_greedy_explains_the_money_left_when_its_turn_came(client):
    _key, page = count_typed(client, rule="greedy")
    rows = why_table(page.content.decode())
    assert ("Library had 5 votes (rank 1 of 3); it cost $200 and $300 remained when its turn "
            "came: funded.") in rows["Library"]
    assert "it needed $150 but only $0 remained" in rows["Benches"] or \
           "it needed $150 but only $100 remained" in rows["Benches"]


def test_a_voter_looks_up_what_their_ballot_paid(client):
    key, page = count_typed(client)
    assert f'action="/calculator/result/{key}/ballot/"' in page.content.decode()
    response = client.get(f"/calculator/result/{key}/ballot/",
                          {"project": ["Library", "Playground"], "look": "1"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert ("A voter who supported Library, Playground paid $40 of their $50 share (3 voters "
            "cast exactly this ballot).") in html
    lonely = client.get(f"/calculator/result/{key}/ballot/", {"project": ["Benches"], "look": "1"})
    assert "paid nothing" in lonely.content.decode()
    nobody = client.get(f"/calculator/result/{key}/ballot/", {"project": ["Benches", "Library"],
                                                              "look": "1"})
    assert "Nobody cast a ballot supporting exactly" in nobody.content.decode()


def test_result_page_draws_the_three_pictures_each_with_its_data_table(client):
    _key, page = count_typed(client)
    html = page.content.decode()
    assert html.count("<svg") == 3
    assert 'aria-labelledby="tally-histogram-title tally-histogram-desc"' in html
    assert 'aria-labelledby="tally-rounds-title tally-rounds-desc"' in html
    histogram = html.split('class="tally-histogram-data"', 1)[1].split("</table>", 1)[0]
    # Library funded: 5 voters got 1 of their projects, the Benches voter got none.
    assert re.search(r'<th scope="row">0</th><td class="num">1</td>', histogram)
    assert re.search(r'<th scope="row">1</th><td class="num">5</td>', histogram)
    rounds = html.split('class="tally-rounds-data"', 1)[1].split("</table>", 1)[0]
    assert "Round 1: Library" in rounds and "$300" in rounds and "$200" in rounds
    assert "effective support 30.0%" in html  # in the bar chart, beside the votes


def test_upload_warnings_are_shown_and_the_count_goes_on(client):
    data = (b"META\nkey;value\nbudget;1000\nnum_votes;5\nvote_type;approval\nPROJECTS\n"
            b"project_id;cost;name\n1;500;Park\n2;600;Pool\n3;2000;Bridge\nVOTES\nvoter_id;vote\n"
            b"1;1\n2;1,2\n3;2\n")
    response = client.post("/calculator/", {"rule": "greedy",
                                            "upload": SimpleUploadedFile("odd.pb", data)})
    assert response.status_code == HTTPStatus.FOUND
    html = client.get(response.url).content.decode()
    assert "META says num_votes is 5, but the file holds 3 votes." in html
    assert "No voter supported Bridge (3)" in html
    assert "Bridge (3) cost more than the whole budget ($1,000)." in html
    assert "Park" in html.split('class="tally-funded"', 1)[1].split("</table>", 1)[0]


def test_comparison_shows_outcome_measures_for_every_rule(client):
    path = BUNDLED_DIR / "Poland_Zabrze_2020_Zandka.pb"
    response = client.post("/calculator/", {
        "rule": "mes", "upload": SimpleUploadedFile(path.name, path.read_bytes())})
    key = response.url.rstrip("/").rsplit("/", 1)[-1]
    html = client.get(f"/calculator/result/{key}/compare/?rules=greedy&rules=mes").content.decode()
    table = html.split('class="tally-compare tally-outcomes-table"', 1)[1].split("</table>", 1)[0]
    from calculator import allocate, load_pabulib, outcome_measures
    from calculator.explain import percent

    election = load_pabulib(path)
    for rule in ("greedy", "mes"):
        measures = outcome_measures(election, allocate(election, rule=rule))
        assert f"{measures.voters_with_funded:,} ({percent(measures.share_with_funded)})" in table
    assert "Gini coefficient" in table
    assert "Voters who got 0 of their projects" in table


def test_a_tie_broken_by_the_order_given_is_explained_with_that_order(client):
    response = client.post("/calculator/", {
        "rule": "greedy", "budget": "100", "projects": "Swings; 100\nSlide; 100",
        "ballots": "Swings\nSlide", "greedy-tie_break": "Swings"})
    html = client.get(response.url).content.decode()
    rows = why_table(html)
    # By id order Slide would win; the order given puts Swings first.
    assert "funded." in rows["Swings"] and "not funded." in rows["Slide"]
    assert "the tie was broken by the tie-break order given (Swings)" in rows["Swings"]
    key = response.url.rstrip("/").rsplit("/", 1)[-1]
    report = client.get(f"/calculator/result/{key}/report/").content.decode()
    assert "the order given: Swings" in report
