"""Read countries and time zones as people write them in forms and spreadsheets.

`parse_country("Estados Unidos")` -> "US"; `parse_time_zone("UTC+2").name` -> "Africa/Johannesburg".
Both raise `PlaceError` with a message a host can act on.

Countries: ISO alpha-2 and alpha-3 codes, and the names django-countries knows (short, official
and former names) in English, French, Spanish and Portuguese, plus a short table of everyday
names and abbreviations (USA, UK, Ivory Coast, DRC, "Korea, Rep."...). Case, accents,
punctuation, articles and "of" do not matter; "Myanmar (Burma)" is read when both parts agree.
A name that fits several countries ("Congo", "Korea") is refused with the candidates.

Time zones: IANA names (any case; old aliases such as Asia/Calcutta are read as their current
name), UTC itself, UTC offsets (`UTC+2`, `GMT-5`, `+05:30`, `UTC+5.5`), `Etc/GMT±N` (whose sign is
inverted: Etc/GMT-2 is UTC+2), common abbreviations (EST, CET, EAT...), descriptions ("Eastern
Time", Windows' "Romance Standard Time", "(UTC-03:00) Santiago"), city names and countries with
one clock. An offset is stored as a
real place: by default the zone in `OFFSET_ZONES`, a well-known city that keeps that offset all
year round (no daylight saving), so the offset the host wrote stays true in every season; when
the member's country is known, a zone of that country at that offset is preferred.
"""

import datetime
import difflib
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from pbexchange import timezones

LANGUAGES = ("en", "fr", "es", "pt", "pt-br")


class PlaceError(ValueError):
    """A country or time zone that cannot be read; `candidates` lists codes or zones it might be."""

    def __init__(self, message, *, candidates=()):
        super().__init__(message)
        self.candidates = tuple(candidates)


@dataclass(frozen=True)
class ParsedTimeZone:
    """An IANA zone name and, when it was interpreted (an offset, an abbreviation...), why."""

    name: str
    note: str = ""


# --- Countries -------------------------------------------------------------------------------

# Everyday names and abbreviations that django-countries does not list, as people write them
# (normalised when the index is built), including the World Bank's "Korea, Rep." style.
COUNTRY_ALIASES = {
    "US": ["U.S.", "USA", "United States", "America", "États-Unis", "EE.UU.", "EE UU", "EUA",
           "E.U.A."],
    "GB": ["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales",
           "Northern Ireland", "Grande-Bretagne", "Gran Bretaña", "Grã-Bretanha", "Angleterre",
           "Inglaterra", "Royaume Uni"],
    "AE": ["UAE", "U.A.E.", "Emirates", "EAU"],
    "CI": ["Ivory Coast"],
    "CD": ["DRC", "DR Congo", "RD Congo", "RDC", "Congo-Kinshasa", "Democratic Republic of Congo",
           "Zaire", "Congo, Dem. Rep.", "Congo DR"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "République du Congo", "República del Congo",
           "República do Congo", "Congo, Rep."],
    "KR": ["South Korea", "Republic of Korea", "ROK", "Korea, Rep.", "Korea (South)",
           "Korea, South"],
    "KP": ["North Korea", "DPRK", "Korea, Dem. People's Rep.", "Korea (North)", "Korea, North"],
    "RU": ["Russia"], "VN": ["Vietnam"], "BO": ["Bolivia"], "TZ": ["Tanzania"], "SY": ["Syria"],
    "IR": ["Iran", "Iran, Islamic Rep."], "LA": ["Laos", "Lao PDR"], "EG": ["Egypt, Arab Rep."],
    "VE": ["Venezuela, RB"], "YE": ["Yemen, Rep."], "FM": ["Micronesia, Fed. Sts."],
    "HK": ["Hong Kong SAR, China", "Hong Kong SAR"], "MO": ["Macau", "Macao SAR, China"],
    "PS": ["Palestine", "West Bank and Gaza", "Palestinian Territories"],
    "NL": ["Holland", "Holanda", "Hollande", "Nederland"], "MM": ["Burma"], "TL": ["East Timor"],
    "CV": ["Cape Verde"], "CZ": ["Czechia", "Česko"], "BA": ["Bosnia"], "SZ": ["Swaziland"],
    "VA": ["Vatican"], "IE": ["Republic of Ireland", "Eire"], "CN": ["PRC", "Mainland China"],
    "SA": ["KSA", "Saudi"], "ZA": ["RSA"], "SK": ["Slovak Republic"], "KG": ["Kyrgyz Republic"],
    "TT": ["Trinidad"], "TR": ["Turkiye"],
    # A few names in the countries' own languages that hosts often keep.
    "DE": ["Deutschland"], "PL": ["Polska"], "SE": ["Sverige"], "NO": ["Norge"], "DK": ["Danmark"],
    "FI": ["Suomi"], "AT": ["Österreich"], "CH": ["Schweiz", "Svizzera"], "HR": ["Hrvatska"],
    "HU": ["Magyarország"],
}

