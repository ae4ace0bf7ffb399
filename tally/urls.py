from django.urls import path

from tally import explained_views, views

app_name = "tally"

urlpatterns = [
    path("", views.calculator, name="calculator"),
    path("districts/", explained_views.districts, name="districts"),
    path("case-study/<int:page_id>/", explained_views.case_study, name="case_study"),
    path("result/<str:key>/", views.result, name="result"),
    path("result/<str:key>/result.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("result/<str:key>/result.json", views.download, {"fmt": "json"}, name="json"),
    path("result/<str:key>/result.pb", views.download, {"fmt": "pb"}, name="pb"),
    path("result/<str:key>/vote.pb", views.download, {"fmt": "vote"}, name="vote"),
    path("result/<str:key>/compare/", views.compare, name="compare"),
    path("result/<str:key>/ballot/", explained_views.ballot, name="ballot"),
    path("result/<str:key>/report/", explained_views.report, {"fmt": "html"}, name="report"),
    path("result/<str:key>/audit-report.pdf", explained_views.report, {"fmt": "pdf"},
         name="report_pdf"),
]
