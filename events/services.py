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


def _event_context(user, event):
    event = _event_copy_for(user, event)
    return {
        "event": event,
        "when": display.when(event, display.zone_of_user(user)),
        "url": ical.page_url(event),
        "member": getattr(user, "member", None),
    }


def notify_followers(*, translation_key, change) -> int:
    """Email everyone following the event that it changed or was cancelled; return the count."""
    participations = (Participation.objects.filter(event__translation_key=translation_key)
                      .select_related("user", "user__member", "event"))
    sent = 0
    for participation in participations:
        context = _event_context(participation.user, participation.event)
        context["change"] = change
        _send(participation.user, subject_template="events/email/update_subject.txt",
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
    create_aliases_for_new_page(page)
    return page


def proposal_decided(*, page, decision, reason="") -> bool:
    """Tell the member who proposed `page` that staff approved or rejected it (with the reason)."""
    page = page.specific
    if not isinstance(page, EventPage) or page.proposed_by is None:
        return False
    user = page.proposed_by
    context = {"event": page, "decision": decision, "reason": reason,
               "url": ical.page_url(page),
               "when": display.when(page, display.zone_of_user(user))}
    _send(user, subject_template="events/email/decision_subject.txt",
          body_template="events/email/decision_body.txt", context=context)
    return True


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
