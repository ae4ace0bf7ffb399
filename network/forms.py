from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from network.models import Member
from pbexchange.vocabulary import Language


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
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"), choices=Language.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Member
        fields = ["name", "organisation", "country", "role", "languages", "time_zone"]


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
