"""Forms and query-string parsing for the library's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from library.models import CONTEXT_ATTRIBUTES, ResourceLanguage, ResourceStage, Theme

# Query parameters of the library search, and whether each may repeat.
MULTI_PARAMS = ("language", "region", "stage", "type", "theme", *CONTEXT_ATTRIBUTES)
SINGLE_PARAMS = ("q", "reviewed", "sort", "page")


def search_params(query_dict, *, per_page=None):
    """Keyword arguments for selectors.search_resources from a request's GET parameters."""
    params = {name: query_dict.getlist(name) for name in MULTI_PARAMS if name in query_dict}
    params.update({name: query_dict.get(name) for name in SINGLE_PARAMS if name in query_dict})
    if per_page is not None:
        params["per_page"] = per_page
    params.setdefault("q", "")
    params["sort"] = params.get("sort") or "relevance"
    params["page"] = params.get("page") or 1
    return params


class TemplateFillForm(forms.Form):
    """One text field per declared placeholder of a customisable template."""

    def __init__(self, *args, placeholders, label_language="", **kwargs):
        super().__init__(*args, **kwargs)
        for placeholder in placeholders:
            self.fields[placeholder.name] = forms.CharField(
                label=placeholder.label,
                max_length=1000,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            # The labels are the template's own words: templates/includes/form_fields.html marks
            # them with the language the template is written in.
            self.fields[placeholder.name].label_language = label_language


class DigestSubscriptionForm(forms.Form):
    active = forms.BooleanField(
        label=_("Send me the weekly digest of new resources"), required=False
    )
    stages = forms.ModelMultipleChoiceField(
        queryset=ResourceStage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("PB stages"),
        help_text=_("Leave empty for every stage."),
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=ResourceLanguage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages of the resources"),
        help_text=_("Leave empty for every language."),
    )
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Themes"),
        help_text=_("Leave empty for every theme."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Vocabulary order (the cycle's order for stages), not alphabetical codes.
        from pbexchange.vocabulary import Language, Stage

        order = {code: n for n, code in enumerate(Stage.values)}
        self.fields["stages"].queryset = ResourceStage.objects.filter(code__in=order)
        self.fields["stages"].choices = sorted(
            self.fields["stages"].choices, key=lambda c: order.get(str(c[0]), 99)
        )
        self.fields["languages"].queryset = ResourceLanguage.objects.filter(
            code__in=Language.values
        )
