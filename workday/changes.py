"""Siste endringer: what others changed on my participants since I marked them read.

Each kind of change is one query over the participants the user follows up, filtered by a
per-participant threshold (her last "read" for that person, else a fortnight back), so the
page's query count does not grow with participants or changes. Her own actions are left
out: she knows what she did.
"""

import datetime
from dataclasses import dataclass

from django.db.models import DateTimeField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from consent.models import Consent, ConsentPurpose, ConsentWithdrawal
from matching.models import Match
from participants.links import detail_url_maker
from phases.models import ActivityCard, ActivityStatus

from .models import ParticipantLook
from .selectors import LIMIT, followed_up

LOOK_BACK = datetime.timedelta(days=14)


@dataclass
class Change:
    when: datetime.datetime
    text: str


@dataclass
class Person:
    pk: int
    uuid: str
    name: str
    url: str
    changes: list[Change]


def _threshold(user, participant_path: str, default: datetime.datetime):
    last = ParticipantLook.objects.filter(user=user, participant=OuterRef(participant_path))
    return Coalesce(
        Subquery(last.values("seen_at")[:1]),
        Value(default, output_field=DateTimeField()),
    )


def recent_changes(user, *, now: datetime.datetime | None = None) -> list[Person]:
    now = now or timezone.now()
    default = now - LOOK_BACK
    ids = followed_up(user).values("pk")
    found: list[tuple[object, Change]] = []

    def collect(qs, path: str, when: str, describe):
        rows = (
            qs.filter(**{f"{path}__in": ids})
            .alias(_since=_threshold(user, path, default))
            .filter(**{f"{when}__gt": F("_since")})
            .order_by(f"-{when}")[: LIMIT * 4]
        )
        for row in rows:
            participant, text, at = describe(row)
            found.append((participant, Change(at, text)))

    collect(
        ActivityCard.objects.exclude(created_by=user).select_related("participant"),
        "participant",
        "created_at",
        lambda a: (a.participant, f"Ny aktivitet: {a.title}", a.created_at),
    )
    collect(
        ActivityCard.objects.filter(status__in=[ActivityStatus.FULLFORT, ActivityStatus.AVBRUTT])
        .exclude(created_by=user)
        .select_related("participant"),
        "participant",
        "updated_at",
        lambda a: (
            a.participant,
            f"Aktivitet {a.get_status_display().lower()}: {a.title}",
            a.updated_at,
        ),
    )
    collect(
        Consent.objects.exclude(recorded_by=user).select_related("participant"),
        "participant",
        "created_at",
        lambda c: (
            c.participant,
            "Notatet fra karriereveiledningen er delt med NAV"
            if c.purpose == ConsentPurpose.SHARE_GUIDANCE_NOTE
            else f"Samtykke gitt: {c.get_purpose_display()}",
            c.created_at,
        ),
    )
    collect(
        ConsentWithdrawal.objects.exclude(recorded_by=user).select_related("consent__participant"),
        "consent__participant",
        "created_at",
        lambda w: (
            w.consent.participant,
            f"Samtykke trukket: {w.consent.get_purpose_display()}",
            w.created_at,
        ),
    )
    collect(
        Match.objects.filter(~Q(decided_by=user), decided_at__isnull=False).select_related(
            "participant", "company"
        ),
        "participant",
        "decided_at",
        lambda m: (
            m.participant,
            f"Match med {m.company.name}: {m.get_status_display().lower()}",
            m.decided_at,
        ),
    )
    url = detail_url_maker()
    people: dict[int, Person] = {}
    for participant, change in sorted(found, key=lambda pc: pc[1].when, reverse=True):
        person = people.get(participant.pk)
        if person is None:
            person = people[participant.pk] = Person(
                participant.pk,
                str(participant.uuid),
                participant.full_name,
                url(participant.uuid),
                [],
            )
        person.changes.append(change)
    return list(people.values())[:LIMIT]
