"""Cohorts of peers, their sessions and posts, and the matching settings staff tune."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from network.models import Member, validate_time_zone


@register_setting(icon="group")
class MatchingSettings(BaseGenericSetting):
    """Weights of the similarity and the hard constraints of a matching round."""

    weight_role = models.FloatField(_("weight of role"), default=3.0)
    weight_stage = models.FloatField(_("weight of PB stage"), default=3.0)
    weight_context = models.FloatField(_("weight of context"), default=2.0)
    weight_challenges = models.FloatField(_("weight of challenges"), default=1.0)
    weight_outcomes = models.FloatField(_("weight of priority outcomes"), default=1.0)
    min_size = models.PositiveSmallIntegerField(_("smallest cohort"), default=4)
    max_size = models.PositiveSmallIntegerField(_("largest cohort"), default=8)
    max_tz_spread_hours = models.FloatField(
        _("time-zone spread limit (hours)"), default=6,
        help_text=_("For online cohorts: the largest gap between members' UTC offsets."))
    in_person = models.BooleanField(_("form in-person cohorts too"), default=True)

    panels = [
        MultiFieldPanel([FieldPanel("weight_role"), FieldPanel("weight_stage"),
                         FieldPanel("weight_context"), FieldPanel("weight_challenges"),
                         FieldPanel("weight_outcomes")], heading=_("Similarity weights")),
        MultiFieldPanel([FieldPanel("min_size"), FieldPanel("max_size"),
                         FieldPanel("max_tz_spread_hours"), FieldPanel("in_person")],
                        heading=_("Hard constraints")),
    ]

    class Meta:
        verbose_name = _("matching settings")

    def clean(self):
        if not 2 <= self.min_size <= self.max_size:
            raise ValidationError(_("Cohort sizes must satisfy 2 ≤ smallest ≤ largest."))
        weights = [self.weight_role, self.weight_stage, self.weight_context,
                   self.weight_challenges, self.weight_outcomes]
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ValidationError(_("Weights must be zero or more, and not all zero."))


class MatchingRound(models.Model):
    """One run of the matching algorithm and what it did."""

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    full = models.BooleanField(_("full re-match"), default=False)
    score = models.FloatField(_("score"), null=True, blank=True)
    placed = models.PositiveIntegerField(_("members placed"), default=0)
    waiting = models.PositiveIntegerField(_("members waiting"), default=0)
    new_cohorts = models.PositiveIntegerField(_("new cohorts"), default=0)
    report = models.TextField(_("report"), blank=True)

    class Meta:
        verbose_name = _("matching round")
        verbose_name_plural = _("matching rounds")
        ordering = ["-started_at"]

    def __str__(self):
        return _("Round of %(date)s") % {"date": self.started_at.strftime("%Y-%m-%d %H:%M")}


class Cohort(models.Model):
    """A small group of peers who meet regularly."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed (staff review)")
        INVITING = "inviting", _("Invitations sent")
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=120)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PROPOSED)
    reason = models.TextField(_("why this cohort"), blank=True)
    meeting_format = models.CharField(_("meeting format"), max_length=20, blank=True)
    languages = models.JSONField(_("common languages"), default=list, blank=True)
    score = models.FloatField(_("similarity score"), null=True, blank=True)
    matching_round = models.ForeignKey(MatchingRound, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="cohorts")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-created_at", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network_public:cohort", args=[self.pk])


class CohortMembership(models.Model):
    """A member's place in a cohort, from proposal to acceptance (or refusal, or leaving)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    # Who still counts as part of the cohort for matching and for its page.
    CURRENT = (Status.PROPOSED, Status.INVITED, Status.ACCEPTED)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="cohort_memberships")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PROPOSED)
    reason = models.TextField(_("why this member"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("cohort membership")
        verbose_name_plural = _("cohort memberships")
        constraints = [models.UniqueConstraint(fields=["cohort", "member"],
                                               name="one_membership_per_cohort")]
        ordering = ["member__name"]

    def __str__(self):
        return f"{self.member} · {self.cohort}"


class CohortSession(models.Model):
    """A meeting of a cohort; it feeds the members' personal calendars."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC",
                                 validators=[validate_time_zone])
    joining_link = models.URLField(_("joining link"), blank=True)

    class Meta:
        verbose_name = _("cohort session")
        verbose_name_plural = _("cohort sessions")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title

    @property
    def url(self):
        return self.cohort.get_absolute_url()


class CohortPost(models.Model):
    """A note or resource a member shares with their cohort; staff can remove it."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="cohort_posts")
    body = models.TextField(_("note"), max_length=4000)
    link = models.URLField(_("link to a resource"), blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    removed = models.BooleanField(_("removed by staff"), default=False)

    class Meta:
        verbose_name = _("cohort post")
        verbose_name_plural = _("cohort posts")
        ordering = ["-created_at"]

    def __str__(self):
        return self.body[:60]
