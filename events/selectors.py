"""Who sees which meeting place (møteplass / Kick-Off), decided here for every events page.

- veileder: the events of her NAV office, and any event one of her participants is invited to
  (a Kick-Off may be run by a neighbouring office).
- leder: the events of her office.
- markedsrådgiver: the events of her office (she brings the companies).
- karriereveileder, fagopplæring and users without a NAV role: none; every page answers 404.

Minimal data on the event page: an invited candidate is named only to those who may see her
case (her veileder, the office's leder, anyone cleared for her) and, by name alone, to the
markedsrådgiver of the event's office unless the candidate is protected (adressebeskyttelse
or skjermet). A colleague sees "Kandidat 3". Nothing else about a candidate is shown. A
protected candidate is not on the page at all for users not cleared for her (no row, no
number, no count).

Writes (services.py): a candidate is invited by her own veileder or the office's leder
(change permission on her); her outcome is recorded by them or by the markedsrådgiver of the
event's office; companies are added by NAV users of the event's office.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from accounts.roles import NAV_ROLES, Role, roles_of
from matching.models import Match, MatchStatus
from participants.access import (
    CHANGE,
    named_and_changeable,
    office_list_q,
    protection_q,
    visible_q,
)
from participants.models import Participant

from .models import Event, Invitation, Outcome


def events_visible_to(user) -> QuerySet[Event]:
    invitations = Invitation.objects.filter(event=OuterRef("pk"))
    return Event.objects.filter(office_list_q(user, invitations)).order_by("-date", "-id")


def event_list(user) -> QuerySet[Event]:
    return events_visible_to(user).select_related("nav_kontor")


def may_manage_event(user, event: Event) -> bool:
    """NAV users of the organising office add companies to an event."""
    return bool(roles_of(user) & NAV_ROLES) and user.nav_kontor_id == event.nav_kontor_id


def is_event_markedsradgiver(user, event: Event) -> bool:
    return Role.MARKEDSRADGIVER in roles_of(user) and user.nav_kontor_id == event.nav_kontor_id


@dataclass
class InvitationRow:
    invitation: Invitation
    name: str
    can_record: bool


def invitation_rows(user, event: Event) -> list[InvitationRow]:
    """Invited candidates with only what this user may see of them; four queries at most."""
    # A protected candidate is no row at all for those not cleared for her: a placeholder
    # among named candidates would point her out, and the numbering would count her.
    invitations = list(
        event.invitations.filter(protection_q(user, prefix="participant__"))
        .select_related("participant", "company")
        .order_by("created_at", "id")
    )
    if not invitations:
        return []
    named, changeable = named_and_changeable(
        user, [i.participant for i in invitations], office_id=event.nav_kontor_id
    )
    # The event's markedsrådgiver records outcomes for every candidate she brought companies to.
    market = is_event_markedsradgiver(user, event)
    return [
        InvitationRow(
            invitation=inv,
            name=inv.participant.full_name if inv.participant_id in named else f"Kandidat {number}",
            can_record=inv.participant_id in changeable or market,
        )
        for number, inv in enumerate(invitations, start=1)
    ]


def find_alternative(user) -> QuerySet[Invitation]:
    """Her candidates whose latest invitation ended "ikke matchet", with no match proposed
    since and no placement running: "Finn alternativ arbeidsgiver" (seed 000)."""
    later_match = Match.objects.filter(
        participant=OuterRef("participant"), created_at__gte=OuterRef("outcome_at")
    )
    running = Match.objects.filter(participant=OuterRef("participant"), status=MatchStatus.STARTET)
    newer_invitation = Invitation.objects.filter(
        participant=OuterRef("participant"), created_at__gt=OuterRef("created_at")
    )
    mine = Participant.objects.filter(visible_q(user, CHANGE), veileder_id=user.pk)
    return (
        Invitation.objects.filter(participant__in=mine.values("pk"), outcome=Outcome.IKKE_MATCHET)
        .exclude(Exists(later_match))
        .exclude(Exists(running))
        .exclude(Exists(newer_invitation))
        .select_related("participant", "event")
        .order_by("-outcome_at", "-id")
    )


def invitations_of(participant) -> list[Invitation]:
    return list(
        Invitation.objects.filter(participant=participant)
        .select_related("event", "company")
        .order_by("-event__date", "-id")
    )


def upcoming_events_for(user, participant, today: datetime.date) -> QuerySet[Event]:
    """Events from today on that the user sees and the participant is not invited to yet."""
    return (
        events_visible_to(user)
        .filter(date__gte=today)
        .exclude(invitations__participant=participant)
        .order_by("date", "id")
    )
