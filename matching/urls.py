from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("deltakere/<uuid:uuid>/matcher/ny/", views.match_propose, name="propose"),
    path("matcher/<uuid:match>/", views.match_detail, name="detail"),
    path("vurdering/", views.match_queue, name="queue"),
    path("vurdering/<uuid:match>/", views.match_review, name="review"),
]
