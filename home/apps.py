from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(*, using, **_kwargs):
    """After `migrate`: make the database cache's table (login rate limits live there) if missing.

    Django makes it only on `createcachetable`; doing it here means every set-up that migrates
    (./dev run, the release step, CI, the demo site of the tests) has it.
    """
    call_command("createcachetable", database=using, verbosity=0)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site pages")

    def ready(self):
        post_migrate.connect(create_cache_tables, sender=self)