# Names that fit several countries whatever the language; refused with the candidates.
AMBIGUOUS_COUNTRIES = [
    (("CG", "CD"), ["Congo"]),
    (("KR", "KP"), ["Korea", "Corée", "Corea", "Coreia"]),
    (("VG", "VI"), ["Virgin Islands", "Îles Vierges", "Islas Vírgenes", "Ilhas Virgens"]),
]

_TOKEN_SPELLINGS = {"st": "saint", "ste": "sainte", "rep": "republic", "is": "islands",
                    "dem": "democratic", "fed": "federated", "sts": "states"}
# Articles, "of" and "and" in the four languages: "Republic of the Congo" = "Republic Congo".
_DROPPED_TOKENS = {"the", "of", "and", "de", "du", "des", "del", "la", "le", "les", "l", "el", "los",
                   "las", "do", "da", "dos", "das", "d", "et", "y", "e", "s"}


def normalise(text) -> str:
    """Lower case without accents, punctuation, articles or "of": 'Côte d’Ivoire' -> 'cote ivoire'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = text.replace("&", " and ").replace(".", "")
    tokens = re.sub(r"[\W_]+", " ", text).split()
    return " ".join(_TOKEN_SPELLINGS.get(token, token) for token in tokens
                    if token not in _DROPPED_TOKENS)


def _spellings(name):
    """A name and its reordered forms: 'Korea (the Republic of)' -> also 'the Republic of Korea', 'Korea'."""
    name = str(name).replace("[", "(").replace("]", ")")
    yield name
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", name) or re.fullmatch(r"\s*([^,]+),\s*(.+)", name)
    if match:
        head, qualifier = match.groups()
        yield f"{qualifier} {head}"
        yield head


@cache
def _country_index():
    """normalised name -> set of codes, over every language of the site."""
    index = {}
    for language in LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                names = [name, *countries.shadowed_names.get(code, [])]
                for spelling in (s for n in names for s in _spellings(n)):
                    index.setdefault(normalise(spelling), set()).add(code)
    for code, names in COUNTRY_ALIASES.items():
        index.update({normalise(name): {code} for name in names})
    for codes, names in AMBIGUOUS_COUNTRIES:
        index.update({normalise(name): set(codes) for name in names})
    return index


def _country_name(code):
    return f"{countries.name(code)} ({code})"


def _codes(text):
    """The codes a text may mean (one when it is clear, none when unknown)."""
    code = text.strip().upper()
    if code in countries:
        return {countries.alpha2(code)}
    if len(code) == 3 and code.isalpha() and countries.alpha2(code):
        return {countries.alpha2(code)}
    return set(_country_index().get(normalise(text), ()))


def parse_country(text: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country written as a code or a name; raises PlaceError."""
    value = str(text).strip()
    codes = _codes(value)
    if not codes and "," in value:  # "Guinea, Equatorial"
        head, _comma, tail = value.partition(",")
        codes = _codes(f"{tail} {head}")
    if not codes:
        # "Myanmar (Burma)", "Congo (DRC)", "UK/England": every part must name the country.
        parts = [part for part in re.split(r"[()/\[\]]", value) if part.strip()]
        if len(parts) > 1 and all(_codes(part) for part in parts):
            codes = set.intersection(*(_codes(part) for part in parts))
    if len(codes) == 1:
        return next(iter(codes))
    if codes:
        ordered = sorted(codes, key=lambda c: str(countries.name(c)))
        raise PlaceError(_("“%(value)s” could be more than one country: %(candidates)s. Write the "
                           "one you mean, or its two-letter code.")
                         % {"value": value, "candidates": ", ".join(map(_country_name, ordered))},
                         candidates=ordered)
    key = normalise(value)
    close = difflib.get_close_matches(key, list(_country_index()), n=1, cutoff=0.8) if key else []
    close_codes = sorted(_country_index()[close[0]]) if close else []
    if len(close_codes) == 1:
        raise PlaceError(_("“%(value)s” is not a country we recognise. Did you mean %(country)s?")
                         % {"value": value, "country": _country_name(close_codes[0])},
                         candidates=close_codes)
    raise PlaceError(_("“%(value)s” is not a country we recognise: write its name in English, "
                       "French, Spanish or Portuguese, or its ISO code (e.g. Brazil, Brasil or "
                       "BR).") % {"value": value})


