from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from network import account_views

# Language-neutral URLs: machine endpoints, feeds, admin.
urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # Before the admin's own URLs: its login form would be a second, unthrottled password check.
    path("admin/login/", account_views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", home_views.set_language, name="set_language"),
    path("api/library/", include("library.api_urls")),
    path("bot/", include("bot.urls")),
]

# Pages for people: English at the root, other languages under /fr/, /es/, /pt/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("account/", include("network.account_urls")),
    path("network/", include("network.peer_urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("telegram/link/", include("bot.account_urls")),
    path("toolkit/", include("toolkit.urls")),
    path("calculator/", include("tally.urls")),
    path("", include("events.urls")),
    path("library/", include("library.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler403 = "home.views.permission_denied"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
