"""Reference data a resource is tagged with: content languages, regions, PB stages and themes.

Languages, regions and stages are fixed vocabularies (`pbexchange.vocabulary`) stored as tiny tables
keyed by their slug, so that facets are real many-to-many relations: counting resources per value is
one GROUP BY on the link table, on SQLite and PostgreSQL alike. Themes are edited by staff.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from pbexchange.vocabulary import Language, Region, Stage


class VocabularyTerm(models.Model):
    """A value of a fixed vocabulary, keyed by its slug."""

    choices = None

    code = models.CharField(_("code"), max_length=40, primary_key=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return str(dict(self.choices.choices).get(self.code, self.code))

    @classmethod
    def sync(cls):
        """Create a row for every value of the vocabulary (new values appear after a release)."""
        existing = set(cls.objects.values_list("code", flat=True))
        cls.objects.bulk_create(
            [cls(code=code) for code in cls.choices.values if code not in existing]
        )


class ResourceLanguage(VocabularyTerm):
    choices = Language

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("content language")
        verbose_name_plural = _("content languages")


class ResourceRegion(VocabularyTerm):
    choices = Region

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class ResourceStage(VocabularyTerm):
    choices = Stage

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("PB stage")
        verbose_name_plural = _("PB stages")


class Theme(index.Indexed, models.Model):
    """A theme resources are tagged with, e.g. a recurring challenge or "selecting winning projects"."""

    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in shareable library addresses, e.g. ?theme=stalled-implementation"),
    )
    name = models.CharField(_("name (English)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=120, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("name_fr"),
        FieldPanel("name_es"),
        FieldPanel("name_pt"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name in the active interface language, falling back to English."""
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name
