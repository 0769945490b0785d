"""Status edges, answering once, and the query counts of Karrieresenteret's and fagopplæring's pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from careerguidance.models import Appointment, AppointmentStatus, KompetanseRequest
from careerguidance.services import (
    appointment_book,
    appointment_reschedule,
    appointment_set_status,
    kompetanse_request_answer,
    kompetanse_request_send,
    note_save,
)
from consent.models import ConsentPurpose
from consent.services import consent_withdraw
from core.exceptions import DomainError
from tests.factories import ParticipantFactory, UserFactory
from tests.factories import give_consent as give

pytestmark = pytest.mark.django_db


def book(participant, actor, kv=None, **kw):
    args = {
        "starts_at": timezone.now() + datetime.timedelta(days=7),
        "mode": "telefon",
        "karriereveileder": kv,
    }
    args.update(kw)
    return appointment_book(participant=participant, actor=actor, **args)


def answer(kk, actor, **kw):
    args = {"path": "laerekontrakt", "estimated_months": 24, "plan_text": "Lærekontrakt"}
    args.update(kw)
    return kompetanse_request_answer(request=kk, actor=actor, **args)


# --- appointment status -----------------------------------------------------------------


def test_a_cancelled_session_cannot_come_back_and_make_a_fourth(veileder, participant):
    first, *_ = [book(participant, veileder) for _ in range(3)]
    appointment_set_status(appointment=first, actor=veileder, status=AppointmentStatus.CANCELLED)
    book(participant, veileder)
    with pytest.raises(DomainError) as exc:
        appointment_set_status(appointment=first, actor=veileder, status=AppointmentStatus.BOOKED)
    assert "kan ikke endres til «bestilt»" in exc.value.message
    assert (
        Appointment.objects.filter(participant=participant)
        .exclude(status=AppointmentStatus.CANCELLED)
        .count()
        == 3
    )


def test_setting_the_current_status_again_is_a_no_op(veileder, karriereveileder, participant):
    appt = book(participant, veileder, karriereveileder)
    appointment_set_status(appointment=appt, actor=karriereveileder, status=AppointmentStatus.HELD)
    before = AuditEvent.objects.filter(actor=karriereveileder).count()
    appointment_set_status(appointment=appt, actor=karriereveileder, status=AppointmentStatus.HELD)
    assert AuditEvent.objects.filter(actor=karriereveileder).count() == before == 1


def test_another_karriereveileder_may_not_change_her_appointment(
    veileder, karriereveileder, participant
):
    appt = book(participant, veileder, karriereveileder)
    other = UserFactory(nav_kontor=None, roles=["karriereveileder"])
    with pytest.raises(DomainError):
        appointment_set_status(appointment=appt, actor=other, status=AppointmentStatus.HELD)
    with pytest.raises(DomainError):
        note_save(appointment=appt, actor=other, interests="x")


def test_only_a_booked_session_can_be_moved(veileder, participant):
    appt = book(participant, veileder)
    appointment_set_status(appointment=appt, actor=veileder, status=AppointmentStatus.NO_SHOW)
    with pytest.raises(DomainError) as exc:
        appointment_reschedule(
            appointment=appt,
            actor=veileder,
            starts_at=timezone.now() + datetime.timedelta(days=9),
        )
    assert "Bare en bestilt avtale" in exc.value.message


def test_karriereveileder_sees_the_refused_status_change_on_her_page(
    client, veileder, karriereveileder, participant
):
    appt = book(participant, veileder, karriereveileder)
    appointment_set_status(appointment=appt, actor=veileder, status=AppointmentStatus.CANCELLED)
    client.force_login(karriereveileder)
    response = client.post(
        reverse("careerguidance:appointment", args=[appt.uuid]), {"status": "held"}
    )
    assert response.status_code == 200
    assert "kan ikke endres til «gjennomført»" in response.content.decode()
    appt.refresh_from_db()
    assert appt.status == AppointmentStatus.CANCELLED


def test_her_list_holds_only_her_own_appointments(client, veileder, karriereveileder, participant):
    other_kv = UserFactory(nav_kontor=None, roles=["karriereveileder"])
    mine = book(participant, veileder, karriereveileder)
    book(ParticipantFactory(veileder=veileder, first_name="Annensin"), veileder, other_kv)
    book(ParticipantFactory(veileder=veileder, first_name="Utildelt"), veileder)
    client.force_login(karriereveileder)
    body = client.get(reverse("careerguidance:appointments")).content.decode()
    assert reverse("careerguidance:appointment", args=[mine.uuid]) in body
    assert "Annensin" not in body and "Utildelt" not in body


# --- answering a kompetansekartlegging ----------------------------------------------------


def test_fagopplaering_answers_once_and_then_sees_the_answer_read_only(
    client, veileder, fagopplaering, participant
):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    answer(kk, fagopplaering)
    with pytest.raises(DomainError) as exc:
        answer(kk, fagopplaering, plan_text="Et annet svar")
    assert "allerede besvart" in exc.value.message
    assert KompetanseRequest.objects.get(pk=kk.pk).plan_text == "Lærekontrakt"
    client.force_login(fagopplaering)
    body = client.get(reverse("careerguidance:answer", args=[kk.uuid])).content.decode()
    assert "Besvart" in body and "Lærekontrakt" in body and "<form" not in body.split("<main")[-1]


def test_answer_is_refused_once_the_consent_is_withdrawn(veileder, fagopplaering, participant):
    consent = give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    consent_withdraw(consent=consent, actor=veileder)
    with pytest.raises(DomainError) as exc:
        answer(kk, fagopplaering)
    assert "Samtykket er trukket" in exc.value.message
    assert KompetanseRequest.objects.get(pk=kk.pk).answered_at is None


def test_an_estimate_of_zero_months_is_refused(veileder, fagopplaering, participant):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    with pytest.raises(DomainError) as exc:
        answer(kk, fagopplaering, estimated_months=0)
    assert "mellom 1 og 120 måneder" in exc.value.message


@pytest.mark.parametrize("persona", ["veileder", "leder", "karriereveileder", "markedsradgiver"])
def test_no_one_but_fagopplaering_answers(request, veileder, participant, persona):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    with pytest.raises(DomainError):
        answer(kk, request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", ["leder", "colleague", "markedsradgiver", "karriereveileder"])
def test_nav_and_karriereveileder_cannot_open_fagopplaerings_pages(
    client, request, veileder, participant, persona
):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("careerguidance:requests")).status_code == 404
    assert client.get(reverse("careerguidance:answer", args=[kk.uuid])).status_code == 404


# --- the leder sees the note only as the veileder does ------------------------------------


def test_leder_sees_the_note_only_with_the_sharing_consent(
    client, veileder, leder, karriereveileder, participant
):
    appt = book(participant, veileder, karriereveileder)
    note_save(appointment=appt, actor=karriereveileder, values="Trygghet og fellesskap")
    client.force_login(leder)
    detail = reverse("participants:detail", args=[participant.uuid])
    assert "Trygghet og fellesskap" not in client.get(detail).content.decode()
    give(participant, veileder, ConsentPurpose.SHARE_GUIDANCE_NOTE)
    assert "Trygghet og fellesskap" in client.get(detail).content.decode()


# --- pinned query counts ----------------------------------------------------------------


def test_fagopplaering_list_query_count_is_fixed(
    client, veileder, fagopplaering, django_assert_num_queries
):
    for _ in range(12):
        person = ParticipantFactory(veileder=veileder)
        give(person, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
        kompetanse_request_send(participant=person, actor=veileder)
    client.force_login(fagopplaering)
    url = reverse("careerguidance:requests")
    client.get(url)
    for size in (10, 50):
        # session, user, notifications, count, page, the sporingslogg row
        with django_assert_num_queries(6):
            response = client.get(url, {"per_side": size})
        assert len(response.context["page"].object_list) == min(size, 12)


def test_answer_page_query_count_is_fixed(
    client, veileder, fagopplaering, participant, django_assert_num_queries
):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    client.force_login(fagopplaering)
    url = reverse("careerguidance:answer", args=[kk.uuid])
    client.get(url)
    with django_assert_num_queries(5):
        client.get(url)
    answer(kk, fagopplaering)
    with django_assert_num_queries(5):
        client.get(url)


def test_appointment_page_query_count_is_fixed(
    client, veileder, karriereveileder, participant, django_assert_num_queries
):
    appt = book(participant, veileder, karriereveileder)
    client.force_login(karriereveileder)
    url = reverse("careerguidance:appointment", args=[appt.uuid])
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    note_save(appointment=appt, actor=karriereveileder, interests="Mat")
    with django_assert_num_queries(6):
        client.get(url)


def test_participant_section_query_count_does_not_grow_with_guidance(
    client, veileder, karriereveileder, fagopplaering, participant, django_assert_num_queries
):
    def add_round():
        for purpose in ConsentPurpose.values:
            consent_withdraw(consent=give(participant, veileder, purpose), actor=veileder)
            give(participant, veileder, purpose)
        appt = book(participant, veileder, karriereveileder)
        note_save(appointment=appt, actor=karriereveileder, interests="Mat")
        answer(kompetanse_request_send(participant=participant, actor=veileder), fagopplaering)

    client.force_login(veileder)
    url = reverse("participants:detail", args=[participant.uuid])
    add_round()
    client.get(url)
    # Other apps' sections change the total; what matters is that ours does not grow.
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_round()
    add_round()
    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(url).content.decode()
    # three rounds of one valid consent per purpose (and the withdrawn ones listed, unlinked)
    assert body.count("Trekk tilbake</a>") == 3 * len(ConsentPurpose.values)
