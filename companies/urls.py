from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("bedrifter/", views.company_index, name="list"),
    path("bedrifter/ny/", views.company_create, name="create"),
    path("bedrifter/<uuid:company>/", views.company_detail, name="detail"),
    path("bedrifter/<uuid:company>/endre/", views.company_edit, name="edit"),
]
