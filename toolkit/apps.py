from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Design toolkit")

    def ready(self):
        from network import personal_data
        from toolkit import services

        # Saved results are deleted with the user row (cascade), so only an exporter is needed.
        personal_data.register("toolkit_saved_results", export=services.export_personal_data)
