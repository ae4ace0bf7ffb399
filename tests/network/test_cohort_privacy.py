"""Contact details go only to cohort peers and staff, per each member's choices."""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse

from matching.models import Cohort, CohortMembership
from tests.network.helpers import give_profile

pytestmark = pytest.mark.django_db
Status = CohortMembership.Status


@pytest.fixture
def cohort(user_factory):
    """An active cohort: Ana (shows everything), Ben (shows nothing), Cleo (invited)."""
    cohort = Cohort.objects.create(name="Selection peers", status=Cohort.Status.ACTIVE)
    ana = give_profile(user_factory(email="ana@example.org", name="Ana"), show_email=True,
                       organisation="Ciudad Norte", show_organisation=True,
                       telegram_handle="ana_pb", show_telegram=True)
    ben = give_profile(user_factory(email="ben@example.org", name="Ben"),
                       organisation="Hidden Org", telegram_handle="ben_hidden")
    cleo = give_profile(user_factory(email="cleo@example.org", name="Cleo"))
    for member, status in ((ana, Status.ACCEPTED), (ben, Status.ACCEPTED), (cleo, Status.INVITED)):
        CohortMembership.objects.create(cohort=cohort, member=member, status=status)
    return cohort


def _page(client, user, cohort):
    client.force_login(user)
    return client.get(reverse("network_public:cohort", args=[cohort.pk]))


def test_non_member_gets_403_and_no_contact_details(client, user_factory, cohort):
    response = _page(client, user_factory(email="stranger@example.org"), cohort)
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    for private in ("ana@example.org", "Ciudad Norte", "@ana_pb"):
        assert private not in html


def test_visitor_is_sent_to_log_in(client, cohort):
    response = client.get(reverse("network_public:cohort", args=[cohort.pk]))
    assert response.status_code == HTTPStatus.FOUND


def test_peer_sees_the_details_each_member_chose_to_show(client, cohort):
    ben = cohort.memberships.get(member__name="Ben").member.user
    html = _page(client, ben, cohort).content.decode()
    assert "ana@example.org" in html and "Ciudad Norte" in html and "@ana_pb" in html
    # Ben chose to show nothing: his own details stay hidden even on his cohort's page.
    assert "ben@example.org" not in html and "Hidden Org" not in html and "ben_hidden" not in html


def test_invited_member_sees_names_and_roles_but_no_contacts_until_accepting(client, cohort):
    cleo = cohort.memberships.get(member__name="Cleo").member.user
    html = _page(client, cleo, cohort).content.decode()
    assert "Ana" in html and "Technical specialist in a department" in html
    for private in ("ana@example.org", "Ciudad Norte", "@ana_pb"):
        assert private not in html
    client.post(reverse("network_public:accept", args=[cohort.pk]))
    html = _page(client, cleo, cohort).content.decode()
    assert "ana@example.org" in html and "Ciudad Norte" in html and "@ana_pb" in html


def test_staff_see_contact_details(client, user_factory, cohort):
    staff = user_factory(email="curator@example.org", is_staff=True)
    html = _page(client, staff, cohort).content.decode()
    assert "ana@example.org" in html


def test_member_who_left_loses_access(client, cohort):
    ana = cohort.memberships.get(member__name="Ana").member.user
    client.force_login(ana)
    client.post(reverse("network_public:leave", args=[cohort.pk]))
    assert _page(client, ana, cohort).status_code == HTTPStatus.FORBIDDEN


def test_peer_posts_a_note_and_staff_removal_hides_it(client, cohort):
    ana = cohort.memberships.get(member__name="Ana").member.user
    client.force_login(ana)
    client.post(reverse("network_public:post", args=[cohort.pk]),
                {"body": "Our feasibility checklist", "link": "https://example.org/list"})
    assert "Our feasibility checklist" in _page(client, ana, cohort).content.decode()
    cohort.posts.update(removed=True)
    assert "Our feasibility checklist" not in _page(client, ana, cohort).content.decode()


def test_non_member_cannot_post(client, user_factory, cohort):
    client.force_login(user_factory())
    response = client.post(reverse("network_public:post", args=[cohort.pk]), {"body": "spam"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not cohort.posts.exists()


def test_export_includes_profile_choices_and_cohorts(client, cohort):
    ana = cohort.memberships.get(member__name="Ana").member.user
    client.force_login(ana)
    data = json.loads(client.post(reverse("network:export_data")).content)
    assert data["profile"]["consent_to_matching"] is True
    assert data["profile"]["visible_to_peers"]["telegram_handle"] is True
    assert data["profile"]["context"]["decision_model"] == "direct-vote"
    assert data["cohorts"]["memberships"][0]["cohort"] == "Selection peers"


def test_deleting_the_account_removes_memberships(client, cohort):
    ana = cohort.memberships.get(member__name="Ana").member.user
    client.force_login(ana)
    client.post(reverse("network:delete_account"), {"password": "correct-horse-battery"})
    assert not cohort.memberships.filter(member__name="Ana").exists()
