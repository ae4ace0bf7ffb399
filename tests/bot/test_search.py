"""The bot's library search: one ranked query, any word, themes named by the question first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.selectors import find_resources_for_question
from tests.library.conftest import _fresh_cache, library_index, make_resource  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources(make_resource):  # noqa: F811 - the fixture imported above
    return {
        "outreach": make_resource(
            "Reaching people who never come to meetings",
            summary="Tactics for renters, young people and shift workers.",
            stages=["outreach"], themes=["outreach-marginalised-groups"]),
        "assembly": make_resource(
            "Running an assembly", summary="Residents weigh proposals on need, reach and cost.",
            stages=["deliberation"], languages=["fr"]),
        "ballots": make_resource("Counting ranked ballots", summary="Points per rank.",
                                 stages=["project-selection"]),
    }


def titles(found):
    return [page.title for page in found[0]]


def test_any_word_matches_and_a_theme_the_question_names_comes_first(resources):
    # No resource holds every word; the outreach one is in the theme "marginalised" names.
    with CaptureQueriesContext(connection) as queries:
        found = find_resources_for_question(words=["reach", "marginalised", "residents"])
    assert titles(found) == ["Reaching people who never come to meetings", "Running an assembly"]
    assert found[1:] == (2, True)
    assert not any("GROUP BY" in q["sql"] and "COUNT(" in q["sql"] and "stages" in q["sql"]
                   for q in queries.captured_queries)  # no facet counts
    assert len(queries) <= 4


def test_longer_forms_of_a_word_match_and_filters_apply(resources):
    assert titles(find_resources_for_question(words=["reaches"])) == [
        "Reaching people who never come to meetings", "Running an assembly"]
    assert titles(find_resources_for_question(words=["reach"], language="fr")) == [
        "Running an assembly"]
    assert titles(find_resources_for_question(words=["reach"], stage="outreach")) == [
        "Reaching people who never come to meetings"]
    assert titles(find_resources_for_question(words=["ballot"], limit=1)) == [
        "Counting ranked ballots"]
    assert find_resources_for_question(words=["xylophone"]) == ([], 0, True)
    assert find_resources_for_question(words=["?"]) == ([], 0, True)


@pytest.mark.skipif(connection.vendor != "sqlite",
                    reason="only the SQLite path ranks a limited set of candidates first")
def test_too_few_best_matches_passing_the_filters_widen_the_search(resources, monkeypatch):
    monkeypatch.setattr("library.selectors.QUESTION_CANDIDATES", 1)
    # The best match for "reach" is the English title; the French filter needs the second pass.
    assert titles(find_resources_for_question(words=["reach"], language="fr")) == [
        "Running an assembly"]
    # One candidate looked at, more exist: the total is a lower bound.
    found = find_resources_for_question(words=["reach"], limit=1)
    assert titles(found) == ["Reaching people who never come to meetings"]
    assert found[1:] == (1, False)
