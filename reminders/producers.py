"""Follow-up reminders, from the stored, indexed Participant.next_followup_due."""

import datetime
import functools
from types import SimpleNamespace

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from participants.access import clearance_check
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
    cleared = clearance_check()
    for pk, uuid, due, veileder_id, protection, skjermet in rows:
        # A veileder not cleared for her (she should not be hers) hears nothing about her.
        if (protection or skjermet) and not cleared(
            veileder_id, SimpleNamespace(adressebeskyttelse=protection, skjermet=skjermet)
        ):
            continue
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
        yield Due(
            kind=kind,
            object_key=f"participant:{pk}",
            period=due.isoformat(),
            subject=subject,
            body=body,
            url=url,
            recipient_id=veileder_id,
        )
