"""What the bot does, as plain synchronous functions (handlers call them through sync_to_async).

Reads of other apps go through their selectors/services; nothing here talks to Telegram.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from bot.models import LINK_CODE_MINUTES, FAQEntry, LinkCode, TelegramLink

WORD = re.compile(r"\w+", re.UNICODE)
# Words that carry no topic in a question, in the four interface languages.
STOPWORDS = frozenset("""
a about an and any are as at be can could do does for from get have how i if in into is it its
me my of on or our should so than that the their them there these they this to us was we what
when where which who why will with would you your
au aux avec ce ces comment dans de des du en est et faire il je la le les leur mais ne nous on
ou par pas pour quand que quel quelle qui sur un une vous
al como con cual cuando de del el en es esta hacer la las lo los mas para por que se sin su sus
un una y
ao aos as com como da das de do dos e em faz fazer na nas no nos o os para pela pelo por qual
quando que se sem um uma
""".split())


class LinkCodeError(Exception):
    """A link code sent to the bot is unknown, used or expired (``reason`` says which)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def page_url(path: str, *, language: str = "en") -> str:
    """A site page in ``language`` (English at the root, others under /fr/, /es/, /pt/)."""
    return site_url(path if language == "en" else f"/{language}{path}")


def link_page_url(*, language: str = "en") -> str:
    with translation.override(language):
        return site_url(reverse("bot_account:link"))


# --- Telegram users, languages and account links ----------------------------------------------


def language_for(*, telegram_user_id: int, language_code: str | None) -> str:
    """The language chosen with /language, else the one Telegram reports, else English."""
    from bot.texts import pick_language

    chosen = (TelegramLink.objects.filter(telegram_user_id=telegram_user_id)
              .values_list("language", flat=True).first())
    return chosen or pick_language(language_code)


def set_language(*, telegram_user_id: int, chat_id: int, language: str) -> None:
    TelegramLink.objects.update_or_create(
        telegram_user_id=telegram_user_id,
        defaults={"chat_id": chat_id, "language": language},
    )


def linked_user(*, telegram_user_id: int):
    """The site account linked to this Telegram user, or None."""
    link = (TelegramLink.objects.filter(telegram_user_id=telegram_user_id, user__isnull=False)
            .select_related("user__member").first())
    return link.user if link else None


def create_link_code(*, user) -> LinkCode:
    """A fresh one-time code for ``user`` (their earlier unused codes stop working)."""
    now = timezone.now()
    with transaction.atomic():
        LinkCode.objects.filter(user=user, used_at__isnull=True).delete()
        return LinkCode.objects.create(
            user=user, code=secrets.token_urlsafe(9).replace("-", "x").replace("_", "y"),
            expires_at=now + timedelta(minutes=LINK_CODE_MINUTES),
        )


def current_link_code(*, user) -> LinkCode | None:
    return (LinkCode.objects.filter(user=user, used_at__isnull=True,
                                    expires_at__gt=timezone.now()).order_by("-created_at").first())


def redeem_link_code(*, code: str, telegram_user_id: int, chat_id: int, language: str = ""):
    """Link the Telegram user to the code's account; returns the user or raises LinkCodeError."""
    now = timezone.now()
    with transaction.atomic():
        link_code = (LinkCode.objects.select_for_update(of=("self",)).select_related("user__member")
                     .filter(code=code.strip()).first())
        if link_code is None:
            raise LinkCodeError("unknown")
        if link_code.used_at is not None:
            raise LinkCodeError("used")
        if link_code.expires_at <= now:
            raise LinkCodeError("expired")
        link_code.used_at = now
        link_code.save(update_fields=["used_at"])
        # One Telegram account per site account: a previous link of this user moves here.
        TelegramLink.objects.filter(user=link_code.user).exclude(
            telegram_user_id=telegram_user_id).update(user=None, linked_at=None)
        link, created = TelegramLink.objects.get_or_create(
            telegram_user_id=telegram_user_id,
            defaults={"chat_id": chat_id, "user": link_code.user, "linked_at": now,
                      "language": language},
        )
        if not created:
            link.chat_id, link.user, link.linked_at = chat_id, link_code.user, now
            link.save(update_fields=["chat_id", "user", "linked_at"])
    return link_code.user


def unlink(*, user) -> None:
    TelegramLink.objects.filter(user=user).update(user=None, linked_at=None)


def display_name(user) -> str:
    member = getattr(user, "member", None)
    return (member.name if member and member.name else "") or user.email


def export_telegram_data(user) -> dict | None:
    """Personal data export: the linked Telegram account, if any."""
    link = TelegramLink.objects.filter(user=user).first()
    if link is None:
        return None
    return {"telegram_user_id": link.telegram_user_id, "chat_id": link.chat_id,
            "language": link.language,
            "linked_at": link.linked_at.isoformat() if link.linked_at else None}


# --- Questions ----------------------------------------------------------------------------------


