import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from careerguidance.models import Appointment, AppointmentStatus, GuidanceNote, KompetanseRequest
from careerguidance.services import (
    appointment_book,
    appointment_reschedule,
    appointment_set_status,
    kompetanse_request_answer,
    kompetanse_request_send,
    note_save,
)
from consent.models import ConsentPurpose
from consent.services import consent_record, consent_withdraw
from core.exceptions import DomainError
from phases.services import kartlegging_save
from reminders.services import deliveries_to_dispatch, delivery_send
from tests.factories import give_consent as give

pytestmark = pytest.mark.django_db
SOON = timezone.now() + datetime.timedelta(days=7)


def book(participant, actor, kv=None, **kw):
    args = {"starts_at": SOON, "mode": "digitalt", "karriereveileder": kv}
    args.update(kw)
    return appointment_book(participant=participant, actor=actor, **args)


# --- consent gating ---------------------------------------------------------------------


def test_kompetansekartlegging_needs_consent_allowed_with_refused_without_and_after_withdrawal(
    veileder, participant
):
    with pytest.raises(DomainError) as exc:
        kompetanse_request_send(participant=participant, actor=veileder)
    assert "Mangler samtykke: Sende forespørsel om kompetansekartlegging" in exc.value.message
    consent = give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    assert kompetanse_request_send(participant=participant, actor=veileder).consent == consent
    consent_withdraw(consent=consent, actor=veileder)
    with pytest.raises(DomainError):
        kompetanse_request_send(participant=participant, actor=veileder)


def test_refused_action_page_says_which_consent_is_missing_and_offers_to_record_it(
    client, veileder, participant
):
    client.force_login(veileder)
    body = client.post(
        reverse("careerguidance:kompetanse_request", args=[participant.uuid]),
        {"question": "Hva mangler?"},
    ).content.decode()
    assert "Mangler samtykke" in body
    offer = reverse("consent:create", args=[participant.uuid]) + "?formal=kompetansekartlegging"
    assert offer in body
    form = client.get(offer).content.decode()
    assert 'value="kompetansekartlegging" selected' in form
    page = client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    assert reverse("consent:create", args=[participant.uuid]) in page


def test_consent_history_is_kept_withdrawal_is_a_new_row(veileder, participant):
    consent = give(participant, veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    w1 = consent_withdraw(consent=consent, actor=veileder, note="Ønsker ikke")
    w2 = consent_withdraw(consent=consent, actor=veileder)
    consent.refresh_from_db()
    assert w1.pk == w2.pk and consent.given_on == timezone.localdate()


def test_signed_form_consent_needs_the_upload(veileder, participant):
    with pytest.raises(DomainError):
        consent_record(
            participant=participant,
            actor=veileder,
            purpose=ConsentPurpose.SHARE_WITH_COUNTY,
            method="signed_form",
            given_on=timezone.localdate(),
        )


def test_caseload_shows_consent_at_a_glance(client, veileder, participant):
    client.force_login(veileder)
    assert "Samtykke</span>" not in client.get(reverse("participants:caseload")).content.decode()
    give(participant, veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    assert "Samtykke</span>" in client.get(reverse("participants:caseload")).content.decode()


# --- booking ---------------------------------------------------------------------------


def test_booking_records_a_confirmation_with_place_and_three_questions_and_sends_nothing_itself(
    veileder, karriereveileder, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        appt = book(
            participant,
            veileder,
            karriereveileder,
            mode="fysisk",
            location="Karrieresenteret, Trondheim",
        )
    assert appt.session_number == 1 and appt.duration_minutes == 45
    assert mail.outbox == [] and callbacks == []  # the outbox row is all the booking writes
    [delivery_id] = deliveries_to_dispatch()
    assert delivery_send(delivery_id=delivery_id) == "sent"
    [message] = mail.outbox
    assert message.to == [participant.email]
    assert "Karrieresenteret, Trondheim" in message.body
    assert "Tre spørsmål" in message.body and "3. " in message.body


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"starts_at": timezone.now() - datetime.timedelta(hours=1)}, "allerede vært"),
        ({"mode": ""}, "fysisk, på telefon eller digital"),
        ({"mode": "fysisk", "location": ""}, "hvilket kontor eller sted"),
        ({"veileder_attends": True}, "bare delta når deltakeren selv ønsker"),
    ],
)
def test_bad_bookings_are_refused_with_a_clear_message(veileder, participant, kwargs, message):
    with pytest.raises(DomainError) as exc:
        book(participant, veileder, **kwargs)
    assert message in exc.value.message


def test_a_fourth_session_is_refused_but_a_cancelled_one_frees_a_place(veileder, participant):
    sessions = [book(participant, veileder) for _ in range(3)]
    assert [s.session_number for s in sessions] == [1, 2, 3]
    with pytest.raises(DomainError) as exc:
        book(participant, veileder)
    assert "tre samtaler" in exc.value.message
    appointment_set_status(
        appointment=sessions[2], actor=veileder, status=AppointmentStatus.CANCELLED
    )
    assert book(participant, veileder).session_number == 3


