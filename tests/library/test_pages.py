"""Resource pages: case-study context, similar cases with reasons, translations, the page tree."""

import io
from http import HTTPStatus

import pytest
from wagtail.models import Locale

from library.models import ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

CONTEXT = {"political_structure": "new-democracy", "state_capacity": "weak",
           "territorial_level": "municipal", "decision_model": "consultative",
           "resources": "project-only"}


def test_page_tree_rules(library_index):
    assert ResourceIndexPage.allowed_subpage_models() == [ResourcePage]
    assert ResourcePage.allowed_subpage_models() == []
    assert [model.__name__ for model in ResourcePage.allowed_parent_page_models()] == [
        "ResourceIndexPage"]


def test_case_study_shows_its_context_and_similar_cases_with_reasons(client, make_resource):
    case = make_resource("Antananarivo", resource_type="case-study", population=1300000,
                         years_running=10, **CONTEXT)
    make_resource("Close match", resource_type="case-study",
                  **{**CONTEXT, "resources": "none"})
    make_resource("Far match", resource_type="case-study", political_structure="hybrid",
                  state_capacity="strong", territorial_level="national", decision_model="binding",
                  resources="project-only")
    make_resource("Unrelated", resource_type="case-study", political_structure="hybrid",
                  state_capacity="strong", territorial_level="national", decision_model="binding",
                  resources="none")
    html = client.get(case.url).content.decode()
    assert "Context of this PB process" in html and "1,300,000" in html  # grouped for English
    assert html.index("Close match") < html.index("Far match")
    assert "Unrelated" not in html
    assert "state capacity: Weak" in html


def test_case_study_without_context_is_refused(make_resource):
    from django.core.exceptions import ValidationError

    page = make_resource("Half a case")
    page.resource_type = "case-study"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "A case study needs its full context." in str(error.value)


def test_resource_links_to_its_translations_and_listings_follow_the_language(client, make_resource):
    from home.demo import synchronize_locales

    original = make_resource("Rulebook checklist", summary="Decisions before the cycle opens.")
    make_resource("Only in English", summary="No translation.")
    synchronize_locales(stdout=io.StringIO())
    french = ResourcePage.objects.get(translation_key=original.translation_key,
                                      locale=Locale.objects.get(language_code="fr"))
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    ConvertAliasPageAction(french, log_action=None).execute(skip_permission_checks=True)
    french = ResourcePage.objects.get(pk=french.pk)
    french.title = "Liste de contrôle du règlement"
    french.save_revision().publish()

    html = client.get(original.url).content.decode()
    assert "Also available in" in html and "/fr/library/" in html
    assert "Liste de contrôle du règlement" in html

    listing = client.get("/fr/library/")
    assert listing.status_code == HTTPStatus.OK
    text = listing.content.decode()
    # One copy of every resource per language: the translation, and an alias for the other.
    assert text.count('class="resource-card"') == 2
    assert "Liste de contrôle du règlement" in text and "Only in English" in text


def test_home_page_shows_the_latest_resources(client, make_resource):
    make_resource("Newest guide", published="2025-02-01")
    assert "Newest guide" in client.get("/").content.decode()
