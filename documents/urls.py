from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("deltakere/<uuid:uuid>/innsyn.pdf", views.innsyn_pdf, name="innsyn_pdf"),
    path(
        "deltakere/<uuid:uuid>/dokumenter/<uuid:document>/",
        views.document_status,
        name="document",
    ),
    path(
        "deltakere/<uuid:uuid>/dokumenter/<uuid:document>/last-ned/",
        views.document_download,
        name="document_download",
    ),
    path("deltakere/<uuid:uuid>/innsyn.json", views.innsyn_data, name="innsyn_json"),
    path(
        "deltakere/<uuid:uuid>/dokumenter/samtykkeskjema/<slug:purpose>/",
        views.consent_form_pdf,
        name="consent_form",
    ),
    path(
        "deltakere/<uuid:uuid>/dokumenter/oppfolgingsavtale/", views.agreement_pdf, name="agreement"
    ),
    path(
        "deltakere/<uuid:uuid>/dokumenter/oppfolgingsavtale/<int:version>/",
        views.agreement_pdf,
        name="agreement_version",
    ),
    path(
        "deltakere/<uuid:uuid>/dokumenter/mote/<uuid:meeting>/", views.meeting_pdf, name="meeting"
    ),
    path(
        "jobbloop/<uuid:loop>/attest/<uuid:candidate>/",
        views.loop_certificate_pdf,
        name="loop_certificate",
    ),
]
