"""What participants contributes to extension points of lower layers (core.discovery)."""

from . import statuses
from .access import (
    GRANTS_ATTRIBUTE,
    load_grants,
    notices_about_protected,
    notification_scope,
    protection_q,
)

NOTIFICATION_SCOPE = [notification_scope]
NOTIFICATION_SENSITIVE = [notices_about_protected]
# Django admin of participant data, and the sporingslogg (layers below), hide protected
# persons by the one rule of access.py.
PROTECTION_FILTERS = [protection_q]
CASELOAD_STATUSES = list(statuses.BASE_STATUSES)
# Explicit grants ride in the session with roles and clearances (accounts.access_cache).
SESSION_ACCESS = [(GRANTS_ATTRIBUTE, load_grants)]