def test_booking_form_shows_the_error_and_keeps_input(client, veileder, participant):
    client.force_login(veileder)
    response = client.post(
        reverse("careerguidance:book", args=[participant.uuid]),
        {"starts_at": "2020-01-01T10:00", "mode": "telefon"},
    )
    assert "allerede vært" in response.content.decode()
    assert not Appointment.objects.exists()


# --- separation between Karrieresenteret and NAV -----------------------------------------


def test_karriereveileder_sees_her_appointment_but_nothing_of_navs_case(
    client, veileder, karriereveileder, participant
):
    kartlegging_save(
        participant=participant, actor=veileder, economy="Sosialhjelp", health_treatment="Fastlege"
    )
    appt = book(participant, veileder, karriereveileder)
    client.force_login(karriereveileder)
    assert client.get(reverse("participants:detail", args=[participant.uuid])).status_code == 404
    for url in (
        reverse("careerguidance:appointments"),
        reverse("careerguidance:appointment", args=[appt.uuid]),
    ):
        body = client.get(url).content.decode()
        assert participant.first_name in body
        for nav_data in (
            "Sosialhjelp",
            "Fastlege",
            participant.fodselsnummer,
            participant.fodselsnummer[:6],
            "Kartlegging",
            "Fase",
        ):
            assert nav_data not in body, nav_data


def test_another_karriereveileder_gets_404_for_her_appointment(
    client, veileder, karriereveileder, participant
):
    from tests.factories import UserFactory

    appt = book(participant, veileder, karriereveileder)
    other = UserFactory(nav_kontor=None, roles=["karriereveileder"])
    client.force_login(other)
    assert client.get(reverse("careerguidance:appointment", args=[appt.uuid])).status_code == 404


def test_note_is_shown_to_nav_only_with_sharing_consent_and_hidden_again_on_withdrawal(
    client, veileder, karriereveileder, participant
):
    appt = book(participant, veileder, karriereveileder)
    client.force_login(karriereveileder)
    client.post(
        reverse("careerguidance:appointment", args=[appt.uuid]),
        {"note": "1", "interests": "Elsker å lage mat", "way_forward": "Prøve kokkfaget"},
    )
    assert GuidanceNote.objects.get().author == karriereveileder
    detail = reverse("participants:detail", args=[participant.uuid])
    client.force_login(veileder)
    assert "Elsker å lage mat" not in client.get(detail).content.decode()
    consent = give(participant, veileder, ConsentPurpose.SHARE_GUIDANCE_NOTE)
    assert "Elsker å lage mat" in client.get(detail).content.decode()
    consent_withdraw(consent=consent, actor=veileder)
    assert "Elsker å lage mat" not in client.get(detail).content.decode()


def test_only_the_appointments_karriereveileder_writes_the_note(
    veileder, karriereveileder, participant
):
    appt = book(participant, veileder, karriereveileder)
    with pytest.raises(DomainError):
        note_save(appointment=appt, actor=veileder, interests="x")


# --- kompetansekartlegging for every role ------------------------------------------------


def test_fagopplaering_sees_only_consented_requests_and_answers_with_a_plan(
    client, veileder, fagopplaering, participant
):
    consent = give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(
        participant=participant, actor=veileder, question="Hva gjenstår til helsefagarbeider?"
    )
    client.force_login(fagopplaering)
    listing = client.get(reverse("careerguidance:requests")).content.decode()
    assert participant.first_name in listing and participant.fodselsnummer not in listing
    response = client.post(
        reverse("careerguidance:answer", args=[kk.uuid]),
        {
            "path": "praksiskandidat",
            "estimated_months": 18,
            "completed_subjects": "Vg1 helse",
            "plan_text": "Praksiskandidat etter 5 års praksis",
        },
    )
    assert response.status_code == 302
    kk.refresh_from_db()
    assert kk.answered_by == fagopplaering and kk.estimated_months == 18
    client.force_login(veileder)
    assert (
        "Praksiskandidat etter 5 års praksis"
        in client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    )
    consent_withdraw(consent=consent, actor=veileder)
    client.force_login(fagopplaering)
    assert (
        participant.first_name
        not in client.get(reverse("careerguidance:requests")).content.decode()
    )
    assert client.get(reverse("careerguidance:answer", args=[kk.uuid])).status_code == 404


def test_only_fagopplaering_answers_and_must_choose_a_path(veileder, fagopplaering, participant):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    kk = kompetanse_request_send(participant=participant, actor=veileder)
    with pytest.raises(DomainError):
        kompetanse_request_answer(request=kk, actor=veileder, path="vgs")
    with pytest.raises(DomainError):
        kompetanse_request_answer(request=kk, actor=fagopplaering, path="")
    assert not KompetanseRequest.objects.get(pk=kk.pk).answered_at


