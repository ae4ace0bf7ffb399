"""Error pages answer an oversized post with the error, not with the post echoed back."""

from http import HTTPStatus

import pytest

from tests.fixtures.events import VALID

pytestmark = pytest.mark.django_db

MEGABYTE = "x" * 1_000_000


@pytest.mark.usefixtures("events_index")
@pytest.mark.parametrize("field", ["title", "summary", "organiser", "city", "time_zone", "format",
                                   "description", "joining_link", "cost_currency"])
def test_a_megabyte_in_a_proposal_field_gives_a_small_error_page(member_client, field):
    response = member_client.post("/events/propose/", {**VALID, field: MEGABYTE})
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors[field]
    assert "The event was not sent" in response.content.decode()
    assert len(response.content) < 100_000


@pytest.mark.parametrize("field", ["name", "organisation", "role", "country", "telegram_handle",
                                   "help_topics"])
def test_a_megabyte_in_a_profile_field_gives_a_small_error_page(member_client, field):
    response = member_client.post("/account/", {"name": "Rosa", "languages": ["es"], field: MEGABYTE})
    assert response.status_code == HTTPStatus.OK
    assert len(response.content) < 100_000


def test_a_megabyte_at_the_sign_in_gives_a_small_page(client):
    response = client.post("/accounts/login/", {"login": MEGABYTE + "@example.org", "password": MEGABYTE})
    assert response.status_code == HTTPStatus.OK
    assert len(response.content) < 100_000
