"""What the website, the admin and the bot do with events: follow, remind, notify, propose, feeds."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from events import display, ical
from events.models import (
    CalendarFeedToken,
    EventIndexPage,
    EventPage,
    EventSchedule,
    Participation,
)
from matching.selectors import cohort_sessions_for

logger = logging.getLogger(__name__)

REMINDER_LEAD = datetime.timedelta(hours=24)
PROPOSAL_WORKFLOW_NAME = "Event proposals"
PROPOSAL_TASK_NAME = "Review a proposed event"


# --- Changes and their notices -------------------------------------------------------------


def record_publication(*, event) -> str:
    """Bump the event's SEQUENCE when its time, place or status changed; return the change.

    Returns "" (first publication or nothing relevant changed), "changed" or "cancelled".
    """
    fingerprint = event.schedule_fingerprint()
    with transaction.atomic():
        schedule, created = EventSchedule.objects.select_for_update().get_or_create(
            translation_key=event.translation_key, defaults={"fingerprint": fingerprint})
        if created or schedule.fingerprint == fingerprint:
            return ""
        was_cancelled = schedule.fingerprint.endswith("|cancelled")
        schedule.sequence += 1
        schedule.fingerprint = fingerprint
        schedule.save(update_fields=["sequence", "fingerprint", "updated_at"])
    change = "cancelled" if event.cancelled and not was_cancelled else "changed"
    from events.tasks import notify_event_followers

    notify_event_followers.enqueue(translation_key=str(event.translation_key), change=change)
    return change


def sequence_of(event) -> int:
    schedule = EventSchedule.objects.filter(translation_key=event.translation_key).first()
    return schedule.sequence if schedule else 0


def _member_language(user):
    member = getattr(user, "member", None)
    return getattr(member, "interface_language", "") or settings.LANGUAGE_CODE


def _event_copy_for(user, participation_event):
    """The copy of the event in the member's language tree, falling back to the one they marked."""
    language = _member_language(user)
    return (EventPage.objects.live().filter(translation_key=participation_event.translation_key,
                                            locale__language_code=language).first()
            or participation_event)


