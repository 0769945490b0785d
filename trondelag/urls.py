from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from mozilla_django_oidc.views import OIDCLogoutView

from accounts import views as accounts_views
from accounts.oidc import AuthenticationRequestView, CallbackView
from core import views as core_views

admin.site.site_header = "Trøndelag-modellen – administrasjon"
admin.site.site_title = "Administrasjon"
admin.site.index_title = "Administrasjon"

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("logg-inn/", accounts_views.LoginView.as_view(), name="login"),
    # Ends the session here and, after an OpenID login, at the provider (settings.OIDC_*).
    path("logg-ut/", OIDCLogoutView.as_view(), name="logout"),
    path("oidc/innlogging/", AuthenticationRequestView.as_view(), name="oidc_authentication_init"),
    path("oidc/tilbake/", CallbackView.as_view(), name="oidc_authentication_callback"),
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
    path("", include("workday.urls")),
]

handler400 = "core.views.bad_request"
