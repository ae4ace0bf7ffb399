"""The toolkit on the website: walking, shareable results, PDF, saving, publishing in the admin."""

import re
import zlib
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from toolkit import services
from toolkit.models import DecisionTree, SavedResult

pytestmark = pytest.mark.django_db

CHECK_PATH = [
    "territorial-level:municipal", "capacity:weak", "resources:project-and-operational",
    "mandate:top-down", "participation:occasional", "outcome:equity",
    "equity-focus:underserved-districts", "challenge:none",
]


def query(answers):
    return "&".join(f"a={answer}" for answer in answers)


def pdf_text(content: bytes) -> str:
    """The text drawn in a PDF (its content streams, decompressed)."""
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            chunks.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            chunks.append(match.group(1).decode("latin-1"))
    return "".join(chunks)


def test_a_new_site_has_the_default_tree_in_every_language():
    trees = {tree.locale.language_code: tree for tree in DecisionTree.objects.all()}
    assert set(trees) == {"en", "fr", "es", "pt"}
    assert all(tree.live for tree in trees.values())
    assert len({tree.translation_key for tree in trees.values()}) == 1  # translations of one tree
    assert trees["fr"].title == "Choisissez votre parcours de budget participatif"
    assert services.ensure_default_tree() is False  # idempotent
    assert DecisionTree.objects.count() == 4


@pytest.mark.parametrize(("prefix", "question", "recommendation"), [
    ("/fr", "À quel échelon de gouvernement votre budget participatif se déroulera-t-il ?",
     "Répartir le budget entre quartiers selon la population et les besoins"),
    ("/es", "¿En qué nivel de gobierno se desarrollará su presupuesto participativo?",
     "Repartir el presupuesto entre barrios según población y necesidades"),
    ("/pt", "Em que nível de governo vai decorrer o seu orçamento participativo?",
     "Repartir o orçamento entre bairros segundo a população e as necessidades"),
])
def test_the_tree_question_result_and_pdf_are_in_the_visitors_language(
        client, prefix, question, recommendation):
    html = client.get(f"{prefix}/toolkit/").content.decode()
    assert question in html.replace("&#x27;", "'")
    assert "At what level of government" not in html
    result = client.get(f"{prefix}/toolkit/?" + query(CHECK_PATH)).content.decode()
    assert recommendation in result
    assert "Share the budget between districts" not in result
    assert "Porto Alegre" in result  # the case study link, with a translated label
    text = pdf_text(client.get(f"{prefix}/toolkit/result.pdf?" + query(CHECK_PATH)).content)
    assert recommendation in text
    assert "Share the budget between districts" not in text and "Why it helps" not in text


def test_staff_edit_the_shipped_translation_in_wagtail_localize():
    """The French tree is a wagtail-localize translation: changing a string rebuilds the tree."""
    from wagtail_localize.models import StringTranslation, Translation

    english = DecisionTree.objects.get(locale__language_code="en")
    translation = Translation.objects.get(source__object_id=english.translation_key,
                                          target_locale__language_code="fr")
    string = StringTranslation.objects.get(
        locale__language_code="fr",
        data="Choisissez votre parcours de budget participatif")
    string.data = "Votre parcours de budget participatif"
    string.save()
    translation.save_target(publish=True)
    assert DecisionTree.objects.get(locale__language_code="fr").title == (
        "Votre parcours de budget participatif")


def test_toolkit_starts_with_the_first_question(client):
    response = client.get("/toolkit/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "At what level of government will your PB process run?" in html
    assert 'type="radio" name="a" value="territorial-level:municipal"' in html
    assert "Start over" not in html  # nothing to start over yet


def test_each_answer_leads_to_the_next_question_with_back_and_start_over(client):
    response = client.get("/toolkit/?a=territorial-level:municipal&a=capacity:weak")
    html = response.content.decode()
    assert "What resources has the government set aside?" in html
    assert 'href="/toolkit/?a=territorial-level%3Amunicipal"' in html  # back drops the last answer
    assert 'name="a" value="capacity:weak"' in html  # earlier answers travel in the form
    assert "Start over" in html


def test_the_check_path_recommends_need_weighted_districts_and_outreach_with_cases(client):
    response = client.get("/toolkit/?" + query(CHECK_PATH))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Share the budget between districts by population and need" in html
    assert "Take outreach to the people who rarely come" in html
    assert 'href="/calculator/?rule=district"' in html
    assert "Case study: Porto Alegre, Brazil" in html
    # No library page in this database: the link falls back to a library search.
    assert 'href="/library/?q=Porto+Alegre&amp;type=case-study"' in html


def test_case_study_links_point_at_the_library_page_when_it_exists(client):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code="en")
    page = home.add_child(instance=Page(title="Porto Alegre", slug="porto-alegre-case-study"))
    # Stand in for a library.ResourcePage without depending on the library's fields.
    Page.objects.filter(pk=page.pk).update(
        content_type=ContentType.objects.get_or_create(app_label="library", model="resourcepage")[0]
    )
    step = services.step(answers=CHECK_PATH, language="en")
    links = {link.label: link.url for r in step.recommendations for link in r.links}
    assert links["Case study: Porto Alegre, Brazil"] == "/porto-alegre-case-study/"


