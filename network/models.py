"""Members of the network and their profiles."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from pbexchange.vocabulary import Language, Role


def validate_time_zone(value):
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone (e.g. Europe/Paris)."),
                              params={"value": value})


def time_zone_choices():
    return [("", _("Not set"))] + [(name, name.replace("_", " "))
                                   for name in sorted(zoneinfo.available_timezones())
                                   if "/" in name and not name.startswith("Etc/")]


class Member(models.Model):
    """A person's profile in the network; one per user account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True,
        help_text=_("ISO 639-1 codes, e.g. en, fr."),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone],
        choices=time_zone_choices,
        help_text=_("Event and session times are shown in this zone."),
    )
    interface_language = models.CharField(
        _("interface language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.user.email

    def language_labels(self):
        labels = dict(Language.choices)
        return [labels.get(code, code) for code in self.languages]
