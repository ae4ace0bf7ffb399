"""Telegram accounts, one-time link codes, the bot's persisted state and the staff FAQ."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

LINK_CODE_MINUTES = 15


class TelegramLink(models.Model):
    """A Telegram user the bot knows: chat, chosen language and, once linked, the site account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="telegram_link", verbose_name=_("account"),
    )
    telegram_user_id = models.BigIntegerField(_("Telegram user id"), unique=True)
    chat_id = models.BigIntegerField(_("chat id"))
    language = models.CharField(_("bot language"), max_length=8, choices=settings.LANGUAGES,
                                blank=True)
    linked_at = models.DateTimeField(_("linked at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Telegram link")
        verbose_name_plural = _("Telegram links")

    def __str__(self):
        return f"Telegram {self.telegram_user_id}"


class LinkCode(models.Model):
    """A one-time code a member creates on the site and sends to the bot with /start."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="telegram_link_codes")
    code = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Telegram link code")
        verbose_name_plural = _("Telegram link codes")

    def __str__(self):
        return self.code


class BotState(models.Model):
    """One value of python-telegram-bot's persistence (conversations, user/chat/bot data)."""

    kind = models.CharField(max_length=80)
    key = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="bot_state_kind_key")]

    def __str__(self):
        return f"{self.kind}:{self.key}"


class FAQEntry(models.Model):
    """A staff-curated answer the bot gives when a question matches its keywords."""

    question = models.CharField(_("question"), max_length=255)
    keywords = models.CharField(
        _("keywords"), max_length=500,
        help_text=_("Comma-separated words or phrases; a question mentioning them gets this "
                    "answer."),
    )
    answer = models.TextField(_("answer"), max_length=3000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default="en")
    link = models.URLField(_("link"), blank=True,
                           help_text=_("Optional page on the site for more detail."))
    live = models.BooleanField(_("live"), default=True)

    panels = [
        FieldPanel("question"),
        FieldPanel("keywords"),
        FieldPanel("answer"),
        FieldPanel("language"),
        FieldPanel("link"),
        FieldPanel("live"),
    ]
    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["question"]

    def __str__(self):
        return self.question

    def keyword_list(self) -> list[str]:
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]
