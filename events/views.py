"""The events pages; EventIndexPage and EventPage routes dispatch here."""

import calendar
import datetime
import zoneinfo
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events import display, ical, selectors, services
from events.forms import EventProposalForm, ParticipationForm
from events.models import EventFormat, EventIndexPage, Participation
from pbexchange.timezones import time_zone_choices as grouped_zone_choices
from pbexchange.vocabulary import Challenge, Language, Phase, Region, Stage

ARCHIVE_PAGE_SIZE = 20
COOKIE_AGE = 60 * 60 * 24 * 365


def _filter_context(request, index, filters, zone):
    query = filters.as_query()
    feed_path = reverse("events:feed")
    return {
        "filters": filters,
        "filter_query": urlencode(query),
        "feed_url": request.build_absolute_uri(feed_path + ("?" + urlencode(query) if query else "")),
        "filter_choices": {
            "language": Language.choices,
            "region": Region.choices,
            "stage": Stage.choices,
            "phase": Phase.choices,
            "theme": Challenge.choices,
            "format": EventFormat.choices,
        },
        "visitor_zone": zone,
        "zone_choices": grouped_zone_choices(),
        "list_url": index.url,
        "month_url": index.url + index.reverse_subpage("month"),
        "archive_url": index.url + index.reverse_subpage("archive"),
        "propose_url": index.url + index.reverse_subpage("propose"),
        "my_url": index.url + index.reverse_subpage("my_events"),
    }


def _rows(events, zone):
    return [{"event": event, "when": display.when(event, zone)} for event in events]


def _render(request, index, template, context, filters):
    if filters.rejected:
        messages.warning(request, filters.rejected_message())
    response = TemplateResponse(request, template, {"page": index, "self": index, **context})
    return _remember_zone(request, response)


def _remember_zone(request, response):
    """Keep a zone chosen with ?tz= for the next pages, as the browser script would."""
    requested = selectors.visitor_zone_or_none(request.GET.get("tz", ""))
    if requested:
        response.set_cookie(display.ZONE_COOKIE, requested.key, max_age=COOKIE_AGE, samesite="Lax")
    return response


def upcoming(request, index):
    filters = selectors.EventFilters.from_query(request.GET)
    zone = display.visitor_zone(request)
    events = selectors.upcoming(filters.apply(index.get_events()))
    context = _filter_context(request, index, filters, zone)
    context.update({"rows": _rows(events, zone), "view": "list"})
    return _render(request, index, "events/event_index_page.html", context, filters)


def _month_bounds(events):
    months = [(event.start.year, event.start.month) for event in events]
    return (min(months), max(months)) if months else (None, None)


def month(request, index):
    filters = selectors.EventFilters.from_query(request.GET)
    zone = display.visitor_zone(request)
    grid_zone = zone or zoneinfo.ZoneInfo("UTC")
    today = timezone.now().astimezone(grid_zone).date()
    year, month_number = today.year, today.month
    requested = request.GET.get("month", "")
    if requested:
        try:
            parsed = datetime.datetime.strptime(requested, "%Y-%m")
            if not 1900 < parsed.year < 2200:
                raise ValueError(requested)
            year, month_number = parsed.year, parsed.month
        except ValueError:
            messages.warning(request, _("That month was not understood; showing this month."))
    events = list(selectors.in_month(filters.apply(index.get_events()), year=year,
                                     month=month_number, zone=grid_zone))
    grid = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    by_day = {}
    for event in events:
        start = display.in_zone(event.start, grid_zone)
        end = display.in_zone(event.end - datetime.timedelta(seconds=1), grid_zone).date()
        # Only the days the grid shows: a long event must not cost a loop over all its days.
        day = max(start.date(), grid[0][0])
        while day <= min(end, grid[-1][-1]):
            by_day.setdefault(day, []).append(
                {"event": event, "time": start.strftime("%H:%M") if day == start.date() else ""})
            day += datetime.timedelta(days=1)
    weeks = [
        [{"date": day, "in_month": day.month == month_number, "today": day == today,
          "events": by_day.get(day, [])} for day in week]
        for week in grid
    ]
    # Navigation is bounded to months that have events (plus this one), so crawlers stop.
    first, last = _month_bounds(list(filters.apply(index.get_events()).only("start")))
    current = (year, month_number)
    previous = (year - (month_number == 1), (month_number - 2) % 12 + 1)
    following = (year + (month_number == 12), month_number % 12 + 1)
    lowest = min(first or current, (today.year, today.month))
    highest = max(last or current, (today.year, today.month))
    context = _filter_context(request, index, filters, zone)
    query = filters.as_query()
    context.update({
        "view": "month",
        "weeks": weeks,
        "month_start": datetime.date(year, month_number, 1),
        "grid_zone": grid_zone,
        "rows": _rows(events, zone),
        "weekdays": [datetime.date(2024, 1, day) for day in range(1, 8)],  # a Monday first
        "previous_url": (f"?{urlencode(query + [('month', f'{previous[0]:04d}-{previous[1]:02d}')])}"
                         if previous >= lowest else ""),
        "next_url": (f"?{urlencode(query + [('month', f'{following[0]:04d}-{following[1]:02d}')])}"
                     if following <= highest else ""),
    })
    return _render(request, index, "events/event_month.html", context, filters)