def test_the_shareable_url_reproduces_the_same_result(client):
    step = services.step(answers=CHECK_PATH, language="en")
    url = services.result_url(answers=step.answers)
    parts = urlsplit(url)
    assert url.startswith("http")
    html = client.get(f"{parts.path}?{parts.query}").content.decode()
    titles = re.findall(r'<h3 id="rec-[^"]+" lang="en">([^<]+)</h3>', html)
    assert titles == [r.title for r in step.recommendations]
    assert f'value="{url.replace("&", "&amp;")}"' in html  # the share field shows the same URL


def test_an_answer_that_does_not_fit_is_reported_and_the_valid_ones_kept(client):
    response = client.get("/toolkit/?a=territorial-level:municipal&a=capacity:galactic")
    html = response.content.decode()
    assert "does not fit the current questions" in html
    assert "How much capacity does the administration have" in html
    assert 'name="a" value="territorial-level:municipal"' in html


def test_the_toolkit_speaks_french_under_fr(client):
    response = client.get("/fr/toolkit/?a=territorial-level:municipal")
    assert response.status_code == HTTPStatus.OK
    assert "Recommencer" in response.content.decode()
    step = services.step(answers=CHECK_PATH, language="fr")
    assert services.result_path(answers=step.answers, language="fr").startswith("/fr/toolkit/?a=")
    district = next(r for r in step.recommendations if r.calculator_rule == "district")
    assert district.calculator_url == "/fr/calculator/?rule=district"
    assert district.calculator_label == "Répartition entre quartiers (Porto Alegre)"


def test_the_result_downloads_as_a_pdf_with_the_recommendations(client):
    response = client.get("/toolkit/result.pdf?" + query(CHECK_PATH))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Share the budget between districts by population and need" in text


def test_a_pdf_of_an_unfinished_walk_goes_back_to_the_question(client):
    response = client.get("/toolkit/result.pdf?a=territorial-level:municipal")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/toolkit/?a=territorial-level%3Amunicipal"


def test_a_member_saves_a_result_and_finds_it_in_the_profile(member_client, member):
    member.member.priority_outcomes = ["transparency"]
    member.member.save()
    response = member_client.post("/toolkit/save/", {"a": CHECK_PATH})
    assert response.status_code == HTTPStatus.FOUND
    saved = SavedResult.objects.get(user=member)
    assert saved.answers == CHECK_PATH and saved.outcomes == ["equity"]
    assert services.priority_outcomes(user=member) == ["equity"]
    member.member.refresh_from_db()
    assert member.member.priority_outcomes == ["transparency", "equity"]  # feeds matching
    page = member_client.get("/toolkit/saved/").content.decode()
    assert "/toolkit/?a=territorial-level%3Amunicipal" in page
    assert "Equity for underserved areas and groups" in page
    member_client.post("/toolkit/save/", {"a": CHECK_PATH})  # saving twice keeps one copy
    assert SavedResult.objects.filter(user=member).count() == 1


def test_saved_results_are_in_the_personal_data_export_and_can_be_removed(member_client, member):
    from network.services import export_personal_data

    services.save_result(user=member, answers=CHECK_PATH, language="en")
    exported = export_personal_data(user=member)["toolkit_saved_results"]
    assert exported[0]["priority_outcomes"] == ["equity"]
    result = SavedResult.objects.get(user=member)
    member_client.post(f"/toolkit/saved/{result.pk}/delete/")
    assert not SavedResult.objects.filter(user=member).exists()


def test_an_unfinished_walk_cannot_be_saved(member_client, member):
    response = member_client.post("/toolkit/save/", {"a": CHECK_PATH[:3]}, follow=True)
    assert "Only a complete result can be saved" in response.content.decode()
    assert not SavedResult.objects.exists()


