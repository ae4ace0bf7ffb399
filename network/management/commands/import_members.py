from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from network.importing import import_members
from pbexchange.csv_reports import write_report


class Command(BaseCommand):
    help = ("Import members from a CSV file (columns email, name, role, country, languages "
            "separated by ';', stage, and optionally any other profile field). Countries may be "
            "names in English, French, Spanish or Portuguese or codes; time zones may be IANA "
            "names, cities or offsets such as UTC+2 (the zone chosen is reported). Good rows are "
            "imported, bad rows reported with their line number; re-importing updates.")

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file, **options):
        try:
            text = csv_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {csv_file}: {error}") from error
        report = import_members(text)
        write_report(self, report)
        self.stdout.write(self.style.SUCCESS(
            f"{report.created} members created, {report.updated} updated, "
            f"{len(report.errors)} rows rejected."))
