"""Demo cohorts: one matching round, published, most members accepted, with sessions and notes.

The demo member (network.demo.MEMBER_EMAIL) is left with a pending invitation, so that the site
(and the browser test) can show accepting one.
"""

import datetime

from django.utils import timezone

from matching import services
from matching.models import Cohort, CohortMembership, CohortPost, CohortSession
from network.demo import MEMBER_EMAIL
from network.models import Member

NOTES = [
    "Sharing the checklist we use to review proposals before they go to the vote.",
    "Our turnout rose after we added voting at the weekly market; happy to explain how.",
    "Does anyone publish the reasons a proposal was found unfeasible? Looking for examples.",
]


def load(*, stdout):
    """Run one round and set the cohorts up, once; re-running leaves them as they are."""
    if Cohort.objects.exists():
        stdout.write(f"  {Cohort.objects.count()} cohorts already there")
        return
    summary = services.run_round(seed=2026)
    rosa = Member.objects.get(user__email=MEMBER_EMAIL)
    if not CohortMembership.objects.filter(member=rosa).exists():
        # Rosa waited in this round: seat her with the closest Spanish-speaking cohort.
        cohort = next((c for c in Cohort.objects.order_by("pk") if "es" in c.languages),
                      Cohort.objects.first())
        CohortMembership.objects.create(cohort=cohort, member=rosa, reason="demo")
    now = timezone.now()
    start = (now + datetime.timedelta(days=7)).replace(hour=15, minute=0, second=0,
                                                       microsecond=0)
    for index, cohort in enumerate(Cohort.objects.order_by("pk")):
        # Set as if invitations had gone out and been answered (no demo email is sent).
        cohort.memberships.update(status=CohortMembership.Status.ACCEPTED, invited_at=now,
                                  responded_at=now)
        cohort.memberships.filter(member=rosa).update(status=CohortMembership.Status.INVITED,
                                                      responded_at=None)
        cohort.status = Cohort.Status.ACTIVE
        cohort.published_at = now
        cohort.save(update_fields=["status", "published_at"])
        CohortSession.objects.bulk_create([
            CohortSession(cohort=cohort, title=title,
                          starts_at=start + datetime.timedelta(days=14 * week),
                          ends_at=start + datetime.timedelta(days=14 * week, hours=1),
                          time_zone="UTC", joining_link="https://meet.pb-exchange.example/"
                          f"cohort-{cohort.pk}")
            for week, title in enumerate(["Introductions and where we are in the cycle",
                                          "Peer clinic: one problem each"])])
        author = cohort.memberships.exclude(member=rosa).first()
        if author is not None:
            CohortPost.objects.create(cohort=cohort, author=author.member,
                                      body=NOTES[index % len(NOTES)])
    stdout.write(f"  {Cohort.objects.count()} active cohorts ({summary.placed} members placed, "
                 f"{len(summary.waiting)} waiting, score {summary.score:.2f})")
