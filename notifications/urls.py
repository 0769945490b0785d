from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("varsler/", views.notification_list, name="list"),
    path("varsler/les-alle/", views.notification_read_all, name="read_all"),
    path("varsler/<uuid:notification>/les/", views.notification_read, name="read"),
]
