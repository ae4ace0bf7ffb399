from django.urls import path

from library import api

app_name = "library_api"

urlpatterns = [
    path("", api.library_search, name="search"),
]
