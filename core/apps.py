from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Felles"

    def ready(self):
        # Register the system checks for extension points and personal-data declarations.
        from . import discovery, personal_data  # noqa: F401
