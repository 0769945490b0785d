from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Varsler"
    # Notifications sit below participants, so the protection rule comes in from above.
    extension_points = {
        "NOTIFICATION_SCOPE": "fn(user) -> Q on Notification: the notices the user may see",
        "NOTIFICATION_SENSITIVE": "fn() -> Q on Notification: those NOTIFICATION_SCOPE may hide",
    }
