"""Curators see and type an event's times in the organiser's time zone in the Wagtail admin."""

import datetime
from http import HTTPStatus

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

BOGOTA_10AM = datetime.datetime(2031, 6, 10, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def curator_client(client, user_factory):
    client.force_login(user_factory(email="curator@example.org", is_staff=True, is_superuser=True))
    return client


def _edit_data(event, **changes):
    data = {
        "title": event.title, "slug": event.slug, "summary": event.summary,
        "description": rich_text(""), "time_zone": event.time_zone, "format": event.format,
        "joining_link": event.joining_link, "organiser": event.organiser,
        "materials": streamfield([]),
        "comments": inline_formset([]), "action-publish": "publish",
        **changes,
    }
    return {**nested_form_data(data), "languages": event.languages}


def test_admin_shows_the_event_times_in_the_organisers_zone(curator_client, make_event):
    event = make_event(title="Obras", start=BOGOTA_10AM, hours=2, time_zone="America/Bogota")
    html = curator_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'value="2031-06-10 10:00"' in html  # start, as the organiser in Bogotá says it
    assert 'value="2031-06-10 12:00"' in html  # end
    assert "2031-06-10 15:00" not in html
    assert "In the organiser&#x27;s time zone below." in html


def test_admin_reads_typed_times_in_the_organisers_zone(curator_client, make_event):
    event = make_event(title="Obras", start=BOGOTA_10AM, hours=2, time_zone="America/Bogota")
    # Saving unchanged keeps the event where it is (a curator "correcting" nothing moves nothing).
    response = curator_client.post(f"/admin/pages/{event.pk}/edit/", _edit_data(
        event, start="2031-06-10 10:00", end="2031-06-10 12:00"))
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    event.refresh_from_db()
    assert event.start == BOGOTA_10AM

    # 9:30 typed for a Paris organiser is 7:30 UTC in June.
    response = curator_client.post(f"/admin/pages/{event.pk}/edit/", _edit_data(
        event, start="2031-06-10 09:30", end="2031-06-10 11:00", time_zone="Europe/Paris"))
    assert response.status_code == HTTPStatus.FOUND
    event.refresh_from_db()
    assert event.start == datetime.datetime(2031, 6, 10, 7, 30, tzinfo=datetime.UTC)
    assert event.end == datetime.datetime(2031, 6, 10, 9, 0, tzinfo=datetime.UTC)


def test_admin_refuses_a_time_the_clocks_skip(curator_client, make_event):
    event = make_event(title="Obras", start=BOGOTA_10AM, hours=2, time_zone="America/Bogota")
    response = curator_client.post(f"/admin/pages/{event.pk}/edit/", _edit_data(
        event, start="2031-03-30 02:30", end="2031-03-30 04:00", time_zone="Europe/Paris"))
    assert response.status_code == HTTPStatus.OK
    assert "does not exist in that time zone" in response.content.decode()
    event.refresh_from_db()
    assert event.start == BOGOTA_10AM
