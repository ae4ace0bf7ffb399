"""The bot answers a question with the website's search: same resources first, same FAQ ranking."""

import re
from html import unescape

import pytest

from bot import services
from bot.models import FAQEntry
from library.models import SearchRecord

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def library(make_resource):
    make_resource("Reaching people who never come to meetings",
                  summary="Tactics for renters, young people and shift workers.",
                  stages=["outreach"], themes=["outreach-marginalised-groups"], published="2023-01-01")
    make_resource("Budget schools for young people", summary="A course on how the city budget works.",
                  stages=["outreach"], published="2022-01-01")
    make_resource("Mobile voting stations", summary="Ballot boxes at markets raised turnout.",
                  stages=["project-selection"], published="2024-01-01")
    make_resource("Counting ranked ballots", summary="Points per rank.", stages=["project-selection"])
    make_resource("Tracking winning projects", summary="One row per project.",
                  stages=["project-implementation"])


def web_titles(client, question):
    html = client.get("/library/", {"q": question}).content.decode()
    return [unescape(title) for title in re.findall(r'<h3[^>]*><a href="[^"]*">([^<]+)</a></h3>', html)]


@pytest.mark.parametrize("question", [
    "How do we get young people to vote?",
    "marginalised groups",
    "counting ballots",
    "mobilizar grupos marginalizados",
])
def test_the_bot_and_the_library_page_give_the_same_top_resources(client, library, question):
    answer = services.answer_question(text=question, language="en")
    assert answer.resources
    assert [hit.title for hit in answer.resources] == web_titles(client, question)[:3]


def test_bot_links_count_as_opened_results_and_the_search_is_recorded(client, library):
    answer = services.answer_question(text="ranked ballots", language="en")
    assert answer.resources[0].title == "Counting ranked ballots"
    record = SearchRecord.objects.get(channel="bot")
    assert (record.query, record.locale, record.results) == ("ranked ballots", "en", answer.total)
    path = answer.resources[0].url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 302
    assert SearchRecord.objects.get(channel="bot").clicks == 1


def test_a_misspelt_question_is_corrected_and_said(library):
    answer = services.answer_question(text="mobile votng", language="en")
    assert answer.suggestion == "mobile voting"
    assert answer.resources[0].title == "Mobile voting stations"


def test_faq_entries_are_found_by_the_same_search_in_the_users_language(db):
    FAQEntry.objects.create(question="How do we reach residents who stay away?", language="en",
                            keywords="marginalised, outreach, excluded", answer="Go where they are.")
    FAQEntry.objects.create(question="Comment toucher les habitants ?", language="fr",
                            keywords="marginalisés, mobilisation", answer="Allez vers eux.")
    FAQEntry.objects.create(question="How is a tie broken?", language="en", keywords="tie, count",
                            answer="Write the rule down first.")
    # Word forms count ("reaching", "residents"); the user's language comes first.
    assert services.match_faq(text="Reaching marginalized residents?", language="en").answer == \
        "Go where they are."
    assert services.match_faq(text="mobiliser les marginalisés", language="fr").answer == "Allez vers eux."
    assert services.match_faq(text="ties at the count", language="en").answer == \
        "Write the rule down first."
    assert services.match_faq(text="xylophone lessons", language="en") is None
