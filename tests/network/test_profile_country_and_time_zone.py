"""Members and staff give a country as they would write it and pick a zone from the grouped chooser."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

PROFILE = {"name": "Rosa E.", "role": "technical-specialist", "languages": ["es"],
           "time_zone": "America/Bogota", "country": "Colombia"}


def test_profile_form_offers_zones_grouped_by_region_with_their_offsets(member_client):
    html = member_client.get(reverse("network:my_account")).content.decode()
    assert html.index('<optgroup label="Common time zones">') < html.index('<optgroup label="Africa">')
    for region in ("Americas", "Asia", "Europe", "Oceania and the Pacific"):
        assert f'<optgroup label="{region}">' in html
    assert '<option value="America/Bogota">(UTC−05:00) Bogota, Colombia</option>' in html
    assert '<option value="Asia/Kolkata">(UTC+05:30) Kolkata, India</option>' in html
    assert "Etc/GMT" not in html and "Asia/Calcutta" not in html
    assert '<datalist id="id_country_suggestions"><option value="Afghanistan">' in html


def test_profile_takes_a_country_as_the_member_writes_it(member_client, member):
    response = member_client.post(reverse("network:my_account"),
                                  {**PROFILE, "country": "estados unidos"})
    assert response.status_code == HTTPStatus.FOUND
    member.member.refresh_from_db()
    assert (member.member.country.code, member.member.time_zone) == ("US", "America/Bogota")
    html = member_client.get(reverse("network:my_account")).content.decode()
    assert 'value="United States of America"' in html


def test_ambiguous_country_on_the_profile_is_refused_with_the_candidates(member_client, member):
    response = member_client.post(reverse("network:my_account"), {**PROFILE, "country": "Congo"})
    assert response.status_code == HTTPStatus.OK
    message = " ".join(response.context["form"].errors["country"])
    assert "“Congo” could be more than one country" in message
    assert "Congo (CG)" in message and "Democratic Republic of the Congo (CD)" in message
    assert 'value="Congo"' in response.content.decode()  # what was typed stays, to correct
    member.member.refresh_from_db()
    assert not member.member.country and member.member.name == "Rosa Example"


def test_profile_chooser_and_country_speak_the_members_language(member_client, member):
    member.member.country = "MX"
    member.member.save()
    with translation.override("fr"):
        html = member_client.get(reverse("network:my_account")).content.decode()
    assert '<optgroup label="Fuseaux horaires courants">' in html
    assert '<optgroup label="Amériques">' in html
    assert 'value="Mexique"' in html
    assert "(UTC−05:00) Bogota, Colombie" in html


def test_a_stored_zone_outside_the_chooser_stays_selected_and_is_saved_as_its_current_name(
        member_client, member):
    member.member.time_zone = "Asia/Calcutta"
    member.member.save()
    html = member_client.get(reverse("network:my_account")).content.decode()
    assert '<option value="Asia/Calcutta" selected>Asia/Calcutta</option>' in html
    member_client.post(reverse("network:my_account"), {**PROFILE, "time_zone": "Asia/Calcutta"})
    member.member.refresh_from_db()
    assert member.member.time_zone == "Asia/Kolkata"


def test_staff_edit_a_members_country_and_zone_the_same_way(client, member, user_factory):
    staff = user_factory(email="host@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("wagtailsnippets_network_member:edit", args=[member.member.pk])
    html = client.get(url).content.decode()
    assert '<optgroup label="Common time zones">' in html
    assert "(UTC−05:00) Bogota, Colombia" in html and "_suggestions" in html
    response = client.post(url, {"name": "Rosa E.", "country": "Brasil",
                                 "time_zone": "America/Sao_Paulo", "meeting_format": "online"})
    assert response.status_code == HTTPStatus.FOUND, response.context["form"].errors
    member.member.refresh_from_db()
    assert (member.member.country.code, member.member.time_zone) == ("BR", "America/Sao_Paulo")
    response = client.post(url, {"name": "Rosa E.", "country": "Korea", "time_zone": "",
                                 "meeting_format": "online"})
    assert "“Korea” could be more than one country" in response.content.decode()
