from .access import notification_scope

NOTIFICATION_SCOPE = [notification_scope]
