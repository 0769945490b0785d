"""What Min dag shows: each list one query over the participants the user follows up, all
sent to the database in one round trip (core.batch).

Every list is capped (LIMIT + 1 rows, to say "more" without counting), so the page's query
count and its cost do not grow with the caseload.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role, roles_of
from careerguidance.models import Appointment, AppointmentStatus, KompetanseRequest
from consent.models import Consent, ConsentWithdrawal
from core.batch import fetch_together
from events.models import Invitation
from matching.models import Match
from participants.access import visible_q
from participants.followup import is_overdue
from participants.links import detail_url_maker
from participants.models import Participant
from phases.models import ActivityMessage, ActivityRead, ChecklistItem, Meeting
from reminders.producers import DUE_SOON_DAYS

from .models import ParticipantMark
from .statuses import is_due

LIMIT = 25


@dataclass
class Line:
    when: datetime.date | datetime.datetime | None
    participant: str
    text: str
    url: str
    urgent: bool = False
    pid: int = 0  # the participant's id, for the sporingslogg row of the page


@dataclass
class Block:
    key: str
    title: str
    empty: str
    lines: list[Line] = field(default_factory=list)
    more_url: str = ""
    more: bool = False

    def fill(self, lines: list[Line], *, more_url: str = "") -> "Block":
        self.more = len(lines) > LIMIT
        self.lines = lines[:LIMIT]
        self.more_url = more_url
        return self


def is_office_view(user) -> bool:
    return Role.LEDER in roles_of(user) and user.nav_kontor_id is not None


def followed_up(user) -> QuerySet[Participant]:
    """Whom the page is about: the office's participants for a leder, else her own;
    always within what she may see (a protected person only for the cleared)."""
    qs = Participant.objects.filter(visible_q(user), anonymised_at__isnull=True)
    if is_office_view(user):
        return qs.filter(nav_kontor_id=user.nav_kontor_id)
    return qs.filter(veileder_id=user.pk)


def week_end(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=6 - today.weekday())


def _name(p) -> str:
    return f"{p.first_name} {p.last_name}"


def _messages(n: int) -> str:
    return f"{n} ulest{'e' if n != 1 else ''} melding{'er' if n != 1 else ''}"


def unread_dialogue_rows(user, ids):
    """Messages in the activity plans' dialogues that someone else wrote (or that came from
    the participant) after she last opened the card: one row per card, in one query."""
    read_since = ActivityRead.objects.filter(
        user=user, card=OuterRef("card"), read_at__gte=OuterRef("created_at")
    )
    return (
        ActivityMessage.objects.filter(card__participant__in=ids)
        .filter(~Q(author=user) | Q(from_participant=True))
        .filter(~Exists(read_since))
        .values(
            "card__uuid",
            "card__title",
            "card__participant",
            "card__participant__uuid",
            "card__participant__first_name",
            "card__participant__last_name",
        )
        .annotate(
            n=Count("pk"),
            hers=Count("pk", filter=Q(from_participant=True)),
            latest=Max("created_at"),
        )
        .order_by("-latest", "card__uuid")[: LIMIT + 1]
    )


def unread_dialogue(rows) -> Block:
    return Block("dialog", "Ulest dialog", "Ingen uleste meldinger i aktivitetsplanene.").fill(
        [
            Line(
                r["latest"],
                f"{r['card__participant__first_name']} {r['card__participant__last_name']}",
                f"{r['card__title']}: {_messages(r['n'])}"
                + (" fra deltakeren" if r["hers"] == r["n"] else ""),
                reverse(
                    "phases:activity_detail", args=[r["card__participant__uuid"], r["card__uuid"]]
                ),
                # Her own words wait for NAV's answer.
                urgent=r["hers"] > 0,
                pid=r["card__participant"],
            )
            for r in rows
        ]
    )


def workday(user, *, since: datetime.datetime, today: datetime.date | None = None) -> list[Block]:
    today = today or timezone.localdate()
    scope = followed_up(user)
    ids = scope.values("pk")
    url = detail_url_maker()
    end = week_end(today)
    office = is_office_view(user)
    blocks = []
    fields = ("uuid", "first_name", "last_name")

    # Every list below is one query; they go to the database together (core.batch).
    unassigned = (
        scope.filter(veileder__isnull=True)
        .only(*fields, "created_at")
        .order_by("created_at", "id")[: LIMIT + 1]
    )
    meeting_rows = (
        Meeting.objects.filter(participant__in=ids, next_agreed_on__range=(today, end))
        .select_related("participant")
        .only("next_agreed_on", "kind", *(f"participant__{f}" for f in fields))
        .order_by("next_agreed_on", "id")[: LIMIT + 1]
    )
    session_rows = (
        Appointment.objects.filter(
            participant__in=ids,
            status=AppointmentStatus.BOOKED,
            starts_at__date__range=(today, end),
        )
        .select_related("participant")
        .only("starts_at", "session_number", *(f"participant__{f}" for f in fields))
        .order_by("starts_at", "id")[: LIMIT + 1]
    )
    place_rows = (
        Invitation.objects.filter(participant__in=ids, event__date__range=(today, end))
        .select_related("participant", "event")
        .order_by("event__date", "id")[: LIMIT + 1]
    )
    due = (
        scope.filter(next_followup_due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .only("uuid", "first_name", "last_name", "next_followup_due")
        .order_by("next_followup_due", "id")[: LIMIT + 1]
    )
    noted = (
        ParticipantMark.objects.filter(
            participant__in=ids,
            deadline__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(note="")
        .select_related("participant")
        .only("note", "deadline", *(f"participant__{f}" for f in fields))
        .order_by("deadline", "pk")[: LIMIT + 1]
    )
    decided = (
        Match.objects.filter(participant__in=ids, decided_at__gte=since)
        .select_related("participant", "company")
        .order_by("-decided_at", "-id")[: LIMIT + 1]
    )
    consent_rows = (
        Consent.objects.filter(participant__in=ids, created_at__gte=since)
        .select_related("participant")
        .order_by("-created_at", "-id")[: LIMIT + 1]
    )
    withdrawal_rows = (
        ConsentWithdrawal.objects.filter(consent__participant__in=ids, created_at__gte=since)
        .select_related("consent__participant")
        .order_by("-created_at", "-id")[: LIMIT + 1]
    )
    answered = (
        KompetanseRequest.objects.filter(participant__in=ids, answered_at__gte=since)
        .select_related("participant")
        .order_by("-answered_at", "-id")[: LIMIT + 1]
    )
    waiting = (
        ChecklistItem.objects.filter(
            participant__in=ids, done_at__isnull=True, phase=F("participant__phase")
        )
        .values(
            "participant", "participant__uuid", "participant__first_name", "participant__last_name"
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "participant__last_name", "participant__uuid")[: LIMIT + 1]
    )
    lists = [meeting_rows, session_rows, place_rows, due, noted, decided]
    dialogue_rows = unread_dialogue_rows(user, ids)
    lists += [consent_rows, withdrawal_rows, answered, waiting, dialogue_rows]
    fetch_together(*([unassigned] if office else []), *lists)

    if office:
        blocks.append(
            Block("ikke_tildelt", "Ikke tildelt veileder", "Alle deltakerne har en veileder.").fill(
                [
                    Line(
                        p.created_at,
                        _name(p),
                        "Registrert, venter på veileder",
                        url(p.uuid),
                        pid=p.pk,
                    )
                    for p in unassigned
                ],
                more_url=reverse("participants:office") + "?status=ikke_tildelt",
            )
        )

    # Meetings and appointments today and this week, in time order across the three kinds.
    meetings = [
        Line(
            m.next_agreed_on,
            _name(m.participant),
            f"Avtalt møte ({m.get_kind_display().lower()})",
            url(m.participant.uuid),
            urgent=m.next_agreed_on == today,
            pid=m.participant_id,
        )
        for m in meeting_rows
    ]
    sessions = [
        Line(
            timezone.localtime(a.starts_at),
            _name(a.participant),
            f"Karriereveiledning, samtale {a.session_number}",
            url(a.participant.uuid),
            urgent=timezone.localdate(a.starts_at) == today,
            pid=a.participant_id,
        )
        for a in session_rows
    ]
    events_url = reverse("events:detail", args=["00000000-0000-0000-0000-000000000000"])
    places = [
        Line(
            i.event.date,
            _name(i.participant),
            f"{i.event.get_kind_display()}: {i.event.title}",
            events_url.replace("00000000-0000-0000-0000-000000000000", str(i.event.uuid)),
            urgent=i.event.date == today,
            pid=i.participant_id,
        )
        for i in place_rows
    ]

    def day_of(line: Line) -> datetime.date:
        return line.when.date() if isinstance(line.when, datetime.datetime) else line.when

    meetings_all = sorted(meetings + sessions + places, key=lambda ln: (day_of(ln), ln.text))
    blocks.append(
        Block(
            "moter",
            "Møter og avtaler i dag og denne uken",
            "Ingen møter eller avtaler resten av uken.",
        ).fill(meetings_all)
    )

    caseload = reverse("participants:office" if office else "participants:caseload")
    blocks.append(
        Block(
            "oppfolging",
            "Oppfølging som forfaller eller er forfalt",
            "Ingen oppfølging forfaller den neste uken.",
        ).fill(
            [
                Line(
                    p.next_followup_due,
                    _name(p),
                    "Forfalt oppfølging"
                    if is_overdue(p.next_followup_due, today=today)
                    else "Oppfølging forfaller",
                    url(p.uuid) + "#oppfolging",
                    urgent=is_overdue(p.next_followup_due, today=today),
                    pid=p.pk,
                )
                for p in due
            ],
            more_url=caseload + "?sort=neste_oppfolging",
        )
    )

    mark_url = reverse("workday:mark", args=["00000000-0000-0000-0000-000000000000"])
    blocks.append(
        Block(
            "huskelapp", "Huskelapper med frist", "Ingen huskelapper har frist den neste uken."
        ).fill(
            [
                Line(
                    k.deadline,
                    _name(k.participant),
                    f"Huskelapp: {k.note}",
                    mark_url.replace(
                        "00000000-0000-0000-0000-000000000000", str(k.participant.uuid)
                    ),
                    urgent=is_due(k.deadline, today),
                    pid=k.participant_id,
                )
                for k in noted
            ]
        )
    )

    match_url = reverse("matching:detail", args=["00000000-0000-0000-0000-000000000000"])
    blocks.append(
        Block("matcher", "Matcher vurdert siden sist", "Ingen matcher er vurdert siden sist.").fill(
            [
                Line(
                    m.decided_at,
                    _name(m.participant),
                    f"{m.company.name}: {m.get_status_display().lower()}",
                    match_url.replace("00000000-0000-0000-0000-000000000000", str(m.uuid)),
                    pid=m.participant_id,
                )
                for m in decided
            ]
        )
    )

    blocks.append(unread_dialogue(dialogue_rows))

    given = [
        Line(
            c.created_at,
            _name(c.participant),
            f"Samtykke gitt: {c.get_purpose_display()}",
            url(c.participant.uuid) + "#samtykke-overskrift",
            pid=c.participant_id,
        )
        for c in consent_rows
    ]
    withdrawn = [
        Line(
            w.created_at,
            _name(w.consent.participant),
            f"Samtykke trukket: {w.consent.get_purpose_display()}",
            url(w.consent.participant.uuid) + "#samtykke-overskrift",
            urgent=True,
            pid=w.consent.participant_id,
        )
        for w in withdrawal_rows
    ]
    blocks.append(
        Block(
            "samtykke", "Samtykker siden sist", "Ingen nye eller trukne samtykker siden sist."
        ).fill(sorted(given + withdrawn, key=lambda ln: ln.when, reverse=True))
    )

    blocks.append(
        Block(
            "kompetanse",
            "Svar på kompetansekartlegging",
            "Ingen nye svar fra fagopplæringen siden sist.",
        ).fill(
            [
                Line(
                    k.answered_at,
                    _name(k.participant),
                    "Foreløpig opplæringsplan er kommet",
                    url(k.participant.uuid) + "#samtykke-overskrift",
                    pid=k.participant_id,
                )
                for k in answered
            ]
        )
    )

    blocks.append(
        Block("sjekkliste", "Sjekkpunkter som venter", "Ingen sjekkpunkter venter.").fill(
            [
                Line(
                    None,
                    f"{w['participant__first_name']} {w['participant__last_name']}",
                    f"{w['n']} sjekkpunkt{'er' if w['n'] != 1 else ''} i fasen",
                    url(w["participant__uuid"]) + "#sjekkliste",
                    pid=w["participant"],
                )
                for w in waiting
            ]
        )
    )
    return blocks
