from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Felles"

    def ready(self):
        from .reference import connect_invalidation

        connect_invalidation()
