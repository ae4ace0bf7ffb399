"""The demo site, served in its own process: every page answers, members never reach the admin."""

import re
from http import HTTPStatus

import pytest

from network.demo import DEMO_PASSWORD, MEMBER_EMAIL
from tests.support import START, Visitor, crawl


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
