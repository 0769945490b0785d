"""The overview's figures, each defined once.

A figure is a set of participants: those in the scope with at least one row in a source
table that meets the figure's condition. The page counts all figures of a source in one
aggregate query (``COUNT(DISTINCT participant) FILTER (WHERE …)``); the list behind a
figure filters the same scope with the same source and condition, so the two agree by
construction. Phase history comes from ``PhaseTransition``, the rows the participant
timeline shows.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet

from accounts.models import User
from careerguidance.models import (
    Appointment,
    AppointmentStatus,
    GuidanceInterest,
    GuidanceNote,
    KompetanseRequest,
)
from consent.models import ConsentPurpose
from consent.services import valid_consent_exists
from matching.models import Match, MatchEvent, MatchStatus
from participants.followup import overdue_q
from participants.models import Participant, Phase
from phases.models import EndReason, Fagbrev, PhaseTransition

from .filters import Period


def _in(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


@dataclass(frozen=True)
class Source:
    rows: Callable[[Period], QuerySet]
    participant: str  # the path from a row to its participant
    # A source whose rows fall in a period by one date (``day``, a date or a time in Oslo)
    # and never change once written, except by new rows (``created``), is counted from the
    # daily aggregate for the county (aggregate.py); the others are read as they are.
    day: str = ""
    created: str = ""


SOURCES: dict[str, Source] = {
    "transitions": Source(
        lambda period: PhaseTransition.objects.filter(_in("created_at", period)),
        "participant",
        day="created_at",
        created="created_at",
    ),
    "fagbrev": Source(
        lambda period: Fagbrev.objects.filter(passed_on__range=(period.start, period.end)),
        "participant",
        day="passed_on",
        created="created_at",
    ),
    "matches": Source(lambda period: Match.objects.all(), "participant"),
    "match_events": Source(
        lambda period: MatchEvent.objects.filter(_in("created_at", period)), "match__participant"
    ),
    "interests": Source(
        lambda period: GuidanceInterest.objects.filter(
            informed_on__range=(period.start, period.end)
        ),
        "participant",
    ),
    "appointments": Source(
        lambda period: Appointment.objects.filter(
            _in("created_at", period) | _in("starts_at", period)
        ),
        "participant",
    ),
    # Shared = the participant's consent to share the note with NAV is valid today.
    "notes": Source(
        lambda period: GuidanceNote.objects.filter(_in("appointment__starts_at", period)).filter(
            valid_consent_exists(
                ConsentPurpose.SHARE_GUIDANCE_NOTE,
                participant_ref=OuterRef("appointment__participant"),
            )
        ),
        "appointment__participant",
    ),
    "kompetanse": Source(
        lambda period: KompetanseRequest.objects.filter(
            _in("requested_at", period) | _in("answered_at", period)
        ),
        "participant",
    ),
}


@dataclass(frozen=True)
class Figure:
    key: str
    section: str
    label: str
    source: str
    where: Callable[[Period], Q] = lambda period: Q()


def _always(q: Q) -> Callable[[Period], Q]:
    return lambda period: q


WAITING = (MatchStatus.FORESLATT, MatchStatus.TIL_VURDERING)

FIGURES: dict[str, Figure] = {
    f.key: f
    for f in [
        Figure("entered", "flow", "Nye deltakere", "transitions", _always(Q(from_phase=""))),
        Figure(
            "moved_on",
            "flow",
            "Gikk over i en annen fase",
            "transitions",
            _always(~Q(from_phase__in=["", Phase.AVSLUTTET]) & ~Q(to_phase=Phase.AVSLUTTET)),
        ),
        Figure(
            "laretid", "flow", "Startet læretid", "transitions", _always(Q(to_phase=Phase.LARETID))
        ),
        Figure("fagbrev", "flow", "Fikk fagbrev", "fagbrev"),
        Figure("jobb", "flow", "Kom i jobb", "transitions", _always(Q(to_phase=Phase.JOBB))),
        Figure("ended", "flow", "Avsluttet", "transitions", _always(Q(to_phase=Phase.AVSLUTTET))),
        *(
            Figure(
                f"ended_{reason}",
                "ended",
                label,
                "transitions",
                _always(Q(to_phase=Phase.AVSLUTTET, end_reason=reason)),
            )
            for reason, label in EndReason.choices
        ),
        # The list behind "days in phase": whoever left the phase during the period.
        *(
            Figure(
                f"left_{phase}",
                "durations",
                f"Forlot {label.lower()}",
                "transitions",
                _always(Q(from_phase=phase)),
            )
            for phase, label in Phase.choices
        ),
        Figure(
            "match_waiting",
            "matches",
            "Venter på vurdering nå",
            "matches",
            _always(Q(status__in=WAITING)),
        ),
        Figure(
            "match_approved",
            "matches",
            "Godkjent",
            "match_events",
            _always(Q(to_status=MatchStatus.GODKJENT)),
        ),
        Figure(
            "match_declined",
            "matches",
            "Avslått",
            "match_events",
            _always(Q(to_status=MatchStatus.AVSLATT)),
        ),
        Figure("interest", "guidance", "Informert om Karrieresenteret", "interests"),
        Figure(
            "booked",
            "guidance",
            "Fikk bestilt karriereveiledning",
            "appointments",
            lambda period: _in("created_at", period),
        ),
        Figure(
            "held",
            "guidance",
            "Hadde karriereveiledning",
            "appointments",
            lambda period: _in("starts_at", period) & Q(status=AppointmentStatus.HELD),
        ),
        Figure("note_shared", "guidance", "Delte notatet fra veiledningen med NAV", "notes"),
        Figure(
            "kk_requested",
            "guidance",
            "Forespørsel om kompetansekartlegging sendt",
            "kompetanse",
            lambda period: _in("requested_at", period),
        ),
        Figure(
            "kk_answered",
            "guidance",
            "Kompetansekartlegging besvart",
            "kompetanse",
            lambda period: _in("answered_at", period),
        ),
    ]
}


def count_figures(
    scope: QuerySet[Participant],
    period: Period,
    *,
    sources: Iterable[str] | None = None,
    outside: QuerySet[Participant] | None = None,
) -> dict[str, int]:
    """Every figure above (or those of ``sources``), one aggregate query per source table.

    Given everyone ``outside`` the scope (the county's few, overview.aggregate.outside),
    rows are kept unless theirs: the same rows, without reading every participant."""
    by_source: dict[str, list[Figure]] = {}
    for figure in FIGURES.values():
        if sources is None or figure.source in sources:
            by_source.setdefault(figure.source, []).append(figure)
    counts: dict[str, int] = {}
    for key, figures in by_source.items():
        source = SOURCES[key]
        rows = source.rows(period)
        if outside is not None:
            rows = rows.exclude(**{f"{source.participant}__in": outside.values("pk")})
        else:
            rows = rows.filter(**{f"{source.participant}__in": scope.values("pk")})
        counts.update(
            rows.aggregate(
                **{
                    f.key: Count(source.participant, distinct=True, filter=f.where(period))
                    for f in figures
                }
            )
        )
    return counts


def figure_participants(
    scope: QuerySet[Participant], period: Period, key: str
) -> QuerySet[Participant]:
    figure = FIGURES[key]
    source = SOURCES[figure.source]
    rows = source.rows(period).filter(figure.where(period))
    return scope.filter(pk__in=rows.values(source.participant))


# Funnel order: the pipeline of DOMAIN.md, ended cases last.
PIPELINE = list(Phase.values)


def phase_counts(scope: QuerySet[Participant]) -> dict[str, int]:
    counts = dict(scope.order_by().values_list("phase").annotate(n=Count("pk")))
    return {phase: counts.get(phase, 0) for phase in PIPELINE}


def week_end(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=6 - today.weekday())


def followup_q(kind: str, today: datetime.date) -> Q:
    """Active caseload, follow-ups overdue, and due from today to Sunday."""
    active = ~Q(phase=Phase.AVSLUTTET)
    if kind == "forfalt":
        return active & overdue_q(today)
    if kind == "uke":
        return active & Q(next_followup_due__gte=today, next_followup_due__lte=week_end(today))
    if kind == "portefolje":
        return active
    raise KeyError(kind)


FOLLOWUP_KINDS = ("portefolje", "forfalt", "uke")


def followups_by_veileder(scope: QuerySet[Participant], today: datetime.date) -> list[dict]:
    """One row per veileder (or "ikke tildelt"), most overdue first.

    Grouped on the participant table alone; the names come in one more query, so the
    aggregate over a whole county does not drag a join through every row."""
    rows = list(
        scope.filter(followup_q("portefolje", today))
        .order_by()
        .values("veileder_id")
        .annotate(**{kind: Count("pk", filter=followup_q(kind, today)) for kind in FOLLOWUP_KINDS})
        .order_by("-forfalt", "-uke", "-portefolje", "veileder_id")
    )
    names = {
        pk: (name, ident)
        for pk, name, ident in User.objects.filter(
            pk__in=[r["veileder_id"] for r in rows if r["veileder_id"]]
        ).values_list("pk", "name", "nav_ident")
    }
    for r in rows:
        r["veileder__name"], r["veileder__nav_ident"] = names.get(r["veileder_id"], ("", ""))
    return rows
