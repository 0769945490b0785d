from django.urls import path

from participants.sections import lazy_section_view

from . import views
from .extensions import MATCHES

app_name = "matching"

urlpatterns = [
    path("deltakere/<uuid:uuid>/matcher/ny/", views.match_propose, name="propose"),
    path("matcher/<uuid:match>/", views.match_detail, name="detail"),
    path("vurdering/", views.match_queue, name="queue"),
    path("vurdering/<uuid:match>/", views.match_review, name="review"),
    path("deltakere/<uuid:uuid>/matcher/", lazy_section_view(MATCHES), name="participant_section"),
]
