"""Forms members fill in on the events pages."""

import datetime
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from events.dates import check_event_date
from events.models import EventFormat, Participation
from pbexchange.place_fields import TimeZoneField
from pbexchange.vocabulary import Challenge, Language, Region, Stage


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventProposalForm(forms.Form):
    """A member's proposed event; times are read in the zone they choose."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=300,
                              help_text=_("One or two sentences shown in listings."))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False,
                                  max_length=10_000)
    start = forms.DateTimeField(label=_("Starts at"), widget=LocalDateTimeInput(),
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    end = forms.DateTimeField(label=_("Ends at"), widget=LocalDateTimeInput(),
                              input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    # The view sets the initial zone to the member's (see events.views.propose).
    time_zone = TimeZoneField(
        label=_("Time zone of these times"), blank_label=_("Choose a time zone"),
        help_text=_("The organiser's time zone, e.g. America/Bogota."))
    format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    joining_link = forms.URLField(label=_("Joining link"), required=False, assume_scheme="https",
                                  max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=200)
    organiser_url = forms.URLField(label=_("Organiser's website"), required=False,
                                   assume_scheme="https", max_length=200)
    languages = forms.MultipleChoiceField(label=_("Languages spoken at the event"),
                                          choices=Language.choices,
                                          widget=forms.CheckboxSelectMultiple)
    regions = forms.MultipleChoiceField(label=_("Regions it is relevant to"),
                                        choices=Region.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    stages = forms.MultipleChoiceField(label=_("PB stages it is relevant to"),
                                       choices=Stage.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    themes = forms.MultipleChoiceField(label=_("Challenges it addresses"),
                                       choices=Challenge.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    cost_amount = forms.DecimalField(label=_("Cost"), required=False, min_value=0,
                                     max_digits=9, decimal_places=2,
                                     help_text=_("Leave empty if the event is free."))
    cost_currency = forms.CharField(label=_("Currency"), max_length=3, required=False,
                                    help_text=_("ISO 4217 code, e.g. EUR."))
    registration_url = forms.URLField(label=_("Registration link"), required=False,
                                      assume_scheme="https", max_length=200)

    def clean_cost_currency(self):
        return self.cleaned_data["cost_currency"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        zone = zoneinfo.ZoneInfo(name) if name else None
        for field_name in ("start", "end"):
            value = cleaned.get(field_name)
            if value is None:
                continue
            try:
                check_event_date(value)
            except forms.ValidationError as error:
                self.add_error(field_name, error)
                continue
            if zone is None:
                continue
            naive = value.replace(tzinfo=None)
            aware = naive.replace(tzinfo=zone)
            if aware.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != naive:
                self.add_error(field_name, _("This time does not exist in that time zone "
                                             "(the clocks change then)."))
                continue
            cleaned[field_name] = aware.astimezone(datetime.UTC)
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The event must end after it starts."))
        event_format = cleaned.get("format")
        if event_format in (EventFormat.ONLINE, EventFormat.HYBRID) and not cleaned.get(
                "joining_link") and not cleaned.get("registration_url"):
            self.add_error("joining_link", _("Give a joining or registration link for an "
                                             "online event."))
        if event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not cleaned.get("city"):
            self.add_error("city", _("Say where an in-person event takes place."))
        if cleaned.get("cost_amount") and not cleaned.get("cost_currency"):
            self.add_error("cost_currency", _("Give the currency of the cost."))
        return cleaned


class ParticipationForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "")] + Participation.Status.choices, required=False)
