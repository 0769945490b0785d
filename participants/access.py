"""Who may see and change which participant: the one place this rule lives.

Querysets (selectors), object checks (``user.has_perm(perm, obj)`` through
``ParticipantAccessBackend``) and views (``permissions.get_participant_for_user``) all
build on ``visible_q``, so a list can never show someone a detail page would refuse.
"""

from django.contrib.auth.models import Permission
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.signals import post_delete, post_save

from accounts.access_cache import bump as bump_access_version
from accounts.models import User
from accounts.roles import NAV_ROLES, Role, roles_of

from .models import Adressebeskyttelse, Participant, ParticipantUserObjectPermission

VIEW = "participants.view_participant"
CHANGE = "participants.change_participant"
REASSIGN = "participants.reassign_participant"

_NOTHING = Q(pk__in=[])

# Which explicit (guardian) grants give which action.
_GRANT_CODENAMES = {
    VIEW: ("view_participant", "change_participant"),
    CHANGE: ("change_participant",),
    REASSIGN: (),
}
_ALL_GRANT_CODENAMES = sorted({c for codenames in _GRANT_CODENAMES.values() for c in codenames})


def _granted_ids(user, perm: str) -> list[int]:
    codenames = _GRANT_CODENAMES[perm]
    if not codenames:
        return []
    # All of the user's grants in one query, kept on the user object for the request
    # (by attribute, not __dict__: request.user is a lazy proxy of the same object) and in
    # her session until they change (accounts.access_cache, through SESSION_ACCESS).
    grants = getattr(user, GRANTS_ATTRIBUTE, None)
    if grants is None:
        grants = load_grants(user)
        setattr(user, GRANTS_ATTRIBUTE, grants)
    return sorted({pk for codename, pk in grants if codename in codenames})


GRANTS_ATTRIBUTE = "_participant_grants"


def load_grants(user) -> list[list]:
    return [
        [codename, pk]
        for codename, pk in ParticipantUserObjectPermission.objects.filter(
            user=user, permission__codename__in=_ALL_GRANT_CODENAMES
        ).values_list("permission__codename", "content_object_id")
    ]


# Each protection marker and the clearance (a permission) that lifts it: the one table
# behind protection_q, required_clearances, cleared_for and cleared_users.
CLEARANCES = (
    (
        "view_strengt_fortrolig",
        lambda prefix: Q(**{f"{prefix}adressebeskyttelse": Adressebeskyttelse.STRENGT_FORTROLIG}),
        lambda p: p.adressebeskyttelse == Adressebeskyttelse.STRENGT_FORTROLIG,
    ),
    (
        "view_fortrolig",
        lambda prefix: Q(**{f"{prefix}adressebeskyttelse": Adressebeskyttelse.FORTROLIG}),
        lambda p: p.adressebeskyttelse == Adressebeskyttelse.FORTROLIG,
    ),
    (
        "view_skjermet",
        lambda prefix: Q(**{f"{prefix}skjermet": True}),
        lambda p: bool(p.skjermet),
    ),
)
CLEARANCE_CODENAMES = tuple(codename for codename, _marked, _is_marked in CLEARANCES)


def protection_q(user, prefix: str = "") -> Q:
    """Adressebeskyttelse and skjerming hide a person from everyone not cleared for it.

    ``prefix`` is the path to the participant from another model ("participant__")."""
    q = Q()
    for codename, marked, _is_marked in CLEARANCES:
        if not is_cleared(user, codename):
            q &= ~marked(prefix)
    return q


def is_cleared(user, codename: str) -> bool:
    """Clearance for protected persons is given explicitly, to the user or her group.

    Superuser status does not imply it: an administrator runs the system (and its admin),
    she does not follow cases, and kode 6/7 must leave no trace for her either."""
    if not getattr(user, "is_superuser", False):
        return user.has_perm(f"participants.{codename}")
    held = getattr(user, "_explicit_clearances", None)
    if held is None:
        held = frozenset(
            Permission.objects.filter(
                Q(user=user) | Q(group__user=user),
                content_type__app_label="participants",
                codename__in=CLEARANCE_CODENAMES,
            ).values_list("codename", flat=True)
        )
        user._explicit_clearances = held
    return codename in held


def required_clearances(participant) -> tuple[str, ...]:
    """The permissions ("participants.view_fortrolig", ...) a user needs to see her."""
    return tuple(
        f"participants.{codename}"
        for codename, _marked, is_marked in CLEARANCES
        if is_marked(participant)
    )


