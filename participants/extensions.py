from .access import GRANTS_ATTRIBUTE, load_grants, notices_about_protected, notification_scope

NOTIFICATION_SCOPE = [notification_scope]
NOTIFICATION_SENSITIVE = [notices_about_protected]
# Explicit grants ride in the session with roles and clearances (accounts.access_cache).
SESSION_ACCESS = [(GRANTS_ATTRIBUTE, load_grants)]
