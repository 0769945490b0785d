"""Career guidance (seed 004): interest, bookings, the participant's note, kompetansekartlegging."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from accounts.roles import Role, has_role
from audit.services import audit_change
from consent.models import ConsentPurpose
from consent.services import consent_require, consent_valid
from core.exceptions import DomainError
from participants.access import CHANGE, cleared_for, may_change, required_clearances, visible_q
from participants.models import Participant
from participants.notices import notify_about
from phases.models import ActivityKind, ActivityStatus
from phases.services import activity_card_create
from reminders.models import ReminderKind
from reminders.registry import Due
from reminders.services import deliveries_cancel, notify_once

from .models import (
    Appointment,
    AppointmentMode,
    AppointmentStatus,
    GuidanceInterest,
    GuidanceNote,
    KompetanseRequest,
)
from .rules import APPOINTMENTS

MAX_SESSIONS = 3
NOTE_FIELDS = (
    "school_work_experience",
    "interests",
    "qualities",
    "motivation_mastery",
    "values",
    "needs",
    "way_forward",
    "open_questions",
)


def _require_change(actor: User, participant: Participant) -> None:
    if not may_change(actor, participant.pk):
        raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")


def interest_record(
    *, participant, actor, informed_on: datetime.date, note: str = ""
) -> GuidanceInterest:
    with transaction.atomic():
        _require_change(actor, participant)
        interest = GuidanceInterest.objects.create(
            participant=participant, informed_on=informed_on, note=note.strip(), recorded_by=actor
        )
        audit_change(
            actor, participant, what="Interesse for fagbrev, informert om Karrieresenteret"
        )
    return interest


def appointment_book(
    *,
    participant: Participant,
    actor: User,
    starts_at: datetime.datetime,
    mode: str,
    location: str = "",
    karriereveileder: User | None = None,
    duration_minutes: int = 45,
    participant_wants_veileder: bool = False,
    veileder_attends: bool = False,
) -> Appointment:
    """Book a session on the participant's behalf; the confirmation goes to her by e-mail."""
    if not mode:
        raise DomainError("Velg om samtalen skal være fysisk, på telefon eller digital.")
    if mode == AppointmentMode.FYSISK and not location.strip():
        raise DomainError("Skriv hvilket kontor eller sted den fysiske samtalen skal være.")
    if starts_at <= timezone.now():
        raise DomainError("Tidspunktet har allerede vært. Velg et tidspunkt fram i tid.")
    if veileder_attends and not participant_wants_veileder:
        raise DomainError("Veileder kan bare delta når deltakeren selv ønsker det.")
    if karriereveileder is not None and not has_role(karriereveileder, Role.KARRIEREVEILEDER):
        raise DomainError(f"{karriereveileder.name} er ikke karriereveileder.")
    with transaction.atomic():
        locked = (
            Participant.objects.select_for_update()
            .filter(visible_q(actor, CHANGE), pk=participant.pk)
            .first()
        )
        if locked is None:
            raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
        if required_clearances(locked) and (
            karriereveileder is None or not cleared_for(karriereveileder, locked)
        ):
            raise DomainError("Velg en karriereveileder som har tilgang til å se denne deltakeren.")
        held_or_booked = (
            Appointment.objects.filter(participant=locked)
            .exclude(status__in=[AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW])
            .count()
        )
        if held_or_booked >= MAX_SESSIONS:
            raise DomainError(
                "Deltakeren har allerede tre samtaler. Karriereveiledningen gir inntil tre samtaler."
            )
        appointment = Appointment(
            participant=locked,
            karriereveileder=karriereveileder,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            mode=mode,
            location=location.strip(),
            session_number=held_or_booked + 1,
            participant_wants_veileder=participant_wants_veileder,
            veileder_attends=veileder_attends,
            booked_by=actor,
        )
        try:
            appointment.full_clean()
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        appointment.save()
        audit_change(
            actor,
            locked,
            what=f"Karriereveiledning bestilt ({appointment.session_number}. samtale)",
        )
        if karriereveileder is not None:
            starts = timezone.localtime(starts_at)
            notify_about(
                locked,
                users=[karriereveileder],
                kind="appointment_booked",
                text=(
                    f"Ny avtale om karriereveiledning {date_format(starts, 'l j. F')} "
                    f"kl. {starts:%H:%M} ({appointment.session_number}. samtale)."
                ),
                url=reverse("careerguidance:appointment", args=[appointment.uuid]),
                event_key=str(appointment.pk),
            )
        if locked.email:
            _record_confirmation(appointment)
    return appointment


