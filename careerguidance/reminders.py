"""The 24-hour reminder for career-guidance appointments (seed 004), for the reminders scan."""

import datetime

from django.urls import reverse

from participants.access import clearance_check
from reminders.models import ReminderKind
from reminders.registry import Due

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
        .select_related("participant", "karriereveileder")
        .order_by("starts_at")
    )
    cleared = clearance_check()
    for appt in upcoming.iterator(chunk_size=2000):
        subject, body = appointment_message(appt, "reminder")
        period = appt.starts_at.isoformat()
        if appt.participant.email:
            yield Due(
                kind=ReminderKind.APPOINTMENT,
                object_key=f"appointment:{appt.pk}",
                period=period,
                subject=subject,
                body=body,
                to_email=appt.participant.email,
            )
        veileder_id = appt.participant.veileder_id
        if appt.veileder_attends and veileder_id and cleared(veileder_id, appt.participant):
            yield Due(
                kind=ReminderKind.APPOINTMENT,
                object_key=f"appointment:{appt.pk}",
                period=period,
                subject=subject,
                body=body,
                url=reverse("participants:detail", args=[appt.participant.uuid]),
                recipient_id=veileder_id,
            )
