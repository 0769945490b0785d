"""Demo activity around the personas, so every page has something in it (issue 22).

Runs after the participants and companies exist. Everything goes through the services a
user would use (audited, validated), acting as the demo personas, on Vera Veileder's own
participants that she may change (never a protected person she is not cleared for). The
same seed and today give the same rows.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from careerguidance.models import Appointment, AppointmentMode, AppointmentStatus, GuidanceNote
from companies.models import Company
from consent.models import ConsentMethod, ConsentPurpose
from consent.services import consent_record
from events.models import Event, EventKind, Outcome
from events.services import event_create, invitation_create, invitation_record_outcome
from jobbloop.models import Loop
from jobbloop.schedule import add_months
from jobbloop.services import MAX_AGE, MIN_AGE, loop_candidate_add, loop_create, mentor_set
from matching.models import MatchStatus
from matching.services import match_propose, match_transition
from participants.access import CHANGE, visible_q
from participants.models import Laerefag, Participant, Phase
from phases.models import ActivityKind, ApprovalParty, MeetingKind, MeetingPlace, OnBehalfReason
from phases.services import (
    activity_card_create,
    activity_dialogue_done,
    activity_message_add,
    agreement_approve,
    agreement_save,
    laerekontrakt_register,
    meeting_record,
)

VEILEDER, LEDER, MARKEDSRADGIVER, KARRIEREVEILEDER = "Z990001", "Z990010", "Z990020", "Z990030"


def _age(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def seed_activity(*, seed: int, today: datetime.date) -> None:
    users = {u.nav_ident: u for u in User.objects.filter(nav_ident__startswith="Z99")}
    vera = users.get(VEILEDER)
    if vera is None or vera.nav_kontor_id is None:
        return
    rng = random.Random(seed * 7919)
    mine = list(
        Participant.objects.filter(visible_q(vera, CHANGE), veileder=vera).order_by("fodselsnummer")
    )
    companies = list(Company.objects.order_by("orgnr")[:24])
    if len(mine) < 12 or len(companies) < 12:
        return
    with transaction.atomic():
        _events(rng, vera, mine, companies, today)
        _loops(rng, vera, mine, companies, today)
        _pending_matches(rng, vera, users.get(MARKEDSRADGIVER), mine, companies)
        _guidance(rng, vera, users.get(KARRIEREVEILEDER), mine, today)
        _agreements_and_meetings(rng, vera, mine, today)
        _dialogues(vera, mine[32:38])
        _endings(vera, mine, companies, today)


def _events(rng, vera, mine, companies, today):
    """Two past meeting places with outcomes and two coming ones with invitations."""
    plans = [
        (EventKind.MOTEPLASS, "Møteplass helse og omsorg", -35),
        (EventKind.KICK_OFF, "Kick-Off JobbLoop vår", -14),
        (EventKind.MOTEPLASS, "Møteplass bygg og anlegg", 9),
        (EventKind.MOTEPLASS, "Møteplass handel og service", 23),
    ]
    invited = iter(mine[:16])
    for kind, title, days in plans:
        present = rng.sample(companies, k=3)
        event = event_create(
            actor=vera,
            kind=kind,
            title=title,
            date=today + datetime.timedelta(days=days),
            place="NAV Falkenborg, møterom Nidelva",
            companies=present,
        )
        for participant in [next(invited) for _ in range(4)]:
            invitation = invitation_create(event=event, participant=participant, actor=vera)
            if days < 0:
                outcome = rng.choice([Outcome.MATCHET, Outcome.IKKE_MATCHET, Outcome.IKKE_AVKLART])
                invitation_record_outcome(
                    invitation=invitation,
                    actor=vera,
                    outcome=outcome,
                    company=rng.choice(present) if outcome == Outcome.MATCHET else None,
                )


def _loops(rng, vera, mine, companies, today):
    """Loops in each part of the year: first, second and third company, and one finished."""
    used: set[int] = set()
    for months_ago, name in ((1, "Loop Trondheim sør"), (5, "Loop Heimdal"), (9, "Loop Byåsen")):
        start = add_months(today, -months_ago)
        loop = loop_create(
            actor=vera,
            name=name,
            start_date=start,
            companies=rng.sample(companies, k=3),
        )
        young = [
            p for p in mine if p.pk not in used and MIN_AGE <= _age(p.birth_date, start) <= MAX_AGE
        ][:3]
        for position, participant in enumerate(young, start=1):
            used.add(participant.pk)
            candidate = loop_candidate_add(
                loop=loop, participant=participant, start_position=position, actor=vera
            )
            company = loop.loop_companies.get(position=position).company
            mentor_set(
                candidate=candidate,
                company=company,
                name=rng.choice(["Kari Mentor", "Per Mentor", "Siri Mentor"]),
                actor=vera,
            )


def _pending_matches(rng, vera, adviser, mine, companies):
    """Proposals waiting for the markedsrådgiver, and some the veileder has not sent yet."""
    candidates = [p for p in mine if p.phase in (Phase.KARTLEGGE, Phase.MATCHING)][:8]
    for i, participant in enumerate(candidates):
        match = match_propose(
            actor=vera,
            participant=participant,
            company=companies[(i * 5) % len(companies)],
            motivation=rng.choice(
                [
                    "Har hatt sommerjobb i bransjen og trives med praktisk arbeid.",
                    "Ønsker læreplass i faget; bedriften har behov i høst.",
                    "Bor nær bedriften og har god referanse fra praksis.",
                ]
            ),
            shared_summary="Motivert, møter presist, trenger litt tilrettelegging i starten.",
        )
        if i % 3 != 2 and adviser is not None:
            match_transition(actor=vera, match=match, to_status=MatchStatus.TIL_VURDERING)


def _guidance(rng, vera, karriereveileder, mine, today):
    """Booked sessions ahead, held ones behind, and notes shared with NAV by consent."""
    if karriereveileder is None:
        return
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10, 0)))
    for i, participant in enumerate(mine[16:26]):
        held = i % 2 == 0
        appointment = Appointment.objects.create(
            participant=participant,
            karriereveileder=karriereveileder,
            starts_at=now + datetime.timedelta(days=(-20 + i) if held else (2 + i), hours=i % 4),
            mode=rng.choice(AppointmentMode.values),
            location="Karrieresenteret Trondheim",
            status=AppointmentStatus.HELD if held else AppointmentStatus.BOOKED,
            booked_by=vera,
        )
        if not held:
            continue
        GuidanceNote.objects.create(
            appointment=appointment,
            author=karriereveileder,
            school_work_experience="Fullført Vg1 helse- og oppvekstfag; butikkjobb i to år.",
            interests="Å hjelpe andre, matlaging, friluftsliv.",
            motivation_mastery="Mestrer best med tydelige oppgaver og en fast kontaktperson.",
            way_forward="Utforske helsearbeiderfaget; snakke med en lærebedrift.",
            open_questions="Kan NAV hjelpe med praksisplass før skolestart?",
        )
        if i % 4 == 0:
            consent_record(
                participant=participant,
                actor=vera,
                purpose=ConsentPurpose.SHARE_GUIDANCE_NOTE,
                method=ConsentMethod.MEETING,
                given_on=today - datetime.timedelta(days=10),
                shared_what="Notatet fra karriereveiledningen",
                shared_with="NAV-veileder",
            )


def _agreements_and_meetings(rng, vera, mine, today):
    """Agreements in each approval state and meetings with referater (the documents list)."""
    for i, participant in enumerate(mine[26:32]):
        agreement = agreement_save(
            participant=participant,
            actor=vera,
            goals="Fagbrev i ønsket lærefag, med praksis først.",
            valid_from=today - datetime.timedelta(days=30),
            valid_to=today + datetime.timedelta(days=150),
            followup_frequency="Hver 4. uke",
            followup_purpose="Sikre tilrettelegging og framdrift",
            responsible="NAV-veileder og mentor i bedriften",
        )
        parties = [ApprovalParty.DELTAKER, ApprovalParty.ARBEIDSGIVER, ApprovalParty.VEILEDER]
        for party in parties[: i % 4]:
            agreement_approve(
                agreement=agreement,
                actor=vera,
                party=party,
                on_behalf_reason=OnBehalfReason.NO_BANKID
                if party == ApprovalParty.DELTAKER
                else "",
                approver_name="Daglig leder" if party == ApprovalParty.ARBEIDSGIVER else "",
            )
        for weeks in (9, 5, 1):
            meeting_record(
                participant=participant,
                actor=vera,
                kind=rng.choice([MeetingKind.SAMTALE, MeetingKind.OPPFOLGINGSMOTE]),
                # A meeting is recorded once held: never after the real today.
                held_on=min(today, timezone.localdate()) - datetime.timedelta(weeks=weeks),
                place=rng.choice(MeetingPlace.values),
                attendees="Deltaker og veileder",
                summary="Gikk gjennom aktivitetsplanen og avtalte neste steg.",
            )


# (title, kind, messages): each message is (from the participant, waiting for her answer).
DIALOGUES = [
    (
        "Søke lærlingplass som helsefagarbeider",
        ActivityKind.AKTIVITET,
        [
            (False, True, "Har du fått sendt søknaden til Øya helsehus?"),
            (True, False, "Ja, sendt i går. De ringer meg neste uke."),
        ],
    ),
    (
        "Intervju hos Rema 1000 Heimdal",
        ActivityKind.STILLING,
        [(True, False, "Jeg fikk intervju på fredag! Kan du hjelpe meg å forberede?")],
    ),
    (
        "Oppdatere CV",
        ActivityKind.AKTIVITET,
        [(False, True, "Kan du sende meg CV-en når du har lagt inn sommerjobben?")],
    ),
    (
        "Kurs i truckførerbevis",
        ActivityKind.KURS,
        [
            (True, False, "Kurset er fullt i mars. Finnes det et annet?"),
            (False, True, "Det er plass i april hos AKA. Passer det for deg?"),
        ],
    ),
    (
        "Praksis i barnehage",
        ActivityKind.AKTIVITET,
        [(True, False, "Jeg trives godt, men trenger fri en dag til tannlegen.")],
    ),
    (
        "Karriereveiledning",
        ActivityKind.KARRIEREVEILEDNING,
        [(True, False, "Jeg vil gjerne snakke med karriereveileder igjen.")],
    ),
]


def _dialogues(vera, participants):
    """Dialogues waiting for NAV and for the participant, and one dealt with: her messages are
    unread on Vera's Min dag until Vera opens the card."""
    for i, (participant, (title, kind, messages)) in enumerate(
        zip(participants, DIALOGUES, strict=False)
    ):
        card = activity_card_create(participant=participant, actor=vera, title=title, kind=kind)
        for from_participant, awaiting_reply, text in messages:
            activity_message_add(
                card=card,
                actor=vera,
                text=text,
                from_participant=from_participant,
                awaiting_reply=awaiting_reply,
            )
        if i == len(DIALOGUES) - 1:
            activity_dialogue_done(card=card, actor=vera)


