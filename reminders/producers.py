"""Follow-up reminders, from the stored, indexed Participant.next_followup_due."""

import datetime
import functools

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from participants.access import cleared_caseworkers, cleared_ids
from participants.followup import is_overdue
from participants.links import detail_url_maker
from participants.models import Participant

from .models import ReminderKind
from .registry import Due

DUE_SOON_DAYS = 7


def followups(now: datetime.datetime):
    """Due within 7 days (one reminder per due date) and overdue (one per due date)."""
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    rows = (
        Participant.objects.filter(
            next_followup_due__lte=horizon, veileder__isnull=False, anonymised_at__isnull=True
        )
        .values_list(
            "pk", "uuid", "next_followup_due", "veileder_id", "adressebeskyttelse", "skjermet"
        )
        .order_by()
        .iterator(chunk_size=5000)
    )
    base = settings.SITE_URL.rstrip("/")
    # Formatting 40 000 dates one by one took a second of a county-scale scan; they are few.
    detail_url = detail_url_maker()
    when_of = functools.lru_cache(maxsize=None)(lambda day: date_format(day, "j. F Y"))
    for pk, uuid, due, veileder_id, beskyttelse, skjermet in rows:
        overdue = is_overdue(due, today=today)
        when = when_of(due)
        url = detail_url(uuid)
        # E-mail carries no name: the link leads into the app, where access is checked.
        if overdue:
            subject = "Oppfølging er forfalt"
            body = f"Oppfølgingen av en deltaker i porteføljen din skulle vært gjort {when}.\n\n{base}{url}\n"
            kind = ReminderKind.FOLLOWUP_OVERDUE
        else:
            subject = "Oppfølging forfaller snart"
            body = (
                f"Oppfølgingen av en deltaker i porteføljen din forfaller {when}.\n\n{base}{url}\n"
            )
            kind = ReminderKind.FOLLOWUP_DUE
        recipients = [veileder_id]
        if beskyttelse or skjermet:  # a handful in a county: looked up one by one
            recipients = _cleared_recipients(pk, veileder_id)
        for recipient_id in recipients:
            yield Due(
                kind=kind,
                object_key=f"participant:{pk}",
                period=due.isoformat(),
                subject=subject,
                body=body,
                url=url,
                recipient_id=recipient_id,
                participant_id=pk,
            )


def _cleared_recipients(participant_pk: int, veileder_id: int) -> list[int]:
    """A protected person's reminder goes to her veileder when cleared for her, else to the
    cleared caseworkers of her office: never to someone who may not know of her."""
    participant = Participant.objects.select_related("veileder").get(pk=participant_pk)
    if cleared_ids(participant, [participant.veileder]):
        return [veileder_id]
    return [user.pk for user in cleared_caseworkers(participant)]
