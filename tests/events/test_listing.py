"""/events/: filters pick exactly the right events; times appear in the visitor's zone, named."""

import datetime
import zoneinfo
from http import HTTPStatus

import pytest

from events import selectors


def titles(response):
    assert response.status_code == HTTPStatus.OK
    return {row["event"].title for row in response.context["rows"]}


@pytest.fixture
def catalogue(make_event):
    """Six events that differ in one facet each."""
    return {
        "es-online-impl": make_event(title="es-online-impl", languages=["es"], format="online",
                                     stages=["project-implementation"],
                                     themes=["stalled-implementation"], regions=["latin-america"]),
        "es-inperson-impl": make_event(title="es-inperson-impl", languages=["es"],
                                       format="in-person", city="Lima",
                                       stages=["project-implementation"], regions=["latin-america"]),
        "en-online-selection": make_event(title="en-online-selection", languages=["en", "es"],
                                          format="online", stages=["project-selection"],
                                          cost_amount=30, cost_currency="EUR", regions=["europe"]),
        "fr-hybrid-outreach": make_event(title="fr-hybrid-outreach", languages=["fr"],
                                         format="hybrid", city="Lyon", stages=["outreach"],
                                         themes=["limited-participation"], regions=["europe"]),
        "cancelled-es": make_event(title="cancelled-es", languages=["es"], cancelled=True,
                                   stages=["project-implementation"]),
        "past-es": make_event(title="past-es", languages=["es"], stages=["project-implementation"],
                              start=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=20)),
    }


@pytest.mark.parametrize(("query", "expected"), [
    ("", {"es-online-impl", "es-inperson-impl", "en-online-selection", "fr-hybrid-outreach",
          "cancelled-es"}),
    ("language=es&format=online&stage=project-implementation", {"es-online-impl", "cancelled-es"}),
    ("language=es", {"es-online-impl", "es-inperson-impl", "en-online-selection", "cancelled-es"}),
    ("format=in-person", {"es-inperson-impl"}),
    ("format=hybrid", {"fr-hybrid-outreach"}),
    ("region=europe", {"en-online-selection", "fr-hybrid-outreach"}),
    ("theme=limited-participation", {"fr-hybrid-outreach"}),
    ("stage=outreach", {"fr-hybrid-outreach"}),
    # A coarse phase covers the stages in it: advocacy is only outreach.
    ("phase=advocacy", {"fr-hybrid-outreach"}),
    ("phase=design", set()),
    ("phase=implementation&stage=outreach", {"fr-hybrid-outreach"}),
    # Older links gave the phase as a stage.
    ("stage=advocacy", {"fr-hybrid-outreach"}),
    ("free=1&region=europe", {"fr-hybrid-outreach"}),
    ("language=ko", set()),
])
def test_filters_return_exactly_the_right_events(client, catalogue, query, expected):
    assert titles(client.get(f"/events/?{query}")) == expected


def test_stages_and_phases_are_two_lists_as_in_the_library(client, events_index):
    html = client.get("/events/").content.decode()
    stage_list = html[html.index('<select id="filter-stage"'):]
    stage_list = stage_list[:stage_list.index("</select>")]
    phase_list = html[html.index('<select id="filter-phase"'):]
    phase_list = phase_list[:phase_list.index("</select>")]
    assert "Project implementation" in stage_list and ">Implementation<" not in stage_list
    assert ">Implementation<" in phase_list and "Project implementation" not in phase_list
    assert '<label for="filter-phase">Phase</label>' in html


def test_archive_holds_past_events_with_their_recordings(client, make_event):
    make_event(title="Long ago", recording_url="https://player.vimeo.com/video/1",
               start=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=40))
    make_event(title="Soon")
    response = client.get("/events/archive/")
    assert titles(response) == {"Long ago"}
    assert "https://player.vimeo.com/video/1" in response.content.decode()


def test_upcoming_events_for_the_bot_and_home_page(make_event):
    now = datetime.datetime.now(datetime.UTC)
    first = make_event(title="First", start=now + datetime.timedelta(days=1), languages=["fr"])
    make_event(title="Off", start=now + datetime.timedelta(days=2), cancelled=True)
    second = make_event(title="Second", start=now + datetime.timedelta(days=3), languages=["es"])
    make_event(title="Gone", start=now - datetime.timedelta(days=3))
    assert selectors.upcoming_events(limit=5) == [first, second]
    assert selectors.upcoming_events(limit=1) == [first]
    assert selectors.upcoming_events(limit=5, languages=["es", "pt"]) == [second]
    assert selectors.upcoming_events(limit=5, after=now + datetime.timedelta(days=2)) == [second]
    assert selectors.upcoming_events(limit=5, languages=["??"]) == []


