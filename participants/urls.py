from django.urls import path

from . import bulk, preferences, views

app_name = "participants"

urlpatterns = [
    path("portefolje/", views.my_caseload, name="caseload"),
    path("kontor/deltakere/", views.office_caseload, name="office"),
    path("kontor/anonymisering/", views.retention, name="retention"),
    path("kontor/tildel/", bulk.bulk_reassign, name="bulk_reassign"),
    path("portefolje/kolonner/", preferences.caseload_columns, name="columns"),
    path("deltakere/ny/", views.participant_create, name="create"),
    path("deltakere/<uuid:uuid>/", views.participant_detail, name="detail"),
    path(
        "deltakere/<uuid:uuid>/fodselsnummer/",
        views.participant_fodselsnummer,
        name="fodselsnummer",
    ),
    path("deltakere/<uuid:uuid>/kontakt/", views.participant_edit_contact, name="edit_contact"),
    path("deltakere/<uuid:uuid>/tildel/", views.participant_reassign, name="reassign"),
    path("deltakere/<uuid:uuid>/historikk/", views.participant_history, name="history"),
]
