"""A cohort's page as one member reads it: why the cohort, its sessions in their zone, experts."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from matching.models import Cohort, CohortMembership, CohortSession
from network.models import Expert
from tests.network.helpers import give_profile

pytestmark = pytest.mark.django_db
Status = CohortMembership.Status


@pytest.fixture
def cohort(user_factory):
    """Two civic technologists and a PB team lead, all selecting projects, in Spanish."""
    cohort = Cohort.objects.create(name="Selection peers", status=Cohort.Status.ACTIVE)
    lead = give_profile(user_factory(email="lead@example.org", name="Lucía Team Lead"),
                        role="pb-team-lead", time_zone="America/Santiago",
                        territorial_level="national")
    for n, name in enumerate(("Tomás Técnico", "Teresa Técnica")):
        tech = give_profile(user_factory(email=f"tech{n}@example.org", name=name),
                            role="civic-technologist")
        CohortMembership.objects.create(cohort=cohort, member=tech, status=Status.ACCEPTED)
    CohortMembership.objects.create(cohort=cohort, member=lead, status=Status.ACCEPTED)
    return cohort


def _page(client, cohort, name):
    user = cohort.memberships.get(member__name=name).member.user
    client.force_login(user)
    html = client.get(reverse("network_public:cohort", args=[cohort.pk])).content.decode()
    return html[html.index('id="why-heading"'):html.index('id="members-heading"')], html


def test_why_this_cohort_names_only_what_the_reader_has(client, cohort):
    why, _html = _page(client, cohort, "Lucía Team Lead")
    assert "same stage: Project selection" in why
    assert "Civic technologist" not in why
    assert "Municipal" not in why  # most others are municipal, Lucía works nationally
    why, _html = _page(client, cohort, "Tomás Técnico")
    assert "same role: Civic technologist" in why and "Municipal" in why


def test_sessions_are_shown_in_the_members_zone_with_the_zone_named(client, cohort):
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(days=3)
    start = start.replace(hour=14, minute=0, second=0)  # 14:00 UTC
    CohortSession.objects.create(cohort=cohort, title="First call", starts_at=start,
                                 ends_at=start + datetime.timedelta(hours=1),
                                 time_zone="Europe/Madrid")
    _why, html = _page(client, cohort, "Lucía Team Lead")
    offset = int(start.astimezone(zoneinfo.ZoneInfo("America/Santiago"))
                 .utcoffset().total_seconds() // 3600)
    assert f"{14 + offset:02d}:00–{15 + offset:02d}:00 (America/Santiago)" in html
    assert "(UTC)" not in html


def test_suggested_experts_know_the_readers_stage(client, cohort, user_factory):
    selection = give_profile(user_factory(name="Selection Expert"), role="expert",
                             territorial_level="municipal")
    Expert.objects.create(member=selection, vetted=True, summary="Ballots.",
                          stages=["project-selection"])
    outreach = give_profile(user_factory(name="Outreach Expert"), role="expert")
    Expert.objects.create(member=outreach, vetted=True, summary="Flyers.", stages=["outreach"],
                          territorial_levels=["municipal", "national"],
                          decision_models=["direct-vote"])
    _why, html = _page(client, cohort, "Lucía Team Lead")
    assert "Selection Expert" in html and "Outreach Expert" not in html
