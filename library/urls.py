from django.urls import path

from library import views

app_name = "library"

# /library/ itself is served here, before Wagtail's page routing, so that a cached listing costs no
# tree walk; the index page's other routes (feed/, digest/) and the resources go through Wagtail.
urlpatterns = [
    path("", views.library_index, name="index"),
    path("open/<int:page_id>/", views.open_result, name="open_result"),
]
