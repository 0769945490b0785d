import datetime
import itertools
import threading

import pytest
from django.db import connection
from django.urls import reverse

from core.exceptions import DomainError
from matching.models import MatchStatus
from participants.models import Participant, Phase
from phases.models import ChecklistItem, EndReason, PhaseTransition
from phases.rules import CHECKLISTS, PHASES
from phases.services import (
    employment_register,
    laerekontrakt_register,
    meeting_record,
    opplaeringsplan_register,
    phase_transition,
)
from tests.factories import CompanyFactory, LaerefagFactory, MatchFactory, ParticipantFactory

pytestmark = pytest.mark.django_db
P = Phase


def in_phase(veileder, phase):
    return ParticipantFactory(veileder=veileder, phase=phase)


def satisfy(participant, to_phase, actor):
    """Register whatever ``to_phase`` needs."""
    if to_phase == P.PRAKSIS:
        MatchFactory(
            participant=participant,
            status=MatchStatus.STARTET,
            start_date=datetime.date(2026, 11, 2),
        )
    elif to_phase == P.SKOLE:
        opplaeringsplan_register(
            participant=participant, actor=actor, received_on=datetime.date(2026, 11, 1)
        )
    elif to_phase == P.LARETID:
        laerekontrakt_register(
            participant=participant,
            actor=actor,
            company=CompanyFactory(),
            laerefag=LaerefagFactory(),
            opplaeringskontor="OK Trøndelag",
            signed_on=datetime.date(2026, 11, 1),
        )
    elif to_phase == P.JOBB:
        employment_register(
            participant=participant,
            actor=actor,
            employer_name="Bakeriet AS",
            start_date=datetime.date(2026, 12, 1),
        )


EDGES = [(e.source, e.target) for e in PHASES.edges]
REFUSED = [(f, t) for f in P.values for t in P.values if f != t and not PHASES.allows(f, t)]


@pytest.mark.parametrize("from_phase,to_phase", EDGES)
def test_every_allowed_transition_goes_through_with_its_precondition(
    veileder, from_phase, to_phase
):
    p = in_phase(veileder, from_phase)
    satisfy(p, to_phase, veileder)
    end_reason = EndReason.ANNET if to_phase == P.AVSLUTTET else ""
    t = phase_transition(
        participant=p, to_phase=to_phase, actor=veileder, reason="test", end_reason=end_reason
    )
    p.refresh_from_db()
    assert p.phase == to_phase
    assert (t.from_phase, t.to_phase, t.actor, t.reason) == (from_phase, to_phase, veileder, "test")
    labels = set(
        ChecklistItem.objects.filter(participant=p, phase=to_phase).values_list("label", flat=True)
    )
    assert labels == {label for _, label in CHECKLISTS[to_phase]}


@pytest.mark.parametrize("from_phase,to_phase", REFUSED)
def test_every_edge_not_in_the_table_is_refused_with_a_message(veileder, from_phase, to_phase):
    p = in_phase(veileder, from_phase)
    satisfy(p, to_phase, veileder)
    with pytest.raises(DomainError) as exc:
        phase_transition(
            participant=p, to_phase=to_phase, actor=veileder, end_reason=EndReason.ANNET
        )
    assert "kan ikke flyttes direkte" in exc.value.message
    assert not PhaseTransition.objects.filter(participant=p).exists()


@pytest.mark.parametrize(
    "from_phase,to_phase,missing",
    [
        (P.MATCHING, P.PRAKSIS, "startet match med en bedrift og en startdato"),
        (P.KARTLEGGE, P.SKOLE, "registrert opplæringsplan"),
        (
            P.MATCHING,
            P.LARETID,
            "lærekontrakt (dato signert, bedrift, lærefag og opplæringskontor)",
        ),
        (P.PRAKSIS, P.JOBB, "arbeidsgiver og en startdato"),
        (P.SKOLE, P.AVSLUTTET, "hvorfor saken avsluttes"),
    ],
)
def test_refuses_a_move_whose_precondition_is_missing_and_says_what(
    veileder, from_phase, to_phase, missing
):
    p = in_phase(veileder, from_phase)
    with pytest.raises(DomainError) as exc:
        phase_transition(participant=p, to_phase=to_phase, actor=veileder)
    assert missing in exc.value.message
    p.refresh_from_db()
    assert p.phase == from_phase


def test_refuses_praksis_with_a_match_that_is_only_approved(veileder):
    p = in_phase(veileder, P.MATCHING)
    MatchFactory(participant=p, status=MatchStatus.GODKJENT)
    with pytest.raises(DomainError):
        phase_transition(participant=p, to_phase=P.PRAKSIS, actor=veileder)


def test_moving_to_the_current_phase_is_a_no_op(veileder):
    p = in_phase(veileder, P.MATCHING)
    assert phase_transition(participant=p, to_phase=P.MATCHING, actor=veileder) is None
    assert not PhaseTransition.objects.exists()


def test_ended_case_can_be_reopened(veileder):
    p = in_phase(veileder, P.JOBB)
    phase_transition(
        participant=p, to_phase=P.AVSLUTTET, actor=veileder, end_reason=EndReason.FLYTTET
    )
    phase_transition(participant=p, to_phase=P.KARTLEGGE, actor=veileder, reason="Flyttet tilbake")
    assert list(
        PhaseTransition.objects.filter(participant=p)
        .order_by("id")
        .values_list("to_phase", flat=True)
    ) == [P.AVSLUTTET, P.KARTLEGGE]


