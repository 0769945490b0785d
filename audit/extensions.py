"""What audit contributes to extension points of lower layers (core.discovery)."""

from .services import audit_admin_read

# Every admin page showing participant data writes a sporingslogg row.
ADMIN_READ_AUDIT = [audit_admin_read]
