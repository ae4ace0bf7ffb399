"""Finding resources: facets, counts, full-text search, sorting, bad parameters, query counts."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.selectors import search_resources

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(make_resource):
    return {
        "fr_training_selection": make_resource(
            "Former les délégués", resource_type="training", languages=["fr"],
            stages=["project-selection"], regions=["europe"], themes=["selecting-winning-projects"],
            published="2024-03-01"),
        "fr_es_guide_outreach": make_resource(
            "Mobiliser les quartiers", resource_type="guide", languages=["fr", "es"],
            stages=["outreach"], regions=["europe", "latin-america"],
            themes=["outreach-marginalised-groups"], published="2023-01-01", reviewed=True,
            reviewed_by="Research board"),
        "en_training_selection": make_resource(
            "Counting ranked ballots", resource_type="training", languages=["en"],
            stages=["project-selection", "project-development"], regions=["north-america"],
            themes=["selecting-winning-projects"], published="2022-06-01"),
        "en_tool_implementation": make_resource(
            "Project tracker", resource_type="tool", languages=["en"],
            stages=["project-implementation"], regions=["global"],
            themes=["stalled-implementation"], published="2021-01-01"),
    }


def titles(result):
    return sorted(page.title for page in result.results)


def counts(result, facet):
    return {value.slug: value.count for value in result.facets.get(facet, [])}


def test_facets_combine_and_count_the_current_result_set(sample):
    result = search_resources(language="fr", stage="project-selection", type="training")
    assert titles(result) == ["Former les délégués"]
    assert result.total == 1

    result = search_resources(language="fr")
    assert titles(result) == ["Former les délégués", "Mobiliser les quartiers"]
    assert counts(result, "language") == {"fr": 2, "es": 1}
    assert counts(result, "type") == {"training": 1, "guide": 1}
    assert counts(result, "stage") == {"project-selection": 1, "outreach": 1}
    assert counts(result, "region") == {"europe": 2, "latin-america": 1}
    assert counts(result, "reviewed") == {"true": 1}
    assert counts(result, "theme") == {"selecting-winning-projects": 1,
                                       "outreach-marginalised-groups": 1}

    result = search_resources(type="training")
    assert counts(result, "stage") == {"project-selection": 2, "project-development": 1}
    assert counts(result, "language") == {"fr": 1, "en": 1}


def test_several_values_must_all_hold_and_reviewed_filters(sample):
    assert titles(search_resources(language=["fr", "es"])) == ["Mobiliser les quartiers"]
    assert titles(search_resources(reviewed="true")) == ["Mobiliser les quartiers"]
    assert search_resources(reviewed="false").total == 3
    assert search_resources(theme="stalled-implementation").total == 1


def test_stage_filter_accepts_a_coarse_phase(sample):
    # Outreach belongs to advocacy; no other sample resource does.
    assert titles(search_resources(stage="advocacy")) == ["Mobiliser les quartiers"]
    # Selection, development, outreach and implementation stages are all "implementation".
    result = search_resources(stage="implementation")
    assert result.total == 4
    # A resource in two stages of the same phase counts once for it.
    assert counts(result, "phase")["implementation"] == 4
    assert counts(search_resources(type="training"), "phase") == {"implementation": 2, "design": 1}


def test_search_finds_a_resource_by_a_word_of_its_summary(make_resource):
    make_resource("Budget calendar", summary="Align the vote with the council's adoption timetable.")
    make_resource("Something else", summary="Nothing relevant here.")
    result = search_resources(q="timetable")
    assert titles(result) == ["Budget calendar"]


def test_title_and_summary_matches_rank_before_body_matches(make_resource):
    body = [{"type": "paragraph", "value": "<p>A word about feasibility reviews.</p>"}]
    make_resource("Body mention", summary="Only the body says it.", body=body, published="2025-01-01")
    make_resource("Summary mention", summary="How a feasibility review works.", published="2020-01-01")
    make_resource("Feasibility in the title", summary="Short.", published="2019-01-01")
    result = search_resources(q="feasibility", sort="relevance")
    assert [page.title for page in result.results] == [
        "Feasibility in the title", "Summary mention", "Body mention"]
    assert [page.title for page in search_resources(q="feasibility", sort="newest").results][0] == \
        "Body mention"
    assert [page.title for page in search_resources(q="feasibility", sort="title").results] == [
        "Body mention", "Feasibility in the title", "Summary mention"]


def test_unknown_values_are_ignored_and_reported(sample):
    result = search_resources(stage="moon-landing", language="fr", page="abc", sort="random")
    assert result.ignored == [("stage", "moon-landing")]
    assert result.total == 2 and result.page == 1 and result.sort == "relevance"


@pytest.mark.parametrize("query", [
    "stage=unknown-stage", "page=-1", "page=abc", "page=99999", "sort=sideways",
    "type=case-study&state_capacity=huge", "reviewed=maybe", "language=xx&region=mars",
    "q=%28%22unbalanced", "q=AND+OR+NOT", "theme=no-such-theme&page=0",
])
def test_bad_parameters_give_a_normal_page(client, sample, query):
    response = client.get(f"/library/?{query}")
    assert response.status_code == HTTPStatus.OK
    assert "resource" in response.content.decode()


def test_unknown_stage_shows_a_notice(client, sample):
    html = client.get("/library/?stage=unknown-stage").content.decode()
    assert "unknown-stage" in html and "ignored" in html


def test_empty_result_says_so_and_suggests_removing_a_filter(client, sample):
    html = client.get("/library/?language=fr&type=tool").content.decode()
    assert "No resources match this search." in html
    assert 'href="/library/?type=tool"' in html  # remove the language filter
    assert 'href="/library/?language=fr"' in html  # remove the type filter


def test_listing_shows_facet_counts_and_shareable_links(client, sample):
    html = client.get("/library/?type=training").content.decode()
    assert "2 resources" in html
    assert 'href="/library/?type=training&amp;language=fr"' in html
    assert "Project selection <span class=\"count\">(2)</span>" in html


def test_listing_query_count_does_not_grow_with_page_size(client, make_resource, settings):
    for number in range(12):
        make_resource(f"Resource {number}", languages=["en", "fr"], stages=["outreach"],
                      themes=["limited-participation"])

    def queries(size):
        from django.core.cache import cache

        settings.LIBRARY_PAGE_SIZE = size
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/library/?stage=outreach&language=en")
        assert response.status_code == HTTPStatus.OK
        assert response.content.decode().count('class="resource-card"') == size
        return len(captured)

    assert queries(2) == queries(12)


def test_case_studies_filter_by_context(client, make_resource):
    context = {"political_structure": "new-democracy", "territorial_level": "municipal",
               "resources": "project-only"}
    make_resource("Weak consultative", resource_type="case-study", state_capacity="weak",
                  decision_model="consultative", **context)
    make_resource("Strong vote", resource_type="case-study", state_capacity="strong",
                  decision_model="direct-vote", **context)
    result = search_resources(type="case-study", decision_model="consultative", state_capacity="weak")
    assert titles(result) == ["Weak consultative"]
    html = client.get("/library/?type=case-study").content.decode()
    assert "State capacity" in html and "?type=case-study&amp;state_capacity=weak" in html


def test_api_returns_the_same_search_as_json(client, sample):
    response = client.get("/api/library/?language=fr&stage=project-selection&per_page=5")
    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["count"] == 1
    assert [item["title"] for item in data["results"]] == ["Former les délégués"]
    assert data["results"][0]["url"].endswith("/library/resource-1/")
    assert data["results"][0]["languages"] == ["fr"]
    assert {"slug": "training", "label": "Training material", "count": 1, "selected": False} \
        in data["facets"]["type"]
    bad = client.get("/api/library/?page=abc&stage=nope&per_page=-3").json()
    assert bad["page"] == 1 and bad["ignored"] == [{"parameter": "stage", "value": "nope"}]


def test_repeated_values_in_the_address_narrow_the_listing(client, sample):
    assert "2 resources" in client.get("/library/?language=fr").content.decode()
    assert "1 resource<" in client.get("/library/?language=fr&language=es").content.decode()
