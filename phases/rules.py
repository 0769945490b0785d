"""The phase pipeline's rules: which moves are allowed, what each one needs, what the
veileder must do in each phase, and when the next follow-up is due.

``PHASES`` is the table of edges (core.states). The path is not only linear (seed 000):
skole may be skipped or come before praksis, a lærekontrakt may follow matching directly,
a participant may leave for ordinary work (jobb) or end (avsluttet) from any phase, and an
ended case may be reopened. Each edge into a phase with a precondition carries that phase's
guard, which returns the Norwegian sentence saying exactly what is missing, or "".
"""

import datetime

from core import bounds
from core.states import Edge, Guard, StateTable
from matching.models import Match, MatchStatus
from participants.models import Phase

from .models import ActivityStatus, Employment, Laerekontrakt, Opplaeringsplan

P = Phase


def _needs_started_match(participant, **_) -> str:
    started = Match.objects.filter(
        participant=participant, status=MatchStatus.STARTET, start_date__isnull=False
    ).exists()
    if started:
        return ""
    return "Praksis krever en startet match med en bedrift og en startdato. Registrer at matchen er startet først."


def _needs_opplaeringsplan(participant, **_) -> str:
    if Opplaeringsplan.objects.filter(participant=participant).exists():
        return ""
    return "Skole krever en registrert opplæringsplan. Registrer opplæringsplanen først."


def _needs_laerekontrakt(participant, **_) -> str:
    if Laerekontrakt.objects.filter(participant=participant).exists():
        return ""
    return "Læretid krever en lærekontrakt (dato signert, bedrift, lærefag og opplæringskontor). Registrer lærekontrakten først."


def _needs_employment(participant, **_) -> str:
    if Employment.objects.filter(participant=participant).exists():
        return ""
    return "Jobb krever en arbeidsgiver og en startdato, eller et notat om at deltakeren fant jobb selv. Registrer arbeidsforholdet først."


def _needs_end_reason(participant, *, end_reason: str = "", **_) -> str:
    if end_reason:
        return ""
    return "Velg hvorfor saken avsluttes (ordinært arbeid, utdanning, flyttet, helse, ikke motivert eller annet)."


# What moving into a phase needs, whichever phase she comes from.
_GUARD_INTO: dict[str, Guard] = {
    P.PRAKSIS: _needs_started_match,
    P.SKOLE: _needs_opplaeringsplan,
    P.LARETID: _needs_laerekontrakt,
    P.JOBB: _needs_employment,
    P.AVSLUTTET: _needs_end_reason,
}
_TARGETS: dict[str, list[str]] = {
    P.KARTLEGGE: [P.MATCHING, P.SKOLE, P.JOBB, P.AVSLUTTET],
    P.MATCHING: [P.KARTLEGGE, P.PRAKSIS, P.SKOLE, P.LARETID, P.JOBB, P.AVSLUTTET],
    P.PRAKSIS: [P.MATCHING, P.SKOLE, P.LARETID, P.JOBB, P.AVSLUTTET],
    P.SKOLE: [P.MATCHING, P.PRAKSIS, P.LARETID, P.JOBB, P.AVSLUTTET],
    P.LARETID: [P.JOBB, P.AVSLUTTET],
    P.JOBB: [P.AVSLUTTET],
    P.AVSLUTTET: [P.KARTLEGGE, P.MATCHING],
}
PHASES = StateTable(
    "phases",
    Phase,
    [
        Edge(source, target, guard=_GUARD_INTO.get(target))
        for source, targets in _TARGETS.items()
        for target in targets
    ],
)


def refusal(participant, from_phase: str, to_phase: str, *, end_reason: str = "") -> str:
    """Why ``participant`` may not move from ``from_phase`` to ``to_phase``; "" if she may."""
    if not PHASES.allows(from_phase, to_phase):
        return (
            f"Deltakeren kan ikke flyttes direkte fra {Phase(from_phase).label.lower()} "
            f"til {Phase(to_phase).label.lower()}."
        )
    return PHASES.refusal(participant, from_phase, to_phase, end_reason=end_reason)


def targets_with_needs(participant) -> list[tuple[str, str]]:
    """The phases she may move to from where she is, each with what it still needs ("" when
    nothing): what the phase form offers. The end reason is asked for in the form itself."""
    current = participant.phase
    return [
        (target, PHASES.refusal(participant, current, target, end_reason="asked in the form"))
        for target in PHASES.targets(current)
    ]


