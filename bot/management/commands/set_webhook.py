import asyncio

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from telegram import Bot


class Command(BaseCommand):
    help = "Register URL (e.g. https://example.org/bot/webhook/) as the bot's webhook."

    def add_arguments(self, parser):
        parser.add_argument("url", help="Public HTTPS address of /bot/webhook/, or 'delete'.")

    def handle(self, *args, url, **options):
        token = settings.TELEGRAM_BOT_TOKEN
        if not token:
            raise CommandError("Set TELEGRAM_BOT_TOKEN first.")
        if url != "delete" and not settings.TELEGRAM_WEBHOOK_SECRET:
            raise CommandError("Set TELEGRAM_WEBHOOK_SECRET first: the webhook refuses "
                               "updates without it.")
        server = settings.TELEGRAM_API_URL.rstrip("/")
        bot = Bot(token, base_url=f"{server}/bot", base_file_url=f"{server}/file/bot")

        async def register():
            async with bot:
                if url == "delete":
                    return await bot.delete_webhook()
                return await bot.set_webhook(url, secret_token=settings.TELEGRAM_WEBHOOK_SECRET,
                                             allowed_updates=["message", "callback_query"])

        if not asyncio.run(register()):
            raise CommandError("The Bot API server refused the request.")
        self.stdout.write(self.style.SUCCESS("Webhook deleted." if url == "delete"
                                             else f"Webhook set to {url}."))
