"""``manage.py tally_cleanup``: delete calculator results and stored votes past their expiry."""

from django.core.management.base import BaseCommand

from tally import counts


class Command(BaseCommand):
    help = "Delete calculator counts and stored votes older than TALLY_RESULT_TTL (run it daily)."

    def handle(self, *args, **options):
        deleted_counts, deleted_votes = counts.delete_expired()
        self.stdout.write(f"{deleted_counts} counts and {deleted_votes} stored votes deleted.")
