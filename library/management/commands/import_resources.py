import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from library.transfer import ALL_COLUMNS, import_resources
from pbexchange.csv_reports import write_report


class ProgressBar:
    """A one-line progress bar on the command's stderr (only on a terminal, unless forced)."""

    def __init__(self, stream, *, width=40, force=False):
        self.stream, self.width, self.started = stream, width, time.monotonic()
        self.shown = force or stream.isatty()

    def write(self, text):
        self.stream.write(text, ending="")

    def __call__(self, done, total, stage="saving"):
        if not self.shown or not total:
            return
        elapsed = time.monotonic() - self.started
        if stage == "indexing":
            self.write(f"indexing {total} resources for search... ({elapsed:.0f} s)\n")
        else:
            filled = self.width * done // total
            self.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} rows "
                              f"saved {elapsed:.0f} s")
            if done >= total:
                self.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = ("Import library resources from a CSV file with a header and the columns "
            f"{','.join(ALL_COLUMNS)}. Multi-valued cells are separated by ';'; vocabulary values "
            "may be slugs or labels in English, French, Spanish or Portuguese. Good rows are created "
            "or updated and published; bad rows are reported with their line number. A row updates "
            "the resource with the same url, else with the same title and publication date.")

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)
        parser.add_argument("--progress", action="store_true",
                            help="Show the progress bar even when stderr is not a terminal.")

    def handle(self, *args, csv_file, progress, **options):
        try:
            text = csv_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {csv_file}: {error}") from error
        started = time.monotonic()
        report = import_resources(text, progress=ProgressBar(self.stderr, force=progress))
        write_report(self, report)
        self.stdout.write(self.style.SUCCESS(
            f"{report.created} resources created, {report.updated} updated, {report.unchanged} "
            f"unchanged, {len(report.errors)} rows rejected ({time.monotonic() - started:.1f} s)."))
