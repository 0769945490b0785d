from django.urls import path

from participants.sections import lazy_section_view

from . import views
from .extensions import INVITATIONS

app_name = "events"

urlpatterns = [
    path("moteplasser/", views.event_list, name="list"),
    path("moteplasser/ny/", views.event_create, name="create"),
    path("moteplasser/<uuid:event>/", views.event_detail, name="detail"),
    path("finn-alternativ-arbeidsgiver/", views.alternatives, name="alternatives"),
    path("deltakere/<uuid:uuid>/moteplass/", views.invite_participant, name="invite"),
    path(
        "deltakere/<uuid:uuid>/moteplasser/",
        lazy_section_view(INVITATIONS),
        name="participant_section",
    ),
]
