from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Design toolkit")

    def ready(self):
        from django.db.models.signals import post_migrate

        from network import personal_data
        from toolkit import services

        post_migrate.connect(services.ensure_default_tree_after_migrate, sender=self,
                             dispatch_uid="toolkit-default-tree")
        # Saved results are deleted with the user row (cascade), so only an exporter is needed.
        personal_data.register("toolkit_saved_results", export=services.export_personal_data)
