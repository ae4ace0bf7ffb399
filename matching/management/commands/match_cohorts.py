from django.core.management.base import BaseCommand

from matching import services


class Command(BaseCommand):
    help = ("Run a matching round: keep existing cohorts, add new members to them or form new "
            "proposed cohorts for staff review.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="Show what the round would do without saving anything.")
        parser.add_argument("--full", action="store_true",
                            help="Re-match everyone: archive current cohorts and start afresh.")
        parser.add_argument("--seed", type=int, default=0, help="Tie-breaking seed.")

    def handle(self, *args, **options):
        summary = services.run_round(full=options["full"], dry_run=options["dry_run"],
                                     seed=options["seed"], progress=self._progress)
        self.stdout.write("")
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        if summary.waiting:
            self.stdout.write("Waiting for the next round (member id: reason):")
            for member_id, reason in summary.waiting[:20]:
                self.stdout.write(f"  {member_id}: {reason}")
            if len(summary.waiting) > 20:
                self.stdout.write(f"  … and {len(summary.waiting) - 20} more")
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING("Dry run: nothing was saved."))
        else:
            self.stdout.write(self.style.SUCCESS(
                "Round saved. Review the proposed cohorts in the admin, then publish them."))

    def _progress(self, done, total, what):
        width = 30
        filled = width * done // total
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what}",
                          ending="")
        self.stdout.flush()
