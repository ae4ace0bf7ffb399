"""The demo site, served in its own process: every page answers, members never reach the admin."""

import re
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from http.cookiejar import CookieJar

import pytest

from network.demo import DEMO_PASSWORD, MEMBER_EMAIL

HREF = re.compile(r'href="([^"#]*)"')
# Links that are not pages to render: admin, logging out, downloads handled by their own tests.
SKIP = ("/admin/", "/accounts/logout/", "/documents/", "mailto:", "/static/", "/media/")


class Visitor:
    """A cookie-keeping HTTP client that behaves like a browser without JavaScript."""

    def __init__(self, base):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        try:
            response = self.opener.open(self.base + path, timeout=30)
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode("utf-8", "replace")

    def post(self, path, data):
        status, _, html = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=body,
                                         headers={"Referer": self.base + path})
        try:
            response = self.opener.open(request, timeout=30)
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode("utf-8", "replace")

    def log_in(self, email, password):
        status, url, html = self.post("/accounts/login/", {"login": email, "password": password})
        assert status == HTTPStatus.OK and "/accounts/login/" not in url, html[:2000]


def crawl(visitor, start_paths, limit=400):
    """Follow internal links breadth-first; return {path: status}."""
    seen, queue, statuses = set(), list(start_paths), {}
    while queue and len(statuses) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, _, html = visitor.get(path)
        statuses[path] = status
        if status != HTTPStatus.OK:
            continue
        for href in HREF.findall(html):
            href = href.replace("&amp;", "&")
            if href.startswith(visitor.base):
                href = href[len(visitor.base):]
            if not href.startswith("/") or href.startswith("//") or href.startswith(SKIP):
                continue
            if href.endswith((".ics", ".pdf", ".docx", ".csv", ".json", ".txt", ".xml")):
                continue
            if "?" in href and href.split("?")[0] in seen and len(statuses) > limit // 2:
                continue  # enough filtered variants of the same listing
            queue.append(href)
    return statuses


START = ["/", "/fr/", "/es/", "/pt/", "/library/", "/events/", "/network/", "/calculator/",
         "/toolkit/", "/privacy/", "/contact/"]


@pytest.mark.parametrize("logged_in", [False, True], ids=["visitor", "member"])
def test_every_linked_page_of_the_demo_site_renders(demo_site, logged_in):
    visitor = Visitor(demo_site.url)
    if logged_in:
        visitor.log_in(MEMBER_EMAIL, DEMO_PASSWORD)
    statuses = crawl(visitor, START + (["/account/"] if logged_in else []))
    broken = {path: status for path, status in statuses.items() if status != HTTPStatus.OK}
    # Links the header always shows may lead to sections a later release adds; all else must work.
    assert not broken, broken
    assert len(statuses) >= 10


def test_members_are_refused_the_admin(demo_site):
    visitor = Visitor(demo_site.url)
    visitor.log_in(MEMBER_EMAIL, DEMO_PASSWORD)
    status, url, html = visitor.get("/admin/")
    assert "/admin/login/" in url or status == HTTPStatus.FORBIDDEN
    assert "Dashboard" not in html and "wagtail-dashboard" not in html


def test_staff_curator_reaches_the_admin(demo_site):
    from network.demo import CURATOR_EMAIL

    visitor = Visitor(demo_site.url)
    visitor.log_in(CURATOR_EMAIL, DEMO_PASSWORD)
    status, url, html = visitor.get("/admin/")
    assert status == HTTPStatus.OK and url.endswith("/admin/")
    assert "/admin/login/" not in url


def test_home_page_shows_the_network_in_each_language(demo_site):
    visitor = Visitor(demo_site.url)
    expectations = {"/": ("lang=\"en\"", "Join a peer cohort"),
                    "/fr/": ("lang=\"fr\"", "Rejoindre une cohorte de pairs"),
                    "/es/": ("lang=\"es\"", "Unirse a una cohorte de pares"),
                    "/pt/": ("lang=\"pt\"", "Juntar-se a uma coorte de pares")}
    for path, (lang, call) in expectations.items():
        status, _, html = visitor.get(path)
        assert status == HTTPStatus.OK
        assert lang in html and call in html, path


def test_load_demo_is_idempotent(demo_site):
    before = demo_site.manage("dumpdata", "--natural-foreign", "wagtailcore.page", "network.member",
                              "auth.user", "-o", "/dev/stdout").stdout
    demo_site.manage("load_demo")
    after = demo_site.manage("dumpdata", "--natural-foreign", "wagtailcore.page", "network.member",
                             "auth.user", "-o", "/dev/stdout").stdout
    strip = re.compile(r'"(last_login|latest_revision_created_at|last_published_at)": "[^"]*"')
    assert strip.sub("", before) == strip.sub("", after)
