"""A hand-built office whose figures are known (worked out in the comments below).

Period: March 2026. Today: Wednesday 25 November 2026 (the week ends Sunday the 29th).
All times are 10:00 in Oslo, before the switch to summer time on 29 March.
"""

import datetime

import pytest
from django.utils import timezone

from careerguidance.models import (
    Appointment,
    AppointmentStatus,
    GuidanceInterest,
    GuidanceNote,
    KompetanseRequest,
)
from consent.models import Consent, ConsentPurpose
from matching.models import MatchEvent, MatchStatus
from overview.filters import OverviewFilter, Period
from participants.models import Adressebeskyttelse, Phase
from phases.models import EndReason, Fagbrev, PhaseTransition
from tests.factories import LaerefagFactory, MatchFactory, ParticipantFactory

MARCH = Period(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
TODAY = datetime.date(2026, 11, 25)


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T10:00"))


def history(participant, steps, *, end_reason=""):
    """Transitions as the timeline has them; the participant ends in the last phase."""
    previous, since = "", None
    for phase, day in steps:
        PhaseTransition.objects.create(
            participant=participant,
            from_phase=previous,
            to_phase=phase,
            actor=participant.veileder,
            end_reason=end_reason if phase == Phase.AVSLUTTET else "",
            created_at=at(day),
            from_phase_since=since,
        )
        previous, since = phase, at(day)
    participant.phase, participant.phase_entered_at = phase, at(day)
    participant.save(update_fields=["phase", "phase_entered_at"])
    return participant


def d(day: str) -> datetime.date:
    return datetime.date.fromisoformat(day)


@pytest.fixture
def world(veileder, colleague, other_veileder, markedsradgiver, karriereveileder):
    K, M, P, L, J, A = (
        Phase.KARTLEGGE,
        Phase.MATCHING,
        Phase.PRAKSIS,
        Phase.LARETID,
        Phase.JOBB,
        Phase.AVSLUTTET,
    )
    fag = LaerefagFactory(name="Testfaget for oversikten")
    people = {}

    def person(key, veileder_, born, **fields):
        people[key] = ParticipantFactory(
            veileder=veileder_,
            nav_kontor=veileder_.nav_kontor,
            birth_date=born,
            **fields,
        )
        return people[key]

    # A: kartlegge 30 days (1 Feb → 3 Mar), matching 10 days, now praksis; overdue.
    history(
        person(
            "a", veileder, d("2000-06-01"), sluttkompetanse=fag, next_followup_due=d("2026-11-20")
        ),
        [(K, "2026-02-01"), (M, "2026-03-03"), (P, "2026-03-13")],
    )
    # B: new in March, kartlegge 20 days, now matching; follow-up this week.
    history(
        person("b", veileder, d("2006-01-10"), next_followup_due=d("2026-11-27")),
        [(K, "2026-03-02"), (M, "2026-03-22")],
    )
    # C: matching 58 days (11 Jan → 10 Mar), læretid 10 days, fagbrev, now jobb.
    history(
        person("c", colleague, d("1995-05-05"), sluttkompetanse=fag),
        [(K, "2026-01-01"), (M, "2026-01-11"), (L, "2026-03-10"), (J, "2026-03-20")],
    )
    Fagbrev.objects.create(
        participant=people["c"], laerefag=fag, passed_on=d("2026-03-19"), registered_by=colleague
    )
    # D: new in March, kartlegge 10 days, ended (moved away); its due date does not count.
    history(
        person("d", colleague, d("2004-02-02"), next_followup_due=d("2026-11-01")),
        [(K, "2026-03-05"), (A, "2026-03-15")],
        end_reason=EndReason.FLYTTET,
    )
    # E: registered after the period; due in December (neither overdue nor this week).
    history(
        person("e", veileder, d("2008-12-24"), next_followup_due=d("2026-12-10")),
        [(K, "2026-04-02")],
    )
    # Protected: counted only for users cleared for strengt fortrolig.
    history(
        person(
            "protected",
            veileder,
            d("2001-01-01"),
            adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG,
            next_followup_due=d("2026-11-01"),
        ),
        [(K, "2026-03-01"), (M, "2026-03-04")],
    )
    # Another office: never in this office's figures.
    history(
        person("other", other_veileder, d("2001-01-01"), next_followup_due=d("2026-11-01")),
        [(K, "2026-03-01"), (M, "2026-03-09")],
    )

    # Matches: A approved after 5 days, C declined after 10, B waiting.
    def match(key, created, status, events):
        m = MatchFactory(participant=people[key], status=status, created_at=at(created))
        for frm, to, day in events:
            MatchEvent.objects.create(
                match=m, actor=markedsradgiver, from_status=frm, to_status=to, created_at=at(day)
            )
        return m

    S = MatchStatus
    match(
        "a",
        "2026-03-01",
        S.GODKJENT,
        [(S.FORESLATT, S.TIL_VURDERING, "2026-03-01"), (S.TIL_VURDERING, S.GODKJENT, "2026-03-06")],
    )
    match("c", "2026-02-20", S.AVSLATT, [(S.TIL_VURDERING, S.AVSLATT, "2026-03-02")])
    match("b", "2026-03-10", S.TIL_VURDERING, [(S.FORESLATT, S.TIL_VURDERING, "2026-03-10")])
    match("other", "2026-03-10", S.TIL_VURDERING, [])

    # Career guidance: A informed, booked and held, note shared; B booked (held in April);
    # D's kompetansekartlegging asked and answered in March, C's answered in March.
    GuidanceInterest.objects.create(
        participant=people["a"], informed_on=d("2026-03-02"), recorded_by=veileder
    )
    held = Appointment.objects.create(
        participant=people["a"],
        karriereveileder=karriereveileder,
        starts_at=at("2026-03-10"),
        mode="telefon",
        status=AppointmentStatus.HELD,
        booked_by=veileder,
        created_at=at("2026-03-03"),
    )
    GuidanceNote.objects.create(appointment=held, interests="Helse", author=karriereveileder)
    Consent.objects.create(
        participant=people["a"],
        purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE,
        given_on=d("2026-03-10"),
        method="meeting",
        recorded_by=veileder,
    )
    Appointment.objects.create(
        participant=people["b"],
        starts_at=at("2026-04-05"),
        mode="telefon",
        booked_by=veileder,
        created_at=at("2026-03-20"),
    )
    for key, asked, answered in [
        ("d", "2026-03-08", "2026-03-25"),
        ("c", "2026-02-01", "2026-03-02"),
    ]:
        consent = Consent.objects.create(
            participant=people[key],
            purpose=ConsentPurpose.KOMPETANSEKARTLEGGING,
            given_on=d("2026-01-05"),
            method="meeting",
            recorded_by=colleague,
        )
        KompetanseRequest.objects.create(
            participant=people[key],
            consent=consent,
            requested_by=colleague,
            requested_at=at(asked),
            answered_at=at(answered),
        )
    return people


@pytest.fixture
def march():
    return OverviewFilter(period=MARCH)