def archive(request, index):
    filters = selectors.EventFilters.from_query(request.GET)
    zone = display.visitor_zone(request)
    events = selectors.past(filters.apply(index.get_events()))
    paginator = Paginator(events, ARCHIVE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = _filter_context(request, index, filters, zone)
    context.update({"rows": _rows(page_obj.object_list, zone), "page_obj": page_obj,
                    "view": "archive"})
    return _render(request, index, "events/event_archive.html", context, filters)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _active_index():
    index = (EventIndexPage.objects.live().filter(locale=Locale.get_active()).first()
             or EventIndexPage.objects.live().filter(locale=Locale.get_default()).first())
    if index is None:
        raise Http404
    return index


def feed(request):
    """The subscribable feed of a filtered listing: upcoming and recent events."""
    index = _active_index()
    filters = selectors.EventFilters.from_query(request.GET)
    since = timezone.now() - datetime.timedelta(days=90)
    events = list(filters.apply(index.get_events()).filter(end__gte=since).order_by("start", "pk"))
    name = "PB Exchange events"
    if filters.active():
        name += " (" + ", ".join(value for _key, value in filters.as_query()) + ")"
    content = ical.calendar_for_events(events, name=name, base_url=request.build_absolute_uri("/"))
    response = _ics_response(content, "pb-exchange-events.ics")
    response["Content-Disposition"] = 'inline; filename="pb-exchange-events.ics"'
    return response


def event_detail(request, event):
    zone = display.visitor_zone(request)
    participation = selectors.participation_of(user=request.user, event=event)
    url = ical.page_url(event, base_url=request.build_absolute_uri("/"))
    context = {
        "page": event,
        "self": event,
        "when": display.when(event, zone),
        "organiser_when": display.when(event) if zone and zone.key != event.time_zone else "",
        "deadline": display.moment(event.registration_deadline, zone or event.zone)
        if event.registration_deadline else "",
        "visitor_zone": zone,
        "zone_choices": grouped_zone_choices(),
        "participation": participation,
        "statuses": Participation.Status.choices,
        "show_joining_link": bool(event.joining_link) and (
            request.user.is_authenticated or not event.joining_link_members_only),
        "calendar_links": ical.web_calendar_links(event, url=url),
        "ics_url": reverse("events:event_ics", kwargs={"slug": event.slug}),
        "follow_url": event.url + event.reverse_subpage("follow"),
        "index_url": event.get_parent().url,
    }
    return _remember_zone(request, TemplateResponse(request, "events/event_page.html", context))


def event_ics(request, slug):
    event = _active_index().get_events().filter(slug=slug).first()
    if event is None:
        raise Http404
    return _ics_response(ical.calendar_for_event(event), f"{event.slug}.ics")


def follow(request, event):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        messages.info(request, _("Log in to follow events."))
        return redirect(f"/accounts/login/?next={event.url}")
    form = ParticipationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That choice was not understood."))
        return redirect(event.url)
    status = form.cleaned_data["status"]
    services.set_participation(user=request.user, event=event, status=status)
    if status:
        messages.success(request, _("Noted. We will remind you by email 24 hours before, and "
                                    "tell you if it changes."))
    else:
        messages.success(request, _("You no longer follow this event."))
    return redirect(event.url)


def propose(request, index):
    context = {"page": index, "self": index, "list_url": index.url}
    if not request.user.is_authenticated:
        return TemplateResponse(request, "events/propose.html", {**context, "form": None})
    zone = display.visitor_zone(request)  # the member's own zone, else the browser's
    form = EventProposalForm(request.POST or None, initial={"time_zone": zone.key if zone else ""})
    if request.method == "POST":
        if not services.may_propose(user=request.user):
            messages.error(request, _("You have sent several events today: please wait until "
                                      "tomorrow to send another. What you typed is below."))
            return TemplateResponse(request, "events/propose.html", {**context, "form": form},
                                    status=429, headers={"Retry-After": "3600"})
        if form.is_valid():
            services.propose_event(user=request.user, data=form.cleaned_data)
            messages.success(request, _("Thank you: your event was sent to the curators. We will "
                                        "email you when they have reviewed it."))
            return redirect(index.url)
        messages.error(request, _("The event was not sent: please correct the errors below."))
    return TemplateResponse(request, "events/propose.html", {**context, "form": form})


def my_events(request, index):
    context = {"page": index, "self": index, "list_url": index.url}
    if not request.user.is_authenticated:
        return TemplateResponse(request, "events/my_events.html", context)
    if request.method == "POST":
        services.regenerate_feed_token(user=request.user)
        messages.success(request, _("Your calendar address was replaced: the old one no longer "
                                    "works. Subscribe again with the new one."))
        return redirect(index.url + index.reverse_subpage("my_events"))
    zone = display.visitor_zone(request)
    token = services.feed_token_for(user=request.user)
    feed_path = reverse("events:personal_feed", kwargs={"token": token})
    # The member may have marked copies in other languages; show this language's copies.
    keys = {event.translation_key for event in selectors.followed_events(user=request.user)}
    events = index.get_events().filter(translation_key__in=keys).order_by("start", "pk")
    context.update({"rows": _rows(events, zone), "feed_url": request.build_absolute_uri(feed_path)})
    return TemplateResponse(request, "events/my_events.html", context)


def personal_feed(request, token):
    user = services.user_for_feed_token(token)
    if user is None:
        raise Http404
    response = _ics_response(services.personal_calendar(user=user), "pb-exchange-my-events.ics")
    response["Content-Disposition"] = 'inline; filename="pb-exchange-my-events.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
