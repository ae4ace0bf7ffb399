"""The site's own pages: the home page and plain content pages (privacy, contact, about)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The front door: what the network is, the latest resources, the next events, a call to join."""

    headline = models.CharField(_("headline"), max_length=200)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    cohort_call = models.CharField(
        _("call to join a cohort"),
        max_length=300,
        help_text=_("One sentence inviting visitors to join a peer cohort."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("headline"),
        FieldPanel("intro"),
        FieldPanel("cohort_call"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from events import display
        from home import selectors

        context = super().get_context(request, *args, **kwargs)
        context["latest_resources"] = selectors.latest_resources(limit=6)
        zone = display.visitor_zone(request)
        context["visitor_zone"] = zone
        context["next_events"] = [{"event": event, "when": display.when(event, zone)}
                                  for event in selectors.next_events(limit=4)]
        return context


class StandardPage(Page):
    """A plain content page such as the privacy notice or the contact page."""

    body = RichTextField(_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteChrome(BaseSiteSetting):
    """Links shown in every page's footer, editable by staff."""

    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("privacy page"),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("contact page"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [FieldPanel("privacy_page"), FieldPanel("contact_page"), FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("site footer")
