"""Every write to a participant goes through these functions."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import NavKontor, User
from accounts.roles import Role, has_role
from audit.models import AuditAction
from audit.services import audit_change, audit_registration_attempt
from core.discovery import collect
from core.exceptions import DomainError
from core.identity import parse_identity
from core.labels import field_labels
from core.personal_data import anonymise_rows

from .access import CHANGE, REASSIGN, cleared_for, visible_q
from .models import DERIVED_FIELDS, Participant, Phase
from .notices import notify_about
from .retention import due_q

CONTACT_FIELDS = ("phone", "email", "street_address", "postal_code", "postal_place")

# One answer whoever the person is (protected or not, visible to the user or not): the form
# must not tell anyone more than that the number is taken.
DUPLICATE_MESSAGE = "Det finnes allerede en deltaker med dette fødselsnummeret/D-nummeret."
# Registering numbers that are taken is how one would search for a person one may not see:
# after this many such attempts in a minute, the user must wait.
EXISTING_ATTEMPTS_PER_MINUTE = 5
THROTTLED_MESSAGE = (
    "Du har forsøkt å registrere for mange fødselsnumre som allerede er registrert. "
    "Vent ett minutt før du prøver igjen."
)


def _attempts_key(actor: User) -> str:
    return f"participant-create-existing:{actor.pk}"


def _refuse_if_throttled(actor: User) -> None:
    if (cache.get(_attempts_key(actor)) or 0) >= EXISTING_ATTEMPTS_PER_MINUTE:
        raise DomainError(THROTTLED_MESSAGE)


def _count_existing_attempt(actor: User) -> None:
    key = _attempts_key(actor)
    # add() starts the minute at the first attempt; incr() counts within it.
    if not cache.add(key, 1, timeout=60):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=60)


def _existing_refused(actor: User, number: str) -> DomainError:
    """Record the attempt on the person who has the number; the same answer in every case."""
    _count_existing_attempt(actor)
    existing = Participant.objects.filter(fodselsnummer=number).first()
    if (
        existing is not None
        and not Participant.objects.filter(visible_q(actor), pk=existing.pk).exists()
    ):
        audit_registration_attempt(actor, existing)
    return DomainError(DUPLICATE_MESSAGE)


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
    _refuse_if_throttled(actor)
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
        raise _existing_refused(actor, identity.number) from None
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
        if not cleared_for(veileder, locked):
            # Said in the leder's words; she is cleared herself, or she would not see her.
            raise DomainError(f"{veileder.name} har ikke tilgang til å se denne deltakeren.")
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


def participant_save_derived(participant: Participant, *fields: str) -> None:
    """Save columns derived from other facts (phase state, next follow-up) without a history
    row: each such row was a full copy of her, fødselsnummer included, for a change nobody
    made to her record. The facts themselves (transition, meeting) carry who and when."""
    unknown = set(fields) - set(DERIVED_FIELDS)
    if unknown:
        raise ValueError(f"Not derived fields: {sorted(unknown)}")
    participant.skip_history_when_saving = True
    try:
        participant.save(update_fields=[*fields, "updated_at"])
    finally:
        del participant.skip_history_when_saving


NOT_ENDED_MESSAGE = (
    "Saken er ikke avsluttet. Bare avsluttede saker kan anonymiseres: avslutt saken først."
)


def participant_anonymise(*, participant: Participant) -> bool:
    """Anonymise her everywhere the apps declare personal data (core.personal_data), in one
    transaction; False when it was done before. Stored files go from storage after commit.

    Her row stays (every sporingslogg record points at it) under a pseudonym, so the log
    then holds only the pseudonym. A case that is not ended is refused.
    """
    with transaction.atomic():
        locked = Participant.objects.select_for_update().filter(pk=participant.pk).first()
        if locked is None or locked.anonymised_at is not None:
            return False
        if locked.phase != Phase.AVSLUTTET:
            raise DomainError(NOT_ENDED_MESSAGE)
        anonymise_rows(locked)
        # Admin change messages name the object; the admin no longer edits participants,
        # but older entries may remain.
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Participant), object_id=str(locked.pk)
        ).update(object_repr=f"Anonymisert deltaker {locked.pk}", change_message="")
    return True


def participants_due_for_anonymisation(*, now=None, limit: int = 500):
    """Ended cases older than the retention period, oldest first, from an indexed scan."""
    return Participant.objects.filter(due_q(now)).order_by("phase_entered_at", "id")[:limit]


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
