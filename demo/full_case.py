"""A year of one participant's case, with rows in every table that holds data about her.

For the benchmark (the innsyn of a fully loaded case against a two-page one) and for
trying the innsyn by hand. ``scale`` multiplies the rows of every repeated section, so
the benchmark can show the innsyn's query count does not grow with them.
"""

import datetime
import itertools

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditAction, AuditEvent
from careerguidance.models import (
    Appointment,
    GuidanceInterest,
    GuidanceNote,
    KompetanseRequest,
)
from companies.models import Company
from consent.models import Consent, ConsentPurpose, ConsentWithdrawal
from events.models import Event, Invitation
from jobbloop.models import Loop, LoopCandidate, LoopCompany, Mentor
from matching.models import Match, MatchEvent
from notifications.models import Notification
from participants.models import Laerefag, Participant, ParticipantUserObjectPermission, Phase
from phases.models import (
    ActivityCard,
    ActivityMessage,
    ChecklistItem,
    Employment,
    Fagbrev,
    FollowUpAgreement,
    Kartlegging,
    Laerekontrakt,
    Meeting,
    Opplaeringsplan,
    PhaseTransition,
)
from reminders.models import Delivery

SUMMARY = (
    "Vi gikk gjennom uken i praksis. Hun trives med arbeidsoppgavene og har fått mer ansvar "
    "for varemottaket. Vi avtalte å se på muligheten for lærekontrakt til høsten."
)
PATH = [Phase.KARTLEGGE, Phase.MATCHING, Phase.PRAKSIS, Phase.SKOLE, Phase.LARETID, Phase.JOBB]


