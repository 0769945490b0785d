"""Who may open the leder's overview, and over which participants its figures run.

A leder sees her own office; an administrator every office, or one she picks. Persons
with adressebeskyttelse or skjerming count only for a user cleared for them, so a figure
never tells anyone that such a person exists, and a figure always agrees with its list.
"""

from django.db.models import QuerySet

from accounts.capabilities import Capability, may
from accounts.models import NavKontor
from participants.access import protection_q
from participants.models import Participant


def may_see_overview(user) -> bool:
    return may(user, Capability.OVERVIEW)


def sees_all_offices(user) -> bool:
    return user.is_superuser


def offices_for(user) -> QuerySet[NavKontor]:
    if sees_all_offices(user):
        return NavKontor.objects.order_by("name")
    return NavKontor.objects.filter(pk=user.nav_kontor_id)


def office_scope(user, nav_kontor_id: int | None = None) -> QuerySet[Participant]:
    """The participants the user's figures count, before the page's filters."""
    if not may_see_overview(user):
        return Participant.objects.none()
    qs = Participant.objects.filter(anonymised_at__isnull=True).filter(protection_q(user))
    if not sees_all_offices(user):
        return qs.filter(nav_kontor_id=user.nav_kontor_id)
    if nav_kontor_id:
        qs = qs.filter(nav_kontor_id=nav_kontor_id)
    return qs
