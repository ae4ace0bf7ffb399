"""Wagtail's database search backend for this database, also keeping the library's own index.

Configured as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]. Everything that makes Wagtail index a
page (publishing, aliases following their source, `manage.py update_index`, `add_bulk`) then
writes the page's SearchEntry too (`library.search`); renaming a theme re-indexes its resources.
"""

from modelsearch.backends import database


class LibraryIndexMixin:
    def add(self, obj):
        super().add(obj)
        _index_related([obj])

    def add_bulk(self, model, obj_list):
        super().add_bulk(model, obj_list)
        _index_related(obj_list)

    def delete(self, obj):
        super().delete(obj)
        from library import search
        from library.models import ResourcePage

        if isinstance(obj, ResourcePage):
            search.remove_pages([obj.pk])


def _index_related(objects):
    from library import search
    from library.models import ResourcePage, Theme

    objects = list(objects)
    pages = [obj for obj in objects if isinstance(obj, ResourcePage)]
    theme_ids = [obj.pk for obj in objects if isinstance(obj, Theme)]
    if theme_ids:
        pages += list(ResourcePage.objects.filter(themes__in=theme_ids).distinct())
    search.index_pages(pages)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend_class = type(database.SearchBackend(params))
    library_class = type(f"Library{backend_class.__name__}", (LibraryIndexMixin, backend_class), {})
    return library_class(params)
