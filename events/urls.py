from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("moteplasser/", views.event_list, name="list"),
    path("moteplasser/ny/", views.event_create, name="create"),
    path("moteplasser/<uuid:event>/", views.event_detail, name="detail"),
    path("finn-alternativ-arbeidsgiver/", views.alternatives, name="alternatives"),
    path("deltakere/<uuid:uuid>/moteplass/", views.invite_participant, name="invite"),
]
