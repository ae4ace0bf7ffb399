"""The .ics files of the calendar, under /events/ beside the Wagtail pages (language-prefixed too)."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/calendar.ics", views.feed, name="feed"),
    path("events/my/<slug:token>.ics", views.personal_feed, name="personal_feed"),
    path("events/<slug:slug>.ics", views.event_ics, name="event_ics"),
]
