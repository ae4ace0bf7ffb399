from django.conf import settings
from django.core.management.base import BaseCommand

from library import search


class Command(BaseCommand):
    help = ("Delete the library's search counts (the gap report's data) older than "
            "LIBRARY_SEARCH_LOG_DAYS days (90 by default). Run it daily from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=f"keep this many days instead of {settings.LIBRARY_SEARCH_LOG_DAYS}")

    def handle(self, *args, days=None, **options):
        deleted = search.purge_search_records(days=days)
        self.stdout.write(f"{deleted} search records deleted")
