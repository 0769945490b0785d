from django.urls import path

from . import views

app_name = "jobbloop"

urlpatterns = [
    path("jobbloop/", views.loop_list, name="list"),
    path("jobbloop/ny/", views.loop_create, name="create"),
    path("jobbloop/<uuid:loop>/", views.loop_detail, name="detail"),
]
