from django.urls import path

from toolkit import views

app_name = "toolkit"

urlpatterns = [
    path("", views.walk, name="walk"),
    path("result.pdf", views.result_pdf, name="pdf"),
    path("save/", views.save_result, name="save"),
    path("saved/", views.saved_results, name="saved"),
    path("saved/<int:result_id>/delete/", views.delete_result, name="delete"),
]
