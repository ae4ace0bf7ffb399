"""The event proposal form offers the grouped time-zone chooser, starting at the member's zone."""

import pytest

pytestmark = pytest.mark.django_db


def test_proposal_form_defaults_to_the_members_zone_in_the_grouped_chooser(
        member_client, member, events_index):
    member.member.time_zone = "America/Bogota"
    member.member.save()
    html = member_client.get("/events/propose/").content.decode()
    assert '<option value="">Choose a time zone</option>' in html
    assert html.index('<optgroup label="Common time zones">') < html.index('<optgroup label="Americas">')
    assert '<option value="America/Bogota" selected>(UTC−05:00) Bogota, Colombia</option>' in html
    # Listed under Common and under Americas, selected once.
    assert html.count('value="America/Bogota"') == 2
    assert html.count('value="America/Bogota" selected') == 1
    assert '<option value="Asia/Kolkata">(UTC+05:30) Kolkata, India</option>' in html


def test_without_a_zone_in_the_profile_the_browsers_zone_is_proposed(
        member_client, events_index):
    member_client.cookies["pbx_tz"] = "Asia/Kolkata"
    html = member_client.get("/events/propose/").content.decode()
    assert '<option value="Asia/Kolkata" selected>' in html
