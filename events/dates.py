"""The years an event may fall in (proposal form, admin form, model)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Dates outside these years are typing slips or probes; refusing them keeps every calendar
# computation (time-zone shifts, month grids) far from datetime's limits.
EARLIEST_EVENT_YEAR = 1990
LATEST_EVENT_YEAR = 2100


def check_event_date(value):
    """Raise ValidationError unless `value` (a datetime or None) falls in the years events may use."""
    if value is not None and not EARLIEST_EVENT_YEAR <= value.year <= LATEST_EVENT_YEAR:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."), code="out_of_range",
            params={"earliest": EARLIEST_EVENT_YEAR, "latest": LATEST_EVENT_YEAR})
