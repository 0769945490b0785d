"""A user's roles, clearances and grants kept in her session, checked against a version.

Every page used to read them afresh (groups, user and group permissions, participant grants:
four queries before any page content). The session row and the user row are read on every
request anyway, so the answers ride along in the session, stamped with the user's
``access_version``; signals bump that version whenever a role, clearance or grant changes, and
the next request sees the stamp differ and reads them again. Apps add their own per-user
answers through the SESSION_ACCESS extension point: ``(attribute, fn(user) -> JSON value)``.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import get_user
from django.contrib.auth.models import Group
from django.db.models import F
from django.db.models.signals import m2m_changed, pre_delete
from django.utils.functional import SimpleLazyObject

from core.discovery import collect

from .models import User

SESSION_KEY = "_access"


def _roles(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def _perms(user) -> list[str] | None:
    # A superuser's has_perm answers True without asking the backends: nothing to keep.
    if user.is_superuser:
        return None
    return sorted(ModelBackend().get_all_permissions(user))


def _restore_roles(user, value) -> None:
    user._roles_cache = frozenset(value)


def _restore_perms(user, value) -> None:
    if value is not None:
        user._perm_cache = set(value)


# (attribute, load, restore); apps contribute (attribute, load) and get plain setattr.
_OWN = (("roles", _roles, _restore_roles), ("perms", _perms, _restore_perms))


def _contributed():
    return [(attr, load, None) for attr, load in collect("SESSION_ACCESS")]


def snapshot(user) -> dict:
    """Read everything afresh for ``user``: what the session keeps until the version moves."""
    # Superuser status decides whether permissions are kept at all (_perms).
    entry = {"uid": user.pk, "v": user.access_version, "su": user.is_superuser}
    for name, load, _restore in (*_OWN, *_contributed()):
        entry[name] = load(user)
    return entry


def restore(user, entry) -> bool:
    """Put a session entry back on the user object; False if it is not hers or is stale."""
    if not entry or (entry.get("uid"), entry.get("v"), entry.get("su")) != (
        user.pk,
        user.access_version,
        user.is_superuser,
    ):
        return False
    parts = (*_OWN, *_contributed())
    if any(name not in entry for name, _load, _restore in parts):
        return False
    for name, _load, restore_fn in parts:
        if restore_fn is None:
            setattr(user, name, entry[name])
        else:
            restore_fn(user, entry[name])
    return True


def remember(request, user) -> None:
    request.session[SESSION_KEY] = snapshot(user)
    restore(user, request.session[SESSION_KEY])


def _primed(request):
    user = get_user(request)
    authenticated = getattr(user, "is_authenticated", False) and user.is_active
    if authenticated and not restore(user, request.session.get(SESSION_KEY)):
        remember(request, user)
    return user


class SessionAccessMiddleware:
    """Below AuthenticationMiddleware: request.user arrives with her access already known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: _primed(request))
        return self.get_response(request)


def on_login(sender, request, user, **kwargs):
    # Read once at login (force_login in tests too), so the first page starts from the session.
    if getattr(request, "session", None) is not None and user.is_active:
        remember(request, user)


def bump(user_ids) -> None:
    """Make every session of these users read their access again on its next request."""
    ids = list(user_ids)
    if ids:
        User.objects.filter(pk__in=ids).update(access_version=F("access_version") + 1)


def _users_of_groups(group_ids):
    return User.objects.filter(groups__in=list(group_ids)).values_list("pk", flat=True)


def _user_m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # user.groups / user.user_permissions, from either side.
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        bump([instance.pk])
        # The object in hand too, so a login right after (a test, a sync) stamps the new one.
        instance.access_version += 1
    elif action == "pre_clear":
        bump(instance.user_set.values_list("pk", flat=True))
    else:
        # Reverse from a group: pk_set holds users. From a permission: the
        # user_permissions reverse also holds users.
        bump(pk_set or ())


def _group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        bump(_users_of_groups([instance.pk]))
    elif action == "pre_clear":
        bump(_users_of_groups(instance.group_set.values_list("pk", flat=True)))
    else:
        bump(_users_of_groups(pk_set or ()))


def _group_deleted(sender, instance, **kwargs):
    bump(_users_of_groups([instance.pk]))


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(on_login, dispatch_uid="accounts.access_cache.on_login")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _user_m2m_changed, sender=through, dispatch_uid=f"access_cache:{through.__name__}"
        )
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="access_cache:group_permissions",
    )
    pre_delete.connect(_group_deleted, sender=Group, dispatch_uid="access_cache:group_deleted")