# --- Time zones ------------------------------------------------------------------------------

# Offset in minutes -> the zone an offset is stored as: a well-known city that keeps this
# offset all year where one exists (checked by tests/network/test_places.py). −03:30, +10:30,
# +12:45 only exist with daylight saving, so those zones follow it. Nobody lives at UTC−12.
OFFSET_ZONES = {
    -660: "Pacific/Pago_Pago", -600: "Pacific/Honolulu", -570: "Pacific/Marquesas",
    -540: "Pacific/Gambier", -480: "Pacific/Pitcairn", -420: "America/Phoenix",
    -360: "America/Mexico_City", -300: "America/Bogota", -240: "America/Caracas",
    -210: "America/St_Johns", -180: "America/Sao_Paulo", -120: "America/Noronha",
    -60: "Atlantic/Cape_Verde", 0: timezones.UTC, 60: "Africa/Lagos", 120: "Africa/Johannesburg",
    180: "Africa/Nairobi", 210: "Asia/Tehran", 240: "Asia/Dubai", 270: "Asia/Kabul",
    300: "Asia/Karachi", 330: "Asia/Kolkata", 345: "Asia/Kathmandu", 360: "Asia/Dhaka",
    390: "Asia/Yangon", 420: "Asia/Jakarta", 480: "Asia/Singapore", 525: "Australia/Eucla",
    540: "Asia/Tokyo", 570: "Australia/Darwin", 600: "Australia/Brisbane",
    630: "Australia/Lord_Howe", 660: "Pacific/Noumea", 720: "Pacific/Tarawa",
    765: "Pacific/Chatham", 780: "Pacific/Tongatapu", 840: "Pacific/Kiritimati",
}

# Abbreviations people write for a zone; the usual reading of each (keys upper case).
ZONE_ABBREVIATIONS = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "HST": "Pacific/Honolulu",
    "BST": "Europe/London", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "CET": "Europe/Paris", "CEST": "Europe/Paris", "EET": "Europe/Athens", "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow", "WAT": "Africa/Lagos", "CAT": "Africa/Maputo", "EAT": "Africa/Nairobi",
    "SAST": "Africa/Johannesburg", "PKT": "Asia/Karachi", "WIB": "Asia/Jakarta",
    "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong", "PHT": "Asia/Manila", "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires", "COT": "America/Bogota", "PET": "America/Lima",
}
AMBIGUOUS_ZONES = {"IST": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
                   "AST": ("America/Halifax", "Asia/Riyadh")}
UTC_NAMES = {"UTC", "GMT", "Z", "ZULU", "UCT", "UNIVERSAL", "GREENWICH", "GMT0", "ETC/UTC",
             "ETC/GMT", "ETC/UCT", "ETC/UNIVERSAL", "ETC/ZULU", "ETC/GREENWICH", "ETC/GMT0"}

# Cities people name for their zone that are not themselves zone names.
CITY_ZONES = {
    "new delhi": "Asia/Kolkata", "delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "pune": "Asia/Kolkata",
    "washington": "America/New_York", "washington dc": "America/New_York",
    "boston": "America/New_York", "san francisco": "America/Los_Angeles",
    "beijing": "Asia/Shanghai", "rio de janeiro": "America/Sao_Paulo",
    "porto alegre": "America/Sao_Paulo", "belo horizonte": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo", "quito": "America/Guayaquil", "pretoria": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg", "abuja": "Africa/Lagos", "ankara": "Europe/Istanbul",
    "islamabad": "Asia/Karachi", "hanoi": "Asia/Bangkok", "wellington": "Pacific/Auckland",
    "canberra": "Australia/Sydney", "barcelona": "Europe/Madrid", "rosario": "America/Argentina/Cordoba",
    "medellin": "America/Bogota", "guadalajara": "America/Mexico_City", "porto": "Europe/Lisbon",
}

