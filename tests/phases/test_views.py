import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import Phase
from phases.models import ChecklistItem, PhaseTransition
from phases.rules import PHASES
from phases.services import (
    activity_card_create,
    activity_message_add,
    agreement_save,
    checklist_item_set,
    meeting_record,
    phase_transition,
)
from tests.factories import ParticipantFactory
from tests.phases.test_plan import AGREEMENT

pytestmark = pytest.mark.django_db
CASELOAD = reverse("participants:caseload")


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def _busy_history(p, actor, rounds):
    for _ in range(rounds):
        phase_transition(participant=p, to_phase=Phase.MATCHING, actor=actor)
        phase_transition(participant=p, to_phase=Phase.KARTLEGGE, actor=actor)
    for item in ChecklistItem.objects.filter(participant=p, phase=p.phase):
        checklist_item_set(item=item, actor=actor, done=True)
    for days in range(rounds):
        meeting_record(
            participant=p,
            actor=actor,
            kind="samtale",
            held_on=timezone.localdate() - datetime.timedelta(days=days),
            place="telefon",
        )


def test_participant_page_section_costs_the_same_whatever_the_history(client, veileder):
    quiet = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    busy = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    _busy_history(quiet, veileder, 1)
    _busy_history(busy, veileder, 8)
    client.force_login(veileder)
    client.get(CASELOAD)  # warm the session
    few = _queries(client, reverse("participants:detail", args=[quiet.uuid]))
    many = _queries(client, reverse("participants:detail", args=[busy.uuid]))
    assert few == many
    page = client.get(reverse("participants:detail", args=[busy.uuid])).content.decode()
    assert "Kartlegging → Matching" in page and "Utført" in page and "telefon" in page


def test_activity_dialogue_query_count_is_fixed(client, veileder, django_assert_num_queries):
    p = ParticipantFactory(veileder=veileder)
    short = activity_card_create(participant=p, actor=veileder, title="Kort", kind="aktivitet")
    long = activity_card_create(participant=p, actor=veileder, title="Lang", kind="aktivitet")
    activity_message_add(card=short, actor=veileder, text="Én")
    for i in range(20):
        activity_message_add(card=long, actor=veileder, text=f"Melding {i}")
    client.force_login(veileder)
    client.get(CASELOAD)
    # session, user, participant, audit row, the card, her read mark (one upsert), the
    # header's unread count, the dialogue with its authors
    for card in (short, long):
        with django_assert_num_queries(8):
            client.get(reverse("phases:activity_detail", args=[p.uuid, card.uuid]))


def test_agreement_versions_query_count_is_fixed(client, veileder, django_assert_num_queries):
    one = ParticipantFactory(veileder=veileder)
    five = ParticipantFactory(veileder=veileder)
    agreement_save(participant=one, actor=veileder, **AGREEMENT)
    for n in range(5):
        agreement_save(participant=five, actor=veileder, **{**AGREEMENT, "goals": f"Mål {n}"})
    client.force_login(veileder)
    client.get(CASELOAD)
    # as the activity page, with every version (and its author) in one query instead of the
    # card and its dialogue, and the versions' approvals
    for p in (one, five):
        with django_assert_num_queries(7):
            client.get(reverse("phases:agreement", args=[p.uuid]))
    body = client.get(reverse("phases:agreement", args=[five.uuid])).content.decode()
    assert "Mål 4" in body


@pytest.mark.parametrize("who", ["colleague", "other_veileder", "markedsradgiver", "outsider"])
def test_only_veileder_and_leder_may_tick_the_checklist(client, personas, veileder, who):
    p = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    phase_transition(participant=p, to_phase=Phase.MATCHING, actor=veileder)
    item = ChecklistItem.objects.filter(participant=p, phase=Phase.MATCHING).first()
    url = reverse("phases:checklist_toggle", args=[p.uuid, item.uuid])
    client.force_login(personas[who])
    assert client.post(url, {"done": "1"}).status_code == 404
    item.refresh_from_db()
    assert item.done_at is None


def test_leder_may_move_and_tick_for_the_office(client, leder, veileder):
    p = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    client.force_login(leder)
    client.post(reverse("phases:transition", args=[p.uuid]), {"to_phase": Phase.MATCHING})
    assert PhaseTransition.objects.get(participant=p).actor == leder
    item = ChecklistItem.objects.filter(participant=p, phase=Phase.MATCHING).first()
    client.post(reverse("phases:checklist_toggle", args=[p.uuid, item.uuid]), {"done": "1"})
    item.refresh_from_db()
    assert item.done_by == leder


def test_ending_from_the_form_needs_a_reason_and_shows_it_in_the_timeline(client, veileder):
    p = ParticipantFactory(veileder=veileder, phase=Phase.MATCHING)
    client.force_login(veileder)
    url = reverse("phases:transition", args=[p.uuid])
    refused = client.post(url, {"to_phase": Phase.AVSLUTTET}).content.decode()
    assert "Velg hvorfor saken avsluttes" in refused
    client.post(url, {"to_phase": Phase.AVSLUTTET, "end_reason": "helse", "reason": "Sykmeldt"})
    page = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert "Matching → Avsluttet" in page and "(helse)" in page and "Sykmeldt" in page


