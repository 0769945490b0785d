from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as accounts_views
from core import views as core_views

admin.site.site_header = "Trøndelag-modellen – administrasjon"
admin.site.site_title = "Administrasjon"
admin.site.index_title = "Administrasjon"

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("logg-inn/", accounts_views.LoginView.as_view(), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots, name="robots"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include("participants.urls")),
    path("", include("audit.urls")),
    path("", include("reminders.urls")),
    path("", include("documents.urls")),
    path("", include("phases.urls")),
    path("", include("consent.urls")),
    path("", include("careerguidance.urls")),
    path("", include("events.urls")),
    path("", include("jobbloop.urls")),
    path("", include("companies.urls")),
    path("", include("matching.urls")),
    path("", include("notifications.urls")),
    path("", include("overview.urls")),
]

handler400 = "core.views.bad_request"
