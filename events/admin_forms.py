"""The Wagtail admin's event form: times are shown and entered in the organiser's time zone."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.dates import check_event_date

ORGANISER_ZONE_FIELDS = ("start", "end", "registration_deadline")


def naive_in_zone(value, zone):
    """The wall-clock time of the aware `value` in `zone`, without its zone (what a form shows)."""
    return value.astimezone(zone).replace(tzinfo=None)


def aware_in_zone(naive, zone):
    """The UTC instant of the wall-clock time `naive` in `zone`, or None if the clocks skip it."""
    aware = naive.replace(tzinfo=zone)
    if naive_in_zone(aware.astimezone(datetime.UTC), zone) != naive:
        return None
    return aware.astimezone(datetime.UTC)


class OrganiserZoneFormMixin:
    """Read and show the event's times in its `time_zone` field, not the admin user's zone.

    Django's form fields turn a typed time into an instant in the *active* zone (UTC, or the
    curator's own zone from their Wagtail profile); this mixin takes the typed wall-clock time
    back and places it in the organiser's zone, and shows stored times there.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        name = getattr(instance, "time_zone", "")
        if not name or name not in zoneinfo.available_timezones():
            return
        zone = zoneinfo.ZoneInfo(name)
        for field_name in ORGANISER_ZONE_FIELDS:
            value = getattr(instance, field_name, None)
            if field_name in self.fields and value is not None:
                self.initial[field_name] = naive_in_zone(value, zone)
            if field_name in self.fields:
                self.fields[field_name].help_text = _("In the organiser's time zone below.")

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if not name or name not in zoneinfo.available_timezones():
            return cleaned
        zone = zoneinfo.ZoneInfo(name)
        for field_name in ORGANISER_ZONE_FIELDS:
            value = cleaned.get(field_name)
            if value is None:
                continue
            try:  # before any zone arithmetic, which overflows near year 9999
                check_event_date(value)
            except ValidationError as error:
                self.add_error(field_name, error)
                continue
            typed = timezone.make_naive(value) if timezone.is_aware(value) else value
            aware = aware_in_zone(typed, zone)
            if aware is None:
                self.add_error(field_name, _("This time does not exist in that time zone "
                                             "(the clocks change then)."))
                continue
            cleaned[field_name] = aware
        return cleaned
