"""Work other roles do for a protected person goes to colleagues cleared for her."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from careerguidance.services import appointment_book, kompetanse_request_send
from consent.models import ConsentPurpose
from core.exceptions import DomainError
from matching.models import MatchStatus
from matching.services import match_propose, match_transition
from notifications.models import Notification
from participants.access import cleared_for, cleared_users, required_clearances
from participants.models import Adressebeskyttelse
from participants.services import participant_reassign
from tests.factories import CompanyFactory, ParticipantFactory, UserFactory, give_consent

pytestmark = pytest.mark.django_db

KODE7 = ["view_fortrolig"]


@pytest.fixture
def kode7(cleared_veileder):
    return ParticipantFactory(
        veileder=cleared_veileder, adressebeskyttelse=Adressebeskyttelse.FORTROLIG
    )


def test_the_clearance_helpers_agree_with_the_permissions(kode7, veileder, cleared_veileder):
    assert required_clearances(kode7) == ("participants.view_fortrolig",)
    assert required_clearances(ParticipantFactory(skjermet=True)) == ("participants.view_skjermet",)
    assert not cleared_for(veileder, kode7) and cleared_for(cleared_veileder, kode7)
    via_group = UserFactory(roles=["veileder"])
    group = Group.objects.create(name="kode7-klarert")
    group.permissions.add(Permission.objects.get(codename="view_fortrolig"))
    via_group.groups.add(group)
    inactive = UserFactory(clearances=KODE7, is_active=False)
    cleared = set(cleared_users(User.objects.all(), kode7))
    assert cleared_veileder in cleared and via_group in cleared
    assert veileder not in cleared and inactive not in cleared


def test_booking_offers_only_cleared_karriereveiledere_and_says_so_when_none(
    client, cleared_veileder, karriereveileder, kode7
):
    url = reverse("careerguidance:book", args=[kode7.uuid])
    client.force_login(cleared_veileder)
    body = client.get(url).content.decode()
    assert "Ingen karriereveileder har tilgang til å se denne deltakeren" in body
    assert karriereveileder.name not in body
    with pytest.raises(DomainError):
        appointment_book(
            participant=kode7,
            actor=cleared_veileder,
            starts_at=timezone.now() + datetime.timedelta(days=2),
            mode="telefon",
            karriereveileder=karriereveileder,
        )
    with pytest.raises(DomainError):  # "assigned later" could be anyone
        appointment_book(
            participant=kode7,
            actor=cleared_veileder,
            starts_at=timezone.now() + datetime.timedelta(days=2),
            mode="telefon",
        )
    cleared_kv = UserFactory(nav_kontor=None, roles=["karriereveileder"], clearances=KODE7)
    body = client.get(url).content.decode()
    assert cleared_kv.name in body and "Ingen karriereveileder har tilgang" not in body
    response = client.post(
        url,
        {
            "starts_at": (timezone.localtime() + datetime.timedelta(days=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "mode": "telefon",
            "karriereveileder": cleared_kv.pk,
        },
    )
    assert response.status_code == 302
    assert kode7.guidance_appointments.get().karriereveileder == cleared_kv


def test_a_request_for_her_reaches_only_cleared_fagopplaering(
    client, cleared_veileder, fagopplaering, kode7
):
    give_consent(kode7, cleared_veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    form = reverse("careerguidance:kompetanse_request", args=[kode7.uuid])
    client.force_login(cleared_veileder)
    assert "Ingen i fagopplæringen har tilgang" in client.get(form).content.decode()
    assert "Ingen i fagopplæringen har tilgang" in client.post(form, {}).content.decode()
    kk = kompetanse_request_send(participant=kode7, actor=cleared_veileder)
    cleared_fo = UserFactory(nav_kontor=None, roles=["fagopplaering"], clearances=KODE7)
    client.force_login(fagopplaering)
    assert kode7.last_name not in client.get(reverse("careerguidance:requests")).content.decode()
    answer = reverse("careerguidance:answer", args=[kk.uuid])
    assert client.get(answer).status_code == 404
    client.force_login(cleared_fo)
    assert kode7.last_name in client.get(reverse("careerguidance:requests")).content.decode()
    assert client.get(answer).status_code == 200
    client.force_login(cleared_veileder)
    assert "Ingen i fagopplæringen har tilgang" not in client.get(form).content.decode()


def test_her_match_is_reviewed_and_announced_only_to_cleared_markedsradgivere(
    client, cleared_veileder, markedsradgiver, kode7
):
    company = CompanyFactory(markedsradgiver=markedsradgiver)
    cleared_mr = UserFactory(
        nav_kontor=kode7.nav_kontor, roles=["markedsradgiver"], clearances=KODE7
    )
    match = match_propose(
        actor=cleared_veileder, participant=kode7, company=company, motivation="God match."
    )
    match_transition(actor=cleared_veileder, match=match, to_status=MatchStatus.TIL_VURDERING)
    assert not Notification.objects.filter(recipient=markedsradgiver).exists()
    note = Notification.objects.get(recipient=cleared_mr)
    assert "sendt til vurdering" in note.text
    client.force_login(cleared_mr)
    assert client.get(note.url).status_code == 200  # "Åpne" leads to the review
    client.force_login(markedsradgiver)
    assert client.get(note.url).status_code == 404
    assert kode7.last_name not in client.get(reverse("matching:queue")).content.decode()
    with pytest.raises(DomainError):
        match_transition(actor=markedsradgiver, match=match, to_status=MatchStatus.GODKJENT)
    match_transition(actor=cleared_mr, match=match, to_status=MatchStatus.GODKJENT)


def test_an_ordinary_match_still_goes_to_the_companys_markedsradgiver(
    veileder, markedsradgiver, participant
):
    company = CompanyFactory(markedsradgiver=markedsradgiver)
    match = match_propose(
        actor=veileder, participant=participant, company=company, motivation="God match."
    )
    match_transition(actor=veileder, match=match, to_status=MatchStatus.TIL_VURDERING)
    assert Notification.objects.filter(recipient=markedsradgiver).count() == 1


def test_she_is_reassigned_only_to_a_cleared_veileder(leder, cleared_veileder, colleague):
    leder_cleared = UserFactory(nav_kontor=leder.nav_kontor, roles=["leder"], clearances=KODE7)
    person = ParticipantFactory(
        veileder=cleared_veileder, adressebeskyttelse=Adressebeskyttelse.FORTROLIG
    )
    with pytest.raises(DomainError, match="har ikke tilgang"):
        participant_reassign(actor=leder_cleared, participant=person, veileder=colleague)
    other_cleared = UserFactory(nav_kontor=leder.nav_kontor, roles=["veileder"], clearances=KODE7)
    assert (
        participant_reassign(
            actor=leder_cleared, participant=person, veileder=other_cleared
        ).veileder
        == other_cleared
    )
