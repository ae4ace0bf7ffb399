"""Sign-up, email verification and password reset, with mail delivered over real SMTP."""

import re
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.fixtures.email import body_text

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+")


def _link_in(message, fragment):
    return next(link for link in LINK.findall(body_text(message)) if fragment in link)


def test_signup_sends_verification_email_and_link_logs_member_in(client, mailbox):
    response = client.post(
        reverse("account_signup"),
        {"name": "Ana Lima", "email": "ana@example.org",
         "password1": "a-long-unusual-pass-42", "password2": "a-long-unusual-pass-42"},
    )
    assert response.status_code == HTTPStatus.FOUND
    # Mandatory verification: not logged in yet.
    assert "_auth_user_id" not in client.session

    [message] = mailbox.wait_for("ana@example.org")
    assert "Confirm" in message["Subject"] or "confirm" in body_text(message).lower()
    link = _link_in(message, "/accounts/confirm-email/")
    path = link.split("://", 1)[1].split("/", 1)[1]

    page = client.get("/" + path)
    assert page.status_code == HTTPStatus.OK
    confirmed = client.post("/" + path, follow=True)
    assert confirmed.status_code == HTTPStatus.OK
    user = get_user_model().objects.get(email="ana@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.emailaddress_set.get().verified
    assert user.member.name == "Ana Lima"


def test_signup_with_mismatched_passwords_keeps_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {"name": "Ana Lima", "email": "ana@example.org",
         "password1": "a-long-unusual-pass-42", "password2": "something-else-42"},
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "ana@example.org" in html and "Ana Lima" in html
    assert not get_user_model().objects.filter(email="ana@example.org").exists()


def test_password_reset_email_lets_member_choose_new_password(client, mailbox, user_factory):
    user_factory(email="reset@example.org", password="old-password-123")
    response = client.post(reverse("account_reset_password"), {"email": "reset@example.org"})
    assert response.status_code == HTTPStatus.FOUND

    [message] = mailbox.wait_for("reset@example.org")
    link = _link_in(message, "/accounts/password/reset/key/")
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == HTTPStatus.OK
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        form_url, {"password1": "brand-new-secret-77", "password2": "brand-new-secret-77"}
    )
    assert done.status_code == HTTPStatus.FOUND

    client.logout()
    assert client.login(username="reset@example.org", password="brand-new-secret-77") or \
        client.post(reverse("account_login"),
                    {"login": "reset@example.org", "password": "brand-new-secret-77"}
                    ).status_code == HTTPStatus.FOUND
    user = get_user_model().objects.get(email="reset@example.org")
    assert user.check_password("brand-new-secret-77")


def test_repeated_failed_logins_are_rate_limited(client, user_factory):
    user_factory(email="target@example.org", password="right-password-1")
    pages = []
    for _ in range(6):
        response = client.post(
            reverse("account_login"), {"login": "target@example.org", "password": "wrong"}
        )
        pages.append(response.content.decode())
    assert "Too many failed login attempts" not in pages[0]
    # After 5 failures in 5 minutes, even the right password is refused for a while.
    assert "Too many failed login attempts" in pages[-1]
    response = client.post(
        reverse("account_login"), {"login": "target@example.org", "password": "right-password-1"}
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_signups_are_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/m/ip"}
    statuses = []
    for n in range(5):
        statuses.append(client.post(reverse("account_signup"), {
            "name": "Bot", "email": f"bot{n}@example.org",
            "password1": "a-long-unusual-pass-42", "password2": "a-long-unusual-pass-42",
        }).status_code)
    assert statuses[:3] == [HTTPStatus.FOUND] * 3
    assert statuses[3:] == [HTTPStatus.TOO_MANY_REQUESTS] * 2


def test_my_account_requires_login(client):
    response = client.get(reverse("network:my_account"))
    assert response.status_code == HTTPStatus.FOUND
    assert reverse("account_login") in response["Location"]


def test_member_updates_profile(member_client, member):
    response = member_client.post(
        reverse("network:my_account"),
        {"name": "Rosa E.", "organisation": "City of Rosario", "country": "AR",
         "role": "pb-team-lead", "languages": ["es", "pt"]},
    )
    assert response.status_code == HTTPStatus.FOUND
    member.member.refresh_from_db()
    assert member.member.organisation == "City of Rosario"
    assert member.member.languages == ["es", "pt"]
    assert member.member.country.code == "AR"


def test_profile_with_unknown_role_is_refused_and_nothing_saved(member_client, member):
    response = member_client.post(
        reverse("network:my_account"),
        {"name": "Rosa E.", "organisation": "Kept?", "role": "emperor", "languages": ["es"]},
    )
    assert response.status_code == HTTPStatus.OK
    assert "emperor" in response.content.decode()  # the message names the bad value
    member.member.refresh_from_db()
    assert member.member.organisation == ""


def test_account_emails_greet_the_member_by_name_and_are_signed_with_the_site_name(
        client, mailbox, user_factory):
    client.post(reverse("account_signup"), {
        "name": "Amara Diallo", "email": "amara@example.org",
        "password1": "a-long-unusual-pass-42", "password2": "a-long-unusual-pass-42"})
    [confirmation] = mailbox.wait_for("amara@example.org")
    text = body_text(confirmation).replace("\r\n", "\n")
    assert text.startswith("Hello Amara Diallo,")
    assert "-- \nThe PB Exchange team\n" in text
    assert "Hello from" not in text and "Thank you for using" not in text

    user = user_factory(email="rui@example.org", name="Rui Reset")
    user.member.interface_language = "pt"
    user.member.save()
    client.post("/pt/accounts/password/reset/", {"email": "rui@example.org"})
    [reset] = mailbox.wait_for("rui@example.org")
    text = body_text(reset).replace("\r\n", "\n")
    assert text.startswith("Olá, Rui Reset,")
    assert "A equipe PB Exchange" in text
