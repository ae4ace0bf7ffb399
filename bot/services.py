"""What the bot does, as plain synchronous functions (handlers call them through sync_to_async).

Reads of other apps go through their selectors/services; nothing here talks to Telegram.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from bot.models import LINK_CODE_MINUTES, FAQEntry, LinkCode, TelegramLink


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
    complete: bool = True  # False: ``total`` is a lower bound
    suggestion: str = ""  # the question with misspelt words corrected ("did you mean ...")


def match_faq(*, text: str, language: str) -> FAQEntry | None:
    """The live FAQ entry that the library search ranks first for the question (its language first).

    Entries are ranked on their question and keywords like resources on their title and tags; an
    entry must hold at least half of the question's content words.
    """
    from library import analysis, search

    needed = (len(analysis.parse_query(text, language=language)) + 1) // 2
    entries = list(FAQEntry.objects.filter(live=True))
    for candidates in ([e for e in entries if e.language == language], entries):
        documents = [(entry.pk, entry.language,
                      {"title": entry.question, "tags": entry.keywords.replace(",", ". ")})
                     for entry in candidates]
        ranked = search.rank_documents(q=text, documents=documents, language=language)
        if ranked and needed and ranked[0][1] >= needed:
            return next(entry for entry in candidates if entry.pk == ranked[0][0])
    return None


def _selectors():
    return import_module("library.selectors")


def _locale(language: str):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first() or Locale.get_default()


def _hits(resources, *, question: str = "", language: str = "en") -> list[ResourceHit]:
    """The resources as the bot lists them; with a question, links count the result as opened."""
    hits = []
    for resource in resources:
        url = getattr(resource, "full_url", None) or site_url(resource.url)
        if question:
            with translation.override(language):
                path = reverse("library:open_result", args=[resource.pk])
            url = site_url(path) + "?" + urlencode({"q": question[:200], "channel": "bot"})
        hits.append(ResourceHit(title=resource.title, summary=getattr(resource, "summary", "") or "",
                                url=url))
    return hits


def answer_question(*, text: str, language: str, stage: str | None = None,
                    content_language: str | None = None, limit: int = 3) -> Answer:
    """Search the library (in the ``language`` tree) and the FAQ for a question.

    The library part is the website's search (`library.selectors.search_resources`), so the bot
    and /library/?q=... list the same resources first.
    """
    from library import search

    answer = Answer(question=text)
    with translation.override(language):
        answer.faq = match_faq(text=text, language=language)
        found = _selectors().search_resources(q=text, locale=_locale(language), language=content_language,
                                              stage=stage, per_page=limit, with_facets=False)
        answer.resources = _hits(found.results, question=text, language=language)
        answer.total, answer.suggestion = found.total, found.suggestion
        search.record_search(q=text, locale=language, channel="bot", results=found.total)
    answer.browse_url = page_url("/library/", language=language) + "?" + urlencode({"q": text[:200]})
    return answer


def resources_for_stage(*, stage: str, language: str, limit: int = 3) -> Answer:
    """The newest resources for a stage of the PB cycle."""
    answer = Answer(question="")
    with translation.override(language):
        found = _selectors().search_resources(stage=stage, sort="newest", per_page=limit,
                                              locale=_locale(language), with_facets=False)
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
