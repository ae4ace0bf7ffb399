import logging
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app owns its demo content; this is the single entry point that loads them in order.
DEMO_LOADERS = [
    "home.demo.load",
    "network.demo.load",
    "library.demo.load",
    "matching.demo.load",
    "events.demo.load",
    "toolkit.demo.load",
    "bot.demo.load",
]


class Command(BaseCommand):
    help = "Fill the database with demo content (idempotent: running it again changes nothing)."

    def handle(self, *args, **options):
        from home.demo import synchronize_locales
        from network.demo import CURATOR_EMAIL, DEMO_PASSWORD, MEMBER_EMAIL

        # Wagtail logs every page it creates; hundreds of lines would bury the accounts printed below.
        wagtail_logger = logging.getLogger("wagtail")
        previous_level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        started = time.monotonic()
        try:
            with transaction.atomic():
                for path in DEMO_LOADERS:
                    self.stdout.write(f"Loading {path.rsplit('.', 2)[0]} demo content")
                    import_string(path)(stdout=self.stdout)
                synchronize_locales(stdout=self.stdout)
        finally:
            wagtail_logger.setLevel(previous_level)
        self.stdout.write(f"Loaded in {time.monotonic() - started:.0f} s.")
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("Demo accounts (for trying the site only):")
        self.stdout.write(f"  staff curator: {CURATOR_EMAIL} / {DEMO_PASSWORD}  (admin at /admin/)")
        self.stdout.write(f"  member:        {MEMBER_EMAIL} / {DEMO_PASSWORD}")
