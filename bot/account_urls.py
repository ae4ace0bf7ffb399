from django.urls import path

from bot import views

app_name = "bot_account"

# A page for people, included inside i18n_patterns at /telegram/link/.
urlpatterns = [
    path("", views.link, name="link"),
]
