from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BotConfig(AppConfig):
    name = "bot"
    verbose_name = _("Telegram bot")

    def ready(self):
        from bot.services import export_telegram_data
        from network import personal_data

        # The link row goes with the user (cascade), so only an exporter is needed.
        personal_data.register("telegram", export=export_telegram_data)
