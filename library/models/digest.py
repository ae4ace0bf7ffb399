"""Members' opt-in to the weekly digest of new resources."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from library.models.snippets import ResourceLanguage, ResourceStage, Theme


class DigestSubscription(models.Model):
    """A member's choice to receive new resources matching their stages, languages and themes weekly."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_digest"
    )
    active = models.BooleanField(_("send me the weekly digest"), default=True)
    stages = models.ManyToManyField(ResourceStage, blank=True, verbose_name=_("PB stages"))
    languages = models.ManyToManyField(ResourceLanguage, blank=True, verbose_name=_("languages"))
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")

    def __str__(self):
        return f"{self.user} ({'active' if self.active else 'paused'})"
