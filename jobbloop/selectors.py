"""Who sees which JobbLoop: the NAV roles of the loop's office, and a veileder wherever she
has a candidate. Karrieresenteret, fagopplæring and users without a role see none."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.roles import Role, roles_of

from .models import Loop, LoopCandidate

NAV_ROLES = {Role.VEILEDER, Role.LEDER, Role.MARKEDSRADGIVER}


def loops_visible_to(user) -> QuerySet[Loop]:
    if not roles_of(user) & NAV_ROLES:
        return Loop.objects.none()
    mine = LoopCandidate.objects.filter(loop=OuterRef("pk"), participant__veileder=user)
    return Loop.objects.filter(Q(nav_kontor_id=user.nav_kontor_id) | Exists(mine)).order_by(
        "-start_date", "-id"
    )
