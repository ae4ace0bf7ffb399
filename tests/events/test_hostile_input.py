"""Events under hostile input: dates far out, oversized fields, a flood of proposals."""

import datetime
import time
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from events.models import EventPage
from tests.fixtures.events import VALID

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("changes", "field"), [
    ({"end": "9999-12-31T23:00"}, "end"),
    ({"start": "0001-01-01T00:00"}, "start"),
    ({"start": "1989-12-31T10:00"}, "start"),
    ({"start": "2101-01-01T10:00", "end": "2101-01-01T12:00"}, "start"),
    # Far in the future west of UTC: converting to UTC would itself overflow.
    ({"end": "9999-12-31T23:00", "time_zone": "Pacific/Honolulu"}, "end"),
])
def test_proposals_with_dates_outside_1990_to_2100_are_refused(member_client, events_index,
                                                               changes, field):
    response = member_client.post("/events/propose/", {**VALID, **changes})
    assert response.status_code == HTTPStatus.OK
    assert "Give a date between 1990 and 2100." in response.context["form"].errors[field]
    assert not EventPage.objects.exists()


def test_the_admin_refuses_dates_outside_1990_to_2100(make_event):
    event = make_event(title="Far")
    event.end = datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert refused.value.message_dict["end"] == ["Give a date between 1990 and 2100."]


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Pacific/Kiritimati", "UTC", "America/Bogota"])
def test_an_event_saved_with_an_extreme_date_breaks_no_page(client, make_event, zone):
    # Saved without the forms (an old row, a script): the pages must still answer.
    make_event(title="Soon")
    event = make_event(title="Forever")
    EventPage.objects.filter(pk=event.pk).update(
        end=datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.UTC))
    event.refresh_from_db()
    for path in ("/events/", event.url, "/events/calendar.ics"):
        response = client.get(f"{path}?tz={zone}")
        assert response.status_code == HTTPStatus.OK, (path, zone)
    started = time.monotonic()
    month = client.get(f"/events/month/?tz={zone}")
    assert month.status_code == HTTPStatus.OK
    assert time.monotonic() - started < 5


def test_oversized_proposal_fields_are_refused_with_a_message(member_client, events_index):
    long_link = "https://meet.example.org/" + "x" * 300
    response = member_client.post("/events/propose/", {
        **VALID, "description": "word " * 200_000, "joining_link": long_link})
    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].errors
    assert "at most 10000 characters" in errors["description"][0]
    assert "at most 200 characters" in errors["joining_link"][0]
    assert not EventPage.objects.exists()


def test_members_send_a_limited_number_of_proposals_a_day(member_client, events_index, settings):
    settings.EVENT_PROPOSALS_PER_DAY = 2
    statuses = [member_client.post("/events/propose/", {**VALID, "title": f"Proposal {n}"}).status_code
                for n in range(3)]
    assert statuses == [HTTPStatus.FOUND, HTTPStatus.FOUND, HTTPStatus.TOO_MANY_REQUESTS]
    response = member_client.post("/events/propose/", {**VALID, "title": "Proposal 4"})
    html = response.content.decode()
    assert "please wait until tomorrow" in html and "Proposal 4" in html
    assert response["Retry-After"]
    assert EventPage.objects.filter(alias_of__isnull=True).count() == 2
