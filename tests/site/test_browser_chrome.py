"""The header on a phone, in the language with the longest words for joining."""

import pytest

pytestmark = pytest.mark.browser


def test_the_header_join_button_has_room_around_its_text(demo_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo_site.url + "/pt/")
    join = page.get_by_role("link", name="Aderir", exact=True)
    padding = join.evaluate("e => [getComputedStyle(e).paddingLeft, getComputedStyle(e).paddingRight]")
    assert all(float(side.removesuffix("px")) >= 8 for side in padding), padding
    box = join.bounding_box()
    text_width = join.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e);"
                               " return r.getBoundingClientRect().width; }")
    assert box["width"] >= text_width + 16
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
