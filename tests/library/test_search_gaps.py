"""What people searched for and did not find: counted without personal data, reported to staff,
deleted after the retention period."""

import datetime
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.utils import timezone

from library import search
from library.models import SearchRecord

pytestmark = pytest.mark.django_db


def test_a_zero_result_search_is_counted_and_reported(client, make_resource):
    make_resource("Ward meetings", summary="Neighbourhood assemblies.")
    for _ in range(2):
        assert client.get("/library/", {"q": "Xylophone  budgets"}).status_code == HTTPStatus.OK
    client.get("/api/library/", {"q": "xylophone budgets", "locale": "fr"})
    client.get("/library/", {"q": "ward"})

    nothing, unopened = search.search_gaps(days=30)
    assert [(gap.query, gap.locale, gap.channel, gap.searches) for gap in nothing] == [
        ("xylophone budgets", "en", "web", 2), ("xylophone budgets", "fr", "api", 1)]
    assert [(gap.query, gap.searches, gap.results) for gap in unopened] == [("ward", 1, 1)]


def test_search_records_hold_no_personal_data(member_client, member, make_resource):
    member_client.get("/library/", {"q": "rosa's private question"}, REMOTE_ADDR="203.0.113.7")
    fields = {field.name for field in SearchRecord._meta.get_fields()}
    assert fields == {"id", "day", "query", "locale", "channel", "searches", "results", "clicks"}
    stored = " ".join(str(value) for row in SearchRecord.objects.values() for value in row.values())
    assert "rosa's private question" in stored
    # Nothing ties a record to the person: no user, address or session column, and no such value.
    for personal in (member.email, "203.0.113.7", member_client.session.session_key):
        assert personal not in stored.split()


def test_opening_a_result_counts_a_click_and_leads_to_the_resource(client, make_resource):
    page = make_resource("Ward meetings", summary="Neighbourhood assemblies.")
    html = client.get("/library/", {"q": "ward"}).content.decode()
    link = f"/library/open/{page.pk}/?q=ward"
    assert link in html
    response = client.get(link)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith(page.url)
    assert SearchRecord.objects.get(query="ward").clicks == 1
    assert search.search_gaps(days=30) == ([], [])
    assert client.get("/library/open/999999/?q=ward").status_code == HTTPStatus.NOT_FOUND


def test_staff_see_the_report_in_the_admin(client, user_factory, make_resource):
    search.record_search(q="grant making", locale="es", channel="bot", results=0)
    staff = user_factory(email="curator@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/library/search-gaps/?days=90")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "grant making" in html and "Found nothing" in html

    visitor = user_factory(email="visitor@example.org")
    client.force_login(visitor)
    assert client.get("/admin/library/search-gaps/").status_code != HTTPStatus.OK


def test_old_records_are_deleted_after_the_retention_period(settings):
    settings.LIBRARY_SEARCH_LOG_DAYS = 90
    today = timezone.localdate()
    for age in (0, 90, 91, 400):
        SearchRecord.objects.create(day=today - datetime.timedelta(days=age), query=f"q{age}",
                                    locale="en", channel="web", searches=1)
    call_command("purge_search_records", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(SearchRecord.objects.values_list("query", flat=True)) == ["q0", "q90"]
    call_command("purge_search_records", "--days", "0", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(SearchRecord.objects.values_list("query", flat=True)) == ["q0"]


def test_counts_gather_in_the_process_and_reach_the_database_together(settings, client):
    settings.LIBRARY_SEARCH_LOG_FLUSH_SECONDS = 3600
    search.flush_search_records()
    for _ in range(3):
        client.get("/api/library/", {"q": "ward"})
    assert not SearchRecord.objects.exists()  # no write per search
    nothing, _unopened = search.search_gaps(days=30)  # the report writes what is pending first
    assert [(gap.query, gap.searches) for gap in nothing] == [("ward", 3)]
