from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import signals

        signals.quiet_wagtail_notices_for_proposals()
        from events.services import export_participation
        from network import personal_data

        # Marks cascade with the account and proposals keep no link to it: no eraser needed.
        personal_data.register("event_participation", export=export_participation)
