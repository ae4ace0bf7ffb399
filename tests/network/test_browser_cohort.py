"""The demo member finds peers like them, accepts a cohort invitation and sees the cohort page."""

import pytest
from playwright.sync_api import expect

from network.demo import DEMO_PASSWORD, MEMBER_EMAIL

pytestmark = pytest.mark.browser


def test_demo_member_finds_peers_and_accepts_a_cohort_invitation(demo_site, page):
    page.goto(demo_site.url + "/accounts/login/")
    page.get_by_label("Email").fill(MEMBER_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="My account", exact=True)).to_be_visible()

    page.goto(demo_site.url + "/network/")
    page.get_by_role("link", name="Find peers like me").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find peers like me")
    peers = page.locator(".peer-list > li")
    expect(peers).to_have_count(10)
    expect(peers.first).to_contain_text("scores this")  # the reasons behind the score
    expect(peers.first).to_contain_text("You can talk in:")

    page.get_by_role("link", name="My cohorts and invitations").click()
    page.locator("table a").first.click()
    expect(page.get_by_role("heading", name="You are invited to this cohort")).to_be_visible()
    page.get_by_role("button", name="Accept the invitation").click()

    expect(page.get_by_text("Welcome to your cohort!")).to_be_visible()
    expect(page.get_by_role("heading", name="Members")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Rosa Member (you)")).to_be_visible()
    expect(page.get_by_role("heading", name="Sessions")).to_be_visible()
    expect(page.get_by_role("link", name="Join the session").first).to_be_visible()
    expect(page.get_by_role("heading", name="Notes and resources")).to_be_visible()
    expect(page.locator("a[href^='mailto:']").first).to_be_visible()  # peers' chosen contacts