def test_visitors_are_asked_to_log_in_to_save(client):
    html = client.get("/toolkit/?" + query(CHECK_PATH)).content.decode()
    assert "Log in to save this result" in html
    assert client.post("/toolkit/save/", {"a": CHECK_PATH}).status_code == HTTPStatus.FOUND
    assert not SavedResult.objects.exists()


def test_bot_services_walk_the_same_tree():
    first = services.start(language="en")
    assert first.is_question and first.question_id == "territorial-level"
    answers = []
    current = first
    for answer in CHECK_PATH:
        assert answer in [option.value for option in current.options]
        answers.append(answer)
        current = services.step(answers=answers, language="en")
    assert current.is_result
    assert "district" in [r.calculator_rule for r in current.recommendations]


# --- Publishing in the admin ---------------------------------------------------------------------


def option(value, label, next_question="", recommendations=""):
    return {"value": value, "label": label, "next_question": next_question,
            "recommendations": recommendations, "outcome": ""}


def list_block(items):
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
            for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def question(identifier, text, options):
    return ("question", {"identifier": identifier, "text": text, "help": "",
                         "options": list_block(options)})


def tree_form_data(questions, *, action):
    recommendation = ("recommendation", {
        "identifier": "pilot", "title": "Start with a pilot", "why": "It is small.",
        "pitfalls": "", "calculator_rule": "", "links": streamfield([]),
    })
    data = nested_form_data({"title": "Broken tree", "intro": "",
                             "questions": streamfield(questions),
                             "recommendations": streamfield([recommendation])})
    if action == "publish":
        data["action-publish"] = "action-publish"
    return data


@pytest.fixture
def admin_client(client, user_factory):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    return client


def test_publishing_a_tree_with_a_cycle_is_refused_with_a_message_naming_it(admin_client):
    tree = DecisionTree.objects.get(locale__language_code="en")
    url = f"/admin/snippets/toolkit/decisiontree/edit/{tree.pk}/"
    questions = [
        question("a", "A?", [option("x", "X", next_question="b")]),
        question("b", "B?", [option("y", "Y", next_question="a"),
                             option("z", "Z", recommendations="pilot")]),
        question("lost", "Lost?", [option("w", "W", recommendations="pilot")]),
    ]
    response = admin_client.post(url, tree_form_data(questions, action="publish"), follow=True)
    html = response.content.decode()
    assert "Cycle: the questions a → b → a lead back to where they started." in html
    assert "Orphan question: “lost” cannot be reached from the first question." in html
    tree.refresh_from_db()
    assert tree.title == "Choose your own PB adventure"  # nothing published
    assert services.start(language="en").question_id == "territorial-level"


def test_a_broken_tree_can_be_kept_as_a_draft_and_a_whole_one_published(admin_client):
    tree = DecisionTree.objects.get(locale__language_code="en")
    url = f"/admin/snippets/toolkit/decisiontree/edit/{tree.pk}/"
    broken = [question("a", "A?", [option("x", "X")])]  # dead end
    response = admin_client.post(url, tree_form_data(broken, action="draft"))
    assert response.status_code == HTTPStatus.FOUND
    tree.refresh_from_db()
    assert tree.has_unpublished_changes and tree.title == "Choose your own PB adventure"
    response = admin_client.post(url, tree_form_data(broken, action="publish"), follow=True)
    assert "Dead end: option “x” of question “a”" in response.content.decode()
    whole = [question("a", "Ready?", [option("x", "Yes", recommendations="pilot")])]
    response = admin_client.post(url, tree_form_data(whole, action="publish"))
    assert response.status_code == HTTPStatus.FOUND
    assert services.start(language="en").text == "Ready?"


def test_a_result_page_needs_a_handful_of_queries(client, django_assert_max_num_queries):
    client.get("/toolkit/")  # warm up the site root and locale caches
    with django_assert_max_num_queries(8):
        assert client.get("/toolkit/?" + query(CHECK_PATH)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("prefix", ["", "/fr", "/es", "/pt"])
def test_questions_and_results_render_in_every_language(client, prefix):
    assert client.get(f"{prefix}/toolkit/").status_code == HTTPStatus.OK
    response = client.get(f"{prefix}/toolkit/?" + query(CHECK_PATH))
    assert response.status_code == HTTPStatus.OK
    assert f'href="{prefix}/toolkit/result.pdf?a=' in response.content.decode()
    assert client.get(f"{prefix}/toolkit/result.pdf?" + query(CHECK_PATH)).status_code == 200
