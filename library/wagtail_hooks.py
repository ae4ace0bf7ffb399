from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from library import admin_views, import_views
from library.models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Library themes")
    menu_order = 300
    add_to_admin_menu = True
    menu_hook = "register_library_menu_item"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


register_snippet(ThemeViewSet)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_staff or request.user.is_superuser


@hooks.register("register_admin_urls")
def register_search_gaps_url():
    return [path("library/search-gaps/", admin_views.search_gaps, name="library_search_gaps")]


@hooks.register("register_reports_menu_item")
def register_search_gaps_menu_item():
    return StaffMenuItem(_("Library search gaps"), reverse("library_search_gaps"), icon_name="search",
                             order=900)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("library/import/", import_views.import_resources_view, name="library_import_resources")]


@hooks.register("register_admin_menu_item")
def register_library_menu():
    return SubmenuMenuItem(_("Library"), Menu(register_hook_name="register_library_menu_item"),
                           icon_name="doc-full-inverse", order=300)


@hooks.register("register_library_menu_item")
def register_import_menu_item():
    return StaffMenuItem(_("Import resources"), reverse("library_import_resources"), icon_name="upload",
                         order=900)
