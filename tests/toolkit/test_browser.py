"""A visitor walks the toolkit in a real browser, goes back once, and downloads the PDF."""

import pytest

from tests.toolkit.test_site import pdf_text

CHOICES = [
    "A whole city or municipality",
    "Weak: few staff, patchy delivery",
    "Money for projects and for staff and outreach",
    "A law, a decree or a political promise requires it",
    "Occasionally, through public meetings or surveys",
    "Equity: more for underserved areas and groups",
    "Some districts have far fewer services than others",
    "None stands out yet",
]


@pytest.mark.browser
def test_visitor_walks_the_toolkit_and_downloads_the_pdf(page, demo_site):
    page.goto(f"{demo_site.url}/toolkit/")
    page.get_by_label("A neighbourhood or a single district").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("link", name="Back").click()  # change the first answer
    for choice in CHOICES:
        page.get_by_label(choice).check()
        page.get_by_role("button", name="Next").click()

    page.get_by_role("heading", level=1, name="Your design recommendations").wait_for()
    titles = page.locator(".toolkit-recommendation h3").all_inner_texts()
    assert "Share the budget between districts by population and need" in titles
    assert "Take outreach to the people who rarely come" in titles
    # The answer taken back adds nothing.
    assert "Hold open neighbourhood assemblies to gather ideas" not in titles
    assert "a=territorial-level%3Amunicipal" in page.url
    case_link = page.get_by_role("link", name="Case study: Porto Alegre, Brazil").first
    assert "/library/porto-alegre-case-study/" in case_link.get_attribute("href")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    content = open(download_info.value.path(), "rb").read()
    assert content.startswith(b"%PDF")
    assert "Share the budget between districts by population and need" in pdf_text(content)
