from django.urls import path

from network import peer_views as views

app_name = "network_public"

urlpatterns = [
    path("", views.network_home, name="home"),
    path("peers/", views.find_peers, name="peers"),
    path("cohorts/", views.my_cohorts, name="cohorts"),
    path("cohorts/<int:pk>/", views.cohort_page, name="cohort"),
    path("cohorts/<int:pk>/accept/", views.accept_invitation, name="accept"),
    path("cohorts/<int:pk>/decline/", views.decline_invitation, name="decline"),
    path("cohorts/<int:pk>/leave/", views.leave_cohort, name="leave"),
    path("cohorts/<int:pk>/post/", views.post_to_cohort, name="post"),
    path("consent/withdraw/", views.withdraw_consent, name="withdraw_consent"),
    path("experts/", views.expert_directory, name="experts"),
    path("experts/<int:pk>/", views.expert_page, name="expert"),
]
