"""What the library search reads and what it remembers: the analysed text of each resource page and
the daily counts of searches (no personal data) behind the gap report."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One resource page's index terms per field (`library.analysis`), kept by `library.search`.

    The database matches the terms: an FTS5 table fed by triggers on SQLite, a weighted tsvector
    column with a GIN index on PostgreSQL (both made by migration 0003).
    """

    page = models.OneToOneField(
        "library.ResourcePage", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The words of the title, summary and tags as written (for "did you mean").
    words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self):
        return f"search entry {self.page_id}"


class SearchChannel(models.TextChoices):
    WEB = "web", _("Website")
    BOT = "bot", _("Telegram bot")
    API = "api", _("API")


class SearchRecord(models.Model):
    """How often a normalised query was searched and followed on one day: no user, IP or session."""

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(_("query"), max_length=200)
    locale = models.CharField(_("language"), max_length=8)
    channel = models.CharField(_("channel"), max_length=8, choices=SearchChannel.choices)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    results = models.PositiveIntegerField(_("results at the last search"), default=0)
    clicks = models.PositiveIntegerField(_("results opened"), default=0)

    class Meta:
        verbose_name = _("search record")
        verbose_name_plural = _("search records")
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "locale", "channel"],
                                    name="library_search_record_unique_day"),
        ]

    def __str__(self):
        return f"{self.day} {self.channel} {self.locale}: {self.query}"
