"""Reads of the events calendar used by the pages, the feeds, the home page and the bot."""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events.models import EventFormat, EventPage, EventSchedule, Participation
from pbexchange.vocabulary import Challenge, Language, Phase, Region, Stage, stages_in_phase

FILTER_PARAMETERS = ("language", "region", "stage", "phase", "theme", "format", "free")
TRUE_VALUES = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class EventFilters:
    """The filters of a listing, parsed from the query string; unknown values are dropped."""

    language: str = ""
    region: str = ""
    stage: str = ""
    phase: str = ""
    theme: str = ""
    format: str = ""
    free: bool = False
    rejected: tuple = field(default=(), compare=False)

    @classmethod
    def from_query(cls, params):
        """Read `language`, `region`, `stage`, `phase`, `theme`, `format`, `free`; note refused values.

        Stages of the cycle and the coarser phases are two filters, as in the library; a phase
        given as `stage` (older links) is read as the phase.
        """
        params = dict(params.items())
        if params.get("stage", "").strip() in Phase.values and not params.get("phase"):
            params["phase"] = params.pop("stage").strip()
        allowed = {
            "language": Language.values,
            "region": Region.values,
            "stage": Stage.values,
            "phase": Phase.values,
            "theme": Challenge.values,
            "format": EventFormat.values,
        }
        values, rejected = {}, []
        for name, choices in allowed.items():
            value = (params.get(name) or "").strip()
            if value and value not in choices:
                rejected.append(name)
                value = ""
            values[name] = value
        free = (params.get("free") or "").strip().lower()
        if free and free not in TRUE_VALUES + ("0", "false", "no", "off"):
            rejected.append("free")
        return cls(**values, free=free in TRUE_VALUES, rejected=tuple(rejected))

    def active(self):
        return any([self.language, self.region, self.stage, self.phase, self.theme, self.format,
                    self.free])

    def as_query(self):
        """The query-string pairs of the active filters, for links and feed addresses."""
        pairs = [(name, getattr(self, name)) for name in FILTER_PARAMETERS[:-1]
                 if getattr(self, name)]
        if self.free:
            pairs.append(("free", "1"))
        return pairs

    def rejected_message(self):
        if not self.rejected:
            return ""
        return _("Some filters were not understood and were ignored: %(names)s.") % {
            "names": ", ".join(self.rejected)}

    def apply(self, queryset):
        """Keep the events matching every active filter."""
        if self.language:
            queryset = queryset.filter(_contains("languages", self.language))
        if self.region:
            queryset = queryset.filter(_contains("regions", self.region))
        if self.stage:
            queryset = queryset.filter(_contains("stages", self.stage))
        if self.phase:
            stages = stages_in_phase(Phase(self.phase))
            queryset = queryset.filter(reduce(or_, (_contains("stages", s) for s in stages)))
        if self.theme:
            queryset = queryset.filter(_contains("themes", self.theme))
        if self.format:
            queryset = queryset.filter(format=self.format)
        if self.free:
            queryset = queryset.filter(Q(cost_amount__isnull=True) | Q(cost_amount=0))
        return queryset


def _contains(field_name, slug):
    # A JSON list holds `"slug"` with its quotes exactly when it contains the slug; this text
    # match works alike on SQLite and PostgreSQL, where JSON containment does not.
    return Q(**{f"{field_name}__icontains": f'"{slug}"'})


def live_events(*, locale=None):
    """Published events of one language tree (the active one by default)."""
    return EventPage.objects.live().filter(locale=locale or Locale.get_active())


def upcoming(queryset, *, now=None):
    """Events not yet over, soonest first."""
    return queryset.filter(end__gte=now or timezone.now()).order_by("start", "pk")


def past(queryset, *, now=None):
    """Events already over, most recent first."""
    return queryset.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


def in_month(queryset, *, year, month, zone):
    """Events overlapping the month `year`-`month` as seen in `zone`, in order."""
    first = datetime.datetime(year, month, 1, tzinfo=zone)
    following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return queryset.filter(start__lt=following, end__gte=first).order_by("start", "pk")


def upcoming_events(*, limit=5, languages=None, after=None) -> list[EventPage]:
    """The next `limit` published, not cancelled events of the active language tree.

    `languages` (ISO 639-1 codes) keeps events held in at least one of them; `after` (an aware
    datetime, default now) keeps events starting from then on.
    """
    queryset = live_events().filter(cancelled=False, start__gte=after or timezone.now())
    codes = [code for code in (languages or []) if code in Language.values]
    if codes:
        queryset = queryset.filter(reduce(or_, (_contains("languages", code) for code in codes)))
    elif languages:
        return []
    return list(queryset.order_by("start", "pk")[:limit])


def sequences_for(events):
    """{translation_key: SEQUENCE} for the given events (0 when never changed)."""
    keys = {event.translation_key for event in events}
    return dict(EventSchedule.objects.filter(translation_key__in=keys)
                .values_list("translation_key", "sequence"))


def participation_of(*, user, event):
    """The member's participation in `event` (in any language copy), or None."""
    if not user.is_authenticated:
        return None
    return (Participation.objects.filter(user=user, event__translation_key=event.translation_key)
            .first())


def followed_events(*, user):
    """The events a member marked, whatever the language they marked them in."""
    return list(EventPage.objects.live()
                .filter(participations__user=user).order_by("start", "pk").distinct())


def visitor_zone_or_none(name):
    """A ZoneInfo for a valid IANA name, else None."""
    if not name or name not in zoneinfo.available_timezones():
        return None
    return zoneinfo.ZoneInfo(name)
