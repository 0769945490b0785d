"""Login with an OpenID Connect provider (Microsoft Entra ID on NAIS), by mozilla-django-oidc.

The endpoints come from the provider's discovery document, read once per process. NAV's
tokens carry the NAV-ident in the claim ``NAVident`` and group object ids in ``groups``; both
are read from the verified ID token, since Entra ID's userinfo endpoint (Graph) has neither.
"""

import functools
import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import User
from .sync import sync_user, valid_nav_ident

log = logging.getLogger(__name__)

_FROM_DISCOVERY = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


@functools.cache
def discovery(url: str) -> dict:
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    return response.json()


def oidc_setting(attr, *default):
    if attr in _FROM_DISCOVERY:
        if not settings.OIDC_ENABLED:
            return ""
        return discovery(settings.OIDC_DISCOVERY_URL).get(_FROM_DISCOVERY[attr], "")
    return import_from_settings(attr, *default)


class _OnlyWhenEnabled:
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AuthenticationRequestView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    get_settings = staticmethod(oidc_setting)


class CallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    get_settings = staticmethod(oidc_setting)


class NavIdentBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(oidc_setting)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        return payload

    def verify_claims(self, claims) -> bool:
        return valid_nav_ident(claims) is not None

    def filter_users_by_claims(self, claims):
        return User.objects.filter(nav_ident=valid_nav_ident(claims))

    def create_user(self, claims):
        user = sync_user(None, claims)
        log.info("User %s created at login", user.nav_ident)
        return user

    def update_user(self, user, claims):
        was_active = user.is_active
        user = sync_user(user, claims)
        if was_active and not user.is_active:
            log.warning("User %s deactivated: no group gives a role", user.nav_ident)
        return user


def provider_logout_url(request) -> str:
    """End the session at the provider too, then come back to our login page."""
    end_session = ""
    if settings.OIDC_DISCOVERY_URL:
        end_session = discovery(settings.OIDC_DISCOVERY_URL).get("end_session_endpoint", "")
    id_token = request.session.get("oidc_id_token")
    if not end_session or not id_token:
        return reverse(settings.LOGOUT_REDIRECT_URL)
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": request.build_absolute_uri(
                reverse(settings.LOGOUT_REDIRECT_URL)
            ),
        }
    )
    return f"{end_session}?{query}"
