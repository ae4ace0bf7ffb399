"""Keeping up: Atom/RSS feeds of new resources and the opt-in weekly email digest."""

import datetime
import xml.etree.ElementTree as ET
from http import HTTPStatus

import pytest
from django.utils import timezone

from library.models import DigestSubscription
from library.services import export_digest_subscription
from library.tasks import send_weekly_digest
from tests.fixtures.email import body_text

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def resources(make_resource):
    return [
        make_resource("Selection training", resource_type="training", stages=["project-selection"],
                      languages=["fr"], themes=["selecting-winning-projects"]),
        make_resource("Outreach guide", stages=["outreach"], languages=["en"],
                      themes=["outreach-marginalised-groups"]),
    ]


def test_atom_feed_is_valid_and_follows_the_filters(client, resources):
    response = client.get("/library/feed/?stage=project-selection")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Selection training"]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/library/")
    assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_feed_entries_carry_the_resources_own_publication_date(client, make_resource):
    make_resource("Old classic", published="2009-05-04")
    feed = ET.fromstring(client.get("/library/feed/").content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}published").startswith("2009-05-04")
    assert entry.findtext(f"{ATOM}updated").startswith("2009-05-04")
    rss = ET.fromstring(client.get("/library/feed/rss/").content)
    assert rss.find("channel").find("item").findtext("pubDate") == "Mon, 04 May 2009 00:00:00 +0000"


def test_rss_feed_is_valid(client, resources):
    response = client.get("/library/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = ET.fromstring(response.content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    titles = [item.findtext("title") for item in rss.find("channel").findall("item")]
    assert sorted(titles) == ["Outreach guide", "Selection training"]


def test_listing_links_to_a_feed_of_the_current_search(client, resources):
    html = client.get("/library/?stage=outreach").content.decode()
    assert 'href="/library/feed/?stage=outreach"' in html


def test_member_subscribes_to_the_digest(member_client, member, resources):
    page = member_client.get("/library/digest/")
    assert page.status_code == HTTPStatus.OK
    response = member_client.post("/library/digest/", {"active": "on", "stages": ["outreach"],
                                                       "languages": ["en"]})
    assert response.status_code == HTTPStatus.FOUND
    subscription = DigestSubscription.objects.get(user=member)
    assert subscription.active
    assert export_digest_subscription(member)["stages"] == ["outreach"]


def test_digest_reaches_only_members_who_opted_in(mailbox, user_factory, resources):
    keen = user_factory(email="keen@example.org")
    paused = user_factory(email="paused@example.org")
    user_factory(email="never@example.org")
    from library.services import save_digest_subscription

    save_digest_subscription(user=keen, active=True, stages=["outreach"], languages=[], themes=[])
    save_digest_subscription(user=paused, active=False, stages=[], languages=[], themes=[])

    sent = send_weekly_digest.enqueue()
    assert sent.return_value == 1
    messages = mailbox.wait_for("keen@example.org")
    text = body_text(messages[0])
    assert "Outreach guide" in text and "Selection training" not in text
    assert "http://127.0.0.1:8000/library/resource-" in text or "/library/resource-" in text
    assert mailbox.to("paused@example.org") == [] and mailbox.to("never@example.org") == []


def test_digest_is_not_sent_twice_for_the_same_resources(mailbox, user_factory, resources):
    from library.services import save_digest_subscription, send_digests

    keen = user_factory(email="keen@example.org")
    save_digest_subscription(user=keen, active=True, stages=[], languages=[], themes=[])
    assert send_digests() == 1
    assert send_digests(now=timezone.now() + datetime.timedelta(days=7)) == 0
    assert len(mailbox.to("keen@example.org")) == 1


def test_personal_data_export_includes_the_digest(member_client, member):
    from library.services import save_digest_subscription

    save_digest_subscription(user=member, active=True, stages=["outreach"], languages=["fr"],
                             themes=["limited-participation"])
    data = member_client.post("/account/export/").json()
    assert data["library_digest"]["languages"] == ["fr"]
    assert data["library_digest"]["themes"] == ["limited-participation"]
