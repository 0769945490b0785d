"""Who sees which meeting places: everyone with a NAV role at the office that organises it
(veileder, leder, markedsrådgiver), and a veileder wherever she has invited candidates.
Names of invited candidates show to the office's users; nothing else of the person."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.roles import Role, roles_of
from matching.models import Match

from .models import Event, Invitation, Outcome

NAV_ROLES = {Role.VEILEDER, Role.LEDER, Role.MARKEDSRADGIVER}


def events_visible_to(user) -> QuerySet[Event]:
    if not roles_of(user) & NAV_ROLES:
        return Event.objects.none()
    mine = Invitation.objects.filter(event=OuterRef("pk"), participant__veileder=user)
    return Event.objects.filter(Q(nav_kontor_id=user.nav_kontor_id) | Exists(mine)).order_by(
        "-date", "-id"
    )


def find_alternative(user) -> QuerySet[Invitation]:
    """Her candidates not matched at a meeting place, with no match proposed since (seed 000)."""
    later_match = Match.objects.filter(
        participant=OuterRef("participant"), created_at__gte=OuterRef("outcome_at")
    )
    newer_invitation = Invitation.objects.filter(
        participant=OuterRef("participant"), created_at__gt=OuterRef("created_at")
    )
    return (
        Invitation.objects.filter(participant__veileder=user, outcome=Outcome.IKKE_MATCHET)
        .exclude(Exists(later_match))
        .exclude(Exists(newer_invitation))
        .select_related("participant", "event")
        .order_by("-outcome_at", "-id")
    )
