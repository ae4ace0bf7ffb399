"""Every page of the demo site speaks the visitor's language, except content that exists only in
English (marked `lang="en"`): a crawl of the French, Spanish and Portuguese sites, as a visitor and
as a member, following same-site links from each language's home page."""

import re
from collections import defaultdict
from http import HTTPStatus

import pytest

from network.demo import DEMO_PASSWORD, MEMBER_EMAIL
from tests.site.english_chrome import english_chrome
from tests.support import HREF, SKIP, Visitor

LANGUAGES = ["fr", "es", "pt"]
PAGE_LIMIT = 160  # per language and visitor: every section, a few pages of each kind
VARIANTS_PER_PATH = 2  # filtered or paged variants of one listing worth reading
# Same-site links that are meant to be language-neutral (machine endpoints, files, the admin).
NEUTRAL = ("/api/", "/admin/", "/healthz", "/i18n/", "/bot/", "/documents/", "/static/", "/media/",
           "/jsi18n/")
FILES = (".ics", ".pdf", ".docx", ".csv", ".json", ".txt", ".xml", ".png", ".svg")
# A link that says which language it leads to ("Also available in: English") may leave the site's.
ANNOUNCED_LANGUAGE = re.compile(r'<a\b[^>]*\bhreflang="[^"]+"[^>]*>')


def crawl_language(visitor, language, *, start_paths=()):
    """Read the pages of one language's site: {path: html}, and links that left the language."""
    prefix = f"/{language}/"
    queue = [prefix, *start_paths]
    pages, seen, variants, stray_links = {}, set(), defaultdict(int), defaultdict(set)
    while queue and len(pages) < PAGE_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, url, html = visitor.get(path)
        assert status == HTTPStatus.OK, (path, status)
        pages[path] = html
        announced = {href for tag in ANNOUNCED_LANGUAGE.findall(html) for href in HREF.findall(tag)}
        for href in HREF.findall(html):
            if href in announced:
                continue
            href = href.replace("&amp;", "&")
            if href.startswith(visitor.base):
                href = href[len(visitor.base):]
            if not href.startswith("/") or href.startswith("//") or href.startswith(SKIP):
                continue
            if href.startswith(NEUTRAL) or href.split("?")[0].endswith(FILES) or "/feed" in href:
                continue
            if not href.startswith(prefix):
                stray_links[href].add(path)
                continue
            base = href.split("?")[0]
            if "?" in href:
                if variants[base] >= VARIANTS_PER_PATH:
                    continue
                variants[base] += 1
            queue.append(href)
    return pages, stray_links


def findings_report(pages) -> str:
    found = defaultdict(list)
    for path, html in pages.items():
        for finding in english_chrome(html):
            found[(finding.text[:140], finding.reason)].append(path)
    return "\n".join(f"{text!r} ({reason}) on {len(paths)} page(s), e.g. {paths[0]}"
                     for (text, reason), paths in sorted(found.items(), key=lambda i: -len(i[1])))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
def test_no_english_interface_text_outside_english_content(demo_site, language, logged_in):
    visitor = Visitor(demo_site.url)
    start = []
    if logged_in:
        visitor.log_in(MEMBER_EMAIL, DEMO_PASSWORD)
        start = [f"/{language}/account/", f"/{language}/network/peers/"]
    pages, stray_links = crawl_language(visitor, language, start_paths=start)

    sections = {"library", "events", "network", "calculator", "toolkit"}
    reached = {section for section in sections for path in pages if f"/{language}/{section}/" in path}
    assert reached == sections, f"the crawl never reached {sections - reached}"
    assert len(pages) >= 40
    # The toolkit's questions (and the rest) are read in the page's language, not English.
    assert all(re.search(rf'<html lang="{language}"', html) for html in pages.values())

    report = findings_report(pages)
    assert not report, f"English interface text on the {language} site:\n{report}"
    assert not stray_links, (
        f"links from the {language} site to pages in another language: "
        + "; ".join(f"{href} (on {sorted(paths)[0]})" for href, paths in stray_links.items()))


def test_the_detector_finds_english_chrome_and_spares_marked_english_content():
    """The checker itself: it must fail on what a visitor would call untranslated."""
    page = """<!DOCTYPE html><html lang="fr"><head><title>What PB changes · PB Exchange</title></head>
    <body><nav><a href="/fr/library/">Bibliothèque</a></nav>
    <h1 lang="en">What PB changes</h1><p lang="en">Summarises the evidence for the city.</p>
    <p>Publié le 3 mars 2026</p><button aria-label="Show the filters">Filtres</button>
    <p>Download the PDF</p><select><option lang="en">English</option></select>
    <p>(UTC+01:00) Roma, Itália</p><p lang="">Notes from our call with the city</p></body></html>"""
    texts = {finding.text for finding in english_chrome(page)}
    assert texts == {"Show the filters", "Download the PDF"}
    assert english_chrome(page.replace('lang="fr"', 'lang="en"')) == []
