from django.core.management.base import BaseCommand

from events import services, tasks


class Command(BaseCommand):
    help = ("Email reminders for events starting within 24 hours (each sent once). "
            "Run it every few minutes, e.g. from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Queue the work for the task worker instead of doing it now.")

    def handle(self, *args, **options):
        if options["enqueue"]:
            tasks.send_event_reminders.enqueue()
            self.stdout.write("Reminders queued.")
            return
        sent = services.send_due_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
