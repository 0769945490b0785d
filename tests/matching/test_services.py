import datetime

import pytest

from core.exceptions import DomainError
from matching import services
from matching.models import Match, MatchEvent, MatchStatus
from matching.rules import MARKEDSRADGIVER, MATCHES
from notifications.models import Notification
from tests.factories import CompanyFactory, MatchFactory, ParticipantFactory

pytestmark = pytest.mark.django_db
S = MatchStatus
ALL = list(S.values)


def actor_for(side, *, veileder, markedsradgiver):
    return markedsradgiver if side == MARKEDSRADGIVER else veileder


def kwargs_for(edge):
    # What the edge's guard asks for, found by asking it.
    needs = edge.guard(None) if edge.guard else ""
    return {
        "comment": "Fordi" if needs and "startdato" not in needs else "",
        "start_date": datetime.date(2027, 1, 4) if "startdato" in needs else None,
    }


def test_veileder_proposes_with_motivation_and_history(veileder, participant):
    company = CompanyFactory()
    match = services.match_propose(
        actor=veileder, participant=participant, company=company, motivation="Liker dyr."
    )
    assert match.status == S.FORESLATT
    event = match.events.get()
    assert (event.actor, event.from_status, event.to_status) == (veileder, "", S.FORESLATT)


def test_leder_of_the_office_may_propose(leder, participant):
    match = services.match_propose(
        actor=leder, participant=participant, company=CompanyFactory(), motivation="Passer godt."
    )
    assert match.proposed_by == leder


@pytest.mark.parametrize("who", ["colleague", "other_veileder", "other_leder", "markedsradgiver"])
def test_only_her_veileder_or_leder_may_propose(request, who, participant):
    with pytest.raises(DomainError):
        services.match_propose(
            actor=request.getfixturevalue(who),
            participant=participant,
            company=CompanyFactory(),
            motivation="Passer godt.",
        )
    assert not Match.objects.exists()


def test_refuses_proposal_without_motivation(veileder, participant):
    with pytest.raises(DomainError, match="begrunnelse"):
        services.match_propose(
            actor=veileder, participant=participant, company=CompanyFactory(), motivation="  "
        )


def test_refuses_second_open_proposal_for_the_same_company(veileder, participant):
    company = CompanyFactory()
    services.match_propose(actor=veileder, participant=participant, company=company, motivation="a")
    with pytest.raises(DomainError, match="allerede en åpen match"):
        services.match_propose(
            actor=veileder, participant=participant, company=company, motivation="b"
        )


@pytest.mark.parametrize(("frm", "to"), [(e.source, e.target) for e in MATCHES.edges])
def test_every_allowed_transition_writes_its_event(frm, to, veileder, markedsradgiver, participant):
    edge = MATCHES.edge(frm, to)
    match = MatchFactory(participant=participant, status=frm)
    actor = actor_for(edge.side, veileder=veileder, markedsradgiver=markedsradgiver)
    services.match_transition(actor=actor, match=match, to_status=to, **kwargs_for(edge))
    match.refresh_from_db()
    assert match.status == to
    event = MatchEvent.objects.get(match=match)
    assert (event.actor, event.from_status, event.to_status) == (actor, frm, to)


REFUSED = [(frm, to) for frm in ALL for to in ALL if not MATCHES.allows(frm, to) and frm != to]


@pytest.mark.parametrize(("frm", "to"), REFUSED)
def test_every_other_transition_is_refused(frm, to, veileder, markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=frm)
    for actor in (veileder, markedsradgiver):
        with pytest.raises(DomainError):
            services.match_transition(
                actor=actor,
                match=match,
                to_status=to,
                comment="Fordi",
                start_date=datetime.date(2027, 1, 4),
            )
    match.refresh_from_db()
    assert match.status == frm
    assert not MatchEvent.objects.filter(match=match).exists()


@pytest.mark.parametrize(("frm", "to"), [(e.source, e.target) for e in MATCHES.edges])
def test_the_other_side_may_not_take_a_step(frm, to, veileder, markedsradgiver, participant):
    edge = MATCHES.edge(frm, to)
    match = MatchFactory(participant=participant, status=frm)
    wrong = veileder if edge.side == MARKEDSRADGIVER else markedsradgiver
    with pytest.raises(DomainError, match="Bare"):
        services.match_transition(actor=wrong, match=match, to_status=to, **kwargs_for(edge))
    assert not MatchEvent.objects.filter(match=match).exists()


