from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("oversikt/", views.overview_page, name="page"),
    path("oversikt/deltakere/", views.participants_page, name="participants"),
    path("oversikt/eksport/", views.export, name="export"),
]
