"""One login door (allauth's), its rate limits, and the 403 page a member sees at the admin."""

import logging
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db

WRONG = "The email address and/or password you specified are not correct."
TOO_MANY_HERE = "Too many failed login attempts from here"
UNDER_ATTACK = "Too many failed login attempts on this account"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit state lives in the cache; these tests must not see each other's attempts."""
    cache.clear()
    yield
    cache.clear()


def sign_in(client, email, password, *, ip="127.0.0.1", next_url=None):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password}, REMOTE_ADDR=ip)


def is_signed_in(client):
    return "_auth_user_id" in client.session


# --- One door ---------------------------------------------------------------------------------


def test_the_admin_login_form_checks_no_password(client, user_factory):
    user_factory(email="staff@example.org", password="right-password-1", is_staff=True,
                 is_superuser=True)
    response = client.post("/admin/login/", {"username": "staff@example.org",
                                             "password": "right-password-1"})
    assert not is_signed_in(client)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_the_admin_sends_visitors_to_the_site_sign_in_and_staff_come_back(client, user_factory):
    user_factory(email="staff@example.org", password="right-password-1", is_staff=True,
                 is_superuser=True)
    response = client.get("/admin/pages/", follow=True)
    last_url = response.redirect_chain[-1][0]
    assert last_url.startswith(reverse("account_login"))
    assert "next=%2Fadmin%2Fpages%2F" in last_url
    signed_in = client.post(last_url, {"login": "staff@example.org", "password": "right-password-1"},
                            follow=True)
    assert signed_in.redirect_chain[-1][0] == "/admin/pages/"
    assert signed_in.status_code == HTTPStatus.OK


def test_the_admin_does_not_send_staff_to_another_site(client, user_factory):
    staff = user_factory(email="staff@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/admin/"


def test_an_unverified_account_gets_in_through_no_door(client, user_factory):
    user_factory(email="new@example.org", password="right-password-1", verified=False)
    client.post("/admin/login/", {"username": "new@example.org", "password": "right-password-1"})
    assert not is_signed_in(client)
    response = sign_in(client, "new@example.org", "right-password-1", next_url="/admin/")
    assert not is_signed_in(client)
    assert response["Location"] == reverse("account_email_verification_sent")
    for path in ("/account/", "/telegram/link/", "/network/peers/"):
        page = client.get(path)
        assert page.status_code == HTTPStatus.FOUND, path
        assert page["Location"].startswith(reverse("account_login")), path


def test_a_member_at_the_admin_gets_a_friendly_page_not_a_loop(member_client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = member_client.get("/admin/", follow=True)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert len(response.redirect_chain) == 1
    html = response.content.decode()
    assert "You cannot open this page" in html and "Your account does not have access" in html
    assert '<nav' in html  # the site's own chrome, not Django's bare page
    refused = [r for r in caplog.records if getattr(r, "status_code", None) == 403]
    assert len(refused) == 1 and refused[0].exc_info is None


def test_the_403_page_speaks_the_visitors_language():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/fr/accounts/login/",
                                                     {"login": "a@example.org", "password": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert 'lang="fr"' in html and "Vous ne pouvez pas ouvrir cette page" in html


def test_a_stale_form_gets_the_friendly_403_page():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("account_login"),
                                                     {"login": "a@example.org", "password": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "reload the page and send the form again" in html
    assert "CSRF verification failed" not in html


# --- Rate limits --------------------------------------------------------------------------------


def test_a_stranger_locks_out_only_themselves(client, user_factory):
    user_factory(email="owner@example.org", password="right-password-1")
    pages = [sign_in(client, "owner@example.org", "guess", ip="203.0.113.9").content.decode()
             for _ in range(6)]
    assert all(WRONG in page for page in pages[:5])
    assert TOO_MANY_HERE in pages[5]
    # The right password from the stranger's address is refused too: no free oracle.
    sign_in(client, "owner@example.org", "right-password-1", ip="203.0.113.9")
    assert not is_signed_in(client)
    # The owner, elsewhere, is not locked out.
    response = sign_in(client, "owner@example.org", "right-password-1", ip="198.51.100.7")
    assert response.status_code == HTTPStatus.FOUND and is_signed_in(client)


def test_one_address_gets_a_limited_number_of_failures_over_all_accounts(client, settings):
    refused = [TOO_MANY_HERE in sign_in(client, f"nobody{n}@example.org", "guess",
                                        ip="203.0.113.9").content.decode()
               for n in range(settings.LOGIN_ATTEMPTS_PER_IP + 2)]
    assert refused == [False] * settings.LOGIN_ATTEMPTS_PER_IP + [True, True]


def test_a_guesser_on_many_addresses_is_stopped_and_the_owner_gets_in_by_reset(
        client, user_factory, settings, mailbox):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS,
                                    "login_failed_account": "8/1h/key"}
    user_factory(email="owner@example.org", password="right-password-1")
    answers = [sign_in(client, "owner@example.org", "guess", ip=f"203.0.113.{n}").content.decode()
               for n in range(1, 11)]
    assert sum(WRONG in page for page in answers) == 8
    assert UNDER_ATTACK in answers[-1]
    page = sign_in(client, "owner@example.org", "right-password-1", ip="198.51.100.7")
    assert not is_signed_in(client)
    assert UNDER_ATTACK in page.content.decode() and "reset your password" in page.content.decode()

    client.post(reverse("account_reset_password"), {"email": "owner@example.org"},
                REMOTE_ADDR="198.51.100.7")
    [message] = mailbox.wait_for("owner@example.org")
    from tests.network.test_accounts import _link_in

    link = _link_in(message, "/accounts/password/reset/key/")
    form = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    client.post(form.redirect_chain[-1][0],
                {"password1": "brand-new-secret-77", "password2": "brand-new-secret-77"})
    client.logout()
    response = sign_in(client, "owner@example.org", "brand-new-secret-77", ip="198.51.100.7")
    assert response.status_code == HTTPStatus.FOUND and is_signed_in(client)


def test_a_right_password_does_not_use_up_attempts(client, user_factory):
    user_factory(email="owner@example.org", password="right-password-1")
    for _ in range(8):
        sign_in(client, "owner@example.org", "right-password-1")
        assert is_signed_in(client)
        client.logout()
    assert WRONG in sign_in(client, "owner@example.org", "guess").content.decode()
