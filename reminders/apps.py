from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Påminnelser"

    def ready(self):
        from . import producers  # noqa: F401  (registers the follow-up producers)
