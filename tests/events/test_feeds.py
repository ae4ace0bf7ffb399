"""The iCalendar files: exact times across a DST change, stable UIDs, SEQUENCE, cancellation."""

import datetime
import zoneinfo
from http import HTTPStatus

import icalendar
import pytest

from tests.fixtures.events import republish

UTC = datetime.UTC


def parse(response):
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(component["uid"]): component for component in calendar.walk("VEVENT")}


def next_last_sunday_of_march():
    year = datetime.date.today().year + 1
    day = datetime.date(year, 3, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def test_feed_round_trips_times_exactly_including_a_dst_change(client, make_event):
    switch = next_last_sunday_of_march()  # Europe clocks go forward at 01:00 UTC that day

    def at(hour, minute=0):
        return datetime.datetime(switch.year, switch.month, switch.day, hour, minute, tzinfo=UTC)

    across = make_event(title="Across the change", start=at(0, 30), hours=2)
    before = make_event(title="Winter time", start=at(0, 30) - datetime.timedelta(days=1))
    after = make_event(title="Summer time", start=at(8) + datetime.timedelta(days=1))
    tokyo = make_event(title="No DST", start=at(3, 15), time_zone="Asia/Tokyo", hours=1)

    events = vevents(parse(client.get("/events/calendar.ics")))

    for event in (across, before, after, tokyo):
        component = events[event.ical_uid]
        assert component.decoded("dtstart") == event.start
        assert component.decoded("dtend") == event.end
        assert component.decoded("dtstart").tzinfo.key == event.time_zone
    # Two hours in UTC read 01:30 winter time to 04:30 summer time on the organiser's clock.
    paris = events[across.ical_uid]
    assert paris.decoded("dtstart").strftime("%H:%M %Z") == "01:30 CET"
    assert paris.decoded("dtend").strftime("%H:%M %Z") == "04:30 CEST"
    # Every zone used has its VTIMEZONE.
    calendar = parse(client.get("/events/calendar.ics"))
    zones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Paris", "Asia/Tokyo"}


def test_times_in_the_hour_repeated_when_clocks_go_back_stay_exact(client, make_event):
    year = datetime.date.today().year + 1
    last_sunday = datetime.date(year, 10, 31) - datetime.timedelta(
        days=(datetime.date(year, 10, 31).weekday() + 1) % 7)
    # 01:00 UTC is when Paris goes from 03:00 back to 02:00: 02:30 local happens twice.
    first = datetime.datetime.combine(last_sunday, datetime.time(0, 30), tzinfo=UTC)
    second = first + datetime.timedelta(hours=1)
    one = make_event(title="First 02:30", start=first, hours=1)
    two = make_event(title="Second 02:30", start=second, hours=1)
    events = vevents(parse(client.get("/events/calendar.ics")))
    for event in (one, two):
        assert events[event.ical_uid].decoded("dtstart").astimezone(UTC) == event.start
        assert events[event.ical_uid].decoded("dtend").astimezone(UTC) == event.end


def test_single_event_ics_and_feed_share_a_stable_uid(client, make_event):
    event = make_event(title="Peer call")
    single = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    assert list(single) == [f"event-{event.translation_key}@127.0.0.1"]
    assert "attachment" in client.get(f"/events/{event.slug}.ics")["Content-Disposition"]
    event = republish(event, title="Peer call (renamed)")
    again = vevents(parse(client.get(f"/events/{event.slug}.ics")))
    assert list(again) == list(single)
    assert str(again[event.ical_uid]["summary"]) == "Peer call (renamed)"


def test_changed_event_sequence_increases_only_when_time_place_or_status_change(client, make_event):
    event = make_event()

    def sequence():
        feed = vevents(parse(client.get("/events/calendar.ics")))
        return int(feed[event.ical_uid]["sequence"])

    assert sequence() == 0
    event = republish(event, summary="Better words, same time")
    assert sequence() == 0
    event = republish(event, start=event.start + datetime.timedelta(hours=1),
                      end=event.end + datetime.timedelta(hours=1))
    assert sequence() == 1
    event = republish(event, format="hybrid", city="Lisbon")
    assert sequence() == 2


def test_cancelled_event_is_marked_in_the_feed_and_on_its_page(client, make_event):
    kept = make_event(title="Still on")
    dropped = make_event(title="Called off")
    republish(dropped, cancelled=True, cancellation_note="The venue closed.")
    events = vevents(parse(client.get("/events/calendar.ics")))
    assert str(events[dropped.ical_uid]["status"]) == "CANCELLED"
    assert int(events[dropped.ical_uid]["sequence"]) == 1
    assert str(events[kept.ical_uid]["status"]) == "CONFIRMED"
    page = client.get(dropped.url).content.decode()
    assert "This event has been cancelled." in page and "The venue closed." in page


def test_filtered_feed_has_exactly_the_filtered_events(client, make_event):
    spanish = make_event(languages=["es"], stages=["project-implementation"])
    make_event(languages=["es"], stages=["outreach"])
    make_event(languages=["en"], stages=["project-implementation"])
    calendar = parse(client.get("/events/calendar.ics?language=es&stage=project-implementation"))
    assert list(vevents(calendar)) == [spanish.ical_uid]


def test_members_only_joining_link_stays_out_of_public_files(client, make_event):
    event = make_event(joining_link="https://meet.example.org/secret",
                       joining_link_members_only=True)
    assert b"meet.example.org/secret" not in client.get("/events/calendar.ics").content
    assert "meet.example.org/secret" not in client.get(event.url).content.decode()


@pytest.mark.parametrize("query", ["language=zz", "stage=<script>", "free=perhaps",
                                   "format=teleport&region=mars", "theme=" + "x" * 500])
def test_bad_filter_values_never_fail(client, make_event, query):
    make_event()
    assert client.get(f"/events/calendar.ics?{query}").status_code == HTTPStatus.OK
    response = client.get(f"/events/?{query}")
    assert response.status_code == HTTPStatus.OK
    assert "were not understood and were ignored" in response.content.decode()


def test_web_calendar_links_carry_the_exact_utc_times(client, make_event):
    start = datetime.datetime(2031, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("America/Bogota"))
    event = make_event(start=start.astimezone(UTC), time_zone="America/Bogota")
    html = client.get(event.url).content.decode()
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "20310701T170000Z%2F20310701T190000Z" in html
    assert "outlook.live.com/calendar/0/deeplink/compose" in html