def test_only_who_may_change_the_participant_moves_her(veileder, colleague, leder, markedsradgiver):
    p = in_phase(veileder, P.KARTLEGGE)
    for outsider in (colleague, markedsradgiver):
        with pytest.raises(DomainError):
            phase_transition(participant=p, to_phase=P.MATCHING, actor=outsider)
    phase_transition(participant=p, to_phase=P.MATCHING, actor=leder)
    assert Participant.objects.get(pk=p.pk).phase == P.MATCHING


def test_registration_starts_the_timeline_and_the_mapping_checklist(client, veileder):
    from core.identity import make_identity

    client.force_login(veileder)
    client.post(
        reverse("participants:create"),
        {
            "fodselsnummer": make_identity(datetime.date(2001, 2, 3), 621),
            "first_name": "Ny",
            "last_name": "Deltaker",
            "innsatsgruppe": "standard",
        },
    )
    p = Participant.objects.get(last_name="Deltaker")
    assert list(
        PhaseTransition.objects.filter(participant=p).values_list("from_phase", "to_phase")
    ) == [("", P.KARTLEGGE)]
    assert ChecklistItem.objects.filter(participant=p, phase=P.KARTLEGGE).count() == len(
        CHECKLISTS[P.KARTLEGGE]
    )


def test_transition_page_shows_the_refusal_and_then_moves(client, veileder):
    p = in_phase(veileder, P.MATCHING)
    client.force_login(veileder)
    url = reverse("phases:transition", args=[p.uuid])
    body = client.post(url, {"to_phase": P.PRAKSIS}).content.decode()
    assert "Praksis krever en startet match" in body
    MatchFactory(participant=p, status=MatchStatus.STARTET, start_date=datetime.date(2026, 11, 2))
    assert (
        client.post(url, {"to_phase": P.PRAKSIS, "reason": "Startet hos bedriften"}).status_code
        == 302
    )
    page = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert "Matching → Praksis" in page and "Startet hos bedriften" in page
    assert "Oppstartsmøte holdt med bedrift" in page


def test_checklist_item_is_ticked_with_who_and_when(client, veileder):
    p = in_phase(veileder, P.MATCHING)
    phase_transition(participant=p, to_phase=P.KARTLEGGE, actor=veileder)
    item = ChecklistItem.objects.filter(participant=p, phase=P.KARTLEGGE).first()
    client.force_login(veileder)
    client.post(reverse("phases:checklist_toggle", args=[p.uuid, item.uuid]), {"done": "1"})
    item.refresh_from_db()
    assert item.done_by == veileder and item.done_at is not None
    client.post(reverse("phases:checklist_toggle", args=[p.uuid, item.uuid]), {"done": "0"})
    item.refresh_from_db()
    assert item.done_at is None


def test_employment_needs_employer_and_date_or_her_own_note(veileder):
    p = in_phase(veileder, P.PRAKSIS)
    with pytest.raises(DomainError):
        employment_register(participant=p, actor=veileder, employer_name="Bakeriet AS")
    employment_register(
        participant=p, actor=veileder, found_herself=True, note="Fikk jobb i butikk selv"
    )
    phase_transition(participant=p, to_phase=P.JOBB, actor=veileder)


def test_meeting_in_the_future_is_refused(veileder):
    p = in_phase(veileder, P.PRAKSIS)
    with pytest.raises(DomainError):
        meeting_record(
            participant=p,
            actor=veileder,
            kind="oppfolgingsmote",
            held_on=datetime.date(2099, 1, 1),
            place="nav",
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_veiledere_moving_at_once_leave_history_and_phase_in_agreement(veileder, leder):
    p = in_phase(veileder, P.KARTLEGGE)
    barrier = threading.Barrier(2)
    errors = []

    def move(actor, to_phase):
        try:
            barrier.wait()
            phase_transition(
                participant=Participant.objects.get(pk=p.pk),
                to_phase=to_phase,
                actor=type(actor).objects.get(pk=actor.pk),
                end_reason=EndReason.ANNET,
            )
        except DomainError as exc:
            errors.append(exc.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=move, args=(veileder, P.MATCHING)),
        threading.Thread(target=move, args=(leder, P.AVSLUTTET)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    p.refresh_from_db()
    last = PhaseTransition.objects.filter(participant=p).order_by("-created_at", "-id").first()
    assert last.to_phase == p.phase
    # The second move starts from wherever the first left her; every row chains on.
    rows = list(PhaseTransition.objects.filter(participant=p).order_by("created_at", "id"))
    assert rows[0].from_phase == P.KARTLEGGE
    for earlier, later in itertools.pairwise(rows):
        assert later.from_phase == earlier.to_phase


@pytest.mark.django_db(transaction=True)
def test_a_signed_laerekontrakt_tells_the_markedsradgiver_once(veileder, markedsradgiver, settings):
    from notifications.models import Notification
    from reminders.models import Delivery, ReminderKind
    from reminders.services import delivery_send

    company = CompanyFactory(markedsradgiver=markedsradgiver)
    p = in_phase(veileder, P.MATCHING)
    laerekontrakt_register(
        participant=p,
        actor=veileder,
        company=company,
        laerefag=LaerefagFactory(),
        opplaeringskontor="OK Trøndelag",
        signed_on=datetime.date(2026, 11, 20),
    )
    delivery = Delivery.objects.get(kind=ReminderKind.LAREKONTRAKT)
    assert delivery.recipient == markedsradgiver
    delivery_send(delivery_id=delivery.pk)  # what the enqueued task does
    assert (
        Notification.objects.filter(
            recipient=markedsradgiver, kind=ReminderKind.LAREKONTRAKT
        ).count()
        == 1
    )
    assert p.first_name not in delivery.body
