from . import statuses
from .access import notices_about_protected, notification_scope

NOTIFICATION_SCOPE = [notification_scope]
NOTIFICATION_SENSITIVE = [notices_about_protected]
CASELOAD_STATUSES = list(statuses.BASE_STATUSES)
