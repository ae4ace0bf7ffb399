"""iCalendar files for events, filtered listings and members' personal feeds (icalendar library)."""

import datetime
import functools
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone

PRODUCT_ID = "-//PB Exchange//Events calendar//EN"


def site_host():
    return urlsplit(settings.SITE_URL).hostname or "pb-exchange.example"


def absolute_url(path, *, base_url=None):
    return (base_url or settings.SITE_URL).rstrip("/") + path


def page_url(page, *, base_url=None):
    """The absolute address of a page (a draft has none: its parent's is used)."""
    url = page.get_url() or page.get_parent().get_url() or "/"
    return absolute_url(url, base_url=base_url) if url.startswith("/") else url


def uid_for(event):
    """Stable across edits and languages: the copies of an event share a translation key."""
    return f"event-{event.translation_key}@{site_host()}"


def local_time(value, zone):
    """`value` in `zone` for DTSTART/DTEND, or in UTC when that wall-clock time is ambiguous.

    In the hour repeated when clocks go back, a local time with a TZID names two instants and
    readers take the first; UTC keeps such times exact.
    """
    try:
        local = value.astimezone(zone)
    except OverflowError:  # a date at datetime's very edge (see display.in_zone)
        return value.astimezone(datetime.UTC)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return value.astimezone(datetime.UTC)
    return local


def _location(event, *, show_joining_link):
    place = ", ".join(part for part in (event.venue, event.city, event.country) if part)
    link = event.joining_link if show_joining_link else ""
    if event.format == "online":
        return link or ""
    return " · ".join(part for part in (place, link) if part)


def description_text(event, *, url):
    text = event.summary
    if event.cancelled:
        text = f"CANCELLED. {event.cancellation_note}\n\n{text}".strip()
    return f"{text}\n\n{url}"


def event_component(event, *, sequence, base_url=None, show_joining_link=False, stamp=None):
    """A VEVENT for `event`: times in the organiser's zone (with a VTIMEZONE added later)."""
    url = page_url(event, base_url=base_url)
    component = Event()
    component.add("uid", uid_for(event))
    component.add("dtstamp", stamp or timezone.now())
    component.add("last-modified", event.last_published_at or timezone.now())
    component.add("sequence", sequence)
    component.add("summary", event.title)
    component.add("dtstart", local_time(event.start, event.zone))
    component.add("dtend", local_time(event.end, event.zone))
    component.add("description", description_text(event, url=url))
    location = _location(event, show_joining_link=show_joining_link or not event.joining_link_members_only)
    if location:
        component.add("location", location)
    if url:
        component.add("url", url)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    component.add("organizer", f"mailto:{settings.CONTACT_EMAIL}", parameters={"CN": event.organiser})
    if event.languages:
        component.add("x-pbx-languages", ",".join(event.languages))
    return component


def session_component(session, *, stamp=None):
    """A VEVENT for a cohort session from the matching app."""
    import zoneinfo

    zone = zoneinfo.ZoneInfo(session.time_zone)
    component = Event()
    component.add("uid", session.uid)
    component.add("dtstamp", stamp or timezone.now())
    component.add("summary", session.title)
    component.add("dtstart", local_time(session.starts_at, zone))
    component.add("dtend", local_time(session.ends_at, zone))
    if session.joining_link:
        component.add("location", session.joining_link)
    if session.url:
        component.add("url", absolute_url(session.url) if session.url.startswith("/") else session.url)
    component.add("status", "CONFIRMED")
    return component


@functools.lru_cache(maxsize=128)
def _vtimezone(tzid):
    """The VTIMEZONE of `tzid` (read-only, shared by every calendar), None if unknown."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:
        return None


def build_calendar(components, *, name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for component in components:
        calendar.add_component(component)
    # Calendar.add_missing_timezones() rebuilds each VTIMEZONE (about 20 ms per zone): reuse them.
    position = len(calendar.timezones)
    for tzid in sorted(calendar.get_missing_tzids()):
        component = _vtimezone(tzid)
        if component is not None:
            calendar.subcomponents.insert(position, component)
            position += 1
    return calendar.to_ical()


def calendar_for_events(events, *, name, base_url=None, show_joining_links=False, extra=()):
    """An .ics file of `events` (and any extra components such as cohort sessions)."""
    from events.selectors import sequences_for

    sequences = sequences_for(events)
    stamp = timezone.now()
    components = [
        event_component(event, sequence=sequences.get(event.translation_key, 0),
                        base_url=base_url, show_joining_link=show_joining_links, stamp=stamp)
        for event in events
    ]
    return build_calendar([*components, *extra], name=name)


def calendar_for_event(event) -> bytes:
    """The .ics file of one event, as offered by its "Add to calendar" button."""
    return calendar_for_events([event], name=event.title)


def _utc_stamp(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def web_calendar_links(event, *, url):
    """Plain links that open Google Calendar and Outlook with the event filled in."""
    details = f"{strip_tags(event.summary)}\n\n{url}"
    location = _location(event, show_joining_link=False)
    google = "https://calendar.google.com/calendar/render?" + urlencode({
        "action": "TEMPLATE", "text": event.title,
        "dates": f"{_utc_stamp(event.start)}/{_utc_stamp(event.end)}",
        "details": details, "location": location, "ctz": event.time_zone,
    })
    outlook_query = urlencode({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": event.title,
        "startdt": event.start.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "enddt": event.end.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "body": details, "location": location,
    })
    return {
        "google": google,
        "outlook": "https://outlook.live.com/calendar/0/deeplink/compose?" + outlook_query,
        "office365": "https://outlook.office.com/calendar/0/deeplink/compose?" + outlook_query,
    }
