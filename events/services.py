import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import NAV_ROLES, roles_of
from audit.services import audit_change
from companies.models import Company
from core.exceptions import DomainError
from participants.access import cleared_for, may_change
from participants.models import Participant

from .models import Event, EventKind, Invitation, Outcome
from .selectors import events_visible_to, is_event_markedsradgiver, may_manage_event


def event_create(
    *,
    actor: User,
    kind: str,
    title: str,
    date: datetime.date,
    place: str,
    companies=(),
) -> Event:
    """A møteplass or Kick-Off at the actor's office, optionally with the companies present."""
    if not roles_of(actor) & NAV_ROLES or actor.nav_kontor_id is None:
        raise DomainError("Du må være NAV-ansatt ved et NAV-kontor for å opprette en møteplass.")
    if kind not in EventKind.values:
        raise DomainError("Velg om det er en møteplass eller en Kick-Off.")
    if not title.strip() or not place.strip():
        raise DomainError("Møteplassen trenger navn og sted.")
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


def event_add_company(*, event: Event, company: Company, actor: User) -> Event:
    """Add a company present at the event; adding one already there is a no-op."""
    if not may_manage_event(actor, event):
        raise DomainError("Bare NAV-kontoret som arrangerer møteplassen kan legge til bedrifter.")
    event.companies.add(company)
    return event


def invitation_create(*, event: Event, participant: Participant, actor: User) -> Invitation:
    """Only the participant's veileder (or her leder) invites her, to an event they can see."""
    if not may_change(actor, participant.pk):
        raise DomainError("Du kan bare invitere dine egne deltakere.")
    if not events_visible_to(actor).filter(pk=event.pk).exists():
        raise DomainError("Du har ikke tilgang til denne møteplassen.")
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                event=event, participant=participant, invited_by=actor
            )
            audit_change(actor, participant, what=f"Invitert til {event}")
    except IntegrityError:
        raise DomainError("Deltakeren er allerede invitert.") from None
    return invitation


def outcome_refusal(event, today=None) -> str:
    """Why an outcome cannot be recorded yet ("" when it can): only once the event is held."""
    today = today or timezone.localdate()
    if event.date > today:
        return f"Utfallet kan registreres fra og med møteplassdagen, {event.date:%d.%m.%Y}."
    return ""


def invitation_record_outcome(
    *, invitation: Invitation, actor: User, outcome: str, company: Company | None = None
) -> Invitation:
    """Matched with one of the companies present, not matched, or not settled yet.

    Recording the outcome it already has is a no-op (no new time, no audit row).
    """
    if outcome not in Outcome.values:
        raise DomainError("Ukjent utfall.")
    event = invitation.event
    if why_not := outcome_refusal(event):
        raise DomainError(why_not)
    if outcome == Outcome.MATCHET:
        if company is None or not event.companies.filter(pk=company.pk).exists():
            raise DomainError(
                "Velg hvilken av bedriftene på møteplassen kandidaten ble matchet med."
            )
    else:
        company = None
    market = is_event_markedsradgiver(actor, event) and cleared_for(actor, invitation.participant)
    if not (may_change(actor, invitation.participant_id) or market):
        raise DomainError("Du kan ikke registrere utfall for denne kandidaten.")
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.outcome == outcome and current.company_id == (company.pk if company else None):
            return current
        current.outcome, current.company = outcome, company
        current.outcome_by, current.outcome_at = actor, timezone.now()
        current.save(update_fields=["outcome", "company", "outcome_by", "outcome_at"])
        label = Outcome(outcome).label + (f" ({company.name})" if company else "")
        audit_change(actor, invitation.participant, what=f"Utfall på {event}: {label}")
    return current
