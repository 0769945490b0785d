"""JobbLoop reminders: two weeks before each rotation (the gathering), and at 12 months."""

import datetime

from django.urls import reverse
from django.utils import timezone

from participants.access import clearance_check
from reminders.models import ReminderKind
from reminders.registry import Due, isolated

from .models import Loop, LoopStatus
from .schedule import add_months, loop_schedule


def loop_reminders(now: datetime.datetime):
    """Loops are few (tens per county); the active ones of the last 13 months are read by index."""
    today = timezone.localdate(now)
    loops = (
        Loop.objects.filter(status=LoopStatus.ACTIVE, start_date__gte=add_months(today, -13))
        .select_related("coordinator")
        .prefetch_related("candidates__participant")
    )
    # One loop whose dates cannot be computed (a start in the year 9999) is logged and skipped.
    cleared = clearance_check()
    return isolated(
        loops, key=lambda loop: f"loop:{loop.pk}", due=lambda loop: _due(loop, today, cleared)
    )


def _due(loop: Loop, today: datetime.date, cleared):
    schedule = loop_schedule(loop.start_date)
    # A veileder not cleared for her candidate (she should not be hers) hears nothing of it.
    recipients = {loop.coordinator_id} | {
        c.participant.veileder_id
        for c in loop.candidates.all()
        if c.left_on is None
        and c.participant.veileder_id
        and cleared(c.participant.veileder_id, c.participant)
    }
    url = reverse("jobbloop:detail", args=[loop.uuid])
    due = []
    for rotation, gathering in zip(schedule.rotations, schedule.gatherings, strict=True):
        if gathering <= today < rotation:
            due.append(
                (
                    ReminderKind.JOBBLOOP_GATHERING,
                    rotation,
                    f"JobbLoop {loop.name}: samling før rullering {rotation:%d.%m.%Y}",
                )
            )
    if today >= schedule.ends_on:
        due.append(
            (
                ReminderKind.JOBBLOOP_END,
                schedule.ends_on,
                f"JobbLoop {loop.name} er ferdig: avslutt loopen og lag felles attest",
            )
        )
    for kind, when, subject in due:
        for user_id in recipients:
            yield Due(
                kind=kind,
                object_key=f"loop:{loop.pk}",
                period=when.isoformat(),
                subject=subject,
                body=f"{subject}.\n",
                url=url,
                recipient_id=user_id,
            )
