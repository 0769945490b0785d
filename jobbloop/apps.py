from django.apps import AppConfig


class JobbloopConfig(AppConfig):
    name = "jobbloop"
    verbose_name = "JobbLoop"

    def ready(self):
        from . import reminders  # noqa: F401  (registers the gathering and end reminders)
