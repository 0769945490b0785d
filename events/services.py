import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from audit.services import audit_change
from core.exceptions import DomainError
from participants.access import CHANGE, visible_q
from participants.models import Participant

from .models import Event, Invitation, Outcome


def event_create(
    *, actor: User, kind: str, title: str, date: datetime.date, place: str, companies=()
) -> Event:
    if actor.nav_kontor_id is None:
        raise DomainError("Du er ikke knyttet til et NAV-kontor.")
    with transaction.atomic():
        event = Event.objects.create(
            kind=kind,
            title=title.strip(),
            date=date,
            place=place.strip(),
            nav_kontor_id=actor.nav_kontor_id,
            organiser=actor,
        )
        event.companies.set(companies)
    return event


def invitation_create(*, event: Event, participant: Participant, actor: User) -> Invitation:
    """Only the participant's veileder (or her leder) invites her."""
    if not Participant.objects.filter(visible_q(actor, CHANGE), pk=participant.pk).exists():
        raise DomainError("Du kan bare invitere dine egne deltakere.")
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                event=event, participant=participant, invited_by=actor
            )
            audit_change(actor, participant, what=f"Invitert til {event}")
    except IntegrityError:
        raise DomainError("Deltakeren er allerede invitert.") from None
    return invitation


def invitation_record_outcome(
    *, invitation: Invitation, actor: User, outcome: str, company=None
) -> Invitation:
    if outcome not in Outcome.values:
        raise DomainError("Ukjent utfall.")
    if outcome == Outcome.MATCHET:
        if company is None or not invitation.event.companies.filter(pk=company.pk).exists():
            raise DomainError(
                "Velg hvilken av bedriftene på møteplassen kandidaten ble matchet med."
            )
    else:
        company = None
    is_organiser_office = actor.nav_kontor_id == invitation.event.nav_kontor_id
    may_change = Participant.objects.filter(
        visible_q(actor, CHANGE), pk=invitation.participant_id
    ).exists()
    if not (may_change or (is_organiser_office and invitation.event.organiser_id == actor.pk)):
        raise DomainError("Du kan ikke registrere utfall for denne kandidaten.")
    Invitation.objects.filter(pk=invitation.pk).update(
        outcome=outcome, company=company, outcome_by=actor, outcome_at=timezone.now()
    )
    invitation.refresh_from_db()
    return invitation
