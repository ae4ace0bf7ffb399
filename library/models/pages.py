"""The library's pages: the searchable index and the resources (guides, tools, case studies...)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from library.blocks import ResourceBodyBlock
from library.placeholders import PlaceholderError, check_template, parse_declarations
from pbexchange.vocabulary import (
    DecisionModel,
    PoliticalStructure,
    Resources,
    StateCapacity,
    TerritorialLevel,
)


def validate_election_file(file):
    """A case study's election must be a Pabulib .pb file the calculator can read."""
    import calculator

    if not file.name.lower().endswith(".pb"):
        raise ValidationError(_("Attach a Pabulib .pb file (see pabulib.org/format)."))
    file.seek(0)
    try:
        calculator.parse_pabulib_text(file.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text.")) from None
    except calculator.PabulibFormatError as error:
        raise ValidationError(_("This .pb file cannot be read: %(error)s"),
                              params={"error": str(error)}) from None
    finally:
        file.seek(0)


class ResourceType(models.TextChoices):
    RESEARCH = "research", _("Research")
    TRAINING = "training", _("Training material")
    TOOL = "tool", _("Tool or template")
    CASE_STUDY = "case-study", _("Case study")
    VIDEO = "video", _("Video")
    GUIDE = "guide", _("Guide")


# Context attributes of a case study: (field name = query parameter, vocabulary).
CONTEXT_ATTRIBUTES = {
    "political_structure": PoliticalStructure,
    "state_capacity": StateCapacity,
    "territorial_level": TerritorialLevel,
    "decision_model": DecisionModel,
    "resources": Resources,
}


class ResourceIndexPage(RoutablePageMixin, Page):
    """/library/: search and facets over the resources, plus the feeds and the digest sign-up."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resource library")

    def get_resources(self, **params):
        """The live resources of the active language tree matching the library's search parameters."""
        from library import selectors

        return selectors.search_resources(**params)

    @path("")
    def listing(self, request):
        from library import views

        return views.library_listing(request, self)

    @path("feed/")
    def atom_feed(self, request):
        from library.feeds import AtomResourceFeed

        return AtomResourceFeed()(request, index_page=self)

    @path("feed/rss/")
    def rss_feed(self, request):
        from library.feeds import RssResourceFeed

        return RssResourceFeed()(request, index_page=self)

    @path("digest/")
    def digest(self, request):
        from library import views

        return views.digest_subscription(request, self)


class ResourcePage(RoutablePageMixin, Page):
    """One resource: what it is and when it helps, who it is for, and where to get it."""

    summary = models.TextField(
        _("practitioner summary"),
        max_length=600,
        validators=[MaxLengthValidator(600)],
        help_text=_("Up to 600 characters: what it is and when it helps."),
    )
    body = StreamField(ResourceBodyBlock(), blank=True, verbose_name=_("body"))
    resource_type = models.CharField(
        _("resource type"), max_length=20, choices=ResourceType.choices, db_index=True
    )
    publication_date = models.DateField(_("publication date"), db_index=True)
    languages = ParentalManyToManyField(
        "library.ResourceLanguage", verbose_name=_("languages"), related_name="resources"
    )
    regions = ParentalManyToManyField(
        "library.ResourceRegion", blank=True, verbose_name=_("regions"), related_name="resources"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    stages = ParentalManyToManyField(
        "library.ResourceStage", blank=True, verbose_name=_("PB stages"), related_name="resources"
    )
    themes = ParentalManyToManyField(
        "library.Theme", blank=True, verbose_name=_("themes"), related_name="resources"
    )
    authors = models.CharField(_("authors or organisation"), max_length=255, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("PDF, DOCX, XLSX or ODT, up to 20 MB."),
    )
    external_url = models.URLField(_("external link"), blank=True)
    election_file = models.FileField(
        _("election file (.pb)"),
        upload_to="elections/",
        blank=True,
        validators=[validate_election_file],
        help_text=_("Case studies: the vote as a Pabulib .pb file; the page then offers to "
                    "recount it with other rules in the calculator."),
    )
    video_url = models.URLField(_("video link"), blank=True)

    reviewed = models.BooleanField(
        _("reviewed by the research board"),
        default=False,
        db_index=True,
        help_text=_("Tick only when the research board has vetted this resource."),
    )
    reviewed_by = models.CharField(_("reviewer"), max_length=150, blank=True)
    reviewed_on = models.DateField(_("review date"), null=True, blank=True)

    # Context of the PB process (case studies only).
    political_structure = models.CharField(
        _("political structure"), max_length=40, blank=True, choices=PoliticalStructure.choices
    )
    state_capacity = models.CharField(
        _("state capacity"), max_length=40, blank=True, choices=StateCapacity.choices
    )
    territorial_level = models.CharField(
        _("territorial level"), max_length=40, blank=True, choices=TerritorialLevel.choices
    )
    decision_model = models.CharField(
        _("decision-making model"), max_length=40, blank=True, choices=DecisionModel.choices
    )
    resources = models.CharField(
        _("government-allocated resources"), max_length=40, blank=True, choices=Resources.choices
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    years_running = models.PositiveSmallIntegerField(_("years running"), null=True, blank=True)

    # Customisable template (tools and templates only).
    template_text = models.TextField(
        _("template text"),
        blank=True,
        help_text=_(
            "Boilerplate members can fill in. Use {name} for a placeholder and {{ or }} for a "
            "literal brace."
        ),
    )
    template_placeholders = models.TextField(
        _("placeholders"),
        blank=True,
        help_text=_(
            "One per line: name | label shown to members, e.g. municipality | Name of your "
            "municipality"
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("resource_type"),
                FieldPanel("publication_date"),
                FieldPanel("authors"),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries"),
                FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Facets"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("external_url"), FieldPanel("video_url")],
            heading=_("Files and links"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reviewed"),
                FieldRowPanel([FieldPanel("reviewed_by"), FieldPanel("reviewed_on")]),
            ],
            heading=_("Research board review"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in CONTEXT_ATTRIBUTES]
            + [FieldRowPanel([FieldPanel("population"), FieldPanel("years_running")]),
               FieldPanel("election_file")],
            heading=_("Context of the PB process (case studies)"),
        ),
        MultiFieldPanel(
            [FieldPanel("template_text"), FieldPanel("template_placeholders")],
            heading=_("Customisable template (tools and templates)"),
        ),
    ]

    # Title and summary matches rank first: the selector orders by where the words were found before
    # the backend's score, because SQLite's FTS index only knows "title" and "body".
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=5),
        index.SearchField("authors"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("resource_type"),
        index.FilterField("reviewed"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["library.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        super().clean()
        errors = {}
        if self.resource_type == ResourceType.CASE_STUDY:
            for name in CONTEXT_ATTRIBUTES:
                if not getattr(self, name):
                    errors[name] = _("A case study needs its full context.")
        if self.election_file and self.resource_type != ResourceType.CASE_STUDY:
            errors["election_file"] = _("Only a case study can carry its election's file.")
        if self.reviewed and not self.reviewed_by:
            errors["reviewed_by"] = _("Say who reviewed it.")
        if self.template_text or self.template_placeholders:
            if self.resource_type != ResourceType.TOOL:
                errors["template_text"] = _(
                    "Only a tool or template can carry a customisable template."
                )
            try:
                parse_declarations(self.template_placeholders)
            except PlaceholderError as error:
                errors["template_placeholders"] = str(error)
            else:
                try:
                    check_template(self.template_text, self.template_placeholders)
                except PlaceholderError as error:
                    errors["template_text"] = str(error)
        if errors:
            raise ValidationError(errors)

    @property
    def is_case_study(self):
        return self.resource_type == ResourceType.CASE_STUDY

    @property
    def placeholders(self):
        return parse_declarations(self.template_placeholders) if self.template_text else []

    def context_items(self):
        """(label, value label) pairs of the case study's context, for display."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, f"get_{name}_display")())
            for name in CONTEXT_ATTRIBUTES
            if getattr(self, name)
        ]

    def similar_cases(self, *, limit=4):
        """Case studies in the same language tree ranked by shared context attributes, with reasons."""
        if not self.is_case_study:
            return []
        shared = [name for name in CONTEXT_ATTRIBUTES if getattr(self, name)]
        if not shared:
            return []
        score = sum(
            (
                Case(
                    When(**{name: getattr(self, name)}, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
                for name in shared
            ),
            Value(0),
        )
        candidates = (
            ResourcePage.objects.live()
            .filter(locale_id=self.locale_id, resource_type=ResourceType.CASE_STUDY)
            .exclude(translation_key=self.translation_key)
            .annotate(shared_count=score)
            .filter(shared_count__gte=1)
            .order_by("-shared_count", "title")[:limit]
        )
        results = []
        for case in candidates:
            reasons = [
                (self._meta.get_field(name).verbose_name, getattr(case, f"get_{name}_display")())
                for name in shared
                if getattr(case, name) == getattr(self, name)
            ]
            results.append({"page": case, "reasons": reasons})
        return results

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translations"] = (
            self.get_translations().live().filter(alias_of__isnull=True).select_related("locale")
        )
        context["similar_cases"] = self.similar_cases()
        return context

    @path("fill/")
    def fill(self, request):
        from library import views

        return views.fill_template(request, self)