def _send(user, *, subject_template, body_template, context):
    with translation.override(_member_language(user)):
        subject = render_to_string(subject_template, context).strip()
        body = render_to_string(body_template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _name_of(user):
    member = getattr(user, "member", None)
    return getattr(member, "name", "") or user.get_full_name()


def _event_context(user, event):
    event = _event_copy_for(user, event)
    return {
        "event": event,
        "when": display.when(event, display.zone_of_user(user)),
        "url": ical.page_url(event),
        "member": getattr(user, "member", None),
        "name": _name_of(user),
    }


def notify_followers(*, translation_key, change) -> int:
    """Email everyone following the event, and the member who proposed it, that it changed or
    was cancelled: one email per person. Return the count."""
    participations = (Participation.objects.filter(event__translation_key=translation_key)
                      .select_related("user", "user__member", "event"))
    recipients = {participation.user_id: (participation.user, participation.event, False)
                  for participation in participations}
    proposed = (EventPage.objects.filter(translation_key=translation_key, proposed_by__isnull=False)
                .select_related("proposed_by").first())
    if proposed is not None and proposed.proposed_by.is_active:
        recipients.setdefault(proposed.proposed_by_id, (proposed.proposed_by, proposed, True))
    sent = 0
    for user, event, is_proposer in recipients.values():
        context = _event_context(user, event)
        context.update(change=change, proposer=is_proposer)
        _send(user, subject_template="events/email/update_subject.txt",
              body_template="events/email/update_body.txt", context=context)
        sent += 1
    return sent


# --- Following and reminders ----------------------------------------------------------------


def set_participation(*, user, event, status) -> Participation | None:
    """Mark "interested"/"going" on `event`, or remove the mark when `status` is empty."""
    Participation.objects.filter(user=user, event__translation_key=event.translation_key).exclude(
        event=event).delete()
    if not status:
        Participation.objects.filter(user=user, event=event).delete()
        return None
    if status not in Participation.Status.values:
        raise ValueError(status)
    participation, _created = Participation.objects.update_or_create(
        user=user, event=event, defaults={"status": status})
    return participation


def send_due_reminders(*, now=None) -> int:
    """Email each follower of an event starting within 24 hours, once; return how many were sent."""
    now = now or timezone.now()
    due = (Participation.objects
           .filter(reminded_at__isnull=True, event__live=True, event__cancelled=False,
                   event__start__gt=now, event__start__lte=now + REMINDER_LEAD)
           .select_related("user", "user__member", "event"))
    sent = 0
    for participation in due:
        # Claim the reminder first, so that two runs at once never both send it.
        claimed = Participation.objects.filter(pk=participation.pk,
                                               reminded_at__isnull=True).update(reminded_at=now)
        if not claimed:
            continue
        context = _event_context(participation.user, participation.event)
        try:
            _send(participation.user, subject_template="events/email/reminder_subject.txt",
                  body_template="events/email/reminder_body.txt", context=context)
        except OSError:
            Participation.objects.filter(pk=participation.pk).update(reminded_at=None)
            logger.exception("Could not send the event reminder %s", participation.pk)
            continue
        sent += 1
    return sent


# --- Proposals and moderation ---------------------------------------------------------------


def proposal_workflow():
    """The Wagtail workflow proposed events go through: one review by the Moderators group."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    workflow, created = Workflow.objects.get_or_create(name=PROPOSAL_WORKFLOW_NAME)
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name=PROPOSAL_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=PROPOSAL_TASK_NAME)
            moderators, _ = Group.objects.get_or_create(name="Moderators")
            task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def source_index():
    """The events index of the default language, where new events are created."""
    return EventIndexPage.objects.filter(locale=Locale.get_default()).first()


def _unique_slug(parent, title):
    base = slugify(title)[:70] or "event"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _paragraphs(text):
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def may_propose(*, user) -> bool:
    """Whether `user` may send another proposal now: members send at most
    EVENT_PROPOSALS_PER_DAY in 24 hours (counted in the database, so across all workers)."""
    from wagtail.models import WorkflowState

    if user.is_staff:
        return True
    since = timezone.now() - datetime.timedelta(days=1)
    sent = WorkflowState.objects.filter(requested_by=user, created_at__gte=since,
                                        workflow__name=PROPOSAL_WORKFLOW_NAME).count()
    return sent < settings.EVENT_PROPOSALS_PER_DAY


@transaction.atomic
def propose_event(*, user, data) -> EventPage:
    """Save a member's proposal as a draft event and submit it to moderation."""
    index = source_index()
    page = EventPage(
        title=data["title"], slug=_unique_slug(index, data["title"]), live=False, owner=user,
        proposed_by=user, summary=data["summary"], description=_paragraphs(data["description"]),
        start=data["start"], end=data["end"], time_zone=data["time_zone"], format=data["format"],
        venue=data.get("venue", ""), city=data.get("city", ""), country=data.get("country", ""),
        joining_link=data.get("joining_link", ""), organiser=data["organiser"],
        organiser_url=data.get("organiser_url", ""), languages=data["languages"],
        regions=data.get("regions", []), stages=data.get("stages", []),
        themes=data.get("themes", []), cost_amount=data.get("cost_amount"),
        cost_currency=data.get("cost_currency", ""),
        registration_url=data.get("registration_url", ""),
    )
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    proposal_workflow().start(page, user)
    from events.tasks import notify_curators_of_proposal

    notify_curators_of_proposal.enqueue(page_id=page.pk)
    create_aliases_for_new_page(page)
    return page


def proposal_decided(*, page, decision, reason="") -> bool:
    """Tell the member who proposed `page` that staff approved or rejected it (with the reason)."""
    page = page.specific
    if not isinstance(page, EventPage) or page.proposed_by is None:
        return False
    user = page.proposed_by
    context = {"event": page, "decision": decision, "reason": reason,
               "url": ical.page_url(page), "name": _name_of(user),
               "contact": settings.CONTACT_EMAIL,
               "when": display.when(page, display.zone_of_user(user))}
    _send(user, subject_template="events/email/decision_subject.txt",
          body_template="events/email/decision_body.txt", context=context)
    return True


def curators():
    """Who reviews proposed events: the active Moderators and superusers with an email address."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(groups__name="Moderators") | Q(is_superuser=True))
            .exclude(email="").select_related("member").distinct().order_by("pk"))


def notify_curators(*, page_id) -> int:
    """Tell each curator once that a member proposed an event; return how many were told."""
    from django.urls import reverse

    page = EventPage.objects.filter(pk=page_id).select_related("proposed_by").first()
    if page is None:
        return 0
    review_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit",
                                                                      args=[page.pk])
    proposer = _name_of(page.proposed_by) if page.proposed_by else ""
    sent, addresses = 0, set()
    for user in curators():
        if user == page.proposed_by or user.email.lower() in addresses:
            continue
        addresses.add(user.email.lower())
        context = {"event": page, "name": _name_of(user), "review_url": review_url,
                   "proposer": proposer or page.organiser,
                   "when": display.when(page, display.zone_of_user(user))}
        _send(user, subject_template="events/email/proposal_notice_subject.txt",
              body_template="events/email/proposal_notice_body.txt", context=context)
        sent += 1
    return sent


# --- Personal calendar feed -----------------------------------------------------------------


def feed_token_for(*, user) -> str:
    """The secret of the member's personal calendar address, created on first use."""
    token, _ = CalendarFeedToken.objects.get_or_create(user=user)
    return token.token


def regenerate_feed_token(*, user) -> str:
    """Replace the member's calendar address; the old one stops working at once."""
    from events.models import new_feed_token

    token, _ = CalendarFeedToken.objects.get_or_create(user=user)
    token.token = new_feed_token()
    token.save(update_fields=["token", "created_at"])
    return token.token


def user_for_feed_token(token):
    row = CalendarFeedToken.objects.filter(token=token).select_related("user").first()
    return row.user if row and row.user.is_active else None


def personal_calendar(*, user) -> bytes:
    """The member's own feed: the events they follow and their cohort sessions."""
    from events import selectors

    sessions = [ical.session_component(session) for session in cohort_sessions_for(user=user)]
    events = selectors.followed_events(user=user)
    # One copy per event: the member's marks may be on copies in different languages.
    unique = list({event.translation_key: event for event in events}.values())
    return ical.calendar_for_events(unique, name="PB Exchange", show_joining_links=True,
                                    extra=sessions)


# --- Personal data ------------------------------------------------------------------------


def export_participation(user):
    """The member's event marks, proposals and whether a calendar address exists."""
    return {
        "events": [
            {"event": p.event.title, "starts_at": p.event.start.isoformat(), "status": p.status,
             "marked_at": p.created_at.isoformat(),
             "reminded_at": p.reminded_at.isoformat() if p.reminded_at else None}
            for p in Participation.objects.filter(user=user).select_related("event")
        ],
        "proposed_events": [page.title for page in EventPage.objects.filter(proposed_by=user)
                            .filter(locale=Locale.get_default())],
        "has_personal_calendar_address": CalendarFeedToken.objects.filter(user=user).exists(),
    }
