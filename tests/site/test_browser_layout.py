"""On a phone (390 px) and a desktop (1280 px), in every language: nothing scrolls sideways, the
library's filters fold behind one button on the phone, and times are shown in the visitor's zone,
named. Screenshots of every page go to test-output/ for people to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "layout"
LANGUAGES = ("en", "fr", "es", "pt")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
ZONE = "Asia/Tokyo"  # far from every demo organiser's zone, so no time is right by accident


def _prefix(language):
    return "" if language == "en" else f"/{language}"


def _no_sideways_scroll(page, what):
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls sideways by {overflow}px"
    page.mouse.wheel(400, 0)
    assert page.evaluate("() => window.scrollX") == 0, f"{what} moved sideways"


def _shoot(page, language, device, name):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{language}-{device}-{name}.png"), full_page=True)


def _times_are_in_the_visitors_zone(page, what):
    times = page.locator("time").all_inner_texts()
    named = [text for text in times if "(" in text and "/" in text]
    assert named, f"{what} shows no dated time"
    for text in named:
        assert f"({ZONE})" in text, f"{what}: {text!r} is not in the visitor's zone"


def _walk_the_toolkit(page, base):
    page.goto(base + "/toolkit/")
    for _answer in range(20):
        if page.locator(".toolkit-recommendation").count():
            return
        page.locator("form.toolkit-question input[type=radio]").first.check()
        page.locator("form.toolkit-question button[type=submit]").click()
    raise AssertionError("the toolkit gave no recommendation after 20 answers")


def test_pages_fit_phone_and_desktop_in_every_language_with_times_in_the_visitors_zone(
        browser, demo_site):
    for language in LANGUAGES:
        for device, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          timezone_id=ZONE, locale=language)
            page = context.new_page()
            base = demo_site.url + _prefix(language)

            page.goto(base + "/")
            # The zone script stores the browser's zone and reloads once.
            expect(page.locator("time").first).to_contain_text(f"({ZONE})")
            _times_are_in_the_visitors_zone(page, f"home ({language}, {device})")
            _no_sideways_scroll(page, f"home ({language}, {device})")
            _shoot(page, language, device, "home")

            page.goto(base + "/library/")
            toggle = page.locator(".facets-toggle > summary")
            first_result = page.locator(".resource-list h3 a").first
            expect(first_result).to_be_visible()
            if device == "phone":
                # The first result is on the first screen; the filters open with one tap.
                assert first_result.bounding_box()["y"] < height
                facet = page.locator(".facet a").first
                expect(facet).to_be_hidden()
                toggle.click()
                expect(facet).to_be_visible()
            else:
                expect(page.locator(".facet a").first).to_be_visible()
            _no_sideways_scroll(page, f"library ({language}, {device})")
            _shoot(page, language, device, "library")

            page.goto(base + "/library/porto-alegre-case-study/")
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            _no_sideways_scroll(page, f"case study ({language}, {device})")
            _shoot(page, language, device, "resource")

            page.goto(base + "/events/")
            expect(page.locator(".event-list time").first).to_contain_text(f"({ZONE})")
            _times_are_in_the_visitors_zone(page, f"events ({language}, {device})")
            _no_sideways_scroll(page, f"events ({language}, {device})")
            _shoot(page, language, device, "events")

            page.goto(base + "/events/month/")
            grid = page.locator("table.month-grid")
            headers = grid.locator("thead th")
            expect(headers).to_have_count(7)
            for day in range(7):  # every day of the week is on screen, not scrolled away
                box = headers.nth(day).bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
            _no_sideways_scroll(page, f"month ({language}, {device})")
            _shoot(page, language, device, "month")

            _walk_the_toolkit(page, base)
            _no_sideways_scroll(page, f"toolkit ({language}, {device})")
            _shoot(page, language, device, "toolkit")

            page.goto(base + "/calculator/")
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            _no_sideways_scroll(page, f"calculator ({language}, {device})")
            _shoot(page, language, device, "calculator")
            context.close()