def day_in_words(when: datetime.datetime, now: datetime.datetime) -> str:
    """ "i dag", "i morgen" or the date, by the calendar in Norway (not by 24-hour spans)."""
    day = timezone.localdate(when)
    ahead = (day - timezone.localdate(now)).days
    if ahead == 0:
        return "i dag"
    if ahead == 1:
        return "i morgen"
    return date_format(day, "l j. F")


def appointment_message(
    appointment: Appointment, template: str, *, now: datetime.datetime | None = None
) -> tuple[str, str]:
    """(subject, body) of the booking confirmation or the 24-hour reminder, written at ``now``."""
    context = {
        "appointment": appointment,
        "starts": timezone.localtime(appointment.starts_at),
        "day": day_in_words(appointment.starts_at, now or timezone.now()),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    body = render_to_string(f"careerguidance/email/{template}.txt", context)
    subject, _, rest = body.partition("\n")
    return subject.strip(), rest.lstrip()


def _record_confirmation(appointment: Appointment) -> None:
    """The confirmation is an outbox row in the booking's transaction: a mail server that is
    down delays it, and can neither lose it nor fail the booking."""
    subject, body = appointment_message(appointment, "booking_confirmation")
    notify_once(
        Due(
            kind=ReminderKind.APPOINTMENT_BOOKED,
            object_key=f"appointment:{appointment.pk}",
            period=appointment.starts_at.isoformat(),
            subject=subject,
            body=body,
            to_email=appointment.participant.email,
        )
    )


def _require_appointment_actor(actor: User, appointment: Appointment) -> None:
    """Her karriereveileder, or NAV users who may change the participant."""
    if appointment.karriereveileder_id != actor.pk:
        _require_change(actor, appointment.participant)


def appointment_set_status(*, appointment: Appointment, actor: User, status: str) -> Appointment:
    """The karriereveileder (or the booking veileder) marks held / cancelled / no-show."""
    _require_appointment_actor(actor, appointment)
    if status not in AppointmentStatus.values:
        raise DomainError("Ukjent status.")
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.status == status:
            appointment.status = status
            return appointment
        if not APPOINTMENTS.allows(locked.status, status):
            raise DomainError(
                f"En avtale med status «{locked.get_status_display().lower()}» kan ikke "
                f"endres til «{AppointmentStatus(status).label.lower()}»."
            )
        Appointment.objects.filter(pk=locked.pk).update(status=status)
        _cancel_reminders(locked)
        audit_change(
            actor,
            locked.participant,
            what=(
                f"Karriereveiledning {locked.session_number}. samtale: "
                f"{AppointmentStatus(status).label.lower()}"
            ),
        )
    appointment.status = status
    return appointment


def appointment_reschedule(
    *, appointment: Appointment, actor: User, starts_at: datetime.datetime
) -> Appointment:
    """Move a booked session: the old time's reminder is stopped, the new time gets its own."""
    _require_change(actor, appointment.participant)
    if starts_at <= timezone.now():
        raise DomainError("Tidspunktet har allerede vært. Velg et tidspunkt fram i tid.")
    with transaction.atomic():
        moved = Appointment.objects.filter(
            pk=appointment.pk, status=AppointmentStatus.BOOKED
        ).update(starts_at=starts_at)
        if not moved:
            raise DomainError("Bare en bestilt avtale kan flyttes.")
        _cancel_reminders(appointment)
        audit_change(actor, appointment.participant, what="Karriereveiledning flyttet")
    appointment.starts_at = starts_at
    return appointment


def _cancel_reminders(appointment: Appointment) -> None:
    deliveries_cancel(kind=ReminderKind.APPOINTMENT, object_key=f"appointment:{appointment.pk}")


def note_save(*, appointment: Appointment, actor: User, **fields) -> GuidanceNote:
    """Only the karriereveileder of the appointment writes its note."""
    if appointment.karriereveileder_id != actor.pk:
        raise DomainError("Bare karriereveilederen for avtalen kan skrive notatet.")
    with transaction.atomic():
        note, _ = GuidanceNote.objects.select_for_update().get_or_create(
            appointment=appointment, defaults={"author": actor}
        )
        for name in NOTE_FIELDS:
            if name in fields:
                setattr(note, name, fields[name].strip())
        note.updated_at = timezone.now()
        note.save()
        # Writing the note means the session took place; no reminder for it any more.
        if Appointment.objects.filter(pk=appointment.pk, status=AppointmentStatus.BOOKED).update(
            status=AppointmentStatus.HELD
        ):
            _cancel_reminders(appointment)
        audit_change(actor, appointment.participant, what="Notat fra karriereveiledning lagret")
    return note


def kompetanse_request_send(
    *, participant: Participant, actor: User, question: str = ""
) -> KompetanseRequest:
    with transaction.atomic():
        _require_change(actor, participant)
        consent = consent_require(
            participant=participant, purpose=ConsentPurpose.KOMPETANSEKARTLEGGING
        )
        request = KompetanseRequest.objects.create(
            participant=participant, consent=consent, question=question.strip(), requested_by=actor
        )
        audit_change(actor, participant, what="Forespørsel om kompetansekartlegging sendt")
    return request


ANSWER_FIELDS = ("completed_subjects", "relevant_practice", "path", "estimated_months", "plan_text")


def kompetanse_request_answer(
    *, request: KompetanseRequest, actor: User, **fields
) -> KompetanseRequest:
    """Fagopplæring answers once, with a tentative opplæringsplan, while consent holds."""

    if not has_role(actor, Role.FAGOPPLAERING) or not cleared_for(actor, request.participant):
        raise DomainError("Bare fagopplæringen kan svare på forespørselen.")
    if not fields.get("path"):
        raise DomainError("Velg hvilken vei til fagbrev planen gjelder.")
    months = fields.get("estimated_months")
    if months is not None and not 1 <= months <= 120:
        raise DomainError("Anslått varighet må være mellom 1 og 120 måneder.")
    with transaction.atomic():
        locked = (
            KompetanseRequest.objects.select_for_update(of=("self",))
            .select_related("participant__veileder", "requested_by")
            .get(pk=request.pk)
        )
        purpose = ConsentPurpose.KOMPETANSEKARTLEGGING
        if consent_valid(participant=locked.participant, purpose=purpose) is None:
            raise DomainError("Samtykket er trukket. Forespørselen kan ikke besvares.")
        if locked.answered_at is not None:
            raise DomainError("Forespørselen er allerede besvart.")
        for name in ANSWER_FIELDS:
            if name in fields:
                value = fields[name]
                setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save()
        audit_change(
            actor, locked.participant, what="Kompetansekartlegging besvart med opplæringsplan"
        )
        notify_about(
            locked.participant,
            users=[locked.participant.veileder, locked.requested_by],
            kind="kompetanse_answered",
            text="Fagopplæringen har svart på forespørselen om kompetansekartlegging.",
            url=reverse("participants:detail", args=[locked.participant.uuid])
            + "#samtykke-overskrift",
            event_key=str(locked.pk),
        )
    return locked


def guidance_summary_record(*, appointment: Appointment, actor: User, summary: str):
    """The veileder's samtalereferat after a held session, as a card in the activity plan."""

    if appointment.status != AppointmentStatus.HELD:
        raise DomainError("Samtalereferat kan bare skrives for en gjennomført samtale.")
    if not summary.strip():
        raise DomainError("Skriv samtalereferatet.")
    return activity_card_create(
        participant=appointment.participant,
        actor=actor,
        title=f"Karriereveiledning gjennomført ({appointment.session_number}. samtale)",
        kind=ActivityKind.KARRIEREVEILEDNING,
        status=ActivityStatus.FULLFORT,
        from_date=timezone.localdate(appointment.starts_at),
        to_date=timezone.localdate(appointment.starts_at),
        description=summary.strip(),
    )
