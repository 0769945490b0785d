"""The 24-hour reminder for career-guidance appointments (seed 004), for the reminders scan."""

import datetime

from django.urls import reverse

from participants.access import cleared_ids
from reminders.models import ReminderKind
from reminders.registry import Due, isolated

from .models import Appointment, AppointmentStatus
from .services import appointment_message

WINDOW = datetime.timedelta(hours=24)


def appointment_reminders(now: datetime.datetime):
    """Booked sessions starting within 24 hours: one reminder per start time.

    The start time is part of the key, so a moved appointment is reminded again for its new
    time, while a cancelled one drops out of this scan and gets nothing. Aware datetimes
    keep "24 hours before" exact across daylight-saving changes.
    """
    upcoming = (
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED, starts_at__gt=now, starts_at__lte=now + WINDOW
        )
        .select_related("participant__veileder", "karriereveileder")
        .order_by("starts_at")
    )
    return isolated(
        upcoming.iterator(chunk_size=2000),
        key=lambda appt: f"appointment:{appt.pk}",
        due=lambda appt: _due(appt, now),
    )


def _due(appt: Appointment, now: datetime.datetime):
    subject, body = appointment_message(appt, "reminder", now=now)
    period = appt.starts_at.isoformat()
    if appt.participant.email:
        yield Due(
            kind=ReminderKind.APPOINTMENT,
            object_key=f"appointment:{appt.pk}",
            period=period,
            subject=subject,
            body=body,
            to_email=appt.participant.email,
            participant_id=appt.participant_id,
        )
    veileder = appt.participant.veileder
    if appt.veileder_attends and veileder is not None and cleared_ids(appt.participant, [veileder]):
        yield Due(
            kind=ReminderKind.APPOINTMENT,
            object_key=f"appointment:{appt.pk}",
            period=period,
            subject=subject,
            body=body,
            url=reverse("participants:detail", args=[appt.participant.uuid]),
            recipient_id=veileder.pk,
            participant_id=appt.participant_id,
        )
