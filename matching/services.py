"""Every write to a match: proposing it and moving it through the review.

The allowed status changes are the table ``rules.MATCHES``: one edge per (from, to) with
the side that may take it and what it needs. Veileder-side steps belong to whoever may change
the participant (her veileder, the office's leder, an explicit grant); decisions belong to
markedsrådgivere alone. Every change writes a ``MatchEvent`` in the same transaction.
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role, has_role
from companies.models import Company
from core.exceptions import DomainError
from core.states import Edge
from participants.access import cleared_for, cleared_users, may_change
from participants.models import Participant
from participants.notices import notify_about

from .models import Match, MatchEvent, MatchStatus
from .rules import DECISIONS, MARKEDSRADGIVER, MATCHES

S = MatchStatus
# Matches that hold a place at the company (capacity) or block a new proposal.
FILLING = (S.GODKJENT, S.MOTE_AVTALT, S.STARTET)
OPEN = (S.FORESLATT, S.TIL_VURDERING, S.MER_INFO, *FILLING)

ALREADY_DECIDED = "Matchen er allerede vurdert."
ONE_STARTED = (
    "Deltakeren har allerede en startet plassering. Avslutt den før en ny plassering starter."
)


def allowed_next(status: str, side: str) -> list[str]:
    """The statuses ``side`` may move a match to from ``status``, in table order."""
    return MATCHES.targets(status, side=side)


def _may_act_for_participant(actor: User, participant_id: int) -> bool:
    roles_ok = has_role(actor, Role.VEILEDER) or has_role(actor, Role.LEDER)
    return roles_ok and may_change(actor, participant_id)


def match_propose(
    *,
    actor: User,
    participant: Participant,
    company: Company,
    motivation: str,
    shared_summary: str = "",
) -> Match:
    """The participant's veileder (or leder) proposes a company, with a motivation."""
    if not _may_act_for_participant(actor, participant.pk):
        raise DomainError("Bare deltakerens veileder eller leder kan foreslå en match.")
    motivation = motivation.strip()
    if not motivation:
        raise DomainError("Skriv en kort begrunnelse for forslaget.")
    with transaction.atomic():
        # Lock the participant so two proposals for the same company cannot both pass.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        if Match.objects.filter(participant=participant, company=company, status__in=OPEN).exists():
            raise DomainError("Deltakeren har allerede en åpen match med denne bedriften.")
        match = Match.objects.create(
            participant=participant,
            company=company,
            motivation=motivation,
            shared_summary=shared_summary.strip(),
            proposed_by=actor,
        )
        MatchEvent.objects.create(
            match=match, actor=actor, from_status="", to_status=S.FORESLATT, comment=motivation
        )
    return match


def match_transition(
    *,
    actor: User,
    match: Match,
    to_status: str,
    comment: str = "",
    start_date: datetime.date | None = None,
) -> Match:
    """Move ``match`` to ``to_status`` if the table allows it for the actor's side.

    Locks the row first, so of two concurrent decisions one wins and the other is told the
    match is already decided. Moving to the current status is a no-op, except for a
    decision: a second markedsrådgiver must learn that someone else already decided.
    """
    comment = comment.strip()
    try:
        with transaction.atomic():
            locked = Match.objects.select_for_update().get(pk=match.pk)
            frm = locked.status
            if frm == to_status and to_status not in DECISIONS:
                return locked
            edge = MATCHES.edge(frm, to_status)
            if to_status in DECISIONS and frm != S.TIL_VURDERING:
                raise DomainError(ALREADY_DECIDED)
            if edge is None:
                raise DomainError(
                    f"En match som er «{S(frm).label.lower()}» kan ikke settes til "
                    f"«{S(to_status).label.lower()}»."
                )
            _check_actor(actor, locked, edge)
            if refused := MATCHES.refusal(
                locked, frm, to_status, comment=comment, start_date=start_date
            ):
                raise DomainError(refused)
            _apply(locked, actor, to_status, comment, start_date)
            event = MatchEvent.objects.create(
                match=locked, actor=actor, from_status=frm, to_status=to_status, comment=comment
            )
            if to_status in DECISIONS:
                _notify_decision(locked, event)
            elif to_status == S.TIL_VURDERING:
                _notify_reviewer(locked, event)
    except IntegrityError:
        raise DomainError(ONE_STARTED) from None
    return locked


def _check_actor(actor: User, match: Match, edge: Edge) -> None:
    if edge.side == MARKEDSRADGIVER:
        if not has_role(actor, Role.MARKEDSRADGIVER) or not cleared_for(actor, match.participant):
            raise DomainError("Bare en markedsrådgiver kan vurdere en match.")
    elif not _may_act_for_participant(actor, match.participant_id):
        raise DomainError("Bare deltakerens veileder eller leder kan gjøre dette.")


def _apply(match: Match, actor: User, to_status: str, comment: str, start_date) -> None:
    match.status = to_status
    fields = ["status", "updated_at"]
    if to_status in DECISIONS:
        match.decided_by = actor
        match.decided_at = timezone.now()
        match.decision_reason = comment
        fields += ["decided_by", "decided_at", "decision_reason"]
    if to_status == S.STARTET:
        match.start_date = start_date
        fields.append("start_date")
    match.save(update_fields=fields)


def reviewers_to_notify(match: Match, company: Company) -> list[User]:
    """The company's own markedsrådgiver hears of a match to review; the queue is shared.

    For a protected person only cleared markedsrådgivere may: the company's own if she is
    cleared, else the cleared ones at the person's office, else any cleared one."""
    participant = match.participant
    own = company.markedsradgiver
    if own is not None and cleared_for(own, participant):
        return [own]
    if own is None and not participant.is_protected:
        return []
    markedsradgivere = User.objects.filter(groups__name=Role.MARKEDSRADGIVER)
    cleared = cleared_users(markedsradgivere, participant)
    local = list(cleared.filter(nav_kontor_id=participant.nav_kontor_id))
    return local or list(cleared)


def _notify_reviewer(match: Match, event: MatchEvent) -> None:
    company = Company.objects.select_related("markedsradgiver").get(pk=match.company_id)
    again = " igjen" if event.from_status == S.MER_INFO else ""
    notify_about(
        Participant.objects.get(pk=match.participant_id),
        users=[r for r in reviewers_to_notify(match, company) if r.pk != event.actor_id],
        kind="match_to_review",
        text=f"En match med {company.name} er sendt til vurdering{again}.",
        url=reverse("matching:review", args=[match.uuid]),
        event_key=str(event.pk),
        group=f"match:{match.pk}",
    )


_DECISION_TEXT = {
    S.GODKJENT: "{company} er godkjent.",
    S.AVSLATT: "{company} er avslått: {reason}",
    S.MER_INFO: "Markedsrådgiveren trenger mer informasjon om matchen med {company}: {reason}",
}


def _notify_decision(match: Match, event: MatchEvent) -> None:
    participant = Participant.objects.get(pk=match.participant_id)
    company = Company.objects.only("name").get(pk=match.company_id)
    notify_about(
        participant,
        users=[match.proposed_by],
        kind="match_decision",
        text=_DECISION_TEXT[event.to_status].format(company=company.name, reason=event.comment),
        url=reverse("matching:detail", args=[match.uuid]),
        event_key=str(event.pk),
        group=f"match:{match.pk}",
    )
