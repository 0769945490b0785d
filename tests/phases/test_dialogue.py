"""The activity plan's dialogue: whose answer it waits for, messages from the participant
(typed by staff), Ferdigbehandlet, and the per-user read mark."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from core.exceptions import DomainError
from phases.models import ActivityCard, ActivityMessage, ActivityRead, Laerekontrakt, WaitingFor
from phases.services import (
    activity_card_create,
    activity_dialogue_done,
    activity_message_add,
    waiting_after_message,
)
from tests.factories import CompanyFactory, LaerefagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(participant, veileder):
    return activity_card_create(
        participant=participant, actor=veileder, title="Søke lærlingplass", kind="aktivitet"
    )


def _waiting(card) -> str:
    return ActivityCard.objects.get(pk=card.pk).waiting_for


def _url(card) -> str:
    return reverse("phases:activity_detail", args=[card.participant.uuid, card.uuid])


@pytest.mark.parametrize(
    ("from_participant", "awaiting_reply", "expected"),
    [
        (True, False, WaitingFor.NAV),
        (False, True, WaitingFor.DELTAKER),
        (False, False, WaitingFor.NONE),
    ],
)
def test_the_rule_for_a_new_message(from_participant, awaiting_reply, expected):
    assert waiting_after_message(
        from_participant=from_participant, awaiting_reply=awaiting_reply
    ) == (expected)


def test_the_waiting_state_through_a_conversation(card, veileder):
    assert _waiting(card) == WaitingFor.NONE
    # She writes: NAV owes an answer.
    activity_message_add(card=card, actor=veileder, text="Jeg fikk intervju", from_participant=True)
    assert _waiting(card) == WaitingFor.NAV
    # NAV asks back and waits for her.
    activity_message_add(card=card, actor=veileder, text="Når er det?", awaiting_reply=True)
    assert _waiting(card) == WaitingFor.DELTAKER
    # Ferdigbehandlet clears only NAV's turn: she still owes the answer.
    activity_dialogue_done(card=card, actor=veileder)
    assert _waiting(card) == WaitingFor.DELTAKER
    activity_message_add(card=card, actor=veileder, text="På fredag", from_participant=True)
    assert _waiting(card) == WaitingFor.NAV
    activity_dialogue_done(card=card, actor=veileder)
    assert _waiting(card) == WaitingFor.NONE
    activity_message_add(card=card, actor=veileder, text="Hvordan gikk det?", awaiting_reply=True)
    # A NAV message without the checkbox settles the thread.
    activity_message_add(card=card, actor=veileder, text="Lykke til!")
    assert _waiting(card) == WaitingFor.NONE
    hers = ActivityMessage.objects.filter(card=card, from_participant=True)
    assert hers.count() == 2 and set(hers.values_list("author", flat=True)) == {veileder.pk}


def test_her_message_cannot_wait_for_herself(card, veileder):
    with pytest.raises(DomainError):
        activity_message_add(
            card=card, actor=veileder, text="Hei", from_participant=True, awaiting_reply=True
        )
    assert not ActivityMessage.objects.filter(card=card).exists()


def test_changes_are_in_the_sporingslogg_without_the_text(card, veileder, participant):
    activity_message_add(card=card, actor=veileder, text="Hemmelig innhold", from_participant=True)
    activity_dialogue_done(card=card, actor=veileder)
    activity_dialogue_done(card=card, actor=veileder)  # nothing to clear: no second row
    rows = list(
        AuditEvent.objects.filter(
            participant=participant, action=AuditAction.CHANGE, what__contains="Aktivitet"
        )
        .order_by("pk")
        .values_list("what", flat=True)
    )
    assert rows[-2:] == [
        "Aktivitet (Aktivitet): melding fra deltakeren registrert",
        "Aktivitet (Aktivitet): dialogen er ferdigbehandlet",
    ]
    assert not any("Hemmelig" in what for what in rows)


def test_the_page_records_her_message_and_ferdigbehandlet(client, card, veileder):
    client.force_login(veileder)
    page = client.get(_url(card)).content.decode()
    assert 'name="form_token"' in page
    # Aksel checkbox markup (components/field.html).
    assert 'class="app-checkbox__input"' in page and "Meldingen er fra deltakeren" in page
    assert "Venter på svar fra deltakeren" in page
    assert "Ferdigbehandlet" not in page
    client.post(_url(card), {"text": "Jeg har fått svar", "from_participant": "on"})
    assert _waiting(card) == WaitingFor.NAV
    page = client.get(_url(card)).content.decode()
    assert "Venter på svar fra NAV" in page and "Ferdigbehandlet" in page
    assert "(deltaker)" in page and f"registrert av {veileder.name}" in page
    client.post(_url(card), {"ferdigbehandlet": "1"})
    assert _waiting(card) == WaitingFor.NONE
    client.post(_url(card), {"text": "Hva svarte de?", "awaiting_reply": "on"})
    assert _waiting(card) == WaitingFor.DELTAKER


def test_both_boxes_are_refused_in_the_form(client, card, veileder):
    client.force_login(veileder)
    response = client.post(
        _url(card), {"text": "Hei", "from_participant": "on", "awaiting_reply": "on"}
    )
    assert response.status_code == 200
    assert "kan ikke vente på svar fra deltakeren" in response.content.decode()
    assert not ActivityMessage.objects.filter(card=card).exists()


def test_a_colleague_cannot_clear_the_state(client, card, veileder, colleague):
    activity_message_add(card=card, actor=veileder, text="Hei", from_participant=True)
    client.force_login(colleague)
    assert client.post(_url(card), {"ferdigbehandlet": "1"}).status_code == 404
    assert _waiting(card) == WaitingFor.NAV


def test_opening_the_card_marks_it_read_for_her_alone(client, card, veileder, leder):
    client.force_login(veileder)
    client.get(_url(card))
    first = ActivityRead.objects.get(user=veileder, card=card).read_at
    client.get(_url(card))
    assert ActivityRead.objects.get(user=veileder, card=card).read_at >= first
    assert ActivityRead.objects.filter(card=card).count() == 1


# --- lærekontrakt: when the læretid ends ------------------------------------------------


def _contract_form(**extra):
    return {
        "company": CompanyFactory().pk,
        "laerefag": LaerefagFactory().pk,
        "opplaeringskontor": "OK Trøndelag",
        "signed_on": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        **extra,
    }


def test_laerekontrakt_records_when_the_laeretid_ends(client, veileder, participant):
    client.force_login(veileder)
    url = reverse("phases:laerekontrakt_create", args=[participant.uuid])
    assert "Læretiden slutter" in client.get(url).content.decode()
    ends = timezone.localdate() + datetime.timedelta(days=700)
    response = client.post(url, _contract_form(ends_on=ends.isoformat()))
    assert response.status_code == 302
    contract = Laerekontrakt.objects.get(participant=participant)
    assert contract.ends_on == ends
    assert f"til {ends:%d.%m.%Y}" in str(contract)
    # Optional: a contract without it is still registered.
    assert client.post(url, _contract_form()).status_code == 302


def test_laerekontrakt_end_is_bounded(client, veileder, participant):
    client.force_login(veileder)
    url = reverse("phases:laerekontrakt_create", args=[participant.uuid])
    too_late = client.post(url, _contract_form(ends_on="9999-12-31"))
    assert too_late.status_code == 200 and "Datoen må være mellom" in too_late.content.decode()
    before_signing = client.post(
        url,
        _contract_form(ends_on=(timezone.localdate() - datetime.timedelta(days=60)).isoformat()),
    )
    assert before_signing.status_code == 200
    assert "Læretiden må slutte etter" in before_signing.content.decode()
    assert not Laerekontrakt.objects.filter(participant=participant).exists()
