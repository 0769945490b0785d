import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import NAV_ROLES, roles_of
from audit.services import audit_change
from core.bounds import CASE
from core.exceptions import DomainError
from core.identity import age_on
from participants.access import may_change
from participants.models import Participant

from .models import LeaveReason, Loop, LoopCandidate, LoopCompany, LoopStatus, Mentor
from .rules import LOOPS
from .schedule import loop_schedule

MIN_AGE, MAX_AGE = 18, 30
MAX_CANDIDATES = 3


def loop_create(*, actor: User, name: str, start_date: datetime.date, companies: list) -> Loop:
    """A loop of three companies in order; the candidates start at one each and rotate."""
    if not roles_of(actor) & NAV_ROLES or actor.nav_kontor_id is None:
        raise DomainError("Du må være NAV-ansatt ved et NAV-kontor for å opprette en JobbLoop.")
    if len(companies) != 3 or len({c.pk for c in companies}) != 3:
        raise DomainError("En JobbLoop har tre ulike bedrifter.")
    if not name.strip():
        raise DomainError("Gi loopen et navn.")
    try:
        CASE.check(start_date)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from None
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
    """Up to three candidates aged 18-30 at the start, each starting at her own company."""
    if not may_change(actor, participant.pk):
        raise DomainError("Du kan bare legge til dine egne deltakere.")
    age = age_on(participant.birth_date, loop.start_date)
    if not MIN_AGE <= age <= MAX_AGE:
        raise DomainError(
            "JobbLoop er for kandidater mellom {min} og {max} år. {name} er {age} år "
            "ved oppstart {start}.".format(
                min=MIN_AGE,
                max=MAX_AGE,
                name=participant.first_name,
                age=age,
                start=loop.start_date.strftime("%d.%m.%Y"),
            )
        )
    if start_position not in (1, 2, 3):
        raise DomainError("Velg hvilken av de tre bedriftene kandidaten starter hos.")
    with transaction.atomic():
        # Lock the loop so two veiledere adding at once cannot make a fourth candidate.
        loop = Loop.objects.select_for_update().get(pk=loop.pk)
        if loop.status != LoopStatus.ACTIVE:
            raise DomainError("Loopen er avsluttet.")
        taken = LoopCandidate.objects.filter(loop=loop)
        if taken.filter(participant=participant).exists():
            raise DomainError("Deltakeren er allerede med i denne loopen.")
        if taken.count() >= MAX_CANDIDATES:
            raise DomainError("Loopen har allerede tre kandidater.")
        if taken.filter(start_position=start_position).exists():
            raise DomainError(
                "En annen kandidat starter allerede hos denne bedriften. "
                "Hver kandidat starter hos sin egen."
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
            raise DomainError("Plassen ble nettopp tatt. Last siden på nytt.") from None
        audit_change(actor, participant, what=f"Lagt til i JobbLoop {loop.name}")
    return candidate


def mentor_set(
    *, candidate: LoopCandidate, company, name: str, phone: str = "", actor: User
) -> Mentor:
    """One mentor per candidate per company; setting it again replaces the earlier one."""
    if not may_change(actor, candidate.participant_id):
        raise DomainError("Bare kandidatens veileder eller leder kan sette mentor.")
    if not LoopCompany.objects.filter(loop_id=candidate.loop_id, company=company).exists():
        raise DomainError("Mentoren må være i en av loopens bedrifter.")
    if not name.strip():
        raise DomainError("Skriv navnet på mentoren.")
    with transaction.atomic():
        mentor, _ = Mentor.objects.update_or_create(
            candidate=candidate,
            company=company,
            defaults={"name": name.strip(), "phone": phone.strip()},
        )
        # No mentor name: the sporingslogg is never changed, not even by anonymisation.
        audit_change(actor, candidate.participant, what=f"Mentor hos {company}")
    return mentor


def loop_candidate_leave(
    *, candidate: LoopCandidate, actor: User, left_on: datetime.date, reason: str
) -> LoopCandidate:
    """Leave the loop any time, e.g. for ordinary work (seed 003). Leaving twice is a no-op."""
    if reason not in LeaveReason.values:
        raise DomainError("Velg hvorfor kandidaten går ut av loopen.")
    loop = candidate.loop
    if left_on < loop.start_date:
        raise DomainError("Datoen er før loopen startet.")
    if left_on > loop_schedule(loop.start_date).ends_on:
        raise DomainError("Datoen er etter at loopen er slutt.")
    if not may_change(actor, candidate.participant_id):
        raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
    with transaction.atomic():
        changed = LoopCandidate.objects.filter(pk=candidate.pk, left_on__isnull=True).update(
            left_on=left_on, left_reason=reason
        )
        if changed:
            audit_change(
                actor,
                candidate.participant,
                what=f"Gikk ut av JobbLoop {loop.name} {left_on:%d.%m.%Y}: "
                f"{LeaveReason(reason).label}",
            )
    candidate.refresh_from_db()
    return candidate


def loop_close(*, loop: Loop, actor: User, today: datetime.date | None = None) -> Loop:
    """Close a loop when the year is over or every candidate has left; a second close is a no-op."""
    ours = actor.pk == loop.coordinator_id or actor.nav_kontor_id == loop.nav_kontor_id
    if not (roles_of(actor) & NAV_ROLES and ours):
        raise DomainError("Bare koordinator eller NAV-kontoret som eier loopen kan avslutte den.")
    today = today or timezone.localdate()
    still_in = LoopCandidate.objects.filter(loop=loop, left_on__isnull=True).exists()
    if today < loop_schedule(loop.start_date).ends_on and still_in:
        raise DomainError(
            "Loopen kan avsluttes når året er omme, eller når alle kandidatene har gått ut."
        )
    (source,) = LOOPS.edges_into(LoopStatus.CLOSED)
    Loop.objects.filter(pk=loop.pk, status=source).update(
        status=LoopStatus.CLOSED, closed_at=timezone.now(), closed_by=actor
    )
    loop.refresh_from_db()
    return loop