def cleared_for(user, participant) -> bool:
    """Whether ``user`` holds every clearance her protection asks for (True if none)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return all(
        is_cleared(user, codename)
        for codename, _marked, is_marked in CLEARANCES
        if is_marked(participant)
    )


def clearance_check():
    """cleared_for by user id, with each user loaded once: for scans over many rows of few
    users. ``participant`` needs only ``adressebeskyttelse`` and ``skjermet``."""
    users: dict[int, object] = {}

    def check(user_id: int, participant) -> bool:
        if not required_clearances(participant):
            return True
        if user_id not in users:
            users[user_id] = User.objects.filter(pk=user_id).first()
        user = users[user_id]
        return user is not None and cleared_for(user, participant)

    return check


def _holds(codename: str) -> Q:
    # Directly or through a group, as is_cleared answers (superuser status gives none).
    perms = Permission.objects.filter(content_type__app_label="participants", codename=codename)
    return Q(Exists(perms.filter(user=OuterRef("pk")))) | Q(
        Exists(perms.filter(group__user=OuterRef("pk")))
    )


def cleared_users(users: QuerySet, participant) -> QuerySet:
    """The active users among ``users`` cleared for her: whom work for her may go to."""
    users = users.filter(is_active=True)
    for codename, _marked, is_marked in CLEARANCES:
        if is_marked(participant):
            users = users.filter(_holds(codename))
    return users


def visible_q(user, perm: str = VIEW) -> Q:
    """The participants ``user`` may act on with ``perm``, as a filter."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NOTHING
    roles = roles_of(user)
    scope = _NOTHING
    if Role.VEILEDER in roles and perm in (VIEW, CHANGE):
        scope |= Q(veileder_id=user.pk)
    if Role.LEDER in roles and user.nav_kontor_id:
        scope |= Q(nav_kontor_id=user.nav_kontor_id)
    granted = _granted_ids(user, perm)
    if granted:
        scope |= Q(pk__in=granted)
    return scope & protection_q(user)


def allowed(user, perm: str = VIEW) -> Case:
    """visible_q as a true/false column, to annotate rows with what the user may do."""
    return Case(
        When(visible_q(user, perm), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def may_change(user, participant_id: int) -> bool:
    """Whether ``user`` may change this participant now; a fresh query, for services
    (unlike ``user.has_perm``, whose answers are kept for the request)."""
    return Participant.objects.filter(visible_q(user, CHANGE), pk=participant_id).exists()


def office_list_q(user, members: QuerySet) -> Q:
    """Who sees an office's shared list (a meeting place, a JobbLoop), as a filter on it.

    The NAV users of the organising office, and a veileder from elsewhere when one of her
    participants is on it. ``members`` are the list's rows that carry a participant, tied to
    the outer list by OuterRef."""
    roles = roles_of(user)
    if not roles & NAV_ROLES:
        return _NOTHING
    scope = Q(nav_kontor_id=user.nav_kontor_id) if user.nav_kontor_id else _NOTHING
    if Role.VEILEDER in roles:
        # Only through someone she may see: a protected person must not open a list to her.
        mine = members.filter(
            protection_q(user, prefix="participant__"), participant__veileder=user
        )
        scope |= Q(Exists(mine))
    return scope


def named_and_changeable(user, participants, *, office_id: int) -> tuple[set[int], set[int]]:
    """Among ``participants`` of a shared list (a meeting place, a JobbLoop run by office
    ``office_id``): the ids ``user`` may see by name and those she may change; two queries.

    Named: whoever may see the case, and the office's markedsrådgiver by name alone unless
    the person is protected."""
    ids = [p.pk for p in participants]
    if not ids:
        return set(), set()
    named = set(
        Participant.objects.filter(visible_q(user, VIEW), pk__in=ids).values_list("pk", flat=True)
    )
    if Role.MARKEDSRADGIVER in roles_of(user) and user.nav_kontor_id == office_id:
        named |= {p.pk for p in participants if cleared_for(user, p)}
    changeable = set(
        Participant.objects.filter(visible_q(user, CHANGE), pk__in=ids).values_list("pk", flat=True)
    )
    return named, changeable


def protected_q(prefix: str = "") -> Q:
    """The protected persons, as a filter of positive conditions only, so that across a
    nullable join (a notice about no one) it is simply false."""
    q = Q(pk__in=[])
    for _codename, marked, _is_marked in CLEARANCES:
        q |= marked(prefix)
    return q


def notices_about_protected() -> Q:
    return protected_q("participant__")


def notification_scope(user) -> Q:
    """A notice about a participant shows only to users cleared for her protection.

    Contributed to notifications' NOTIFICATION_SCOPE, so a notice produced before she
    became protected leaves no trace for the others either."""
    return Q(participant__isnull=True) | (
        Q(participant__isnull=False) & protection_q(user, "participant__")
    )


def cleared_ids(participant: Participant, users) -> set[int]:
    """Of ``users``, the ids of those cleared for the participant's protection: all of them
    when she has none. Producers of notices route through this, so a protected person's
    name reaches only the cleared."""
    users = [u for u in users if u is not None]
    if not participant.is_protected:
        return {u.pk for u in users}
    return {u.pk for u in users if cleared_for(u, participant)}


def cleared_caseworkers(participant: Participant) -> list:
    """Who follows up a protected participant whose veileder is not cleared: the active
    veiledere and ledere of her office who are."""
    office = User.objects.filter(
        nav_kontor_id=participant.nav_kontor_id, groups__name__in=[Role.VEILEDER, Role.LEDER]
    ).distinct()
    return list(cleared_users(office, participant).order_by("name"))


def _grant_changed(sender, instance, **kwargs):
    bump_access_version([instance.user_id])


def connect_grant_invalidation() -> None:
    # A grant changes what she sees: her sessions read their access again (access_cache).
    for signal in (post_save, post_delete):
        signal.connect(
            _grant_changed,
            sender=ParticipantUserObjectPermission,
            dispatch_uid=f"participants.grant_changed:{signal}",
        )
