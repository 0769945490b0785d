from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("deltakere/<uuid:uuid>/innsyn.pdf", views.innsyn_pdf, name="innsyn_pdf"),
    path("deltakere/<uuid:uuid>/innsyn.json", views.innsyn_data, name="innsyn_json"),
]
