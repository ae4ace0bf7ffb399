"""Reads about cohorts used by several clients: the website, the calendar feeds and the bot."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from matching.models import Cohort, CohortMembership, CohortPost, CohortSession

Status = CohortMembership.Status


@dataclass(frozen=True)
class SessionEntry:
    """A cohort session as the calendar sees it (aware datetimes, IANA time zone)."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    joining_link: str
    url: str
    cohort_name: str


def cohort_sessions_for(*, user) -> list[SessionEntry]:
    """Sessions of every active cohort `user` has accepted, oldest first (for personal iCal)."""
    if not user.is_authenticated:
        return []
    sessions = (CohortSession.objects
                .filter(cohort__status=Cohort.Status.ACTIVE,
                        cohort__memberships__member__user=user,
                        cohort__memberships__status=Status.ACCEPTED)
                .select_related("cohort").order_by("starts_at"))
    return [SessionEntry(uid=f"cohort-session-{s.uid}@pb-exchange", title=s.title,
                         starts_at=s.starts_at, ends_at=s.ends_at, time_zone=s.time_zone,
                         joining_link=s.joining_link, url=s.url, cohort_name=s.cohort.name)
            for s in sessions]


def memberships_for(*, user):
    """The member's cohorts and invitations (not archived), newest first."""
    return (CohortMembership.objects
            .filter(member__user=user)
            .exclude(cohort__status=Cohort.Status.ARCHIVED)
            .exclude(status=Status.PROPOSED)  # staff have not published it yet
            .select_related("cohort").order_by("-cohort__created_at"))


def pending_invitations(*, user):
    return memberships_for(user=user).filter(status=Status.INVITED)


def active_cohort_for(*, user) -> Cohort | None:
    """The active cohort `user` accepted most recently, or None."""
    if not user.is_authenticated:
        return None
    return (Cohort.objects.filter(status=Cohort.Status.ACTIVE, memberships__member__user=user,
                                  memberships__status=Status.ACCEPTED)
            .order_by("-created_at").first())


def next_session(*, cohort) -> CohortSession | None:
    """The cohort's next session that has not ended yet, or None."""
    return cohort.sessions.filter(ends_at__gte=timezone.now()).order_by("starts_at").first()


def upcoming_sessions(*, cohort):
    return cohort.sessions.filter(ends_at__gte=timezone.now()).order_by("starts_at")


def can_see_contacts(*, cohort, viewer) -> bool:
    """Contact details go only to the cohort's accepted members and to staff."""
    if not viewer.is_authenticated:
        return False
    return viewer.is_staff or cohort.memberships.filter(
        member__user=viewer, status=Status.ACCEPTED).exists()


def visible_peers(*, cohort, viewer) -> list[dict]:
    """The cohort's current members as `viewer` may see them.

    Name and role always; email, organisation and Telegram handle only when the viewer is a
    peer who accepted (or staff) and the member chose to show them. Keys: name, role,
    role_label, status, is_viewer, and, when visible, email, organisation, telegram.
    """
    contacts = can_see_contacts(cohort=cohort, viewer=viewer)
    peers = []
    memberships = (cohort.memberships.filter(status__in=CohortMembership.CURRENT)
                   .exclude(status=Status.PROPOSED).select_related("member__user"))
    for membership in memberships:
        member = membership.member
        entry = {"name": member.name, "role": member.role,
                 "role_label": str(member.get_role_display()), "status": membership.status,
                 "is_viewer": member.user_id == viewer.pk}
        if contacts:
            if member.show_email:
                entry["email"] = member.user.email
            if member.show_organisation and member.organisation:
                entry["organisation"] = member.organisation
            if member.show_telegram and member.telegram_handle:
                entry["telegram"] = "@" + member.telegram_handle
        peers.append(entry)
    return peers


def visible_posts(*, cohort):
    return CohortPost.objects.filter(cohort=cohort, removed=False).select_related("author")
