"""What participants contributes to extension points of lower layers (core.discovery)."""

from .access import notices_about_protected, notification_scope, protection_q

NOTIFICATION_SCOPE = [notification_scope]
NOTIFICATION_SENSITIVE = [notices_about_protected]
# Django admin of participant data hides protected persons by the one rule of access.py.
ADMIN_ROW_FILTERS = [protection_q]
