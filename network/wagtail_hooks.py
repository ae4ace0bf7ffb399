from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from network.importing import import_members
from network.models import Expert, Member
from pbexchange.place_fields import CountryNameField, TimeZoneField
from pbexchange.vocabulary import DecisionModel, Region, Stage, StateCapacity, TerritorialLevel


def _multiple(label, choices):
    return forms.MultipleChoiceField(label=label, choices=choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class ExpertAdminForm(WagtailAdminModelForm):
    """Expertise lists as checkboxes rather than raw JSON."""

    stages = _multiple(_("stages of expertise"), Stage.choices)
    regions = _multiple(_("regions of experience"), Region.choices)
    territorial_levels = _multiple(_("territorial levels"), TerritorialLevel.choices)
    decision_models = _multiple(_("decision-making models"), DecisionModel.choices)
    state_capacities = _multiple(_("state capacities"), StateCapacity.choices)

    def save(self, commit=True):
        from django.utils import timezone

        if self.instance.vetted and self.instance.vetted_at is None:
            self.instance.vetted_at = timezone.now()
        return super().save(commit)


class MemberAdminForm(WagtailAdminModelForm):
    """Country and time zone read as on the profile form (names, codes; the grouped chooser)."""

    country = CountryNameField(label=_("country"), required=False)
    time_zone = TimeZoneField(label=_("time zone"), required=False,
                              help_text=_("Event and session times are shown in this zone."))


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = _("Members")
    list_display = ["name", "role", "country", "stage", "consent_to_matching"]
    list_filter = ["role", "stage", "consent_to_matching", "world_region"]
    search_fields = ["name", "organisation"]
    edit_handler = ObjectList([
        FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation"), FieldPanel("country"),
        FieldPanel("world_region"), FieldPanel("time_zone"), FieldPanel("stage"),
        MultiFieldPanel([FieldPanel("political_structure"), FieldPanel("state_capacity"),
                         FieldPanel("territorial_level"), FieldPanel("decision_model"),
                         FieldPanel("resources"), FieldPanel("population"),
                         FieldPanel("years_running")], heading=_("Context")),
        FieldPanel("consent_to_matching"), FieldPanel("meeting_format"),
    ], base_form_class=MemberAdminForm)


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "pick"
    menu_label = _("Experts")
    list_display = ["member", "vetted", "vetted_at"]
    list_filter = ["vetted"]
    edit_handler = ObjectList([
        FieldPanel("member"), FieldPanel("vetted"), FieldPanel("summary"),
        FieldPanel("summary_language"),
        InlinePanel("summary_translations", label=_("Summary in other languages")),
        MultiFieldPanel([FieldPanel("stages"), FieldPanel("regions"),
                         FieldPanel("territorial_levels"), FieldPanel("decision_models"),
                         FieldPanel("state_capacities")], heading=_("Expertise")),
        InlinePanel("processes", label=_("PB processes advised")),
    ], base_form_class=ExpertAdminForm)


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 250
    items = (MemberViewSet, ExpertViewSet)


register_snippet(NetworkViewSetGroup)


MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    csv_file = forms.FileField(label=_("CSV file"), help_text=_(
        "Columns: email, name, role, country, languages (separated by ;), stage, and any other "
        "profile field. Slugs or labels, in any case. Countries as names (English, French, "
        "Spanish, Portuguese) or codes; time zones as names, cities or offsets such as UTC+2."))

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("“%(name)s” is not a .csv file.") % {"name": upload.name})
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.")
                                        % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)})
        return upload


def import_members_view(request):
    """Staff upload the same CSV as `manage.py import_members`."""
    if not request.user.has_perm("auth.add_user"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["csv_file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text."))
            return redirect("network_import_members")
        report = import_members(text)
    return TemplateResponse(request, "network/admin/import_members.html",
                            {"form": form, "report": report, "header_title": _("Import members")})


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("network/import/", import_members_view, name="network_import_members")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(_("Import members"), reverse("network_import_members"), icon_name="upload",
                    order=260)
