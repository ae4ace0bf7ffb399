from django.urls import path

from bot import views

app_name = "bot"

# Language-neutral: the machine endpoint Telegram posts to.
urlpatterns = [
    path("webhook/", views.webhook, name="webhook"),
]
