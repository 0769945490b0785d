"""Every write to a participant goes through these functions."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import NavKontor, User
from accounts.roles import Role, has_role
from audit.models import AuditAction
from audit.services import audit_change
from core.discovery import collect
from core.exceptions import DomainError
from core.identity import parse_identity
from core.labels import field_labels

from .access import CHANGE, REASSIGN, visible_q
from .models import Participant, Phase
from .notices import notify_about

CONTACT_FIELDS = ("phone", "email", "street_address", "postal_code", "postal_place")

DUPLICATE_MESSAGE = "Det finnes allerede en deltaker med dette fødselsnummeret/D-nummeret."


def participant_create(
    *,
    actor: User,
    fodselsnummer: str,
    first_name: str,
    last_name: str,
    nav_kontor: NavKontor | None = None,
    veileder: User | None = None,
    **fields,
) -> Participant:
    """Register a participant; by default in the actor's office and caseload."""
    if not (has_role(actor, Role.VEILEDER) or has_role(actor, Role.LEDER)):
        raise DomainError("Bare veiledere og ledere kan registrere deltakere.")
    nav_kontor = nav_kontor or actor.nav_kontor
    if nav_kontor is None:
        raise DomainError(
            "Du er ikke knyttet til et NAV-kontor. Be en administrator om å rette det."
        )
    if veileder is None and has_role(actor, Role.VEILEDER):
        veileder = actor
    identity = parse_identity(fodselsnummer)
    participant = Participant(
        fodselsnummer=identity.number,
        birth_date=identity.birth_date,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        nav_kontor=nav_kontor,
        veileder=veileder,
        **fields,
    )
    participant.full_clean(exclude=["fodselsnummer"], validate_unique=False)
    participant._history_user = actor
    try:
        with transaction.atomic():
            participant.save()
            # Apps that keep state per participant (the phase history, for one) start it
            # here, in the same transaction as the registration.
            for hook in collect("AFTER_PARTICIPANT_CREATE"):
                hook(participant=participant, actor=actor)
            audit_change(actor, participant, what=AuditAction.CREATE.label)
    except IntegrityError:
        raise DomainError(DUPLICATE_MESSAGE) from None
    return participant


def participant_update_contact(*, actor: User, participant: Participant, **changes) -> Participant:
    unknown = set(changes) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"Not contact fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = (
            Participant.objects.select_for_update()
            .filter(visible_q(actor, CHANGE), pk=participant.pk)
            .first()
        )
        if locked is None:
            raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
        for name, value in changes.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        try:
            locked.full_clean(exclude=["fodselsnummer"], validate_unique=False)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        locked._history_user = actor
        locked.save(update_fields=[*changes, "updated_at"])
        audit_change(
            actor, locked, what="Kontaktopplysninger: " + field_labels(Participant, changes)
        )
    return locked


def participant_reassign(*, actor: User, participant: Participant, veileder: User) -> Participant:
    """Move a participant to another veileder of the same office.

    Access follows the assignment, so the old veileder loses it in the same transaction.
    Reassigning to the current veileder changes nothing.
    """
    with transaction.atomic():
        locked = (
            Participant.objects.select_for_update()
            .filter(visible_q(actor, REASSIGN), pk=participant.pk)
            .first()
        )
        if locked is None:
            raise DomainError("Bare leder ved deltakerens NAV-kontor kan tildele ny veileder.")
        if locked.veileder_id == veileder.pk:
            return locked
        if veileder.nav_kontor_id != locked.nav_kontor_id or not veileder.is_active:
            raise DomainError("Ny veileder må være en aktiv veileder ved samme NAV-kontor.")
        if not has_role(veileder, Role.VEILEDER):
            raise DomainError(f"{veileder.name} har ikke rollen veileder.")
        locked.veileder = veileder
        locked._history_user = actor
        locked.save(update_fields=["veileder", "updated_at"])
        audit_change(actor, locked, what=f"Tildelt veileder {veileder.nav_ident}")
        notify_about(
            locked,
            users=[veileder],
            kind="participant_assigned",
            text=f"Deltakeren er tildelt deg som veileder av {actor.name}.",
            url=reverse("participants:detail", args=[locked.uuid]),
            event_key=f"{locked.pk}:{veileder.pk}:{timezone.now().isoformat()}",
        )
    return locked


def participant_anonymise(*, participant: Participant) -> bool:
    """Replace a participant's personal data with a pseudonym; False if already done.

    The row (and so every audit record pointing at it) stays: the sporingslogg then holds
    only the pseudonym. Her change history is deleted, since it repeats the old values.
    """
    with transaction.atomic():
        locked = Participant.objects.select_for_update().filter(pk=participant.pk).first()
        if locked is None or locked.anonymised_at is not None:
            return False
        locked.first_name = "Anonymisert"
        locked.last_name = f"deltaker {locked.pk}"
        locked.fodselsnummer = f"A{locked.pk:010d}"
        # Keep the birth year for statistics by age band, not the date.
        locked.birth_date = locked.birth_date.replace(month=1, day=1)
        for name in CONTACT_FIELDS:
            setattr(locked, name, "")
        locked.anonymised_at = timezone.now()
        locked.skip_history_when_saving = True
        locked.save()
        del locked.skip_history_when_saving
        locked.history.all().delete()
        for anonymise in collect("ANONYMISERS"):
            anonymise(locked)
    return True


def participants_due_for_anonymisation(*, now=None, limit: int = 500):
    """Ended cases older than the retention period, oldest first, from an indexed scan."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=365 * settings.RETENTION_YEARS)
    return Participant.objects.filter(
        phase=Phase.AVSLUTTET, phase_entered_at__lt=cutoff, anonymised_at__isnull=True
    ).order_by("phase_entered_at", "id")[:limit]


def participants_reassign_many(
    *, actor: User, participants: list[Participant], veileder: User
) -> int:
    """Assign many participants to one veileder at once (a leder's bulk action): all or none,
    each through participant_reassign's rule, audit row and notice. Returns how many moved."""
    if not participants:
        raise DomainError("Velg minst én deltaker.")
    moved = 0
    with transaction.atomic():
        # Locks in primary-key order, so two bulk assignments at once cannot deadlock.
        for participant in sorted(participants, key=lambda p: p.pk):
            before = participant.veileder_id
            after = participant_reassign(actor=actor, participant=participant, veileder=veileder)
            moved += after.veileder_id != before
    return moved
