from django.urls import path

from . import views

app_name = "phases"

urlpatterns = [
    path("deltakere/<uuid:uuid>/fase/", views.transition, name="transition"),
    path(
        "deltakere/<uuid:uuid>/sjekkliste/<uuid:item>/",
        views.checklist_toggle,
        name="checklist_toggle",
    ),
    path("deltakere/<uuid:uuid>/moter/ny/", views.meeting_create, name="meeting_create"),
    path(
        "deltakere/<uuid:uuid>/opplaeringsplan/ny/",
        views.opplaeringsplan_create,
        name="opplaeringsplan_create",
    ),
    path(
        "deltakere/<uuid:uuid>/laerekontrakt/ny/",
        views.laerekontrakt_create,
        name="laerekontrakt_create",
    ),
    path("deltakere/<uuid:uuid>/fagbrev/ny/", views.fagbrev_create, name="fagbrev_create"),
    path("deltakere/<uuid:uuid>/arbeid/ny/", views.employment_create, name="employment_create"),
    path("deltakere/<uuid:uuid>/kartlegging/", views.kartlegging_edit, name="kartlegging"),
    path("deltakere/<uuid:uuid>/avtale/", views.agreement_edit, name="agreement"),
    path(
        "deltakere/<uuid:uuid>/avtale/godkjenn/",
        views.agreement_approve,
        name="agreement_approve",
    ),
    path("deltakere/<uuid:uuid>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path(
        "deltakere/<uuid:uuid>/aktiviteter/<uuid:card>/",
        views.activity_detail,
        name="activity_detail",
    ),
]
