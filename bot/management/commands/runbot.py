from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bot.application import build_application
from bot.persistence import DatabasePersistence


class Command(BaseCommand):
    help = "Run the Telegram bot with long polling (TELEGRAM_BOT_TOKEN, TELEGRAM_API_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--api-url", default=None,
                            help="Bot API server root (default: TELEGRAM_API_URL).")

    def handle(self, *args, **options):
        token = settings.TELEGRAM_BOT_TOKEN
        if not token:
            raise CommandError("Set TELEGRAM_BOT_TOKEN to run the bot.")
        application = build_application(token, base_url=options["api_url"],
                                        persistence=DatabasePersistence())
        self.stdout.write("The bot is polling for updates (Ctrl+C stops it).")
        # A webhook left registered would make getUpdates fail: polling removes it first.
        application.run_polling(drop_pending_updates=False, allowed_updates=None)