# The veileder's tasks per phase, from seed 000 ("NAV-veileders rolle").
CHECKLISTS: dict[str, list[tuple[str, str]]] = {
    P.KARTLEGGE: [
        ("interesser", "Interesser og karriereretning kartlagt (JobPics, InFlow24 eller samtale)"),
        ("tilrettelegging", "Behov for tilrettelegging i bedrift og skole kartlagt"),
        ("okonomi", "Økonomi og aktuelle økonomiske virkemidler avklart"),
        ("samtykke", "Samtykke til deling med fylkeskommunen signert"),
        ("rekrutteringsbistand", "Vurdert for rekrutteringslisten i Rekrutteringsbistand"),
    ],
    P.MATCHING: [
        ("cv", "CV oppdatert"),
        ("intervjutrening", "Intervjutrening gjennomført"),
        ("markedsradgiver", "Matching avtalt med markedsrådgiver"),
        ("moteplass", "Vurdert for møteplass / Kick-Off"),
    ],
    P.PRAKSIS: [
        ("oppstartsmote", "Oppstartsmøte holdt med bedrift, markedskontakt og kandidat"),
        ("tiltak", "Tiltak registrert i fagsystemet"),
        ("hms", "Behov for HMS-kurs o.l. avklart"),
        ("okonomi", "Økonomi gjennom opplæringsløpet snakket om"),
        ("ansettelse", "Mulighet for ansettelse i praksisperioden undersøkt"),
        ("markedsradgiver", "Markedsrådgiver informert om endringer"),
    ],
    P.SKOLE: [
        ("opplaeringsplan", "Opplæringsplan mottatt fra deltaker"),
        ("skoleplass", "Deltaker har takket ja til skoleplassen"),
        ("startmote", "Møte ved skolestart med deltaker og arbeidsgiver holdt"),
        ("aktivitetsplan", "Oppfølging avtalt i aktivitetsplanen"),
    ],
    P.LARETID: [
        ("laerekontrakt", "Lærekontrakt signert"),
        ("markedsradgiver", "Markedsrådgiver informert om lærekontrakten"),
        ("opplaeringskontor", "Oppfølging avtalt med opplæringskontor og bedrift"),
    ],
    P.JOBB: [
        ("cv", "CV oppdatert og ledige stillinger formidlet"),
        ("lonnstilskudd", "Lønnstilskudd vurdert"),
        ("oppfolging", "Behov for oppfølging inn i jobben avklart"),
    ],
    P.AVSLUTTET: [],
}

# A registration that is itself a checklist task ticks it: (phase, key) per registration.
TICKED_BY_REGISTRATION: dict[str, tuple[str, str]] = {
    "laerekontrakt": (P.LARETID, "laerekontrakt"),
    "opplaeringsplan": (P.SKOLE, "opplaeringsplan"),
}

FOLLOW_UP_DAYS = 28
FOLLOWED_UP_PHASES = {P.PRAKSIS, P.SKOLE, P.LARETID}


def next_followup_due(
    *,
    phase: str,
    phase_entered_on: datetime.date,
    last_followup_on: datetime.date | None,
    agreed_on: datetime.date | None,
) -> datetime.date | None:
    """The one rule for the next follow-up (seed 000: at least every 4 weeks in praksis).

    Four weeks after the last follow-up meeting in this phase (or the phase start), or the
    agreed date of the next meeting when that is sooner. Other phases have no rhythm.
    """
    if phase not in FOLLOWED_UP_PHASES:
        return None
    base = max(d for d in (phase_entered_on, last_followup_on) if d is not None)
    due = bounds.add_days(base, FOLLOW_UP_DAYS)
    if agreed_on is not None and agreed_on >= base and agreed_on < due:
        return agreed_on
    return due


A = ActivityStatus
# The activity plan (NAV's aktivitetsplan): a finished or stopped activity is closed.
ACTIVITIES = StateTable(
    "activities",
    ActivityStatus,
    [
        Edge(A.PLANLAGT, A.GJENNOMFORES),
        Edge(A.PLANLAGT, A.FULLFORT),
        Edge(A.PLANLAGT, A.AVBRUTT),
        Edge(A.GJENNOMFORES, A.PLANLAGT),
        Edge(A.GJENNOMFORES, A.FULLFORT),
        Edge(A.GJENNOMFORES, A.AVBRUTT),
    ],
)
