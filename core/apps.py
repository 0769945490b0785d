from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Felles"

    def ready(self):
        from . import discovery  # noqa: F401  (registers the extension-point system check)