def test_home_page_lists_the_next_events(client, make_event):
    make_event(title="Peer call on stalled projects")
    assert "Peer call on stalled projects" in client.get("/").content.decode()


def test_home_page_times_are_in_the_visitors_zone_with_the_zone_named(client, make_event, member):
    start = datetime.datetime(2031, 1, 15, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    make_event(title="Zones", start=start.astimezone(datetime.UTC), hours=1)
    # Nothing known about the visitor: the organiser's zone, named.
    assert "14:00–15:00 (Europe/Paris)" in client.get("/").content.decode()
    # The zone the browser script stored in its cookie.
    client.cookies["pbx_tz"] = "America/Santiago"
    assert "10:00–11:00 (America/Santiago)" in client.get("/").content.decode()
    # The member's profile wins over the browser.
    member.member.time_zone = "Asia/Tokyo"
    member.member.save()
    client.force_login(member)
    html = client.get("/").content.decode()
    assert "22:00–23:00 (Asia/Tokyo)" in html
    assert "events/timezone.js" in html


def test_times_are_shown_in_the_visitor_zone_with_the_zone_named(client, make_event, member):
    start = datetime.datetime(2031, 1, 15, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    event = make_event(title="Zones", start=start.astimezone(datetime.UTC), hours=1)
    # A visitor we know nothing about sees the organiser's zone.
    assert "14:00–15:00 (Europe/Paris)" in client.get(event.url).content.decode()
    # A zone chosen in the page's form (or detected by the browser script) is used and kept.
    response = client.get(event.url + "?tz=America/Bogota")
    assert "08:00–09:00 (America/Bogota)" in response.content.decode()
    assert response.cookies["pbx_tz"].value == "America/Bogota"
    assert "08:00–09:00 (America/Bogota)" in client.get("/events/").content.decode()
    # A member's profile zone wins over the browser's.
    member.member.time_zone = "Asia/Tokyo"
    member.member.save()
    client.force_login(member)
    client.cookies.pop("pbx_tz")
    html = client.get(event.url).content.decode()
    assert "22:00–23:00 (Asia/Tokyo)" in html
    assert "Organiser's time: " in html
    # Nonsense zones are ignored.
    client.logout()
    assert client.get(event.url + "?tz=Mars/Olympus").status_code == HTTPStatus.OK


def test_month_grid_places_events_on_their_days(client, make_event):
    start = datetime.datetime(2031, 5, 31, 23, 30, tzinfo=datetime.UTC)
    make_event(title="Late in May", start=start, hours=1, time_zone="UTC")
    may = client.get("/events/month/?month=2031-05&tz=UTC")
    assert titles(may) == {"Late in May"}
    # In Tokyo it is already 1 June: the grid follows the visitor's zone.
    assert titles(client.get("/events/month/?month=2031-06&tz=Asia/Tokyo")) == {"Late in May"}
    assert client.get("/events/month/?month=banana").status_code == HTTPStatus.OK


def test_registration_deadline_is_shown_in_the_visitors_zone(client, make_event):
    deadline = datetime.datetime(2031, 1, 10, 20, 0, tzinfo=datetime.UTC)
    event = make_event(title="Deadline", registration_url="https://example.org/register",
                       registration_deadline=deadline, time_zone="America/Bogota")
    assert "before Fri 10 January 2031, 15:00 (America/Bogota)" in client.get(event.url).content.decode()
    html = client.get(event.url + "?tz=Asia/Tokyo").content.decode()
    assert "before Sat 11 January 2031, 05:00 (Asia/Tokyo)" in html


def test_the_show_times_in_chooser_groups_zones_by_region_with_offsets(client, make_event):
    event = make_event(title="Zones")
    for html in (client.get("/events/?tz=America/Bogota").content.decode(),
                 client.get(event.url).content.decode()):
        chooser = html[html.index('name="tz"'):]
        chooser = chooser[:chooser.index("</select>")]
        assert '<optgroup label="Common time zones">' in chooser
        assert '<optgroup label="Africa">' in chooser
        assert "(UTC−05:00) Bogotá, Colombia" in chooser or "(UTC−05:00) Bogota, Colombia" in chooser
        assert ">America/Bogota<" not in chooser  # no raw zone names
    assert 'value="America/Bogota" selected' in client.get("/events/?tz=America/Bogota").content.decode()
