"""The events calendar: an index page at /events/, one page per event, and members' participation."""

import secrets
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from events.admin_forms import OrganiserZoneFormMixin
from events.dates import check_event_date
from pbexchange.vocabulary import Challenge, Language, Region, Stage


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone (e.g. Europe/Paris)."),
                              params={"value": value})


def time_zone_choices():
    return [("UTC", "UTC")] + [
        (name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "posix/", "right/"))]


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in-person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class EventIndexPage(RoutablePageMixin, Page):
    """/events/: upcoming events as a list and a month grid, the archive, feeds and proposals."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")

    def get_events(self):
        """Live events of this index's language tree (the one copy of each event per language)."""
        return EventPage.objects.child_of(self).live().filter(locale=self.locale)

    # Routes: the views live in events/views.py; these methods only dispatch to them. The .ics
    # files are plain Django URLs (events/urls.py): Wagtail only serves paths ending in "/".
    @path("")
    def upcoming(self, request):
        from events import views

        return views.upcoming(request, self)

    @path("month/")
    def month(self, request):
        from events import views

        return views.month(request, self)

    @path("archive/")
    def archive(self, request):
        from events import views

        return views.archive(request, self)

    @path("propose/")
    def propose(self, request):
        from events import views

        return views.propose(request, self)

    @path("my/")
    def my_events(self, request):
        from events import views

        return views.my_events(request, self)



class MaterialLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("link")


class EventPageForm(OrganiserZoneFormMixin, WagtailAdminPageForm):
    """Times in the organiser's zone; multiple-choice widgets for the vocabulary lists stored as JSON."""

    languages = forms.MultipleChoiceField(label=_("languages"), choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)
    regions = forms.MultipleChoiceField(label=_("regions"), choices=Region.choices,
                                        widget=forms.CheckboxSelectMultiple, required=False)
    stages = forms.MultipleChoiceField(label=_("PB stages"), choices=Stage.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)
    themes = forms.MultipleChoiceField(label=_("themes"), choices=Challenge.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The event must end after it starts."))
        if cleaned.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not cleaned.get("city"):
            self.add_error("city", _("Say where an in-person event takes place."))
        return cleaned


class EventPage(RoutablePageMixin, Page):
    """One workshop, conference or webinar; times are stored in UTC with the organiser's zone."""

    summary = models.CharField(_("summary"), max_length=300)
    description = RichTextField(_("description"), blank=True)
    start = models.DateTimeField(_("starts at"), db_index=True)
    end = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("organiser's time zone"), max_length=64,
                                 choices=time_zone_choices, validators=[validate_time_zone],
                                 help_text=_("Times are entered and shown in this zone by default."))
    format = models.CharField(_("format"), max_length=12, choices=EventFormat.choices,
                              default=EventFormat.ONLINE)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    joining_link = models.URLField(_("joining link"), blank=True)
    joining_link_members_only = models.BooleanField(
        _("show the joining link to logged-in members only"), default=False)
    organiser = models.CharField(_("organiser"), max_length=200)
    organiser_url = models.URLField(_("organiser's website"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Languages spoken at the event (ISO 639-1)."))
    regions = models.JSONField(_("regions"), default=list, blank=True)
    stages = models.JSONField(_("PB stages"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    cost_amount = models.DecimalField(_("cost"), max_digits=9, decimal_places=2, null=True,
                                      blank=True, help_text=_("Leave empty if the event is free."))
    cost_currency = models.CharField(_("currency"), max_length=3, blank=True,
                                     help_text=_("ISO 4217 code, e.g. EUR."))
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False,
                                    help_text=_("Followers are told and calendar feeds mark it."))
    cancellation_note = models.CharField(_("cancellation note"), max_length=300, blank=True)
    recording_url = models.URLField(_("recording"), blank=True)
    materials = StreamField(
        [("resource", blocks.PageChooserBlock(label=_("library resource"))),
         ("document", DocumentChooserBlock(label=_("document"))),
         ("link", MaterialLinkBlock())],
        blank=True, verbose_name=_("materials"),
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="proposed_events",
                                    verbose_name=_("proposed by"))

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                         FieldPanel("time_zone")], heading=_("When")),
        MultiFieldPanel([FieldPanel("format"), FieldPanel("venue"), FieldPanel("city"),
                         FieldPanel("country"), FieldPanel("joining_link"),
                         FieldPanel("joining_link_members_only")], heading=_("Where")),
        MultiFieldPanel([FieldPanel("organiser"), FieldPanel("organiser_url")],
                        heading=_("Organiser")),
        MultiFieldPanel([FieldPanel("languages"), FieldPanel("regions"), FieldPanel("stages"),
                         FieldPanel("themes")], heading=_("Relevant to")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("cost_amount"), FieldPanel("cost_currency")]),
                         FieldPanel("registration_url"), FieldPanel("registration_deadline"),
                         FieldPanel("capacity")], heading=_("Registration")),
        MultiFieldPanel([FieldPanel("cancelled"), FieldPanel("cancellation_note")],
                        heading=_("Status")),
        MultiFieldPanel([FieldPanel("recording_url"), FieldPanel("materials")],
                        heading=_("After the event")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"),
                                          index.SearchField("description"),
                                          index.FilterField("start")]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        for name in ("start", "end", "registration_deadline"):
            try:
                check_event_date(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if not errors and self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_free(self):
        return not self.cost_amount

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def ical_uid(self):
        from events.ical import uid_for

        return uid_for(self)

    def schedule_fingerprint(self):
        """What, when changed, makes calendars update and followers hear about it."""
        return "|".join([self.start.isoformat(), self.end.isoformat(), self.time_zone,
                         self.format, self.venue, self.city, self.country, self.joining_link,
                         "cancelled" if self.cancelled else "scheduled"])

    @path("")
    def detail(self, request):
        from events import views

        return views.event_detail(request, self)

    @path("follow/")
    def follow(self, request):
        from events import views

        return views.follow(request, self)


class EventSchedule(models.Model):
    """The iCalendar SEQUENCE of an event, shared by its copies in every language."""

    translation_key = models.UUIDField(unique=True)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event schedule")

    def __str__(self):
        return f"{self.translation_key} (SEQUENCE {self.sequence})"


class Participation(models.Model):
    """A member's "I'm interested" or "I'm going" on an event."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("I'm interested")
        GOING = "going", _("I'm going")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="event_participations")
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="participations")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        constraints = [models.UniqueConstraint(fields=["user", "event"],
                                               name="one_participation_per_event")]

    def __str__(self):
        return f"{self.user} · {self.event} · {self.status}"


def new_feed_token():
    return secrets.token_urlsafe(24)


class CalendarFeedToken(models.Model):
    """The secret in a member's personal calendar address; replacing it revokes the old one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed_token")
    token = models.CharField(max_length=80, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed address")

    def __str__(self):
        return str(self.user)
