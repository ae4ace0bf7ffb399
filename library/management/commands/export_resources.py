from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from library.transfer import export_resources


class Command(BaseCommand):
    help = ("Export the library's published resources (default language) as CSV, in the format "
            "import_resources reads. Use - for standard output.")

    def add_arguments(self, parser):
        parser.add_argument("csv_file")

    def handle(self, *args, csv_file, **options):
        if csv_file == "-":
            count = export_resources(self.stdout)
        else:
            try:
                with Path(csv_file).open("w", encoding="utf-8", newline="") as out:
                    count = export_resources(out)
            except OSError as error:
                raise CommandError(f"cannot write {csv_file}: {error}") from error
            self.stdout.write(self.style.SUCCESS(f"{count} resources written to {csv_file}."))
