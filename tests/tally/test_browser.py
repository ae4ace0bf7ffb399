"""In a real browser: upload a Pabulib file, see the chart and the funded list, download, compare."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculator import allocate, format_money, load_pabulib
from tests.pabulib_files import BUNDLED_DIR

pytestmark = pytest.mark.browser

ELECTION = BUNDLED_DIR / "Poland_Krakow_2024_Zwierzyniec.pb"


def test_upload_a_pb_file_and_see_the_chart_and_the_funded_projects(demo_site, page):
    expected = allocate(load_pabulib(ELECTION), rule="rank-and-rearrange")
    election = load_pabulib(ELECTION)

    page.goto(demo_site.url + "/calculator/")
    page.get_by_label("Rank and Rearrange (San Jose District 2)").check()
    page.get_by_label("Pabulib .pb or .csv file").set_input_files(str(ELECTION))
    page.get_by_role("button", name="Calculate").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Rank and Rearrange")
    chart = page.get_by_role("img", name="Rank and Rearrange (San Jose District 2)")
    expect(chart).to_be_visible()
    assert chart.evaluate("svg => svg.tagName") == "svg"
    assert chart.locator("rect").count() > 2 * len(expected.selected)

    funded = page.locator("table.tally-funded tbody tr")
    expect(funded).to_have_count(len(expected.selected))
    for index, pid in enumerate(expected.selected):
        row = funded.nth(index)
        expect(row).to_contain_text(election.projects[pid].label)
        expect(row).to_contain_text(format_money(expected.funded[pid], expected.currency))

    with page.expect_download() as download:
        page.get_by_role("link", name="Download JSON").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["selected"] == expected.selected

    page.get_by_role("link", name="Compare rules").click()
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    side_by_side = page.locator("table.tally-compare").first
    expect(side_by_side.get_by_role("columnheader", name="Method of Equal Shares")).to_be_visible()
    outcomes = page.locator("table.tally-outcomes-table")
    expect(outcomes.get_by_role("columnheader", name="Method of Equal Shares")).to_be_visible()
    expect(outcomes).to_contain_text("Gini coefficient")
