"""The time zones people choose from: which zones, how they are grouped and labelled.

The chooser offers one zone per city that the tz database lists for a country (its `zone.tab`,
about 420 zones) plus UTC, instead of all ~600 names (which include old aliases such as
Asia/Calcutta and fixed-offset zones such as Etc/GMT-2). Common zones come first, then every zone
grouped by region; each option reads "(UTC−03:00) Santiago, Chile" with the offset as it is now.
"""

import datetime
import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

UTC = "UTC"

# Zones most members and organisers live in, shown first (sorted by their offset).
COMMON_ZONES = (
    "America/Los_Angeles", "America/Denver", "America/Mexico_City", "America/Chicago",
    "America/Bogota", "America/Lima", "America/New_York", "America/Santiago",
    "America/Argentina/Buenos_Aires", "America/Sao_Paulo", UTC, "Europe/London", "Europe/Lisbon",
    "Africa/Lagos", "Europe/Paris", "Europe/Madrid", "Europe/Berlin", "Africa/Johannesburg",
    "Africa/Cairo", "Africa/Nairobi", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi",
    "Asia/Kolkata", "Asia/Dhaka", "Asia/Jakarta", "Asia/Manila", "Asia/Shanghai", "Asia/Seoul",
    "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
)

# First part of a zone name -> the group it is shown in; groups appear in this order.
REGION_GROUPS = {
    "Africa": gettext_lazy("Africa"),
    "America": gettext_lazy("Americas"),
    "Asia": gettext_lazy("Asia"),
    "Europe": gettext_lazy("Europe"),
    "Arctic": gettext_lazy("Europe"),  # Arctic/Longyearbyen is Svalbard
    "Australia": gettext_lazy("Oceania and the Pacific"),
    "Pacific": gettext_lazy("Oceania and the Pacific"),
    "Atlantic": gettext_lazy("Atlantic Ocean"),
    "Indian": gettext_lazy("Indian Ocean"),
    "Antarctica": gettext_lazy("Antarctica"),
}


def _tz_file(name):
    """Text of a tz database table, from the pinned tzdata package, else the system's copy."""
    try:
        return (resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        path = Path("/usr/share/zoneinfo") / name
        return path.read_text(encoding="utf-8") if path.exists() else ""


@cache
def _zone_countries() -> dict[str, str]:
    """Chooser zone -> ISO country code, in zone.tab's order (a country's main zone first)."""
    available = zoneinfo.available_timezones()
    table = {}
    for line in _tz_file("zone.tab").splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, name, *_rest = line.split("\t")
            if name in available:
                table[name] = code
    if not table:  # no zone.tab anywhere: fall back to every regional zone
        table = {name: "" for name in sorted(available) if name.split("/")[0] in REGION_GROUPS}
    return table


def chooser_zones() -> tuple[str, ...]:
    """Every zone the chooser offers (UTC first, then zone.tab's order)."""
    return (UTC, *_zone_countries())


def country_of_zone(name) -> str:
    """ISO code of the country a chooser zone belongs to ('' for UTC or unknown)."""
    return _zone_countries().get(name, "")


@cache
def _valid_names() -> frozenset[str]:
    return frozenset(name for name in zoneinfo.available_timezones()
                     if "/" in name and not name.startswith(("Etc/", "SystemV/"))) | {UTC}


def is_valid_zone(name) -> bool:
    """True for a zone a member or event may store (a regional IANA name, or UTC)."""
    return name in _valid_names()


def stored_zone_choices():
    """Flat (name, name) pairs of every storable zone, for model validation."""
    return [(name, name.replace("_", " ")) for name in sorted(_valid_names())]


def format_offset(offset: datetime.timedelta) -> str:
    """'+05:30', '−03:00' (with a real minus sign), '+00:00'."""
    minutes = round(offset.total_seconds() / 60)
    sign = "−" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def city_name(name) -> str:
    """'America/Argentina/Buenos_Aires' -> 'Buenos Aires'; 'America/Indiana/Knox' -> 'Knox (Indiana)'."""
    parts = name.replace("_", " ").split("/")
    if len(parts) == 3 and parts[1] != "Argentina":
        return f"{parts[2]} ({parts[1]})"
    return parts[-1]


def zone_label(name, now=None) -> str:
    """'(UTC−03:00) Santiago, Chile' in the active language, with the offset at `now`."""
    now = now or timezone.now()
    if name == UTC:
        return "(UTC+00:00) " + _("Coordinated Universal Time")
    offset = format_offset(now.astimezone(zoneinfo.ZoneInfo(name)).utcoffset())
    code = country_of_zone(name)
    place = f"{city_name(name)}, {countries.name(code)}" if code else city_name(name)
    return f"(UTC{offset}) {place}"


def _offset_minutes(name, now):
    return now.astimezone(zoneinfo.ZoneInfo(name)).utcoffset().total_seconds() // 60


@cache
def _grouped(language, hour):
    now = hour
    group_order = list(dict.fromkeys(REGION_GROUPS.values()))
    groups = {label: [] for label in group_order}
    for name in _zone_countries():
        groups[REGION_GROUPS[name.split("/")[0]]].append(name)

    def options(names):
        ordered = sorted(names, key=lambda name: (_offset_minutes(name, now), city_name(name)))
        return [(name, zone_label(name, now)) for name in ordered]

    common = [name for name in COMMON_ZONES if name in _zone_countries() or name == UTC]
    return [(_("Common time zones"), options(common))] + [
        (str(label), options(names)) for label, names in groups.items() if names]


def time_zone_choices(blank_label=None):
    """Grouped choices for a <select>: [(group label, [(zone, label), ...]), ...].

    `blank_label` adds a first, empty option (e.g. "Not set"). Labels use the active language
    and each zone's offset at the start of the current hour.
    """
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    if _grouped.cache_info().currsize > 16:
        _grouped.cache_clear()
    choices = list(_grouped(translation.get_language(), hour))
    if blank_label is not None:
        choices.insert(0, ("", str(blank_label)))
    return choices
