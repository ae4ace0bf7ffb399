"""Import an existing network's members from CSV (the command and the admin share this).

Every row is checked; good rows are imported (or update the member with that email, so
re-importing a file creates no duplicates); bad rows are reported with their line number.
Countries and time zones are read as hosts write them (`pbexchange.places`); when a time zone
had to be interpreted (an offset such as UTC+2, an abbreviation), the report says which zone
was stored.
"""

import csv
import io
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from network.models import PRIORITY_OUTCOMES, Member
from pbexchange.csv_reports import check_columns
from pbexchange.places import PlaceError, parse_country, parse_time_zone
from pbexchange.vocabulary import (
    Challenge,
    DecisionModel,
    Language,
    MeetingFormat,
    PoliticalStructure,
    Region,
    Resources,
    Role,
    Stage,
    StateCapacity,
    TerritorialLevel,
)

REQUIRED_COLUMNS = ("email", "name")
CHOICE_COLUMNS = {
    "role": Role.choices, "stage": Stage.choices, "world_region": Region.choices,
    "political_structure": PoliticalStructure.choices, "state_capacity": StateCapacity.choices,
    "territorial_level": TerritorialLevel.choices, "decision_model": DecisionModel.choices,
    "resources": Resources.choices, "meeting_format": MeetingFormat.choices,
}
LIST_COLUMNS = {"languages": Language.choices, "challenges": Challenge.choices,
                "priority_outcomes": PRIORITY_OUTCOMES}
INTEGER_COLUMNS = ("population", "years_running")
BOOLEAN_COLUMNS = ("consent_to_matching", "show_email", "show_organisation", "show_telegram")
TEXT_COLUMNS = ("organisation", "help_topics", "telegram_handle")
KNOWN_COLUMNS = (set(REQUIRED_COLUMNS) | {"country", "time_zone"} | set(CHOICE_COLUMNS) | set(LIST_COLUMNS)
                 | set(INTEGER_COLUMNS) | set(BOOLEAN_COLUMNS) | set(TEXT_COLUMNS))
TRUE = {"yes", "y", "true", "1", "oui", "sí", "si", "sim"}
FALSE = {"no", "n", "false", "0", "non", "não", "nao", ""}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    warnings: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line number, how a value was read)

    @property
    def imported(self):
        return self.created + self.updated


def _lookup(choices):
    """Map lower-cased slugs and labels (English and the interface languages) to slugs."""
    table = {}
    for language in ("en", "fr", "es", "pt"):
        with translation.override(language):
            for slug, label in choices:
                table[str(label).strip().lower()] = slug
    table.update({slug.lower(): slug for slug, _label in choices})
    return table


def _choice(value, choices, column):
    slug = _lookup(choices).get(value.strip().lower())
    if slug is None:
        raise ValidationError(_("%(column)s: “%(value)s” is not one of %(allowed)s.") % {
            "column": column, "value": value,
            "allowed": ", ".join(slug for slug, _label in choices)})
    return slug


def parse_row(row, notes=None) -> dict:
    """Profile fields from one CSV row; raises ValidationError listing every problem.

    How interpreted values were read ("UTC+2" stored as Africa/Johannesburg) is appended to `notes`.
    """
    problems, data = [], {}
    email = (row.get("email") or "").strip().lower()
    name = (row.get("name") or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("email: “%(value)s” is not a valid email address.") % {"value": email})
    if not name:
        problems.append(_("name: a name is required."))
    data.update(email=email, name=name)
    for column, raw in row.items():
        value = (raw or "").strip()
        if column not in KNOWN_COLUMNS or column in REQUIRED_COLUMNS or not value and \
                column not in BOOLEAN_COLUMNS:
            continue
        try:
            if column == "country":
                data["country"] = parse_country(value)
            elif column == "time_zone":
                zone = parse_time_zone(value, country=_country_or_blank(row.get("country")))
                data["time_zone"] = zone.name
                if zone.note and notes is not None:
                    notes.append(f"time_zone: {zone.note}")
            elif column in CHOICE_COLUMNS:
                data[column] = _choice(value, CHOICE_COLUMNS[column], column)
            elif column in LIST_COLUMNS:
                data[column] = list(dict.fromkeys(
                    _choice(part, LIST_COLUMNS[column], column)
                    for part in value.split(";") if part.strip()))
            elif column in INTEGER_COLUMNS:
                if not value.replace(",", "").replace(" ", "").isdigit():
                    raise ValidationError(_("%(column)s: “%(value)s” is not a whole number.")
                                          % {"column": column, "value": value})
                data[column] = int(value.replace(",", "").replace(" ", ""))
            elif column in BOOLEAN_COLUMNS:
                if value.lower() not in TRUE | FALSE:
                    raise ValidationError(_("%(column)s: use yes or no, not “%(value)s”.")
                                          % {"column": column, "value": value})
                data[column] = value.lower() in TRUE
            else:
                data[column] = value.lstrip("@") if column == "telegram_handle" else value
        except ValidationError as error:
            problems.extend(error.messages)
        except PlaceError as error:
            problems.append(f"{column}: {error}")
    if problems:
        raise ValidationError(problems)
    return data


def _country_or_blank(value):
    try:
        return parse_country(value) if (value or "").strip() else ""
    except PlaceError:
        return ""


def import_members(csv_text) -> ImportReport:
    """Import members from CSV text; see the module docstring."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"), newline=""))
    try:
        columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    except csv.Error as error:
        report.errors.append((reader.reader.line_num or 1, _("the file cannot be read as CSV "
                                                             "(%(error)s).") % {"error": error}))
        return report
    if not check_columns(columns, required=REQUIRED_COLUMNS, known=KNOWN_COLUMNS, report=report):
        return report
    reader.fieldnames = columns
    seen = {}
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            report.errors.append((reader.line_num, _("the file cannot be read as CSV "
                                                     "(%(error)s).") % {"error": error}))
            break
        line = reader.line_num
        try:
            if None in row:
                raise ValidationError(_("the row has more cells than the header has columns."))
            notes = []
            data = parse_row(row, notes)
            if data["email"] in seen:
                raise ValidationError(_("email %(email)s already appears on line %(line)s.")
                                      % {"email": data["email"], "line": seen[data["email"]]})
            created = _save(data)
        except ValidationError as error:
            report.errors.append((line, " ".join(error.messages)))
            continue
        seen[data["email"]] = line
        report.notes.extend((line, note) for note in notes)
        if created:
            report.created += 1
        else:
            report.updated += 1
    return report


@transaction.atomic
def _save(data) -> bool:
    """Create or update one member; returns True when the account is new."""
    User = get_user_model()
    data = dict(data)
    email = data.pop("email")
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        base = email.split("@")[0][:140]
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}{n}"
        user = User.objects.create_user(username=username, email=email, password=None)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    member = Member.objects.get(user=user)
    for name, value in data.items():
        setattr(member, name, value)
    try:
        member.full_clean(exclude=["user"])
    except ValidationError as error:  # name the column, as parse_row does
        raise ValidationError([message if column == "__all__" else f"{column}: {message}"
                               for column, messages in error.message_dict.items()
                               for message in messages]) from None
    member.save()
    return created
