"""How event times are shown: in the visitor's zone when known, else the organiser's, always named."""

import datetime
import zoneinfo
from types import SimpleNamespace

from django.utils.formats import date_format

from events.selectors import visitor_zone_or_none

ZONE_COOKIE = "pbx_tz"


def zone_of_user(user):
    """The zone a logged-in member chose in the profile, or None."""
    if user is None or not user.is_authenticated:
        return None
    member = getattr(user, "member", None)
    return visitor_zone_or_none(getattr(member, "time_zone", ""))


def visitor_zone(request):
    """The zone to show times in: ?tz=, then the profile, then the browser's (cookie), else None."""
    return (visitor_zone_or_none(request.GET.get("tz", ""))
            or zone_of_user(request.user)
            or visitor_zone_or_none(request.COOKIES.get(ZONE_COOKIE, "").strip('"')))


def in_zone(value, zone):
    """`value` as seen in `zone`; in UTC when `zone` would push it past datetime's range.

    Forms refuse dates outside 1990-2100, but rows saved before (or through the ORM) may not
    have been checked, and one such event must not break a listing for everyone.
    """
    try:
        return value.astimezone(zone)
    except OverflowError:
        return value.astimezone(datetime.UTC)


def when(event, zone=None):
    """'Tue 3 June 2025, 14:00–16:00 (Europe/Paris)', in `zone` or else the organiser's zone."""
    zone = zone or zoneinfo.ZoneInfo(event.time_zone)
    try:
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    except OverflowError:  # see in_zone; the label then names UTC, which the times are in
        zone = zoneinfo.ZoneInfo("UTC")
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    first = date_format(start, "D j F Y, H:i")
    if start.date() == end.date():
        last = date_format(end, "H:i")
    else:
        last = date_format(end, "D j F Y, H:i")
    return f"{first}–{last} ({zone.key.replace('_', ' ')})"


def start_in(event, zone=None):
    """The start as an aware datetime in `zone` (default: the organiser's)."""
    return in_zone(event.start, zone or zoneinfo.ZoneInfo(event.time_zone))


def session_when(session, zone=None):
    """A cohort session's time like `when`, in `zone` or else the zone the session was set in."""
    return when(SimpleNamespace(start=session.starts_at, end=session.ends_at,
                                time_zone=session.time_zone), zone)


def moment(value, zone):
    """'Tue 3 June 2025, 14:00 (Europe/Paris)': one instant in `zone`, the zone named."""
    local = value.astimezone(zone)
    return f"{date_format(local, 'D j F Y, H:i')} ({zone.key.replace('_', ' ')})"