@transaction.atomic
def load_year(participant: Participant, *, actor: User, scale: int = 1) -> Participant:
    """Twelve months of follow-up for ``participant``, ending today."""
    now = timezone.now()
    start = now - datetime.timedelta(days=365)
    day = lambda n: start + datetime.timedelta(days=n)  # noqa: E731
    office = participant.nav_kontor
    companies = list(Company.objects.order_by("id")[:3])
    laerefag = Laerefag.objects.order_by("id").first()
    p = participant

    for n in range(6 * scale):
        p.phone = f"9{n:07d}"
        p._history_user = actor
        p.save(update_fields=["phone", "updated_at"])
    for i, (a, b) in enumerate(itertools.pairwise(PATH)):
        PhaseTransition.objects.create(
            participant=p,
            from_phase=a,
            to_phase=b,
            actor=actor,
            created_at=day(60 * i),
            reason="Forutsetningene er på plass.",
        )
    kartlegging, _ = Kartlegging.objects.get_or_create(
        participant=p, defaults={"updated_by": actor}
    )
    for n in range(4 * scale):
        kartlegging.interests = f"Dyr, friluftsliv og matlaging (versjon {n + 1})"
        kartlegging.economy = "Bostøtte; trenger hjelp med budsjett."
        kartlegging.updated_by = actor
        kartlegging._history_user = actor
        kartlegging.save()
    version = FollowUpAgreement.objects.filter(participant=p).count()
    for n in range(3 * scale):
        FollowUpAgreement.objects.create(
            participant=p,
            version=version + n + 1,
            goals="Fagbrev i salgsfaget innen to år.",
            valid_from=day(90 * n).date(),
            followup_frequency="Hver annen uke",
            responsible="NAV-veileder og arbeidsgiver",
            created_by=actor,
        )
    for n in range(8 * scale):
        card = ActivityCard.objects.create(
            participant=p,
            title=f"Aktivitet {n + 1}",
            kind="aktivitet",
            created_by=actor,
            description="Søke på tre stillinger og øve på intervju.",
        )
        ActivityMessage.objects.bulk_create(
            ActivityMessage(card=card, author=actor, text=f"Melding {m + 1} i dialogen.")
            for m in range(3)
        )
    Meeting.objects.bulk_create(
        Meeting(
            participant=p,
            kind="oppfolgingsmote",
            held_on=day(14 * n).date(),
            place="nav",
            attendees="Deltaker, veileder",
            summary=SUMMARY,
            recorded_by=actor,
        )
        for n in range(26 * scale)
    )
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                participant=p,
                phase=phase,
                key=f"år-{n}",
                label=f"Oppgave {n + 1}",
                done_at=day(n),
                done_by=actor,
            )
            for n, phase in enumerate(PATH * 2 * scale)
        ],
        ignore_conflicts=True,
    )
    consents = [
        Consent.objects.create(
            participant=p,
            purpose=purpose,
            given_on=day(30).date(),
            method="signed_form",
            shared_with="Fagopplæringen",
            recorded_by=actor,
            document=ContentFile(b"%PDF-1.4 skannet samtykke", name="samtykke.pdf"),
        )
        for purpose in ConsentPurpose.values * scale
    ]
    ConsentWithdrawal.objects.create(
        consent=consents[-1],
        withdrawn_on=day(200).date(),
        note="Ønsket ikke lenger deling.",
        recorded_by=actor,
    )
    GuidanceInterest.objects.create(participant=p, informed_on=day(40).date(), recorded_by=actor)
    for n in range(3 * scale):
        appointment = Appointment.objects.create(
            participant=p,
            starts_at=day(50 + 20 * n),
            mode="fysisk",
            location="Karrieresenteret",
            session_number=n % 3 + 1,
            status="held",
            booked_by=actor,
        )
        GuidanceNote.objects.create(
            appointment=appointment,
            interests="Handel og service",
            way_forward="Lærekontrakt",
            author=actor,
        )
    kompetanse = next(c for c in consents if c.purpose == ConsentPurpose.KOMPETANSEKARTLEGGING)
    KompetanseRequest.objects.create(
        participant=p,
        consent=kompetanse,
        question="Hva gjenstår til fagbrev?",
        requested_by=actor,
        plan_text="Ett år i bedrift.",
        answered_at=day(120),
    )
    # One started placement at most (a constraint); the demo may have given her one already.
    started = Match.objects.filter(participant=p, status="startet").exists()
    for n in range(4 * scale):
        match = Match.objects.create(
            participant=p,
            company=companies[n % len(companies)],
            proposed_by=actor,
            status="avslatt" if n or started else "startet",
            shared_summary="Liker kundekontakt.",
        )
        MatchEvent.objects.bulk_create(
            MatchEvent(match=match, actor=actor, from_status=a, to_status=b)
            for a, b in [("foreslatt", "til_vurdering"), ("til_vurdering", match.status)]
        )
    for n in range(2 * scale):
        event = Event.objects.create(
            title=f"Møteplass {n + 1}",
            date=day(70 + n).date(),
            place="Trondheim",
            nav_kontor=office,
            organiser=actor,
        )
        Invitation.objects.create(event=event, participant=p, invited_by=actor)
    loop = Loop.objects.create(
        name=f"JobbLoop for {p.pk}",
        start_date=day(100).date(),
        nav_kontor=office,
        coordinator=actor,
    )
    for position, company in enumerate(companies, start=1):
        LoopCompany.objects.create(loop=loop, company=company, position=position)
    candidate = LoopCandidate.objects.create(
        loop=loop, participant=p, start_position=1, added_by=actor
    )
    for company in companies:
        Mentor.objects.create(candidate=candidate, company=company, name="Mentor Hansen")
    Opplaeringsplan.objects.create(
        participant=p, received_on=day(180).date(), school="Charlottenlund vgs", registered_by=actor
    )
    Laerekontrakt.objects.create(
        participant=p,
        company=companies[0],
        laerefag=laerefag,
        opplaeringskontor="OK Trøndelag",
        signed_on=day(240).date(),
        registered_by=actor,
    )
    Fagbrev.objects.create(
        participant=p, laerefag=laerefag, passed_on=day(330).date(), registered_by=actor
    )
    Employment.objects.create(
        participant=p, employer=companies[0], start_date=day(340).date(), registered_by=actor
    )
    Notification.objects.bulk_create(
        Notification(
            recipient=actor,
            participant=p,
            kind="match_decision",
            text="Matchen er vurdert.",
            dedup_key=f"year:{p.pk}:{n}",
        )
        for n in range(12 * scale)
    )
    Delivery.objects.bulk_create(
        Delivery(
            participant=p,
            kind="followup_due",
            object_key=f"participant:{p.pk}",
            period=f"year-{n}",
            address=f"user:{actor.pk}",
            recipient=actor,
            subject="Oppfølging forfaller snart",
            body="Se saken.",
            status="sent",
        )
        for n in range(12 * scale)
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            created_at=day(2 * n),
            actor=actor,
            actor_ident=actor.nav_ident,
            participant=p,
            action=AuditAction.VIEW,
        )
        for n in range(60 * scale)
    )
    ParticipantUserObjectPermission.objects.get_or_create(
        content_object=p,
        user=actor,
        permission=Permission.objects.get(
            content_type__app_label="participants", codename="view_participant"
        ),
    )
    return p
