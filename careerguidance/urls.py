from django.urls import path

from . import views

app_name = "careerguidance"

urlpatterns = [
    path("deltakere/<uuid:uuid>/karriereveiledning/interesse/", views.interest, name="interest"),
    path("deltakere/<uuid:uuid>/karriereveiledning/bestill/", views.book, name="book"),
    path(
        "deltakere/<uuid:uuid>/kompetansekartlegging/ny/",
        views.kompetanse_request,
        name="kompetanse_request",
    ),
    path(
        "deltakere/<uuid:uuid>/karriereveiledning/<uuid:appointment>/samtalereferat/",
        views.summary,
        name="summary",
    ),
    path("karriereveiledning/avtaler/", views.my_appointments, name="appointments"),
    path(
        "karriereveiledning/avtaler/<uuid:appointment>/",
        views.appointment_detail,
        name="appointment",
    ),
    path("fagopplaering/foresporsler/", views.kompetanse_requests, name="requests"),
    path("fagopplaering/foresporsler/<uuid:kk_request>/", views.kompetanse_answer, name="answer"),
]
