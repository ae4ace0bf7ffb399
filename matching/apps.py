from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from matching.personal_data import export_cohorts
        from network import personal_data

        # Memberships and posts go with the member row (cascade) when an account is deleted.
        personal_data.register("cohorts", export=export_cohorts)
