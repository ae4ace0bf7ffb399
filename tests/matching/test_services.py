"""Matching rounds on real profiles: proposed cohorts, stability, invitations, calendars."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from matching import selectors, services
from matching.models import Cohort, CohortMembership, CohortSession
from tests.fixtures.email import body_text
from tests.network.helpers import give_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve(user_factory):
    """Twelve consenting Spanish speakers in one time zone, plus one who did not consent."""
    people = [give_profile(user_factory(name=f"Peer {n}"),
                           role=["technical-specialist", "pb-team-lead"][n % 2])
              for n in range(12)]
    give_profile(user_factory(name="Not consenting"), consent_to_matching=False)
    return people


def test_dry_run_saves_nothing_and_reports(twelve):
    out = StringIO()
    call_command("match_cohorts", "--dry-run", stdout=out)
    assert "members placed: 12" in out.getvalue() and "Dry run" in out.getvalue()
    assert not Cohort.objects.exists()


def test_round_proposes_cohorts_within_bounds_and_skips_non_consenting(twelve):
    out = StringIO()
    call_command("match_cohorts", stdout=out)
    assert "[##############################] 3/3" in out.getvalue()
    cohorts = list(Cohort.objects.all())
    assert cohorts and all(c.status == Cohort.Status.PROPOSED for c in cohorts)
    assert all(4 <= c.memberships.count() <= 8 for c in cohorts)
    assert not CohortMembership.objects.filter(member__name="Not consenting").exists()
    assert CohortMembership.objects.count() == 12


def test_second_round_keeps_cohorts_and_adds_newcomer(twelve, user_factory):
    services.run_round()
    before = {c.pk: set(c.memberships.values_list("member_id", flat=True))
              for c in Cohort.objects.all()}
    newcomer = give_profile(user_factory(name="Newcomer"))
    services.run_round()
    after = {c.pk: set(c.memberships.values_list("member_id", flat=True))
             for c in Cohort.objects.all()}
    assert set(after) == set(before)
    assert all(before[pk] <= after[pk] for pk in before)
    assert any(newcomer.pk in ids for ids in after.values())


def test_full_rematch_archives_published_cohorts(twelve):
    services.run_round()
    cohort = Cohort.objects.first()
    services.publish_cohort(cohort=cohort)
    services.run_round(full=True)
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.ARCHIVED
    assert Cohort.objects.filter(status=Cohort.Status.PROPOSED).exists()


def test_publishing_emails_invitations_and_acceptance_activates(
        twelve, mailbox, client, django_capture_on_commit_callbacks):
    services.run_round()
    cohort = Cohort.objects.first()
    first, second = [m.member.user for m in cohort.memberships.all()[:2]]
    with django_capture_on_commit_callbacks(execute=True):  # invitations leave after commit
        services.publish_cohort(cohort=cohort)
    message = mailbox.wait_for(first.email)[0]
    assert "Invitation to a peer cohort" in message["Subject"]
    assert cohort.get_absolute_url() in body_text(message)
    for user in (first, second):
        client.force_login(user)
        client.post(reverse("network_public:accept", args=[cohort.pk]))
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.ACTIVE
    assert selectors.active_cohort_for(user=first) == cohort


def test_staff_move_a_member_before_publishing(twelve, user_factory):
    give_profile(user_factory())
    services.run_round()
    a, b = Cohort.objects.all()[:2]
    membership = a.memberships.first()
    services.move_member(membership=membership, to_cohort=b)
    assert b.memberships.filter(pk=membership.pk).exists()


def test_sessions_feed_the_members_calendar_and_the_bot(user_factory):
    ana = give_profile(user_factory(name="Ana"), show_email=True).user
    outsider = give_profile(user_factory(name="Out")).user
    cohort = Cohort.objects.create(name="C", status=Cohort.Status.ACTIVE)
    CohortMembership.objects.create(cohort=cohort, member=ana.member, status="accepted")
    start = timezone.now() + datetime.timedelta(days=3)
    CohortSession.objects.create(cohort=cohort, title="Peer clinic", starts_at=start,
                                 ends_at=start + datetime.timedelta(hours=1),
                                 time_zone="America/Mexico_City", joining_link="https://x.example")
    [entry] = selectors.cohort_sessions_for(user=ana)
    assert entry.title == "Peer clinic" and entry.starts_at.tzinfo is not None
    assert entry.time_zone == "America/Mexico_City" and entry.url == f"/network/cohorts/{cohort.pk}/"
    assert selectors.cohort_sessions_for(user=outsider) == []
    assert selectors.next_session(cohort=cohort).title == "Peer clinic"
    [peer] = selectors.visible_peers(cohort=cohort, viewer=ana)
    assert peer["email"] == ana.email
    assert "email" not in selectors.visible_peers(cohort=cohort, viewer=outsider)[0]
