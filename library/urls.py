from django.urls import path

from library import views

app_name = "library"

# The library's pages (the listing, feeds, digest sign-up, resources) are Wagtail pages and routes
# of ResourceIndexPage; only this click-through of a search result is a plain Django URL.
urlpatterns = [
    path("open/<int:page_id>/", views.open_result, name="open_result"),
]
