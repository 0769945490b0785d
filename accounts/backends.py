from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """NAV-ident and password: only where PASSWORD_LOGIN is on (the embedded demo, the tests).

    Permission answers (roles and clearances) still come from here for every user."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.PASSWORD_LOGIN:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