def _endings(vera, mine, companies, today):
    """A praksis whose approved agreement ends in nine days, and lærekontrakter with an end
    date (one ending in twelve days): "Slutter eller rullerer" has more than JobbLoop in it."""
    has_agreement = {p.pk for p in mine[26:32]}
    praksis = next(
        (p for p in mine if p.phase == Phase.PRAKSIS and p.pk not in has_agreement), None
    )
    if praksis is not None:
        agreement = agreement_save(
            participant=praksis,
            actor=vera,
            goals="Praksis som fører til læreplass.",
            valid_from=today - datetime.timedelta(days=80),
            valid_to=today + datetime.timedelta(days=9),
            followup_frequency="Hver 2. uke",
            responsible="NAV-veileder og praksisveileder i bedriften",
        )
        agreement_approve(
            agreement=agreement,
            actor=vera,
            party=ApprovalParty.DELTAKER,
            on_behalf_reason=OnBehalfReason.DIGITAL_SKILLS,
        )
        agreement_approve(
            agreement=agreement,
            actor=vera,
            party=ApprovalParty.ARBEIDSGIVER,
            approver_name="Praksisveileder",
        )
        agreement_approve(agreement=agreement, actor=vera, party=ApprovalParty.VEILEDER)
    laerefag = list(Laerefag.objects.order_by("code")[:2])
    apprentices = [p for p in mine if p.phase == Phase.LARETID][:2]
    if not laerefag:
        return
    for days, participant in zip((12, 420), apprentices, strict=False):
        laerekontrakt_register(
            participant=participant,
            actor=vera,
            company=companies[days % len(companies)],
            laerefag=laerefag[0],
            opplaeringskontor="Opplæringskontoret for helsefag i Trøndelag",
            signed_on=min(today, timezone.localdate()) - datetime.timedelta(days=700 - days),
            ends_on=today + datetime.timedelta(days=days),
        )


def reset_activity() -> None:
    """Loops and events outlive their participants (their organiser is protected)."""
    Loop.objects.filter(coordinator__nav_ident__startswith="Z99").delete()
    Event.objects.filter(organiser__nav_ident__startswith="Z99").delete()
