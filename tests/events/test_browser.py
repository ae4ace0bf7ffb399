"""In a real browser: the month grid, filtering it, the browser's time zone, and an .ics download."""

import icalendar
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def bogota_page(browser, demo_site):
    """A browser whose clock is set to Bogotá, as a visitor from Colombia would have."""
    context = browser.new_context(timezone_id="America/Bogota", accept_downloads=True,
                                  locale="es-CO")
    yield context.new_page()
    context.close()


def test_month_grid_filters_and_downloads_an_ics(demo_site, bogota_page):
    page = bogota_page
    page.goto(demo_site.url + "/events/month/")
    # The script detected the browser's zone and the page now shows times in it.
    expect(page.get_by_text("Days and times in this grid are in America/Bogota.")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()

    page.get_by_role("link", name="Next month").click()
    filters = page.get_by_role("search", name="Filter events")
    filters.get_by_label("Language").select_option("es")
    filters.get_by_label("Format").select_option("online")
    filters.get_by_label("PB stage").select_option("project-implementation")
    filters.get_by_role("button", name="Apply").click()
    assert "language=es" in page.url and "format=online" in page.url

    grid = page.get_by_role("table")
    expect(grid.get_by_role("link", name="Conversatorio en línea: obras que no arrancan")).to_be_visible()
    expect(grid.get_by_role("link", name="votación digital")).to_have_count(0)  # selection stage
    expect(page.get_by_text("(America/Bogota)").first).to_be_visible()

    # The feed box offers the same filtered listing as a calendar subscription.
    feed = page.get_by_label("Calendar feed address").input_value()
    assert "/events/calendar.ics?" in feed and "language=es" in feed

    grid.get_by_role("link", name="Conversatorio en línea: obras que no arrancan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Conversatorio en línea: obras que no arrancan")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download .ics").click()
    download = download_info.value
    assert download.suggested_filename == "conversatorio-obras-que-no-arrancan.ics"
    with open(download.path(), "rb") as handle:
        calendar = icalendar.Calendar.from_ical(handle.read())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Conversatorio en línea: obras que no arrancan"
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, start.tzinfo.key) == (18, 0, "America/Lima")
