import datetime

from django.db import IntegrityError, transaction

from accounts.models import User
from audit.services import audit_change
from core.exceptions import DomainError
from participants.access import CHANGE, visible_q
from participants.identity import age_on
from participants.models import Participant

from .models import LeaveReason, Loop, LoopCandidate, LoopCompany, Mentor

MIN_AGE, MAX_AGE = 18, 30


def loop_create(*, actor: User, name: str, start_date: datetime.date, companies: list) -> Loop:
    if len(companies) != 3 or len({c.pk for c in companies}) != 3:
        raise DomainError("En JobbLoop har tre ulike bedrifter.")
    if actor.nav_kontor_id is None:
        raise DomainError("Du er ikke knyttet til et NAV-kontor.")
    with transaction.atomic():
        loop = Loop.objects.create(
            name=name.strip(),
            start_date=start_date,
            nav_kontor_id=actor.nav_kontor_id,
            coordinator=actor,
        )
        LoopCompany.objects.bulk_create(
            LoopCompany(loop=loop, company=c, position=i) for i, c in enumerate(companies, start=1)
        )
    return loop


def loop_candidate_add(
    *, loop: Loop, participant: Participant, start_position: int, actor: User
) -> LoopCandidate:
    if not Participant.objects.filter(visible_q(actor, CHANGE), pk=participant.pk).exists():
        raise DomainError("Du kan bare legge til dine egne deltakere.")
    age = age_on(participant.birth_date, loop.start_date)
    if not MIN_AGE <= age <= MAX_AGE:
        raise DomainError(
            f"JobbLoop er for kandidater mellom 18 og 30 år. {participant.first_name} er {age} år ved oppstart."
        )
    if start_position not in (1, 2, 3):
        raise DomainError("Velg hvilken av de tre bedriftene kandidaten starter hos.")
    with transaction.atomic():
        Loop.objects.select_for_update().get(pk=loop.pk)
        taken = LoopCandidate.objects.filter(loop=loop)
        if taken.count() >= 3:
            raise DomainError("Loopen har allerede tre kandidater.")
        if taken.filter(start_position=start_position).exists():
            raise DomainError(
                "En annen kandidat starter allerede hos denne bedriften. Hver kandidat starter hos sin egen."
            )
        try:
            with transaction.atomic():
                candidate = LoopCandidate.objects.create(
                    loop=loop,
                    participant=participant,
                    start_position=start_position,
                    added_by=actor,
                )
        except IntegrityError:
            raise DomainError("Deltakeren er allerede med i denne loopen.") from None
        audit_change(actor, participant, what=f"Lagt til i JobbLoop {loop.name}")
    return candidate


def mentor_set(
    *, candidate: LoopCandidate, company, name: str, phone: str = "", actor: User
) -> Mentor:
    if not LoopCompany.objects.filter(loop=candidate.loop, company=company).exists():
        raise DomainError("Mentoren må være i en av loopens bedrifter.")
    mentor, _ = Mentor.objects.update_or_create(
        candidate=candidate,
        company=company,
        defaults={"name": name.strip(), "phone": phone.strip()},
    )
    return mentor


def loop_candidate_leave(
    *, candidate: LoopCandidate, actor: User, left_on: datetime.date, reason: str
) -> LoopCandidate:
    """Leave the loop any time, e.g. for ordinary work (seed 003)."""
    if reason not in LeaveReason.values:
        raise DomainError("Velg hvorfor kandidaten går ut av loopen.")
    if left_on < candidate.loop.start_date:
        raise DomainError("Datoen er før loopen startet.")
    if not Participant.objects.filter(
        visible_q(actor, CHANGE), pk=candidate.participant_id
    ).exists():
        raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
    LoopCandidate.objects.filter(pk=candidate.pk, left_on__isnull=True).update(
        left_on=left_on, left_reason=reason
    )
    candidate.refresh_from_db()
    return candidate
