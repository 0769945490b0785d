"""A user as the identity provider describes her: roles, clearances and office from groups."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import NavKontor, User, nav_ident_validator
from .roles import Role

# The clearances of participants/access.py, by the names used in OIDC_GROUPS.
CLEARANCES = {
    "kode6": "view_strengt_fortrolig",
    "kode7": "view_fortrolig",
    "skjermet": "view_skjermet",
}
ADMIN = "admin"
OFFICE_PREFIX = "kontor:"


@dataclass
class Access:
    roles: set[str] = field(default_factory=set)
    clearances: set[str] = field(default_factory=set)
    admin: bool = False
    office: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.roles or self.admin)


def access_from_groups(group_ids) -> Access:
    """What the token's group ids give, by settings.OIDC_GROUPS; unknown groups give nothing."""
    access = Access()
    for group_id in group_ids or ():
        name = settings.OIDC_GROUPS.get(str(group_id))
        if name is None:
            continue
        if name in Role.values:
            access.roles.add(name)
        elif name in CLEARANCES:
            access.clearances.add(CLEARANCES[name])
        elif name == ADMIN:
            access.admin = True
        elif name.startswith(OFFICE_PREFIX):
            access.office = name.removeprefix(OFFICE_PREFIX)
    return access


def valid_nav_ident(claims) -> str | None:
    ident = str(claims.get("NAVident") or "").strip().upper()
    try:
        nav_ident_validator(ident)
    except Exception:  # ValidationError: not a NAV-ident
        return None
    return ident


@transaction.atomic
def sync_user(user: User | None, claims) -> User:
    """Create or update the user from the token's claims; no mapped group deactivates her."""
    access = access_from_groups(claims.get("groups"))
    if user is None:
        user = User(nav_ident=valid_nav_ident(claims))
        user.set_unusable_password()
    user.name = str(claims.get("name") or user.name or user.nav_ident)[:150]
    user.email = str(claims.get("email") or claims.get("preferred_username") or user.email)[:254]
    user.is_active = access.any
    user.is_staff = access.admin
    user.is_superuser = False
    if access.office:
        user.nav_kontor = NavKontor.objects.filter(enhetsnummer=access.office).first()
    user.save()
    # The role groups come from a data migration; created here too if someone removed one.
    user.groups.set([Group.objects.get_or_create(name=role)[0] for role in sorted(access.roles)])
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="participants", codename__in=access.clearances
        )
    )
    return user
