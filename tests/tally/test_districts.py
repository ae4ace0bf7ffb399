"""/calculator/districts/: a budget split across districts by weighted criteria, to the cent."""

import re
from http import HTTPStatus

import pytest

pytestmark = pytest.mark.django_db


def amounts(html: str) -> dict[str, str]:
    table = html.split('class="tally-districts"', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">[^<]*</td>'
                           r'<td class="num">[^<]*</td><td class="num">([^<]+)</td>', table))


def test_calculator_links_to_the_district_split(client):
    assert 'href="/calculator/districts/"' in client.get("/calculator/").content.decode()
    page = client.get("/calculator/districts/")
    assert page.status_code == HTTPStatus.OK
    assert 'name="criteria"' in page.content.decode()


def test_a_budget_is_split_to_the_cent_and_adds_up(client):
    # Weights 1 each, three districts graded 1: $100 / 3 = $33.33 each, one cent to the first.
    response = client.post("/calculator/districts/", {
        "budget": "100", "criteria": "population: 1", "districts": "Centro; 1\nNorte; 1\nSul; 1"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert amounts(html) == {"Centro": "$33.34", "Norte": "$33.33", "Sul": "$33.33"}
    assert '<td class="num">$100</td>' in html


def test_population_and_need_weigh_as_given(client):
    response = client.post("/calculator/districts/", {
        "budget": "$1,000,000", "criteria": "population: 2\nneed: 3",
        "districts": "Centro; 4; 1\nNorte; 3; 3\nSul; 2; 4"})
    # Scores: Centro 2×4 + 3×1 = 11, Norte 6 + 9 = 15, Sul 4 + 12 = 16; total 42.
    assert amounts(response.content.decode()) == {
        "Sul": "$380,952.38", "Norte": "$357,142.86", "Centro": "$261,904.76"}


@pytest.mark.parametrize(("fields", "message"), [
    ({"districts": "Centro; 4\nNorte; 3; 3"}, "Line 1: Centro has 1 grades; give one for each"),
    ({"districts": "Centro; 4; lots"}, "Line 1: Need “lots” is not a number."),
    ({"criteria": "population 2"}, "Line 1: write criterion: weight"),
    ({"budget": "1000.005"}, "The budget must be a whole number of cents."),
    ({"districts": "Centro; 0; 0"}, "every district scores 0"),
])
def test_mistakes_are_named_and_what_was_typed_is_kept(client, fields, message):
    data = {"budget": "1000", "criteria": "population: 2\nneed: 3", "districts": "Centro; 4; 1"}
    data.update(fields)
    response = client.post("/calculator/districts/", data)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in html
    assert data["districts"] in html.replace("&#x27;", "'")
