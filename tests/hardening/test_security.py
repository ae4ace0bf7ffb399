"""Who may see and send what: private fields stay private, uploads are bounded, pages carry a CSP.

Covered elsewhere and not repeated here: cohort pages of other cohorts (tests/network/
test_cohort_privacy.py), a kept calculator result from another session (tests/tally/test_web.py),
the webhook secret (tests/bot/test_polling.py), login and sign-up rate limits (tests/network/
test_accounts.py), calculator, document and bot uploads (tally/test_web.py, library/
test_documents.py, bot/test_conversations.py), ``check --deploy`` (site/test_deploy_check.py).
"""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services as event_services
from network.models import Expert
from tests.network.helpers import give_profile
from toolkit import services as toolkit_services
from toolkit.models import SavedResult

pytestmark = pytest.mark.django_db

PRIVATE = {"email": "secret.bea@example.org", "organisation": "Bea Hidden Agency",
           "telegram_handle": "bea_hidden_tg"}


@pytest.fixture
def bea(user_factory):
    """A member who consented to matching, is a vetted expert, and shows no contact detail."""
    user = user_factory(email=PRIVATE["email"], name="Bea Private")
    give_profile(user, organisation=PRIVATE["organisation"],
                 telegram_handle=PRIVATE["telegram_handle"])
    Expert.objects.create(member=user.member, vetted=True, summary="Costing public works.")
    return user


def _pages_a_member_can_open(client, bea):
    pages = ["/network/", "/network/peers/", "/network/experts/",
             f"/network/experts/{bea.member.expert.pk}/", "/network/cohorts/", "/account/",
             "/toolkit/saved/"]
    return {path: client.get(path, follow=True) for path in pages}


@pytest.mark.parametrize("field", sorted(PRIVATE))
def test_another_member_never_sees_a_hidden_private_field(member_client, bea, field):
    for path, response in _pages_a_member_can_open(member_client, bea).items():
        assert response.status_code == HTTPStatus.OK, path
        assert PRIVATE[field] not in response.content.decode(), (path, field)


def test_a_member_without_consent_is_not_offered_as_a_peer(member_client, member, bea):
    give_profile(member)
    assert "Bea Private" in member_client.get("/network/peers/").content.decode()
    bea.member.consent_to_matching = False
    bea.member.save()
    assert "Bea Private" not in member_client.get("/network/peers/").content.decode()


def test_another_members_calendar_address_is_never_shown_and_guessing_fails(member_client, bea):
    token = event_services.feed_token_for(user=bea)
    for path, response in _pages_a_member_can_open(member_client, bea).items():
        assert token not in response.content.decode(), path
    assert member_client.get("/events/my/not-the-token.ics").status_code == HTTPStatus.NOT_FOUND
    one_character_off = token[:-1] + ("y" if token.endswith("x") else "x")
    assert member_client.get(f"/events/my/{one_character_off}.ics").status_code == \
        HTTPStatus.NOT_FOUND


def test_another_members_saved_toolkit_results_are_out_of_reach(member_client, bea):
    answers = ["territorial-level:municipal"]
    saved = SavedResult.objects.create(user=bea, answers=answers, outcomes=["equity"])
    assert toolkit_services.saved_results(user=bea).count() == 1
    page = member_client.get("/toolkit/saved/").content.decode()
    assert f"/toolkit/saved/{saved.pk}/delete/" not in page
    response = member_client.post(f"/toolkit/saved/{saved.pk}/delete/")
    assert response.status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FOUND)
    assert SavedResult.objects.filter(pk=saved.pk).exists()


@pytest.mark.parametrize("path", ["/admin/", "/admin/users/", "/admin/pages/",
                                  "/admin/network/import/", "/admin/documents/"])
def test_members_cannot_reach_the_admin(member_client, path):
    response = member_client.get(path)
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN), path
    if response.status_code == HTTPStatus.FOUND:
        assert "/admin/login/" in response["Location"]


def test_member_import_refuses_other_file_types_and_oversize_files(admin_client):
    url = "/admin/network/import/"
    wrong = SimpleUploadedFile("members.xlsx", b"PK\x03\x04 not a csv")
    page = admin_client.post(url, {"csv_file": wrong}).content.decode()
    assert "is not a .csv file" in page
    big = SimpleUploadedFile("members.csv", b"email,name\n" + b"x" * (5 * 1024 * 1024 + 1))
    page = admin_client.post(url, {"csv_file": big}).content.decode()
    assert "larger than 5 MB" in page
    good = SimpleUploadedFile("members.csv", b"email,name\nnew.one@example.org,New One\n")
    page = admin_client.post(url, {"csv_file": good}).content.decode()
    assert "is not a .csv file" not in page and "larger than" not in page


@pytest.mark.parametrize("path", ["/", "/library/", "/events/", "/calculator/", "/toolkit/",
                                  "/network/", "/accounts/login/", "/fr/"])
def test_pages_send_a_strict_content_security_policy(client, path):
    response = client.get(path, follow=True)
    policy = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in policy, (path, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
