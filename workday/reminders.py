"""The huskelapp's deadline reminder, for the reminders scan (reminders.registry)."""

import datetime

from django.conf import settings
from django.utils import timezone

from participants.access import cleared_caseworkers, cleared_ids
from participants.links import detail_url_maker
from reminders.models import ReminderKind
from reminders.registry import Due, isolated

from .models import ParticipantMark

# A scan missed on the deadline day (a deploy, a broker outage) still reminds a day or two late.
CATCH_UP = datetime.timedelta(days=2)


def huskelapp_reminders(now: datetime.datetime):
    """One reminder per huskelapp deadline, on the day, to whoever follows her up and is
    cleared for her. The deadline is part of the key: a moved deadline reminds again."""
    today = timezone.localdate(now)
    marks = (
        ParticipantMark.objects.filter(
            deadline__range=(today - CATCH_UP, today),
            participant__anonymised_at__isnull=True,
        )
        .exclude(note="")
        .select_related("participant__veileder")
        .order_by("deadline", "pk")
    )
    return isolated(
        marks.iterator(chunk_size=2000),
        key=lambda mark: f"huskelapp:{mark.pk}",
        due=lambda mark: _due(mark),
    )


def _due(mark: ParticipantMark):
    participant = mark.participant
    url = detail_url_maker()(participant.uuid)
    base = settings.SITE_URL.rstrip("/")
    # E-mail carries neither name nor note: the link leads into the app, where access is checked.
    body = f"En huskelapp om en deltaker har frist {mark.deadline:%d.%m.%Y}.\n\n{base}{url}\n"
    veileder = participant.veileder
    if veileder is not None and cleared_ids(participant, [veileder]):
        recipients = [veileder.pk]
    else:
        recipients = [u.pk for u in cleared_caseworkers(participant)]
    for recipient_id in recipients:
        yield Due(
            kind=ReminderKind.HUSKELAPP,
            object_key=f"participant:{participant.pk}",
            period=mark.deadline.isoformat(),
            subject="Frist på huskelapp",
            body=body,
            url=url,
            recipient_id=recipient_id,
            participant_id=participant.pk,
        )