# Zones described in words ("Eastern Time", "Central European Summer Time"), normalised and
# without the words in _DESCRIPTION_WORDS. Windows' names come from tzlocal's copy of CLDR.
ZONE_DESCRIPTIONS = {
    "eastern": "America/New_York", "us eastern": "America/New_York", "central": "America/Chicago",
    "us central": "America/Chicago", "mountain": "America/Denver", "pacific": "America/Los_Angeles",
    "us pacific": "America/Los_Angeles", "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu",
    "atlantic": "America/Halifax", "newfoundland": "America/St_Johns",
    "central european": "Europe/Paris", "western european": "Europe/Lisbon",
    "eastern european": "Europe/Athens", "greenwich mean": timezones.UTC,
    "coordinated universal": timezones.UTC, "british": "Europe/London", "irish": "Europe/Dublin",
    "east africa": "Africa/Nairobi", "west africa": "Africa/Lagos", "central africa": "Africa/Maputo",
    "south africa": "Africa/Johannesburg", "india": "Asia/Kolkata", "pakistan": "Asia/Karachi",
    "china": "Asia/Shanghai", "japan": "Asia/Tokyo", "korea": "Asia/Seoul",
    "australian eastern": "Australia/Sydney", "australian central": "Australia/Adelaide",
    "australian western": "Australia/Perth", "new zealand": "Pacific/Auckland",
    "brasilia": "America/Sao_Paulo", "argentina": "America/Argentina/Buenos_Aires",
    "chile": "America/Santiago", "colombia": "America/Bogota", "peru": "America/Lima",
    "philippine": "Asia/Manila", "western indonesia": "Asia/Jakarta", "indochina": "Asia/Bangkok",
    "gulf": "Asia/Dubai", "arabia": "Asia/Riyadh", "israel": "Asia/Jerusalem",
}
_DESCRIPTION_WORDS = {"standard", "daylight", "summer", "time", "zone", "heure", "hora", "horario",
                      "fuseau", "horaire", "fuso"}

_OFFSET = re.compile(
    r"^\(?\s*(?:(?:UTC|GMT)(?:\s*/\s*(?:UTC|GMT))?)?\s*(?P<sign>[+\-−–])\s*(?P<hours>\d{1,2})"
    r"(?:(?::|h|\s)?(?P<minutes>\d{2})|(?P<fraction>[.,]\d+))?\s*\)?\s*(?P<rest>.*)$", re.IGNORECASE)
_ETC_GMT = re.compile(r"^ETC/GMT(?P<sign>[+-])(?P<hours>\d{1,2})$", re.IGNORECASE)


@cache
def _zone_lookup():
    """Lower-cased IANA name (spaces or underscores) -> the chooser zone to store it as."""
    chooser = set(timezones.chooser_zones())
    links = {}
    for line in timezones._tz_file("tzdata.zi").splitlines():
        if line.startswith("L "):
            _l, target, alias = line.split()
            links[alias] = target
    table = {}
    for name in zoneinfo.available_timezones():
        target, seen = name, set()
        while target not in chooser and target in links and target not in seen:
            seen.add(target)
            target = links[target]
        if target in chooser:
            table[name.lower()] = target
    for name in chooser:
        table[name.lower()] = name
    return table


@cache
def _city_lookup():
    """Normalised city -> chooser zone ('sao paulo' -> America/Sao_Paulo)."""
    table = {}
    for name in timezones.chooser_zones():
        table.setdefault(normalise(name.split("/")[-1]), set()).add(name)
    table = {city: next(iter(zones)) for city, zones in table.items() if len(zones) == 1}
    table.update(CITY_ZONES)
    return table


def _describe(text):
    return " ".join(word for word in normalise(text).split() if word not in _DESCRIPTION_WORDS)


@cache
def _description_lookup():
    """'eastern', 'romance', 'sa pacific' (Windows) -> chooser zone."""
    try:
        from tzlocal.windows_tz import win_tz
    except ImportError:  # tzlocal comes with python-telegram-bot's job queue
        win_tz = {}
    table = {}
    for windows_name, zone in win_tz.items():
        if target := _zone_lookup().get(zone.lower()):
            table.setdefault(_describe(windows_name), target)
    table.update(ZONE_DESCRIPTIONS)
    return table


def _named_zone(text):
    """The zone a text names: an IANA name or alias, a description, a city; else None."""
    without_brackets = re.sub(r"\(.*?\)", " ", text)
    return (_zone_lookup().get(text.replace(" ", "_").lower())
            or _description_lookup().get(_describe(text))
            or _description_lookup().get(_describe(without_brackets))
            or _city_lookup().get(normalise(text))
            or _city_lookup().get(_describe(text)))


