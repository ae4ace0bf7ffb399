"""In Debian's Chromium: the main pages break no Content-Security-Policy rule and axe-core finds
no serious or critical accessibility violation on them.

axe-core comes from npm. ``AXE_CORE_JS`` names ``axe.min.js``; by default the test looks in
``.cache/axe-core/node_modules/axe-core/axe.min.js`` and, if it is missing and ``npm`` is on the
PATH, installs ``axe-core@AXE_CORE_VERSION`` there itself.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from network.demo import DEMO_PASSWORD, MEMBER_EMAIL

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE_CORE_VERSION = os.environ.get("AXE_CORE_VERSION", "4.14.1")
AXE_DIR = ROOT / ".cache" / "axe-core"
PAGES = ["/", "/library/", "/events/", "/calculator/", "/toolkit/", "/network/", "/fr/library/"]

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def axe_source() -> Path:
    path = Path(os.environ.get("AXE_CORE_JS") or AXE_DIR / "node_modules/axe-core/axe.min.js")
    if not path.exists() and not os.environ.get("AXE_CORE_JS") and shutil.which("npm"):
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR),
                        f"axe-core@{AXE_CORE_VERSION}"], check=True, capture_output=True,
                       timeout=300)
    if not path.exists():
        pytest.fail(f"axe-core not found at {path}: run `npm install --prefix {AXE_DIR} "
                    f"axe-core@{AXE_CORE_VERSION}` or set AXE_CORE_JS to axe.min.js")
    return path


def detail_pages(page, base):
    """A resource page and an event page, found from their listings."""
    found = []
    listings = (("/library/", ".resource-card h3 a"), ("/events/", ".event-card h3 a"))
    for listing, pattern in listings:
        page.goto(base + listing)
        link = page.locator(pattern).first
        if link.count():
            found.append(link.get_attribute("href"))
    return [href.removeprefix(base) for href in found if href]


@pytest.fixture
def watched_page(page):
    """The page with a CSP-violation listener from the first byte, and console errors kept."""
    page.add_init_script(CSP_LISTENER)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(
        message.text))
    return page


def visit(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def test_main_pages_send_a_csp_and_break_none_of_it(watched_page, demo_site):
    page = watched_page
    paths = PAGES + detail_pages(page, demo_site.url)
    # A member's pages too: the account, the peers list, the saved toolkit results.
    page.goto(demo_site.url + "/accounts/login/")
    page.get_by_label("Email").fill(MEMBER_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    paths += ["/account/", "/network/peers/", "/network/cohorts/", "/toolkit/saved/"]
    problems = {}
    for path in paths:
        response = visit(page, demo_site.url + path)
        assert response.status == 200, path
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "style-src 'self'" in policy, (path, policy)
        violations = page.evaluate("window.__cspViolations")
        refused = [text for text in page.console_errors if "Content Security Policy" in text]
        if violations or refused:
            problems[path] = violations + refused
        page.console_errors.clear()
    assert not problems, json.dumps(problems, indent=1)
    # The listener does hear a violation: an inline style added by script is refused.
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("window.__cspViolations.length > 0")


def test_axe_finds_no_serious_or_critical_violation(page, demo_site):
    page.add_init_script(path=str(axe_source()))
    paths = PAGES + detail_pages(page, demo_site.url)
    assert len(paths) == len(PAGES) + 2, paths  # a resource and an event page
    problems = {}
    for path in paths:
        visit(page, demo_site.url + path)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' +
                                               (n.failureSummary || '').slice(0, 200))}));
        }""")
        if result:
            problems[path] = result
    assert not problems, json.dumps(problems, indent=1)
