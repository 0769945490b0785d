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
]
