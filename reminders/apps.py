from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Påminnelser"
    extension_points = {
        "REMINDER_PRODUCERS": "fn(now) -> Iterable[reminders.registry.Due], run by the scan",
    }
