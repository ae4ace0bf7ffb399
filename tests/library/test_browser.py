"""A visitor narrows the demo library by stage and type and opens a case study."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_filters_by_stage_and_type_and_opens_a_case_study(page, demo_site):
    page.goto(f"{demo_site.url}/library/")
    facets = page.locator("aside.facets")
    facets.get_by_role("link", name=re.compile(r"^\s*Project selection")).click()
    expect(page).to_have_url(re.compile(r"stage=project-selection"))
    facets.get_by_role("link", name=re.compile(r"^\s*Case study")).click()
    expect(page).to_have_url(re.compile(r"stage=project-selection.*type=case-study"))
    cards = page.locator(".resource-card")
    expect(cards.first).to_be_visible()
    for text in cards.all_inner_texts():
        assert "Case study" in text
    # Context filters appear for case studies: consultative processes in weak-capacity contexts.
    facets.get_by_role("link", name=re.compile(r"^\s*Consultative")).click()
    facets.get_by_role("link", name=re.compile(r"^\s*Weak")).click()
    expect(page.locator(".resource-card").first).to_be_visible()
    page.locator(".resource-card h3 a").first.click()
    expect(page.get_by_role("heading", name="Context of this PB process")).to_be_visible()
    expect(page.get_by_role("heading", name="Cases in similar contexts")).to_be_visible()
