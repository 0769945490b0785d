from django.urls import path

from participants.sections import lazy_section_view

from . import views
from .extensions import PLACES

app_name = "jobbloop"

urlpatterns = [
    path("jobbloop/", views.loop_list, name="list"),
    path("jobbloop/ny/", views.loop_create, name="create"),
    path("jobbloop/<uuid:loop>/", views.loop_detail, name="detail"),
    path("deltakere/<uuid:uuid>/jobbloop/", lazy_section_view(PLACES), name="participant_section"),
]