def _offsets_this_year(name):
    zone = zoneinfo.ZoneInfo(name)
    year = datetime.datetime.now(datetime.UTC).year
    return {int(datetime.datetime(year, month, 1, 12, tzinfo=zone).utcoffset().total_seconds() // 60)
            for month in (1, 7)}


def zone_for_offset(minutes: int, *, country: str = "") -> str:
    """A real zone at UTC+`minutes`: one of `country`'s if it has one, else `OFFSET_ZONES`'."""
    default = OFFSET_ZONES.get(minutes)
    if country:
        local = [name for name in timezones.chooser_zones()
                 if timezones.country_of_zone(name) == country and minutes in _offsets_this_year(name)]
        if local:
            # A well-known zone first (most people live there), then one where the offset is
            # standard time rather than summer time, then zone.tab's order (main zone first).
            return min(local, key=lambda name: (
                name != default and name not in timezones.COMMON_ZONES,
                minutes != min(_offsets_this_year(name)), local.index(name)))
    if default is None:
        raise PlaceError(_("No place keeps the offset UTC%(offset)s: check the hours and minutes.")
                         % {"offset": timezones.format_offset(datetime.timedelta(minutes=minutes))})
    return default


def _offset_note(value, name, minutes):
    offset = timezones.format_offset(datetime.timedelta(minutes=minutes))
    if _offsets_this_year(name) == {minutes}:
        return _("“%(value)s” was stored as %(zone)s, a zone at UTC%(offset)s all year round.") % {
            "value": value, "zone": name, "offset": offset}
    return _("“%(value)s” was stored as %(zone)s, a zone at UTC%(offset)s for part of the year "
             "(its clocks change).") % {"value": value, "zone": name, "offset": offset}


def _read_note(value, name):
    return _("“%(value)s” was read as %(zone)s.") % {"value": value, "zone": name}


def _from_offset(value, sign, hours, minutes, *, country):
    total = hours * 60 + minutes
    if hours > 14 or minutes >= 60:
        raise PlaceError(_("“%(value)s” is not a UTC offset: offsets run from UTC−12:00 to "
                           "UTC+14:00.") % {"value": value})
    total = -total if sign in "-−–" else total
    name = zone_for_offset(total, country=country)
    return ParsedTimeZone(name, _offset_note(value, name, total))


def parse_time_zone(text: str, *, country: str = "") -> ParsedTimeZone:
    """The zone a text names (see the module docstring); `country` (ISO code) guides offsets."""
    value = " ".join(str(text).split())
    upper = value.upper()
    if not value:
        raise PlaceError(_("No time zone was given."))
    if upper in UTC_NAMES:
        return ParsedTimeZone(timezones.UTC)
    if upper in ZONE_ABBREVIATIONS:
        name = ZONE_ABBREVIATIONS[upper]
        return ParsedTimeZone(name, _read_note(value, name))
    if upper in AMBIGUOUS_ZONES:
        zones = AMBIGUOUS_ZONES[upper]
        raise PlaceError(_("“%(value)s” stands for more than one time zone: %(candidates)s. Write "
                           "the one you mean.") % {"value": value, "candidates": ", ".join(zones)},
                         candidates=zones)
    name = _zone_lookup().get(value.replace(" ", "_").lower())
    if name:
        same = name.lower() == value.replace(" ", "_").lower()
        return ParsedTimeZone(name, "" if same else _read_note(value, name))
    if match := _ETC_GMT.match(value):
        sign = "+" if match["sign"] == "-" else "-"  # Etc/GMT-2 is two hours ahead of UTC
        return _from_offset(value, sign, int(match["hours"]), 0, country=country)
    if named := _named_zone(value):
        return ParsedTimeZone(named, _read_note(value, named))
    if match := _OFFSET.match(value):
        # "(UTC-03:00) Santiago", "(UTC-05:00) Eastern Time (US & Canada)", "UTC+1 Europe/Paris":
        # the place named says more than the offset.
        rest = match["rest"].split(",")[0].strip()
        if rest and (named := _named_zone(rest)):
            return ParsedTimeZone(named, _read_note(value, named))
        hours = int(match["hours"])
        minutes = int(match["minutes"] or 0)
        if match["fraction"]:
            minutes = round(float("0." + match["fraction"][1:]) * 60)
        return _from_offset(value, match["sign"], hours, minutes, country=country)
    try:
        code = parse_country(value)
    except PlaceError:
        code = ""
    if code:
        zones = [name for name in timezones.chooser_zones() if timezones.country_of_zone(name) == code]
        if zones and len({frozenset(_offsets_this_year(name)) for name in zones}) == 1:
            # One clock for the whole country (Argentina's twelve zones keep the same time):
            # its main zone, listed first in zone.tab.
            return ParsedTimeZone(zones[0], _read_note(value, zones[0]))
        if zones:
            raise PlaceError(_("%(country)s has several time zones (%(examples)s…): write the city "
                               "or the UTC offset.") % {"country": countries.name(code),
                                                        "examples": ", ".join(zones[:3])},
                             candidates=zones)
    raise PlaceError(_("“%(value)s” is not a time zone we recognise: write a zone such as "
                       "America/Bogota, a city, or an offset such as UTC−5.") % {"value": value})

