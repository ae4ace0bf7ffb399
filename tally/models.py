"""Stored votes and counts: the calculator's input and results live in the database, not in a
web process, so that any worker (web or task) can run, show or compare them."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_key() -> str:
    """An unguessable key for a shareable URL (128 random bits)."""
    return secrets.token_urlsafe(16)


class VoteInput(models.Model):
    """A vote as it was sent: an uploaded .pb/.csv file, or the typed budget, projects and ballots
    (as JSON). Kept in the database (not on a disk only one machine sees, nor in a process's
    memory) until ``expires_at``; the same file sent again by the same visitor is stored once."""

    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    visitor = models.CharField(max_length=64, db_index=True,
                               help_text="A keyed hash of the member or of the IP address.")
    filename = models.CharField(max_length=255, blank=True, help_text="Empty for a typed vote.")
    typed = models.BooleanField(default=False)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    vote_type = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("stored vote")
        indexes = [models.Index(fields=["visitor", "sha256"])]

    def __str__(self):
        return self.filename or "typed vote"


class Count(models.Model):
    """One count (a rule on a vote) or one comparison (several rules on a vote), run by the
    ``run_count`` task; its result is stored once and shown at a shareable URL until
    ``expires_at``."""

    class Kind(models.TextChoices):
        COUNT = "count", _("count")
        COMPARISON = "comparison", _("comparison")

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("counting")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        TIMED_OUT = "timed-out", _("stopped at the time limit")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COUNT)
    vote = models.ForeignKey(VoteInput, on_delete=models.CASCADE, related_name="counts")
    compared = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="comparisons",
                                 help_text="For a comparison: the count it started from.")
    rule = models.CharField(max_length=40, help_text="For a comparison: the rules, comma-separated.")
    options = models.JSONField(default=dict, blank=True,
                               help_text="The rule's options; for a comparison {rule: options}.")
    budget = models.CharField(max_length=40, blank=True, help_text="Replaces the file's budget.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(max_length=40, blank=True,
                                help_text="What the count is doing, for the waiting page.")
    error = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)
    visitor = models.CharField(max_length=64, db_index=True)
    member = models.BooleanField(default=False, help_text="Sent by a signed-in member.")
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("count")
        indexes = [models.Index(fields=["status", "member"]),
                   models.Index(fields=["visitor", "created_at"])]

    def __str__(self):
        return f"{self.kind} {self.rule} ({self.status})"

    @property
    def rules(self) -> list[str]:
        return [rule for rule in self.rule.split(",") if rule]

    @property
    def finished(self) -> bool:
        return self.status not in self.ACTIVE
