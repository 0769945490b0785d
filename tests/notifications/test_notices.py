"""Notices a veileder can act on: each names the participant (to the cleared only), links to
the place to act, and repeats fold into one unread notice per participant and kind."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import resolve, reverse
from django.utils import timezone

from careerguidance.models import KompetanseRequest
from careerguidance.reminders import appointment_reminders
from careerguidance.services import (
    appointment_book,
    day_in_words,
    kompetanse_request_answer,
    kompetanse_request_send,
)
from consent.models import ConsentPurpose
from notifications.models import Notification
from participants.models import Adressebeskyttelse, Participant
from participants.services import participant_reassign
from phases.services import laerekontrakt_register
from reminders.models import Delivery
from reminders.services import delivery_send, reminders_scan
from tests.factories import CompanyFactory, LaerefagFactory, ParticipantFactory, give_consent

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
LIST = reverse("notifications:list")


def at(y, m, d, h=8, minute=0):
    return datetime.datetime(y, m, d, h, minute, tzinfo=OSLO)


def scan_and_send(now):
    for pk in reminders_scan(now=now).delivery_ids:
        delivery_send(delivery_id=pk)


def unread(user):
    return list(Notification.objects.filter(recipient=user, read_at__isnull=True))


def assert_actionable(client, user, notice, participant, *, text):
    """The list names her beside the text, and the link opens a page the user may see."""
    client.force_login(user)
    page = client.get(LIST).content.decode()
    assert participant.full_name in page and text in page
    assert notice.participant_id == participant.pk
    assert participant.full_name not in notice.text  # the name comes from the link
    resolve(notice.url.split("#")[0])
    assert client.get(notice.url).status_code == 200


def test_overdue_follow_up_names_the_participant_and_repeats_fold_into_one(client, veileder):
    ingrid = ParticipantFactory(
        veileder=veileder, first_name="Ingrid", next_followup_due=datetime.date(2026, 11, 20)
    )
    ParticipantFactory(veileder=veileder, first_name="Ola", next_followup_due=at(2026, 11, 21))
    scan_and_send(at(2026, 11, 30))
    notices = unread(veileder)
    assert len(notices) == 2  # one per participant, each named
    notice = next(n for n in notices if n.participant_id == ingrid.pk)
    assert_actionable(client, veileder, notice, ingrid, text="Oppfølging er forfalt")
    # A new due date passes without a follow-up: the same notice is updated, not copied.
    Participant.objects.filter(pk=ingrid.pk).update(next_followup_due=datetime.date(2026, 11, 27))
    scan_and_send(at(2026, 11, 30, 9))
    assert Delivery.objects.filter(object_key=f"participant:{ingrid.pk}").count() == 2
    about_ingrid = [n for n in unread(veileder) if n.participant_id == ingrid.pk]
    assert len(about_ingrid) == 1 and about_ingrid[0].repeats == 2
    assert "(2 ganger)" in client.get(LIST).content.decode()


def test_once_read_the_next_overdue_notice_is_new(veileder):
    p = ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 11, 20))
    scan_and_send(at(2026, 11, 30))
    Notification.objects.update(read_at=timezone.now())
    Participant.objects.filter(pk=p.pk).update(next_followup_due=datetime.date(2026, 11, 27))
    scan_and_send(at(2026, 11, 30, 9))
    assert Notification.objects.count() == 2 and len(unread(veileder)) == 1


def test_protected_persons_reminder_goes_only_to_the_cleared(
    client, veileder, cleared_veileder, colleague
):
    hidden = ParticipantFactory(
        veileder=veileder,
        adressebeskyttelse=Adressebeskyttelse.FORTROLIG,
        next_followup_due=datetime.date(2026, 11, 20),
    )
    scan_and_send(at(2026, 11, 30))
    assert not Notification.objects.filter(recipient__in=[veileder, colleague]).exists()
    notice = Notification.objects.get(recipient=cleared_veileder)
    assert notice.participant_id == hidden.pk
    client.force_login(cleared_veileder)
    assert hidden.full_name in client.get(LIST).content.decode()


def test_a_notice_about_someone_who_became_protected_leaves_no_trace(client, veileder):
    p = ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 11, 20))
    scan_and_send(at(2026, 11, 30))
    notice = Notification.objects.get(recipient=veileder)
    Participant.objects.filter(pk=p.pk).update(skjermet=True)
    client.force_login(veileder)
    page = client.get(LIST).content.decode()
    assert p.full_name not in page and "Oppfølging er forfalt" not in page
    assert "uleste:" not in page  # not even a count
    response = client.post(reverse("notifications:read", args=[notice.uuid]), {"open": "1"})
    assert response.status_code == 404


def test_fagopplaering_answer_notifies_the_veileder(client, veileder, fagopplaering, participant):
    give_consent(participant, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    request = kompetanse_request_send(participant=participant, actor=veileder, question="?")
    kompetanse_request_answer(
        request=KompetanseRequest.objects.get(pk=request.pk),
        actor=fagopplaering,
        path="praksiskandidat",
        estimated_months=18,
    )
    (notice,) = unread(veileder)
    assert notice.kind == "kompetanse_answered"
    assert_actionable(client, veileder, notice, participant, text="Fagopplæringen har svart")


def test_karriereveileder_hears_of_her_booking(client, veileder, karriereveileder, participant):
    appointment = appointment_book(
        participant=participant,
        actor=veileder,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        mode="telefon",
        karriereveileder=karriereveileder,
    )
    (notice,) = unread(karriereveileder)
    assert notice.url == reverse("careerguidance:appointment", args=[appointment.uuid])
    assert_actionable(
        client, karriereveileder, notice, participant, text="Ny avtale om karriereveiledning"
    )
    assert not unread(veileder)


def test_the_new_veileder_hears_of_a_reassignment(client, leder, veileder, colleague, participant):
    participant_reassign(actor=leder, participant=participant, veileder=colleague)
    (notice,) = unread(colleague)
    assert_actionable(client, colleague, notice, participant, text="tildelt deg som veileder")
    participant_reassign(actor=leder, participant=participant, veileder=colleague)  # no-op
    assert len(unread(colleague)) == 1 and not unread(veileder)


def test_signed_laerekontrakt_notice_says_whose(client, veileder, markedsradgiver, participant):
    company = CompanyFactory(markedsradgiver=markedsradgiver)
    laerekontrakt_register(
        participant=participant,
        actor=veileder,
        company=company,
        laerefag=LaerefagFactory(),
        opplaeringskontor="OK Helse",
        signed_on=timezone.localdate(),
    )
    for delivery in Delivery.objects.all():
        delivery_send(delivery_id=delivery.pk)
    (notice,) = unread(markedsradgiver)
    assert notice.url == reverse("companies:detail", args=[company.uuid])
    assert_actionable(client, markedsradgiver, notice, participant, text="Lærekontrakt signert")


def test_laerekontrakt_of_a_protected_person_reaches_only_a_cleared_markedsradgiver(
    cleared_veileder, markedsradgiver, kontor
):
    veileder = cleared_veileder
    from tests.factories import UserFactory

    cleared = UserFactory(
        nav_kontor=kontor, roles=["markedsradgiver"], clearances=["view_strengt_fortrolig"]
    )
    hidden = ParticipantFactory(
        veileder=veileder, adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG
    )
    laerekontrakt_register(
        participant=hidden,
        actor=veileder,
        company=CompanyFactory(markedsradgiver=markedsradgiver),
        laerefag=LaerefagFactory(),
        opplaeringskontor="OK Helse",
        signed_on=timezone.localdate(),
    )
    assert list(Delivery.objects.values_list("recipient", flat=True)) == [cleared.pk]


@pytest.mark.parametrize(
    ("now", "starts", "word"),
    [
        (at(2026, 12, 2, 0, 1), at(2026, 12, 2, 23, 59), "i dag"),
        (at(2026, 12, 2, 23, 59), at(2026, 12, 3, 0, 1), "i morgen"),
        (at(2026, 12, 2, 10), at(2026, 12, 3, 9, 59), "i morgen"),
        # 23:30 UTC is already tomorrow in Oslo: the calendar there decides, not UTC's.
        (
            datetime.datetime(2026, 12, 2, 22, 0, tzinfo=datetime.UTC),
            datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC),
            "i morgen",
        ),
        (
            datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC),
            datetime.datetime(2026, 12, 3, 8, 0, tzinfo=datetime.UTC),
            "i dag",
        ),
    ],
)
def test_day_in_words_around_midnight_in_oslo(now, starts, word):
    assert day_in_words(starts, now) == word


def test_24_hour_reminder_says_i_dag_for_a_same_day_time(veileder, participant):
    from careerguidance.models import Appointment

    Appointment.objects.create(
        participant=participant,
        starts_at=at(2026, 12, 2, 14),
        mode="telefon",
        booked_by=veileder,
    )
    Appointment.objects.create(
        participant=ParticipantFactory(veileder=veileder),
        starts_at=at(2026, 12, 3, 7),
        mode="telefon",
        booked_by=veileder,
    )
    subjects = sorted(due.subject for due in appointment_reminders(at(2026, 12, 2, 8)))
    assert subjects == [
        "Påminnelse: karriereveiledning i dag kl. 14:00",
        "Påminnelse: karriereveiledning i morgen kl. 07:00",
    ]


def test_email_links_are_built_from_site_url(settings, veileder, markedsradgiver, participant):
    settings.SITE_URL = "https://oppfolging.example.no/"
    ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 11, 20))
    scan_and_send(at(2026, 11, 30))
    company = CompanyFactory(markedsradgiver=markedsradgiver)
    laerekontrakt_register(
        participant=participant,
        actor=veileder,
        company=company,
        laerefag=LaerefagFactory(),
        opplaeringskontor="OK Helse",
        signed_on=timezone.localdate(),
    )
    for delivery in Delivery.objects.filter(kind="larekontrakt"):
        delivery_send(delivery_id=delivery.pk)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "https://oppfolging.example.no/" in message.body
        assert "127.0.0.1" not in message.body and ":8000" not in message.body
    assert f"https://oppfolging.example.no/bedrifter/{company.uuid}/" in mail.outbox[1].body


@pytest.mark.parametrize(
    ("persona", "linked"),
    [("veileder", True), ("leder", True), ("markedsradgiver", True), ("karriereveileder", False)],
)
def test_notifications_page_links_the_settings_to_whom_has_them(client, personas, persona, linked):
    client.force_login(personas[persona])
    page = client.get(LIST).content.decode()
    settings_url = reverse("reminders:preferences")
    assert (f'href="{settings_url}"' in page) is linked
    assert client.get(settings_url).status_code == (200 if linked else 404)


def test_list_query_count_is_fixed_with_named_notices(client, veileder, django_assert_num_queries):
    for day in range(1, 31):
        ParticipantFactory(veileder=veileder, next_followup_due=datetime.date(2026, 10, day))
    scan_and_send(at(2026, 11, 30))
    client.force_login(veileder)
    client.get(LIST)
    # session, user, count, rows, unread
    for size in (10, 25):
        with django_assert_num_queries(5):
            page = client.get(LIST, {"per_side": size}).content.decode()
        assert page.count("Oppfølging er forfalt") == size
