"""Form fields for a country and a time zone, read with `pbexchange.places`.

`CountryNameField` is a text box with the country names of the active language as suggestions
(a <datalist>), so a member may type "USA", "Brasil" or "CI" as in a spreadsheet.
`TimeZoneField` is the time-zone chooser of `pbexchange.timezones`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from pbexchange import timezones
from pbexchange.places import PlaceError, parse_country, parse_time_zone


class CountryNameInput(forms.TextInput):
    """A text box showing the country's name, with every country name offered as a suggestion."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "country-name", **(attrs or {})})

    def format_value(self, value):
        code = str(getattr(value, "code", value) or "")
        return str(countries.name(code)) if code.upper() in countries else code

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}_suggestions"
        box = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}"></option>',
                                   ((country_name,) for _code, country_name in countries))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class CountryNameField(forms.CharField):
    """A country written as a name (English, French, Spanish, Portuguese) or a code; cleans to the code."""

    widget = CountryNameInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Type its name or its two-letter code, e.g. Brazil or BR."))
        kwargs.pop("max_length", None)
        super().__init__(max_length=100, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return ""
        try:
            return parse_country(value)
        except PlaceError as error:
            raise ValidationError(str(error), code="invalid") from None


class TimeZoneSelect(forms.Select):
    """The grouped chooser; a stored zone the chooser does not list is kept as an extra option."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        listed = {option["value"] for _group, options, _index in groups for option in options}
        # Not a value longer than any zone name: an oversized post is not echoed back.
        extra = [zone for zone in value if zone and zone not in listed and len(zone) <= 64]
        if extra:
            options = [self.create_option(name, zone, zone.replace("_", " "), True, len(groups))
                       for zone in extra]
            groups.append((str(_("Your current zone")), options, len(groups)))
        return groups


class TimeZoneField(forms.ChoiceField):
    """Choose a zone from the grouped chooser; also reads what `parse_time_zone` reads (UTC+2...)."""

    widget = TimeZoneSelect

    def __init__(self, *, blank_label=None, **kwargs):
        blank_label = blank_label if blank_label is not None else _("Not set")
        super().__init__(choices=lambda: timezones.time_zone_choices(blank_label=blank_label),
                         **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return ""
        try:
            return parse_time_zone(value).name
        except PlaceError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None

    def validate(self, value):
        forms.Field.validate(self, value)  # any zone parse_time_zone returned is a valid choice
