"""Huskelapp and fargekategori: set through the service, audited, shown and reminded."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from core.exceptions import DomainError
from participants.services import participant_anonymise
from reminders.models import Delivery, ReminderKind
from reminders.services import reminders_scan
from tests.factories import ParticipantFactory
from workday.models import ParticipantMark
from workday.services import mark_save

pytestmark = pytest.mark.django_db


def test_save_through_the_page_is_audited_and_shown(client, veileder, participant):
    client.force_login(veileder)
    deadline = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(
        reverse("workday:mark", args=[participant.uuid]),
        {"note": "Ring om CV", "deadline": deadline.isoformat(), "category": "lilla"},
    )
    assert response.status_code == 302
    mark = ParticipantMark.objects.get(participant=participant)
    assert (mark.note, mark.deadline, mark.category) == ("Ring om CV", deadline, "lilla")
    change = AuditEvent.objects.get(participant=participant, action=AuditAction.CHANGE)
    assert change.what == "Endret huskelapp og fargekategori"
    body = client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    assert "Ring om CV" in body and "Lilla rombe" in body


def test_the_same_values_again_write_no_second_audit_row(veileder, participant):
    for _ in range(2):
        mark_save(participant=participant, actor=veileder, note="A", deadline=None, category="")
    assert (
        AuditEvent.objects.filter(action=AuditAction.CHANGE, participant=participant).count() == 1
    )


def test_refuses_a_note_too_long_a_deadline_without_note_and_a_stranger(
    veileder, other_veileder, participant
):
    with pytest.raises(DomainError):
        mark_save(
            participant=participant, actor=veileder, note="x" * 201, deadline=None, category=""
        )
    with pytest.raises(DomainError):
        mark_save(
            participant=participant,
            actor=veileder,
            note="",
            deadline=timezone.localdate(),
            category="",
        )
    with pytest.raises(DomainError):
        mark_save(
            participant=participant, actor=other_veileder, note="A", deadline=None, category=""
        )
    assert not ParticipantMark.objects.exists()


def test_emptying_both_removes_the_mark(veileder, participant):
    mark_save(participant=participant, actor=veileder, note="A", deadline=None, category="gul")
    mark_save(participant=participant, actor=veileder, note="", deadline=None, category="")
    assert not ParticipantMark.objects.exists()


def test_the_deadline_reminds_the_veileder_once_on_the_day(veileder, participant):
    today = timezone.localdate()
    mark_save(participant=participant, actor=veileder, note="Ring", deadline=today, category="")
    other = ParticipantFactory(veileder=veileder)
    mark_save(
        participant=other,
        actor=veileder,
        note="Senere",
        deadline=today + datetime.timedelta(days=5),
        category="",
    )
    reminders_scan()
    reminders_scan()
    rows = Delivery.objects.filter(kind=ReminderKind.HUSKELAPP)
    assert [(d.recipient_id, d.participant_id) for d in rows] == [(veileder.pk, participant.pk)]
    assert "Ring" not in rows[0].body and participant.last_name not in rows[0].body


def test_anonymisation_removes_the_mark(veileder, participant):
    from participants.models import Phase

    mark_save(participant=participant, actor=veileder, note="A", deadline=None, category="gul")
    participant.phase = Phase.AVSLUTTET  # only an ended case is anonymised
    participant.save(update_fields=["phase"])
    assert participant_anonymise(participant=participant)
    assert not ParticipantMark.objects.filter(participant=participant).exists()


def test_mark_page_query_count_is_fixed(client, veileder, participant, django_assert_num_queries):
    client.force_login(veileder)
    url = reverse("workday:mark", args=[participant.uuid])
    client.get(url)
    # session, user (roles and grants come with the session), the participant, the look's audit row,
    # unread notifications, the mark
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    mark_save(participant=participant, actor=veileder, note="A", deadline=None, category="gra")
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_the_innsyn_holds_the_huskelapp(veileder, participant):
    from documents.innsyn import innsyn_sections

    mark_save(participant=participant, actor=veileder, note="Ring", deadline=None, category="gra")
    [section] = [s for s in innsyn_sections(participant) if s.title.startswith("Huskelapp")]
    assert ("Huskelapp", "Ring") in section.fields
    assert ("Fargekategori", "Grå sekskant") in section.fields