def test_the_form_offers_only_the_legal_targets_with_what_each_needs(
    client, veileder, django_assert_num_queries
):
    p = ParticipantFactory(veileder=veileder, phase=Phase.PRAKSIS)
    client.force_login(veileder)
    client.get(CASELOAD)
    # session, user, participant, audit row, unread count, and one look per guarded target
    # (skole, læretid, jobb); roles, clearances and grants come with the session
    with django_assert_num_queries(8):
        response = client.get(reverse("phases:transition", args=[p.uuid]))
    form = response.context["form"]
    values = [v for v, _ in form.fields["to_phase"].choices if v]
    assert values == PHASES.targets(Phase.PRAKSIS)
    assert Phase.KARTLEGGE not in values  # not a legal move from praksis
    html = response.content.decode()
    assert "Læretid krever en lærekontrakt" in html
    assert "Skole krever en registrert opplæringsplan" in html
    # Avsluttet asks for its reason in the form itself, so it needs nothing beforehand.
    assert dict(form.needs).get(Phase.AVSLUTTET.label) is None


def test_an_illegal_target_is_refused_by_the_form(client, veileder):
    p = ParticipantFactory(veileder=veileder, phase=Phase.PRAKSIS)
    client.force_login(veileder)
    response = client.post(
        reverse("phases:transition", args=[p.uuid]), {"to_phase": Phase.KARTLEGGE}
    )
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    p.refresh_from_db()
    assert p.phase == Phase.PRAKSIS


def test_caseload_shows_phase_days_and_overdue_and_filters_with_a_fixed_query_count(
    client, veileder, django_assert_num_queries
):
    today = timezone.localdate()
    for i in range(12):
        ParticipantFactory(
            veileder=veileder,
            phase=Phase.PRAKSIS,
            phase_entered_at=timezone.now() - datetime.timedelta(days=40),
            next_followup_due=today - datetime.timedelta(days=i + 1),
        )
    ParticipantFactory(veileder=veileder, phase=Phase.SKOLE, next_followup_due=today)
    client.force_login(veileder)
    client.get(CASELOAD)
    filters = {"fase": Phase.PRAKSIS, "forfalt": "on", "sort": "neste_oppfolging"}
    # The same as the unfiltered list (tests/participants/test_caseload.py): filters and the
    # sort are WHERE and ORDER BY on stored columns, no extra query (12 with the status counts
    # and the saved filters of issue 22).
    for size in (10, 50):
        with django_assert_num_queries(7):
            response = client.get(CASELOAD, {**filters, "per_side": size})
    page = response.context["page"]
    assert page.paginator.count == 12
    dues = [p.next_followup_due for p in page.object_list]
    assert dues == sorted(dues)
    body = response.content.decode()
    assert "Praksis" in body and "(40 d)" in body and "Forfalt" in body


def test_caseload_with_a_phase_filter_and_no_hits_offers_to_reset(client, veileder):
    ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    client.force_login(veileder)
    body = client.get(CASELOAD, {"fase": Phase.LARETID}).content.decode()
    assert "Ingen deltakere passer til søket eller filtrene" in body
    body = client.get(CASELOAD, {"forfalt": "on"}).content.decode()
    assert "nullstill filtrene" in body


def test_phases_admin_is_read_only(client, admin_user, veileder):
    p = ParticipantFactory(veileder=veileder, phase=Phase.KARTLEGGE)
    phase_transition(participant=p, to_phase=Phase.MATCHING, actor=veileder)
    client.force_login(admin_user)
    row = PhaseTransition.objects.get(participant=p)
    assert client.get(reverse("admin:phases_phasetransition_changelist")).status_code == 200
    assert client.get(reverse("admin:phases_phasetransition_add")).status_code == 403
    for name in (
        "checklistitem",
        "employment",
        "opplaeringsplan",
        "meeting",
        "laerekontrakt",
        "fagbrev",
    ):
        assert client.get(reverse(f"admin:phases_{name}_changelist")).status_code == 200
    detail = client.get(reverse("admin:phases_phasetransition_change", args=[row.pk]))
    assert detail.status_code == 200 and "Lagre" not in detail.content.decode()


def test_registering_a_laerekontrakt_ticks_its_checklist_item(client, veileder):
    from tests.factories import CompanyFactory, LaerefagFactory

    p = ParticipantFactory(veileder=veileder, phase=Phase.MATCHING)
    client.force_login(veileder)
    response = client.post(
        reverse("phases:laerekontrakt_create", args=[p.uuid]),
        {
            "company": CompanyFactory().pk,
            "laerefag": LaerefagFactory().pk,
            "opplaeringskontor": "Opplæringskontoret",
            "signed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    item = ChecklistItem.objects.get(participant=p, phase=Phase.LARETID, key="laerekontrakt")
    assert item.done_at is not None and item.done_by == veileder
    # Entering læretid keeps the ticked item and adds the rest unticked.
    phase_transition(participant=p, to_phase=Phase.LARETID, actor=veileder)
    items = {i.key: i for i in ChecklistItem.objects.filter(participant=p, phase=Phase.LARETID)}
    assert items["laerekontrakt"].done_at is not None
    assert items["markedsradgiver"].done_at is None
    page = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert "Lærekontrakt signert" in page
