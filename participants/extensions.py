"""What participants contributes to extension points of lower layers (core.discovery)."""

from .access import protection_q

# Django admin of participant data hides protected persons by the one rule of access.py.
ADMIN_ROW_FILTERS = [protection_q]
