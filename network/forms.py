from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import PRIORITY_OUTCOMES, Member
from pbexchange.place_fields import CountryNameField, TimeZoneField
from pbexchange.vocabulary import Challenge, Language


class SignupForm(AllauthSignupForm):
    """Sign-up asks for a name besides email and password, so peers know who they meet."""

    name = forms.CharField(
        label=_("Your name"), max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["name", "email", "password1", "password2"]

    def save(self, request):
        user = super().save(request)
        from network import services

        member = services.get_member(user=user)
        member.name = self.cleaned_data["name"]
        member.save(update_fields=["name"])
        return user


class ProfileForm(forms.ModelForm):
    country = CountryNameField(label=_("Country"), required=False)
    time_zone = TimeZoneField(label=_("Time zone"), required=False,
                              help_text=_("Event and session times are shown in this zone."))
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=Language.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    challenges = forms.MultipleChoiceField(
        label=_("Challenges you face now"), choices=Challenge.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priority_outcomes = forms.MultipleChoiceField(
        label=_("Outcomes that matter most to your process"), choices=PRIORITY_OUTCOMES,
        required=False, widget=forms.CheckboxSelectMultiple,
    )

    # Shown as groups (one <fieldset> each) on "My account".
    FIELDSETS = [
        (_("About you"), ["name", "role", "organisation", "country", "world_region", "languages",
                          "time_zone", "telegram_handle"]),
        (_("Your PB process"), ["political_structure", "state_capacity", "territorial_level",
                                "decision_model", "resources", "population", "years_running",
                                "stage"]),
        (_("What you need and offer"), ["challenges", "priority_outcomes", "help_topics",
                                        "meeting_format"]),
        (_("Matching and privacy"), ["consent_to_matching", "show_email", "show_organisation",
                                     "show_telegram"]),
    ]

    class Meta:
        model = Member
        fields = ["name", "organisation", "country", "role", "languages", "time_zone",
                  "world_region", "telegram_handle", "political_structure", "state_capacity",
                  "territorial_level", "decision_model", "resources", "population",
                  "years_running", "stage", "challenges", "priority_outcomes", "help_topics",
                  "meeting_format", "consent_to_matching", "show_email", "show_organisation",
                  "show_telegram"]
        widgets = {"help_topics": forms.Textarea(attrs={"rows": 3})}

    def fieldsets(self):
        """(legend, group) pairs; each group renders with includes/form_fields.html."""
        return [(legend, _FieldGroup([self[name] for name in names]))
                for legend, names in self.FIELDSETS]

    def clean_telegram_handle(self):
        return self.cleaned_data["telegram_handle"].lstrip("@")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_to_matching"):
            # Peers must share a language and, online, a compatible time zone.
            if not cleaned.get("languages"):
                self.add_error("languages", _("Choose at least one language to be matched."))
            if not cleaned.get("time_zone"):
                self.add_error("time_zone", _("Choose your time zone to be matched."))
        if cleaned.get("show_telegram") and not cleaned.get("telegram_handle"):
            self.add_error("telegram_handle", _("Enter your Telegram handle to show it."))
        return cleaned


class CohortPostForm(forms.Form):
    body = forms.CharField(label=_("Note for your cohort"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    link = forms.URLField(label=_("Link to a resource (optional)"), required=False,
                          assume_scheme="https")


class ExpertMessageForm(forms.Form):
    """A member's message to a vetted expert, sent by the site (the expert's address stays private)."""

    message = forms.CharField(
        label=_("Your message"), min_length=20, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say who you are, where your PB process is and what you would like to ask. "
                    "The expert receives it by email with your name and address, and replies "
                    "to you directly."))


class _FieldGroup:
    """A slice of a form's fields that quacks like a form for includes/form_fields.html."""

    non_field_errors = ()

    def __init__(self, fields):
        self.fields = fields

    def hidden_fields(self):
        return []

    def visible_fields(self):
        return self.fields


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("We ask for it so that nobody else can delete your account."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not correct."))
        return password
