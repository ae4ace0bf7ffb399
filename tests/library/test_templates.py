"""Customisable templates: placeholders checked when staff save; members download filled documents."""

import io
from http import HTTPStatus

import docx
import pytest
from django.core.exceptions import ValidationError

from library.placeholders import PlaceholderError, check_template, fill_template

pytestmark = pytest.mark.django_db

PLACEHOLDERS = "municipality | Name of your municipality\nbudget | Amount\nvote_dates | Voting dates"
TEXT = "{municipality} decides on {budget}.\n\nVote on {vote_dates} {{in person}}."


@pytest.fixture
def template_page(make_resource):
    return make_resource("Vote announcement", resource_type="tool", template_text=TEXT,
                         template_placeholders=PLACEHOLDERS)


def test_fill_replaces_placeholders_and_keeps_literal_braces():
    values = {"municipality": "Villeneuve", "budget": "€200,000", "vote_dates": "4–10 May"}
    assert fill_template(TEXT, values) == (
        "Villeneuve decides on €200,000.\n\nVote on 4–10 May {in person}.")


@pytest.mark.parametrize("text, message", [
    ("Hello {town}", "Unknown placeholders: {town}"),
    ("Hello {municipality", "Unbalanced brace"),
    ("Hello municipality}", "Unbalanced brace"),
    ("Hello {Bad Name}", "not a valid placeholder"),
])
def test_bad_templates_are_refused(text, message):
    with pytest.raises(PlaceholderError, match=message):
        check_template(text, PLACEHOLDERS)


def test_staff_cannot_save_a_template_with_unknown_placeholders(make_resource):
    page = make_resource("Memo", resource_type="tool")
    page.template_text = "Dear {mayor}, {municipality"
    page.template_placeholders = "municipality | Municipality"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Unbalanced brace" in str(error.value.message_dict["template_text"])
    page.template_text = "Dear {mayor}"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Unknown placeholders: {mayor}" in str(error.value.message_dict["template_text"])


def test_staff_admin_edit_refuses_unknown_placeholder(client, user_factory, template_page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(user_factory(is_staff=True, is_superuser=True))
    data = nested_form_data({
        "title": "Vote announcement", "slug": template_page.slug, "summary": "Announce the vote.",
        "resource_type": "tool", "publication_date": "2024-01-01", "languages": ["en"],
        "body": streamfield([]), "comments": inline_formset([]),
        "template_text": "Dear {mayor}", "template_placeholders": PLACEHOLDERS,
    })
    response = client.post(f"/admin/pages/{template_page.pk}/edit/", data)
    assert response.status_code == HTTPStatus.OK
    assert "Unknown placeholders: {mayor}" in response.content.decode()
    template_page.refresh_from_db()
    assert template_page.template_text == TEXT


def test_member_downloads_a_filled_docx_that_opens(client, member, template_page):
    client.force_login(member)
    url = template_page.url + "fill/"
    form = client.get(url)
    assert form.status_code == HTTPStatus.OK
    assert "Name of your municipality" in form.content.decode()
    response = client.post(url, {"municipality": "Villeneuve", "budget": "€200,000",
                                 "vote_dates": "4–10 May", "format": "docx"})
    assert response.status_code == HTTPStatus.OK
    assert 'filename="' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Villeneuve decides on €200,000." in text
    assert "Vote on 4–10 May {in person}." in text
    assert "{municipality}" not in text


def test_member_downloads_plain_text(client, member, template_page):
    client.force_login(member)
    response = client.post(template_page.url + "fill/", {
        "municipality": "Villeneuve", "budget": "€1", "vote_dates": "May", "format": "txt"})
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "Villeneuve decides on €1.\n\nVote on May {in person}."


def test_missing_value_keeps_what_was_typed_and_says_what_is_missing(client, member, template_page):
    client.force_login(member)
    response = client.post(template_page.url + "fill/", {"municipality": "Villeneuve", "format": "docx"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert 'value="Villeneuve"' in html and "This field is required." in html


def test_visitors_are_asked_to_log_in_before_filling(client, template_page):
    response = client.get(template_page.url + "fill/")
    assert response.status_code == HTTPStatus.FOUND
    assert "/accounts/login/" in response["Location"]
