from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self):
        from wagtail.signals import page_unpublished

        from library import cache, services
        from library.models import ResourcePage, Theme
        from network import personal_data

        for model in (ResourcePage, Theme):
            post_save.connect(
                cache.renew_version, sender=model, dispatch_uid=f"library-renew-{model}"
            )
            post_delete.connect(
                cache.renew_version, sender=model, dispatch_uid=f"library-renew-del-{model}"
            )
        page_unpublished.connect(cache.renew_version, dispatch_uid="library-renew-unpublished")
        for relation in (
            ResourcePage.languages,
            ResourcePage.regions,
            ResourcePage.stages,
            ResourcePage.themes,
        ):
            m2m_changed.connect(
                cache.renew_version,
                sender=relation.through,
                dispatch_uid=f"library-renew-{relation.field.name}",
            )
        post_migrate.connect(
            services.sync_vocabulary_terms, sender=self, dispatch_uid="library-sync-vocabulary"
        )
        personal_data.register("library_digest", export=services.export_digest_subscription)
