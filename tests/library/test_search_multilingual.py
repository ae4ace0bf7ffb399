"""The library search in four languages: word forms, tag words, questions, misspellings.

Runs on SQLite (FTS5) and PostgreSQL (tsvector) alike; see library/search.py.
"""

from http import HTTPStatus

import pytest
from django.db import connection
from wagtail.models import Locale

from library import analysis
from library.selectors import search_resources

pytestmark = pytest.mark.django_db


def synchronise_trees():
    """Give the French, Spanish and Portuguese trees their aliases of the English pages."""
    import io

    from home.demo import synchronize_locales

    synchronize_locales(stdout=io.StringIO())


def titles(result):
    return [page.title for page in result.results]


def search(q, *, tree="en", **filters):
    locale = Locale.objects.get(language_code=tree)
    return search_resources(q=q, locale=locale, **filters)


@pytest.mark.parametrize(("language", "text", "queries"), [
    ("en", "Budgeting for voters", ["budget", "budgets", "budgeting", "voting", "vote"]),
    ("fr", "L'évaluation des projets", ["évaluer", "evaluation", "évaluations", "projet"]),
    ("es", "Votaciones y propuestas", ["votación", "votacion", "propuesta"]),
    ("pt", "Participação nas regiões", ["participar", "participação", "região", "regioes"]),
])
def test_word_forms_find_each_other_in_each_language(make_resource, language, text, queries):
    make_resource(text, summary="—", languages=[language])
    make_resource("Unrelated", summary="Nothing about it.")
    for query in queries:
        assert titles(search(query)) == [text], query


def test_stems_match_the_postgresql_configurations():
    # The index terms are those of PostgreSQL's english/french/spanish/portuguese Snowball
    # configurations, accents folded.
    samples = {"en": ["budgeting", "voters"], "fr": ["évaluation", "mobiliser"],
               "es": ["votantes", "propuestas"], "pt": ["participação", "projetos"]}
    if connection.vendor != "postgresql":
        assert analysis.stem("budgeting", "en") == "budget"
        assert analysis.stem("évaluation", "fr") == "evalu"
        return
    with connection.cursor() as cursor:
        for language, words in samples.items():
            for word in words:
                cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text",
                               [analysis.LANGUAGES[language], word])
                lexeme = cursor.fetchone()[0].split(":")[0].strip("'")
                assert analysis.fold(lexeme) == analysis.stem(word, language)


@pytest.mark.parametrize(("language", "query"), [
    ("en", "outreach"),
    ("fr", "mobiliser les groupes marginalisés"),
    ("es", "llegar a los grupos marginados"),
    ("pt", "mobilizar grupos marginalizados"),
])
def test_tag_words_in_any_language_find_the_tagged_resource(make_resource, language, query):
    make_resource("Meeting people where they are", summary="Markets, bus stations and schools.",
                  stages=["outreach"], themes=["outreach-marginalised-groups"])
    make_resource("Counting ranked ballots", summary="Points per rank.", stages=["project-selection"])
    synchronise_trees()
    # Asked in the English tree and in the query's own tree (the English page's alias there).
    assert titles(search(query)) == ["Meeting people where they are"]
    assert titles(search(query, tree=language)) == ["Meeting people where they are"]


def test_type_stage_and_content_language_words_narrow_like_the_filters(make_resource):
    make_resource("Former les délégués", resource_type="training", languages=["fr"],
                  stages=["project-selection"])
    make_resource("Atelier de vote", resource_type="guide", languages=["fr"], stages=["project-selection"])
    make_resource("Delegates course", resource_type="training", languages=["en"], stages=["outreach"])
    result = search("project selection training french")
    assert titles(result)[0] == "Former les délégués"
    assert titles(search("", type="training", stage="project-selection", language="fr")) == [
        "Former les délégués"]


def test_case_study_context_and_country_are_searchable(make_resource):
    make_resource("Antananarivo", summary="Neighbourhood meetings.", resource_type="case-study",
                  countries=["MG"], regions=["africa"], political_structure="new-democracy",
                  state_capacity="weak", territorial_level="municipal", decision_model="consultative",
                  resources="project-only")
    make_resource("Madrid online voting", summary="A platform.", regions=["europe"])
    synchronise_trees()
    assert titles(search("estudio de caso Madagascar")) == ["Antananarivo"]
    assert titles(search("consultatif", tree="fr")) == ["Antananarivo"]


def test_a_question_ranks_resources_holding_more_of_its_words_first(make_resource):
    make_resource("Voting day logistics", summary="Where to put the ballot boxes for the vote.",
                  published="2025-01-01")
    make_resource("Young people and the vote", summary="Schools, clubs and first-time voters.",
                  published="2020-01-01")
    make_resource("Budget schools", summary="A course for young residents.", published="2024-01-01")
    result = search("How do we get young people to vote?")
    assert titles(result)[0] == "Young people and the vote"
    assert set(titles(result)) == {"Voting day logistics", "Young people and the vote", "Budget schools"}
    spanish = search("¿cómo pueden votar los jóvenes?")  # stop words of any language are ignored
    assert spanish.total == 0 or titles(spanish)[0] != "Budget schools"


def test_title_and_summary_matches_rank_above_tag_and_body_matches(make_resource):
    body = [{"type": "paragraph", "value": "<p>We review feasibility here too.</p>"}]
    make_resource("Body only", summary="Something else.", body=body, published="2025-01-01")
    make_resource("Feasibility review", summary="How departments check cost.", published="2019-01-01")
    assert titles(search("feasibility")) == ["Feasibility review", "Body only"]


def test_a_misspelt_word_still_finds_and_the_page_says_did_you_mean(client, make_resource):
    make_resource("Participation data", summary="Who took part, asked respectfully.")
    result = search("partcipation data")
    assert titles(result) == ["Participation data"]
    assert result.suggestion == "participation data"

    response = client.get("/library/", {"q": "partcipation"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Did you mean:" in html and "?q=participation" in html
    assert "Participation data" in html
    # A word far from anything indexed suggests nothing.
    assert search("xylophone").suggestion == ""
    assert search("xylophone").total == 0


def test_the_api_takes_the_language_tree_and_reports_the_suggestion(client, make_resource):
    make_resource("Evaluating last year's cycle", summary="Five indicators.",
                  themes=["monitoring-and-evaluation"])
    synchronise_trees()
    payload = client.get("/api/library/", {"q": "suivi et évaluation", "locale": "fr"}).json()
    assert [item["title"] for item in payload["results"]] == ["Evaluating last year's cycle"]
    assert payload["locale"] == "fr"
    assert client.get("/api/library/", {"q": "evaluatoin"}).json()["suggestion"] == "evaluation"


def test_renaming_a_theme_reindexes_its_resources(make_resource):
    from library.models import Theme

    make_resource("Ward meetings", themes=["limited-participation"])
    theme = Theme.objects.get(slug="limited-participation")
    theme.name = "Turnout troubles"
    theme.save()
    assert titles(search("turnout")) == ["Ward meetings"]


def test_an_unpublished_resource_is_no_longer_found(make_resource):
    page = make_resource("Ward meetings")
    assert search("ward").total == 1
    page.unpublish()
    assert search("ward").total == 0


def test_a_resource_not_indexed_yet_is_found_at_the_first_search(make_resource):
    # Pages made by a script or an import are indexed by a task worker, maybe later.
    from django.core.cache import cache

    from library.models import SearchEntry

    make_resource("Ward meetings")
    SearchEntry.objects.all().delete()
    cache.clear()
    assert titles(search("ward")) == ["Ward meetings"]
    assert SearchEntry.objects.count() == 1
