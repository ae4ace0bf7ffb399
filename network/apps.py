from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self):
        from network import personal_data, signals  # noqa: F401

        personal_data.register("profile", export=personal_data.export_profile)
