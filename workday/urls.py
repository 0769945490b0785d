from django.urls import path

from . import views

app_name = "workday"

urlpatterns = [
    path("min-dag/", views.today, name="today"),
    path("siste-endringer/", views.changes, name="changes"),
    path("siste-endringer/<uuid:uuid>/lest/", views.changes_read, name="changes_read"),
    path("deltakere/<uuid:uuid>/huskelapp/", views.mark_edit, name="mark"),
    path("mine-filter/ny/", views.filter_create, name="filter_create"),
    path("mine-filter/<uuid:saved>/navn/", views.filter_rename, name="filter_rename"),
    path("mine-filter/<uuid:saved>/slett/", views.filter_delete, name="filter_delete"),
    path("mine-filter/<uuid:saved>/flytt/", views.filter_move, name="filter_move"),
]
