"""The roles of DOMAIN.md, held as Django groups created by a data migration."""

from django.db import models


class Role(models.TextChoices):
    VEILEDER = "veileder", "NAV-veileder"
    MARKEDSRADGIVER = "markedsradgiver", "Markedsrådgiver"
    KARRIEREVEILEDER = "karriereveileder", "Karriereveileder"
    FAGOPPLAERING = "fagopplaering", "Fag- og yrkesopplæring"
    LEDER = "leder", "NAV-leder"


# The roles that work a NAV office's cases (meeting places, JobbLoop).
NAV_ROLES = frozenset({Role.VEILEDER, Role.LEDER, Role.MARKEDSRADGIVER})


def roles_of(user) -> frozenset[str]:
    """The role names a user holds, read once per user object (one query, then cached)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._roles_cache = cached
    return cached


def role_labels(names) -> str:
    """Group names as the UI says them ("markedsradgiver" is a key, not a word):
    a list or the comma-joined string the audit log stores."""
    if isinstance(names, str):
        names = [n for n in names.split(",") if n]
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(name, name)) for name in names)


def has_role(user, role: str) -> bool:
    return role in roles_of(user)
