from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("deltakere/<uuid:uuid>/samtykke/ny/", views.consent_create, name="create"),
    path(
        "deltakere/<uuid:uuid>/samtykke/<uuid:consent>/trekk/",
        views.consent_withdraw,
        name="withdraw",
    ),
    path(
        "deltakere/<uuid:uuid>/samtykke/<uuid:consent>/skjema/last-opp/",
        views.scan_upload,
        name="scan_upload",
    ),
    path(
        "deltakere/<uuid:uuid>/samtykke/<uuid:consent>/skjema/",
        views.scan_download,
        name="scan_download",
    ),
]
