"""Countries and time zones are read as host spreadsheets and members write them."""

import datetime
import zoneinfo

import pytest
from django.utils import translation
from django_countries import countries
from hypothesis import given, settings
from hypothesis import strategies as st

from pbexchange import timezones
from pbexchange.places import OFFSET_ZONES, PlaceError, parse_country, parse_time_zone

SPELLINGS = [
    # English: short, official, common names and abbreviations
    ("United States", "US"), ("United States of America", "US"), ("USA", "US"), ("U.S.A.", "US"),
    ("US", "US"), ("UK", "GB"), ("United Kingdom", "GB"), ("Great Britain", "GB"),
    ("England", "GB"), ("South Korea", "KR"), ("Republic of Korea", "KR"),
    ("Korea, Republic of", "KR"), ("North Korea", "KP"), ("Ivory Coast", "CI"),
    ("Russia", "RU"), ("Russian Federation", "RU"), ("Vietnam", "VN"), ("Viet Nam", "VN"),
    ("Bolivia", "BO"), ("Bolivia (Plurinational State of)", "BO"), ("Tanzania", "TZ"),
    ("United Republic of Tanzania", "TZ"), ("Syria", "SY"), ("Iran", "IR"), ("Laos", "LA"),
    ("Congo-Kinshasa", "CD"), ("DRC", "CD"), ("Democratic Republic of the Congo", "CD"),
    ("Congo-Brazzaville", "CG"), ("UAE", "AE"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
    ("Holland", "NL"), ("The Netherlands", "NL"), ("The Gambia", "GM"), ("Turkey", "TR"),
    ("Trinidad & Tobago", "TT"), ("St. Lucia", "LC"), ("Cape Verde", "CV"), ("Swaziland", "SZ"),
    # French
    ("États-Unis", "US"), ("Etats-Unis d'Amérique", "US"), ("Royaume-Uni", "GB"),
    ("Espagne", "ES"), ("Allemagne", "DE"), ("Côte d’Ivoire", "CI"), ("Corée du Sud", "KR"),
    ("Pays-Bas", "NL"), ("Afrique du Sud", "ZA"), ("Maroc", "MA"), ("RDC", "CD"),
    # Spanish
    ("Estados Unidos", "US"), ("EE.UU.", "US"), ("México", "MX"), ("España", "ES"),
    ("Costa de Marfil", "CI"), ("Reino Unido", "GB"), ("Perú", "PE"), ("Filipinas", "PH"),
    ("República Democrática del Congo", "CD"), ("Países Bajos", "NL"), ("Marruecos", "MA"),
    # Portuguese
    ("Brasil", "BR"), ("Costa do Marfim", "CI"), ("Estados Unidos da América", "US"),
    ("EUA", "US"), ("Alemanha", "DE"), ("Espanha", "ES"), ("Coreia do Sul", "KR"),
    ("África do Sul", "ZA"), ("Moçambique", "MZ"), ("Índia", "IN"),
    # Codes (alpha-2, alpha-3), odd case, accents left out or added, stray spaces
    ("br", "BR"), ("Mx", "MX"), ("FRA", "FR"), ("deu", "DE"), ("ZAF", "ZA"), ("kor", "KR"),
    ("mexico", "MX"), ("COTE D'IVOIRE", "CI"), ("  colombia ", "CO"), ("BRAZIL", "BR"),
    ("sao tome and principe", "ST"), ("São Tomé e Príncipe", "ST"), ("TÜRKIYE", "TR"),
    # Statistics-office and bracketed forms, names kept in the country's own language
    ("Korea, Rep.", "KR"), ("Korea, Dem. People's Rep.", "KP"), ("Congo, Dem. Rep.", "CD"),
    ("Congo, Rep.", "CG"), ("Egypt, Arab Rep.", "EG"), ("Iran, Islamic Rep.", "IR"),
    ("Gambia, The", "GM"), ("Guinea, Equatorial", "GQ"), ("Myanmar (Burma)", "MM"),
    ("Congo (DRC)", "CD"), ("UK/England", "GB"), ("Republic of the Congo", "CG"),
    ("Bosnia & Herzegovina", "BA"), ("St Kitts and Nevis", "KN"), ("Deutschland", "DE"),
    ("Guinée équatoriale", "GQ"), ("República Dominicana", "DO"), ("Nigéria", "NG"),
]


@pytest.mark.parametrize(("text", "code"), SPELLINGS)
def test_country_spellings_are_read_as_their_iso_code(text, code):
    assert parse_country(text) == code


def test_the_spelling_table_covers_every_kind_of_spelling():
    assert len(SPELLINGS) >= 40
    assert len({code for _text, code in SPELLINGS}) >= 25


@pytest.mark.parametrize(("text", "candidates"), [
    ("Congo", {"CG", "CD"}), ("Korea", {"KR", "KP"}), ("Corée", {"KR", "KP"}),
    ("Coreia", {"KR", "KP"}), ("Virgin Islands", {"VG", "VI"}),
])
def test_ambiguous_country_names_are_refused_with_the_candidates(text, candidates):
    with pytest.raises(PlaceError) as error:
        parse_country(text)
    assert set(error.value.candidates) == candidates
    message = str(error.value)
    assert f"“{text}” could be more than one country" in message
    assert all(f"({code})" in message for code in candidates)


def test_ambiguity_is_explained_in_the_members_language():
    with translation.override("fr"), pytest.raises(PlaceError) as error:
        parse_country("Congo")
    assert "République démocratique du Congo (CD)" in str(error.value)
    assert "pourrait désigner plusieurs pays" in str(error.value)


def test_an_unknown_country_says_what_to_write_and_suggests_a_close_name():
    with pytest.raises(PlaceError) as error:
        parse_country("Columbia")
    assert "Did you mean Colombia (CO)?" in str(error.value)
    with pytest.raises(PlaceError) as error:
        parse_country("Narnia")
    assert "is not a country we recognise" in str(error.value) and "ISO code" in str(error.value)
    assert isinstance(error.value, ValueError)


@pytest.mark.parametrize(("text", "zone"), [
    ("America/Bogota", "America/Bogota"), ("america/sao paulo", "America/Sao_Paulo"),
    ("UTC", "UTC"), ("GMT", "UTC"), ("Etc/UTC", "UTC"), ("Z", "UTC"),
    ("Asia/Calcutta", "Asia/Kolkata"), ("US/Eastern", "America/New_York"),
    ("Europe/Kiev", "Europe/Kyiv"), ("EST", "America/New_York"), ("CET", "Europe/Paris"),
    ("EAT", "Africa/Nairobi"), ("Nairobi", "Africa/Nairobi"), ("São Paulo", "America/Sao_Paulo"),
    ("(UTC-03:00) Santiago", "America/Santiago"), ("Kenya", "Africa/Nairobi"),
    ("Eastern Time", "America/New_York"), ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
    ("Central European Summer Time", "Europe/Paris"), ("W. Europe Standard Time", "Europe/Berlin"),
    ("SA Pacific Standard Time", "America/Bogota"), ("East Africa Time", "Africa/Nairobi"),
    ("Hora de Brasília", "America/Sao_Paulo"), ("Argentina", "America/Argentina/Buenos_Aires"),
    ("(UTC-06:00) Guadalajara, Mexico City, Monterrey", "America/Mexico_City"),
])
def test_time_zone_names_abbreviations_and_cities_are_read(text, zone):
    assert parse_time_zone(text).name == zone


@pytest.mark.parametrize(("text", "zone"), [
    ("UTC+2", "Africa/Johannesburg"), ("Etc/GMT-2", "Africa/Johannesburg"),
    ("GMT-5", "America/Bogota"), ("Etc/GMT+5", "America/Bogota"), ("UTC−3", "America/Sao_Paulo"),
    ("+05:30", "Asia/Kolkata"), ("UTC+5.5", "Asia/Kolkata"), ("+0545", "Asia/Kathmandu"),
    ("utc +1", "Africa/Lagos"), ("GMT+9", "Asia/Tokyo"), ("UTC-6", "America/Mexico_City"),
    ("UTC/GMT +2", "Africa/Johannesburg"), ("GMT+01:00", "Africa/Lagos"),
])
def test_offsets_are_stored_as_a_real_zone_and_the_choice_is_said(text, zone):
    parsed = parse_time_zone(text)
    assert parsed.name == zone
    assert f"“{text}” was stored as {zone}" in parsed.note


def test_etc_gmt_sign_is_inverted():
    ahead = parse_time_zone("Etc/GMT-3").name
    now = datetime.datetime.now(datetime.UTC)
    assert now.astimezone(zoneinfo.ZoneInfo(ahead)).utcoffset() == datetime.timedelta(hours=3)


def test_an_offset_prefers_a_zone_of_the_members_country():
    assert parse_time_zone("UTC-3", country="AR").name == "America/Argentina/Buenos_Aires"
    assert parse_time_zone("UTC-5", country="US").name == "America/New_York"
    assert parse_time_zone("UTC+1", country="GB").name == "Europe/London"
    assert parse_time_zone("UTC+1", country="FR").name == "Europe/Paris"


def test_every_default_zone_for_an_offset_has_that_offset():
    year = datetime.datetime.now(datetime.UTC).year
    for minutes, name in OFFSET_ZONES.items():
        offsets = {datetime.datetime(year, month, 1, tzinfo=zoneinfo.ZoneInfo(name)).utcoffset()
                   for month in (1, 7)}
        assert datetime.timedelta(minutes=minutes) in offsets, name
        if minutes not in (-210, 630, 765):  # these offsets exist only with daylight saving
            assert len(offsets) == 1, f"{name} changes its clocks"
        assert name in timezones.chooser_zones()


@pytest.mark.parametrize(("text", "message"), [
    ("IST", "stands for more than one time zone: Asia/Kolkata, Europe/Dublin"),
    ("Mars/Olympus", "is not a time zone we recognise"),
    ("UTC+2:30", "No place keeps the offset UTC+02:30"),
    ("UTC+15", "offsets run from UTC−12:00 to UTC+14:00"),
    ("Brazil", "Brazil has several time zones"), ("Mexico", "Mexico has several time zones"),
    ("", "No time zone was given"),
])
def test_unreadable_time_zones_are_refused_with_a_clear_message(text, message):
    with pytest.raises(PlaceError) as error:
        parse_time_zone(text)
    assert message in str(error.value)


def test_chooser_lists_common_zones_first_then_regions_with_offsets():
    now = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
    assert timezones.zone_label("America/Santiago", now) == "(UTC−03:00) Santiago, Chile"
    assert timezones.zone_label("Asia/Kolkata", now) == "(UTC+05:30) Kolkata, India"
    assert timezones.zone_label("America/Argentina/Cordoba", now) == "(UTC−03:00) Cordoba, Argentina"
    choices = timezones.time_zone_choices(blank_label="Not set")
    assert choices[0] == ("", "Not set")
    groups = [label for label, _options in choices[1:]]
    assert groups[:6] == ["Common time zones", "Africa", "Americas", "Asia", "Europe",
                          "Oceania and the Pacific"]
    zones = [zone for _label, options in choices[1:] for zone, _text in options]
    assert len(set(zones)) == len(timezones.chooser_zones()) < 450
    assert "Asia/Calcutta" not in zones and "Etc/GMT-2" not in zones


def test_chooser_names_countries_in_the_active_language():
    with translation.override("es"):
        choices = dict(dict(timezones.time_zone_choices())["América"])
    assert choices["America/Bogota"] == "(UTC−05:00) Bogota, Colombia"
    assert choices["America/Mexico_City"] == "(UTC−06:00) Mexico City, México"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.sampled_from(["UTC+99", "Etc/GMT-99", "+", "GMT+", "(UTC)", "Z",
                                              "utc-0", "St.", "The", "&", "UTC+5.", "–3"]))
def test_any_text_is_read_or_refused_with_a_place_error(text):
    for parse, valid in ((parse_country, lambda code: code in countries),
                         (lambda t: parse_time_zone(t).name, timezones.is_valid_zone)):
        try:
            assert valid(parse(text))
        except PlaceError as error:
            assert str(error).strip()
