"""Members of the network and their profiles."""

import zoneinfo
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from pbexchange import timezones
from pbexchange.vocabulary import (
    Challenge,
    DecisionModel,
    Language,
    MeetingFormat,
    PoliticalStructure,
    PriorityOutcome,
    Region,
    Resources,
    Role,
    Stage,
    StateCapacity,
    TerritorialLevel,
)

# Priority outcomes a member can pick (the toolkit writes them through
# network.services.save_priority_outcomes); matching compares them.
PRIORITY_OUTCOMES = PriorityOutcome.choices


def validate_time_zone(value):
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone (e.g. Europe/Paris)."),
                              params={"value": value})


def time_zone_choices():
    """Every zone a member may store (forms show the grouped chooser of pbexchange.timezones)."""
    return [("", _("Not set"))] + timezones.stored_zone_choices()


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
    world_region = models.CharField(_("world region"), max_length=20, choices=Region.choices,
                                    blank=True)
    telegram_handle = models.CharField(
        _("Telegram handle"), max_length=64, blank=True,
        validators=[RegexValidator(r"^@?[A-Za-z0-9_]{5,32}$",
                                   _("A Telegram handle has 5 to 32 letters, digits or _."))],
    )
    # The context of the member's PB process.
    political_structure = models.CharField(_("political structure"), max_length=30,
                                           choices=PoliticalStructure.choices, blank=True)
    state_capacity = models.CharField(_("state capacity"), max_length=20,
                                      choices=StateCapacity.choices, blank=True)
    territorial_level = models.CharField(_("territorial level"), max_length=20,
                                         choices=TerritorialLevel.choices, blank=True)
    decision_model = models.CharField(_("decision-making model"), max_length=30,
                                      choices=DecisionModel.choices, blank=True)
    resources = models.CharField(_("government-allocated resources"), max_length=30,
                                 choices=Resources.choices, blank=True)
    population = models.PositiveIntegerField(
        _("population covered"), null=True, blank=True,
        help_text=_("Roughly how many people live where your PB process runs."))
    years_running = models.PositiveSmallIntegerField(
        _("years running"), null=True, blank=True,
        help_text=_("How many years the PB process has run (1 for a first cycle)."))
    stage = models.CharField(_("current PB stage"), max_length=30, choices=Stage.choices,
                             blank=True)
    challenges = models.JSONField(_("challenges you face now"), default=list, blank=True)
    help_topics = models.TextField(
        _("topics you can help others with"), blank=True, max_length=1000,
        help_text=_("For example: budget schools, online voting, feasibility reviews."))
    priority_outcomes = models.JSONField(_("priority outcomes"), default=list, blank=True)
    meeting_format = models.CharField(_("preferred format"), max_length=20,
                                      choices=MeetingFormat.choices, default=MeetingFormat.ONLINE,
                                      blank=True)
    # Matching and visibility: everything is off until the member opts in.
    consent_to_matching = models.BooleanField(
        _("match me with peers"), default=False,
        help_text=_("Include me in \"Find peers like me\" and in cohorts. You can withdraw at any time."))
    show_email = models.BooleanField(_("show my email to my cohort peers"), default=False)
    show_organisation = models.BooleanField(_("show my organisation to my cohort peers"),
                                            default=False)
    show_telegram = models.BooleanField(_("show my Telegram handle to my cohort peers"),
                                        default=False)
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

    def challenge_labels(self):
        labels = dict(Challenge.choices)
        return [labels.get(slug, slug) for slug in self.challenges]

    def outcome_labels(self):
        labels = dict(PRIORITY_OUTCOMES)
        return [labels.get(slug, slug) for slug in self.priority_outcomes]


class Expert(ClusterableModel):
    """A member who advises PB processes; staff vet them before they are listed publicly."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="expert",
                                  verbose_name=_("member"))
    vetted = models.BooleanField(_("vetted"), default=False,
                                 help_text=_("Only vetted experts appear in the public directory."))
    vetted_at = models.DateTimeField(_("vetted on"), null=True, blank=True)
    summary = models.TextField(_("summary of expertise"), max_length=2000)
    summary_language = models.CharField(
        _("language of the summary"), max_length=10, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Add the summary in other languages below; visitors read the one in theirs."))
    stages = models.JSONField(_("stages of expertise"), default=list, blank=True)
    regions = models.JSONField(_("regions of experience"), default=list, blank=True)
    territorial_levels = models.JSONField(_("territorial levels"), default=list, blank=True)
    decision_models = models.JSONField(_("decision-making models"), default=list, blank=True)
    state_capacities = models.JSONField(_("state capacities"), default=list, blank=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["member__name"]

    def __str__(self):
        return str(self.member)

    def stage_labels(self):
        return _labels(Stage, self.stages)

    @property
    def localized_summary(self) -> "LocalizedText":
        """The summary in the active language when staff wrote one, else the original."""
        language = get_language() or settings.LANGUAGE_CODE
        for translation in self.summary_translations.all():
            if translation.language == language and translation.text.strip():
                return LocalizedText(translation.text, translation.language)
        return LocalizedText(self.summary, self.summary_language)

    def region_labels(self):
        return _labels(Region, self.regions)

    def context_labels(self):
        return (_labels(TerritorialLevel, self.territorial_levels)
                + _labels(DecisionModel, self.decision_models)
                + _labels(StateCapacity, self.state_capacities))


class LocalizedText(NamedTuple):
    text: str
    language: str  # what templates put in the `lang` attribute around the text


class ExpertSummaryTranslation(models.Model):
    """An expert's summary written by staff in another language of the site."""

    expert = ParentalKey(Expert, on_delete=models.CASCADE, related_name="summary_translations")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.TextField(_("summary of expertise"), max_length=2000)

    class Meta:
        verbose_name = _("summary in another language")
        verbose_name_plural = _("summaries in other languages")
        ordering = ["language"]
        constraints = [models.UniqueConstraint(fields=["expert", "language"],
                                               name="one_expert_summary_per_language")]

    def __str__(self):
        return f"{self.expert} ({self.language})"


class AdvisedProcess(models.Model):
    """A PB process an expert advised, with a link and what came of it."""

    expert = ParentalKey(Expert, on_delete=models.CASCADE, related_name="processes")
    name = models.CharField(_("process"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True)
    results = models.TextField(_("results"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("advised process")
        verbose_name_plural = _("advised processes")
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name


def _labels(choices, slugs):
    labels = dict(choices.choices)
    return [labels.get(slug, slug) for slug in slugs]