def test_a_colleague_may_not_move_the_veileder_side(colleague, participant):
    match = MatchFactory(participant=participant, status=S.FORESLATT)
    with pytest.raises(DomainError, match="Bare deltakerens veileder"):
        services.match_transition(actor=colleague, match=match, to_status=S.TIL_VURDERING)


def test_decline_needs_a_reason(markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    with pytest.raises(DomainError, match="hvorfor"):
        services.match_transition(actor=markedsradgiver, match=match, to_status=S.AVSLATT)


def test_asking_for_more_information_needs_a_question(markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    with pytest.raises(DomainError, match="mer informasjon"):
        services.match_transition(actor=markedsradgiver, match=match, to_status=S.MER_INFO)


def test_answer_to_more_information_needs_a_comment(veileder, participant):
    match = MatchFactory(participant=participant, status=S.MER_INFO)
    with pytest.raises(DomainError, match="Svar"):
        services.match_transition(actor=veileder, match=match, to_status=S.TIL_VURDERING)


def test_start_needs_a_start_date(veileder, participant):
    match = MatchFactory(participant=participant, status=S.MOTE_AVTALT)
    with pytest.raises(DomainError, match="startdato"):
        services.match_transition(actor=veileder, match=match, to_status=S.STARTET)


def test_refuses_a_second_started_placement(veileder, participant):
    MatchFactory(participant=participant, status=S.STARTET)
    match = MatchFactory(participant=participant, status=S.MOTE_AVTALT)
    with pytest.raises(DomainError, match="allerede en startet plassering"):
        services.match_transition(
            actor=veileder,
            match=match,
            to_status=S.STARTET,
            start_date=datetime.date(2027, 1, 4),
        )
    match.refresh_from_db()
    assert match.status == S.MOTE_AVTALT
    assert not MatchEvent.objects.filter(match=match).exists()


def test_moving_to_the_current_veileder_status_is_a_no_op(veileder, participant):
    match = MatchFactory(participant=participant, status=S.MOTE_AVTALT)
    services.match_transition(actor=veileder, match=match, to_status=S.MOTE_AVTALT)
    assert not MatchEvent.objects.exists()


def test_a_second_decision_is_told_the_match_is_already_decided(markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    services.match_transition(actor=markedsradgiver, match=match, to_status=S.GODKJENT)
    for to in services.DECISIONS:
        with pytest.raises(DomainError, match="allerede vurdert"):
            services.match_transition(
                actor=markedsradgiver, match=match, to_status=to, comment="Nei"
            )
    assert MatchEvent.objects.filter(match=match).count() == 1


def test_decision_keeps_who_when_why_and_notifies_the_proposer(
    veileder, markedsradgiver, participant
):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    services.match_transition(
        actor=markedsradgiver, match=match, to_status=S.AVSLATT, comment="Ingen plass i år."
    )
    match.refresh_from_db()
    assert match.decided_by == markedsradgiver
    assert match.decided_at is not None
    assert match.decision_reason == "Ingen plass i år."
    note = Notification.objects.get(recipient=veileder)
    assert "Ingen plass i år." in note.text
    assert str(match.uuid) in note.url


def test_veileder_steps_do_not_notify(veileder, participant):
    match = MatchFactory(participant=participant, status=S.FORESLATT)
    services.match_transition(actor=veileder, match=match, to_status=S.TIL_VURDERING)
    assert not Notification.objects.exists()


def test_a_participant_may_have_several_proposals(veileder, participant):
    for _ in range(3):
        services.match_propose(
            actor=veileder, participant=participant, company=CompanyFactory(), motivation="Ja"
        )
    assert participant.matches.count() == 3


def test_other_participants_started_placement_does_not_block(veileder, participant):
    MatchFactory(participant=ParticipantFactory(veileder=veileder), status=S.STARTET)
    match = MatchFactory(participant=participant, status=S.MOTE_AVTALT)
    services.match_transition(
        actor=veileder, match=match, to_status=S.STARTET, start_date=datetime.date(2027, 1, 4)
    )
    match.refresh_from_db()
    assert match.start_date == datetime.date(2027, 1, 4)


def test_the_companys_markedsradgiver_hears_of_a_match_to_review(
    veileder, markedsradgiver, participant
):
    company = CompanyFactory(markedsradgiver=markedsradgiver)
    match = MatchFactory(participant=participant, company=company, status=S.FORESLATT)
    services.match_transition(actor=veileder, match=match, to_status=S.TIL_VURDERING)
    note = Notification.objects.get(recipient=markedsradgiver)
    assert note.kind == "match_to_review"
    assert str(match.uuid) in note.url
    assert participant.last_name not in note.text
