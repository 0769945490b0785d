from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Brukere og kontorer"
    extension_points = {
        "SESSION_ACCESS": "(attribute, fn(user) -> JSON value): per-user answers kept in the "
        "session until her access_version changes (accounts.access_cache)",
    }

    def ready(self):
        from .access_cache import connect

        connect()
