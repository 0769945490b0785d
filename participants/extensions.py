from .access import protection_q

# The sporingslogg (a layer below) hides rows about protected persons by this same rule.
PROTECTION_FILTERS = [protection_q]
