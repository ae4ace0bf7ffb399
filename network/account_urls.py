from django.urls import path

from network import account_views as views

app_name = "network"

urlpatterns = [
    path("", views.my_account, name="my_account"),
    path("export/", views.export_data, name="export_data"),
    path("delete/", views.delete_account, name="delete_account"),
]