@pytest.mark.parametrize(
    "persona",
    [
        "colleague",
        "other_veileder",
        "markedsradgiver",
        "karriereveileder",
        "fagopplaering",
        "outsider",
    ],
)
def test_only_her_veileder_or_leder_may_send_a_request(request, veileder, participant, persona):
    give(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    with pytest.raises(DomainError):
        kompetanse_request_send(participant=participant, actor=request.getfixturevalue(persona))


def test_karriereveileder_list_query_count_is_fixed(
    client, veileder, karriereveileder, django_assert_num_queries
):
    from tests.factories import ParticipantFactory

    for _ in range(12):
        book(ParticipantFactory(veileder=veileder), veileder, karriereveileder)
    client.force_login(karriereveileder)
    client.get(reverse("careerguidance:appointments"))
    for size in (10, 25):
        # +1: the sporingslogg row for the list
        with django_assert_num_queries(6):
            response = client.get(reverse("careerguidance:appointments"), {"per_side": size})
        assert len(response.context["page"].object_list) == min(size, 12)


# --- reminders ---------------------------------------------------------------------------


def test_appointment_reminder_24_hours_before_and_a_moved_one_reminds_at_the_new_time_only(
    veileder, participant
):
    from reminders.models import Delivery, DeliveryStatus, ReminderKind
    from reminders.services import reminders_scan

    start = timezone.now() + datetime.timedelta(days=3)
    appt = book(participant, veileder, starts_at=start)
    assert reminders_scan(now=start - datetime.timedelta(hours=25)).created == 0
    first = reminders_scan(now=start - datetime.timedelta(hours=23))
    assert first.created == 1
    new_start = start + datetime.timedelta(days=2)
    appointment_reschedule(appointment=appt, actor=veileder, starts_at=new_start)
    assert Delivery.objects.get(pk=first.delivery_ids[0]).status == DeliveryStatus.CANCELLED
    assert reminders_scan(now=start - datetime.timedelta(hours=1)).created == 0
    assert reminders_scan(now=new_start - datetime.timedelta(hours=2)).created == 1
    assert (
        Delivery.objects.filter(
            kind=ReminderKind.APPOINTMENT, status=DeliveryStatus.PENDING
        ).count()
        == 1
    )


def test_a_cancelled_appointment_sends_no_stale_reminder(veileder, participant):
    from reminders.models import DeliveryStatus
    from reminders.services import delivery_send, reminders_scan

    start = timezone.now() + datetime.timedelta(hours=10)
    appt = book(participant, veileder, starts_at=start)
    [delivery_id] = reminders_scan().delivery_ids
    appointment_set_status(appointment=appt, actor=veileder, status=AppointmentStatus.CANCELLED)
    assert delivery_send(delivery_id=delivery_id) == "skipped"
    assert mail.outbox == []
    from reminders.models import Delivery

    assert Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.CANCELLED


def test_reminder_window_is_24_real_hours_across_dst(veileder, participant):
    import zoneinfo

    from reminders.services import reminders_scan

    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    # 10:00 on Sunday 29 March 2026 is 08:00 UTC (summer time began at 02:00 that night);
    # 10:00 the day before was 09:00 UTC: wall-clock arithmetic would be an hour off.
    start = datetime.datetime(2026, 3, 29, 10, 0, tzinfo=oslo)
    Appointment.objects.create(
        participant=participant, starts_at=start, mode="telefon", booked_by=veileder
    )
    utc = datetime.UTC
    assert (
        reminders_scan(now=datetime.datetime(2026, 3, 28, 7, 30, tzinfo=utc)).created == 0
    )  # 24.5 h before
    assert (
        reminders_scan(now=datetime.datetime(2026, 3, 28, 8, 30, tzinfo=utc)).created == 1
    )  # 23.5 h before


def test_held_guidance_becomes_a_card_in_the_activity_plan_with_the_samtalereferat(
    client, veileder, karriereveileder, participant
):
    from phases.models import ActivityCard, ActivityKind, ActivityStatus

    appt = book(participant, veileder, karriereveileder)
    client.force_login(veileder)
    url = reverse("careerguidance:summary", args=[participant.uuid, appt.uuid])
    refused = client.post(url, {"summary": "For tidlig"})
    assert "gjennomført samtale" in refused.content.decode()
    appointment_set_status(appointment=appt, actor=karriereveileder, status=AppointmentStatus.HELD)
    assert (
        client.post(url, {"summary": "Snakket om kokkfaget; søker læreplass i vår."}).status_code
        == 302
    )
    card = ActivityCard.objects.get(participant=participant)
    assert card.kind == ActivityKind.KARRIEREVEILEDNING and card.status == ActivityStatus.FULLFORT
    assert "kokkfaget" in card.description
    assert (
        "Karriereveiledning gjennomført (1. samtale)"
        in client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    )


def test_karriereveileder_reads_are_in_the_sporingslogg(
    client, veileder, karriereveileder, participant
):
    from audit.models import AuditEvent

    appt = book(participant, veileder, karriereveileder)
    client.force_login(karriereveileder)
    client.get(reverse("careerguidance:appointment", args=[appt.uuid]))
    assert AuditEvent.objects.filter(actor=karriereveileder, participant=participant).exists()
