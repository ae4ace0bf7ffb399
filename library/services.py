"""Writes and actions of the library: vocabulary rows, digest subscriptions and sending, filled templates."""

import io
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from library.placeholders import fill_template


def sync_vocabulary_terms(**_kwargs):
    """post_migrate: make sure every language, region and stage of the vocabulary has its row."""
    from library.models import ResourceLanguage, ResourceRegion, ResourceStage

    for model in (ResourceLanguage, ResourceRegion, ResourceStage):
        model.sync()


# --- Customisable templates ---------------------------------------------------------------------


def render_filled_template(*, page, values, fmt):
    """The page's template with `values` filled in, as (bytes, content type, file name)."""
    text = fill_template(page.template_text, values)
    if fmt == "txt":
        return text.encode("utf-8"), "text/plain; charset=utf-8", f"{page.slug}.txt"
    from docx import Document

    document = Document()
    document.add_heading(page.title, level=1)
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        paragraph = document.add_paragraph()
        for number, line in enumerate(lines):
            run = paragraph.add_run(line)
            if number < len(lines) - 1:
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return (
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"{page.slug}.docx",
    )


# --- Weekly digest ------------------------------------------------------------------------------


def save_digest_subscription(*, user, active, stages, languages, themes):
    """Create or update the member's digest preferences (stages/languages by code, themes by slug)."""
    from library.models import DigestSubscription, Theme

    with transaction.atomic():
        subscription, _created = DigestSubscription.objects.get_or_create(user=user)
        subscription.active = active
        subscription.save()
        subscription.stages.set(stages)
        subscription.languages.set(languages)
        slugs = [theme for theme in themes if isinstance(theme, str)]
        themes = [theme for theme in themes if not isinstance(theme, str)]
        subscription.themes.set(themes + list(Theme.objects.filter(slug__in=slugs)))
    return subscription


def export_digest_subscription(user):
    """Personal-data export: the member's digest preferences, or None."""
    from library.models import DigestSubscription

    subscription = DigestSubscription.objects.filter(user=user).first()
    if subscription is None:
        return None
    return {
        "active": subscription.active,
        "stages": sorted(subscription.stages.values_list("code", flat=True)),
        "languages": sorted(subscription.languages.values_list("code", flat=True)),
        "themes": sorted(subscription.themes.values_list("slug", flat=True)),
        "last_sent_at": subscription.last_sent_at.isoformat()
        if subscription.last_sent_at
        else None,
    }


def _interface_language(user):
    member = getattr(user, "member", None)
    language = getattr(member, "interface_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def send_digests(*, now=None, period=timedelta(days=7)):
    """Email every active subscriber the resources published since their last digest; returns count sent."""
    from wagtail.models import Locale

    from library import selectors
    from library.models import DigestSubscription

    now = now or timezone.now()
    sent = 0
    subscriptions = (
        DigestSubscription.objects.filter(active=True, user__is_active=True)
        .select_related("user", "user__member")
        .prefetch_related("stages", "languages", "themes")
    )
    for subscription in subscriptions:
        since = max(subscription.last_sent_at or now - period, now - period)
        language = _interface_language(subscription.user)
        locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
        with translation.override(language):
            resources = selectors.new_resources_for_digest(
                since=since,
                locale=locale,
                stages=[stage.code for stage in subscription.stages.all()],
                languages=[lang.code for lang in subscription.languages.all()],
                themes=[theme.slug for theme in subscription.themes.all()],
            )
            if not resources:
                continue
            context = {
                "resources": resources,
                "site_url": settings.SITE_URL.rstrip("/"),
                "user": subscription.user,
            }
            message = EmailMultiAlternatives(
                subject=render_to_string("library/email/digest_subject.txt", context).strip(),
                body=render_to_string("library/email/digest.txt", context),
                to=[subscription.user.email],
            )
            message.attach_alternative(
                render_to_string("library/email/digest.html", context), "text/html"
            )
            message.send()
        subscription.last_sent_at = now
        subscription.save(update_fields=["last_sent_at"])
        sent += 1
    return sent
