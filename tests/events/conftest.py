"""Fixtures for the events tests: a site with an events index, and a maker of published events."""

import datetime

import pytest


@pytest.fixture
def make_event(events_index):
    from events.models import EventPage

    counter = iter(range(1, 1000))

    def make(*, title=None, start=None, hours=2, time_zone="Europe/Paris", **fields):
        n = next(counter)
        start = start or (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10 + n))
        defaults = {"summary": "A gathering of PB practitioners.", "organiser": "PB Exchange",
                    "languages": ["en"], "format": "online",
                    "joining_link": "https://meet.example.org/x"}
        page = EventPage(title=title or f"Event {n}", slug=f"event-{n}", start=start,
                         end=start + datetime.timedelta(hours=hours), time_zone=time_zone,
                         **{**defaults, **fields})
        events_index.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
