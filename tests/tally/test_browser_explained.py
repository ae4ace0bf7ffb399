"""In a real browser: an approval file counted with the form's defaults shows its funded projects
by name, why a project was not funded, the three pictures, and what a ballot paid."""

import pytest
from playwright.sync_api import expect

from calculator import allocate, explain, load_pabulib
from tests.pabulib_files import BUNDLED_DIR

pytestmark = pytest.mark.browser

ELECTION = BUNDLED_DIR / "France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb"


def test_approval_file_with_the_defaults_is_explained_with_pictures(demo_site, page):
    election = load_pabulib(ELECTION)
    expected = allocate(election, rule="mes", completion="add1")  # the default for approval
    explanation = explain(election, expected)
    unfunded = next(item for item in explanation.projects
                    if not item.funded and item.kind == "mes_short")

    page.goto(demo_site.url + "/calculator/")
    page.get_by_label("Pabulib .pb or .csv file").set_input_files(str(ELECTION))
    page.get_by_role("button", name="Calculate").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Equal Shares")
    funded = page.locator("table.tally-funded tbody tr")
    expect(funded).to_have_count(len(expected.selected))
    for index, pid in enumerate(expected.selected):
        expect(funded.nth(index)).to_contain_text(election.projects[pid].name)

    why = page.locator("table.tally-why-table tbody tr", has_text=election.projects[
        unfunded.project].name)
    expect(why).to_contain_text("was not funded by the Equal Shares rounds")
    expect(why).to_contain_text(unfunded.effective_support_percent)
    expect(why).to_contain_text("It would have won")

    for name in ("Voters by number of their projects funded", "Equal Shares, round by round"):
        chart = page.get_by_role("img", name=name)
        expect(chart).to_be_visible()
        assert chart.evaluate("svg => svg.tagName") == "svg"
    expect(page.locator("table.tally-histogram-data tbody tr").first).to_be_attached()
    expect(page.locator("table.tally-rounds-data tbody tr")).to_have_count(
        len(explanation.rounds))

    winner = election.projects[expected.selected[0]].name
    page.get_by_role("checkbox", name=winner, exact=False).check()
    page.get_by_role("button", name="Show what this ballot paid").click()
    expect(page.get_by_role("heading", name="What this ballot paid")).to_be_visible()
