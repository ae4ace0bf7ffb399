"""A new visitor signs up in a real browser, verifies their email and switches to French."""

import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.email import body_text

pytestmark = pytest.mark.browser


def test_new_member_signs_up_and_reads_the_home_page_in_french(demo_site, page):
    email = "new.member@example.org"
    page.goto(demo_site.url + "/")
    page.get_by_role("link", name="Join", exact=True).click()
    page.get_by_label("Your name").fill("Nia Newcomer")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill("a-long-unusual-pass-42")
    page.get_by_label("Password (again):", exact=True).fill("a-long-unusual-pass-42")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    [message] = demo_site.mailbox.wait_for(email)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", body_text(message)).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="My account", exact=True)).to_be_visible()

    page.goto(demo_site.url + "/")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    expect(page).to_have_url(demo_site.url + "/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("budget participatif")
    expect(page.get_by_role("link", name="Mon compte", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Bibliothèque", exact=True)).to_be_visible()