@dataclass
class ResourceHit:
    title: str
    summary: str
    url: str


@dataclass
class Answer:
    """The reply to a question: up to 3 resources, how many matched, and an FAQ entry if any."""

    question: str
    resources: list[ResourceHit] = field(default_factory=list)
    total: int = 0
    faq: FAQEntry | None = None
    browse_url: str = ""
    complete: bool = True  # False: ``total`` is a lower bound (only the best matches counted)


def keywords(text: str) -> list[str]:
    """The words of a question that can carry its topic (no stopwords, no short words)."""
    seen, words = set(), []
    for word in WORD.findall(text.lower()):
        if len(word) > 2 and word not in STOPWORDS and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def match_faq(*, text: str, language: str) -> FAQEntry | None:
    """The live FAQ entry whose keywords the question mentions most (its language first)."""
    lowered = " " + " ".join(WORD.findall(text.lower())) + " "
    best, best_score = None, 0
    for entry in FAQEntry.objects.filter(live=True):
        score = 0
        for keyword in entry.keyword_list():
            stem = keyword[:-1] if len(keyword) > 5 else keyword
            if f" {stem}" in lowered:
                score += 2 if " " in keyword else 1
        if score and entry.language == language:
            score += 0.5
        if score > best_score:
            best, best_score = entry, score
    return best


def _selectors():
    return import_module("library.selectors")


def _hits(resources) -> list[ResourceHit]:
    return [ResourceHit(title=r.title, summary=getattr(r, "summary", "") or "",
                        url=getattr(r, "full_url", None) or site_url(r.url)) for r in resources]


def answer_question(*, text: str, language: str, stage: str | None = None,
                    content_language: str | None = None, limit: int = 3) -> Answer:
    """Search the library (in the ``language`` tree) and the FAQ for a question.

    Two queries: the FAQ entries, and one ranked library search where resources mentioning
    the most of the question's keywords (titles counting most) come first.
    """
    answer = Answer(question=text)
    with translation.override(language):
        answer.faq = match_faq(text=text, language=language)
        try:
            resources, answer.total, answer.complete = _selectors().find_resources_for_question(
                words=keywords(text) or WORD.findall(text.lower()), language=content_language,
                stage=stage, limit=limit)
        except ImportError:
            resources = []
        answer.resources = _hits(resources)
    answer.browse_url = page_url("/library/", language=language)
    return answer


def resources_for_stage(*, stage: str, language: str, limit: int = 3) -> Answer:
    """The newest resources for a stage of the PB cycle."""
    answer = Answer(question="")
    with translation.override(language):
        found = _selectors().search_resources(stage=stage, sort="newest", per_page=limit)
        answer.resources, answer.total = _hits(found.results), found.total
    return answer


# --- Events, cohorts ----------------------------------------------------------------------------


@dataclass
class EventLine:
    id: int
    title: str
    when: str
    url: str


def next_events(*, telegram_user_id: int, language: str, languages=None, limit: int = 5):
    """The next events in the member's languages (or ``languages``), dated in their time zone."""
    from events import display, selectors

    user = linked_user(telegram_user_id=telegram_user_id)
    member = getattr(user, "member", None) if user else None
    if languages is None:
        languages = (member.languages if member and member.languages else [language])
    zone = display.zone_of_user(user) if user else None
    with translation.override(language):
        events = selectors.upcoming_events(limit=limit, languages=languages)
        return [EventLine(e.pk, e.title, display.when(e, zone),
                          getattr(e, "full_url", None) or site_url(e.url)) for e in events]


def event_calendar(*, event_id: int) -> tuple[str, bytes] | None:
    """(file name, .ics bytes) of one live event, or None."""
    from events.ical import calendar_for_event
    from events.models import EventPage

    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None:
        return None
    return f"{event.slug}.ics", calendar_for_event(event)


@dataclass
class CohortSummary:
    linked: bool
    name: str = ""
    next_session: str = ""
    peers: list[str] = field(default_factory=list)


def cohort_summary(*, telegram_user_id: int, language: str) -> CohortSummary:
    """The linked member's active cohort, next session and visible peers."""
    user = linked_user(telegram_user_id=telegram_user_id)
    if user is None:
        return CohortSummary(linked=False)
    from matching import selectors

    with translation.override(language):
        cohort = selectors.active_cohort_for(user=user)
        if cohort is None:
            return CohortSummary(linked=True)
        session = selectors.next_session(cohort=cohort)
        when = ""
        if session is not None:
            from events import display

            when = display.session_when(session, display.zone_of_user(user))
        peers = []
        for peer in selectors.visible_peers(cohort=cohort, viewer=user):
            if peer.get("is_viewer"):
                continue
            details = [peer.get("role_label") or ""] + [
                peer[key] for key in ("organisation", "email", "telegram") if peer.get(key)]
            peers.append(" · ".join([peer["name"], *filter(None, details)]))
        return CohortSummary(linked=True, name=str(cohort), next_session=when, peers=peers)
