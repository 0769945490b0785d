"""Registering a number that is taken must not tell whether a protected person has it.

The answer is the same for a protected and an ordinary person the user may not see (same
status, same page apart from the CSRF token), the attempt is in the sporingslogg (and the
log, at warning level for a protected person), and the sixth such attempt within a minute
is refused with a message that says what to do.
"""

import logging
import re

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from participants.models import Adressebeskyttelse, Participant
from participants.services import DUPLICATE_MESSAGE
from tests.factories import ParticipantFactory
from tests.participants.test_views import form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("participants:create")


def normalised(response, typed: str) -> str:
    """The page without what differs per request anyway: the CSRF token and the number
    typed in, which the form shows back."""
    body = response.content.decode().replace(typed, "<typed>")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    # A fresh one-time form token on every rendering (core.formtokens), whoever she is.
    body = re.sub(r'name="form_token" value="[^"]+"', "", body)
    return re.sub(r'hx-headers=\'\{"X-CSRFToken": "[^"]+"\}\'', "", body)


def test_a_protected_and_an_ordinary_person_get_the_same_answer_and_are_audited(
    client, other_veileder, kontor, caplog
):
    protected = ParticipantFactory(
        nav_kontor=kontor, veileder=None, adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG
    )
    ordinary = ParticipantFactory(nav_kontor=kontor, veileder=None)
    client.force_login(other_veileder)
    with caplog.at_level(logging.INFO, logger="auditLogger"):
        answers = [
            client.post(CREATE, form_data(fodselsnummer=p.fodselsnummer))
            for p in (protected, ordinary)
        ]
    assert [a.status_code for a in answers] == [200, 200]
    assert normalised(answers[0], protected.fodselsnummer) == normalised(
        answers[1], ordinary.fodselsnummer
    )
    assert DUPLICATE_MESSAGE in answers[0].content.decode()
    assert protected.last_name not in answers[0].content.decode()
    assert Participant.objects.count() == 2

    attempts = AuditEvent.objects.filter(action=AuditAction.REGISTER_EXISTING, actor=other_veileder)
    assert sorted(attempts.values_list("participant_id", flat=True)) == sorted(
        [protected.pk, ordinary.pk]
    )
    levels = [r.levelno for r in caplog.records if r.name == "auditLogger"]
    assert levels == [logging.WARNING, logging.INFO]
    for record in caplog.records:
        assert protected.fodselsnummer not in record.getMessage()
        assert ordinary.fodselsnummer not in record.getMessage()


def test_the_sixth_attempt_within_a_minute_is_refused(client, other_veileder, kontor):
    taken = ParticipantFactory.create_batch(6, nav_kontor=kontor, veileder=None)
    client.force_login(other_veileder)
    for person in taken[:5]:
        response = client.post(CREATE, form_data(fodselsnummer=person.fodselsnummer))
        assert DUPLICATE_MESSAGE in response.content.decode()
    sixth = client.post(CREATE, form_data(fodselsnummer=taken[5].fodselsnummer))
    body = sixth.content.decode()
    assert sixth.status_code == 200
    assert "Vent ett minutt før du prøver igjen" in body and DUPLICATE_MESSAGE not in body
    # Refused before any look-up: no audit row about the sixth person, nothing registered.
    assert not AuditEvent.objects.filter(participant=taken[5]).exists()
    fresh = client.post(CREATE, form_data())
    assert "Vent ett minutt" in fresh.content.decode()
    assert not Participant.objects.filter(last_name="Aune").exists()


def test_the_limit_is_per_user(client, other_veileder, colleague, kontor):
    taken = ParticipantFactory.create_batch(5, nav_kontor=kontor, veileder=None)
    client.force_login(other_veileder)
    for person in taken:
        client.post(CREATE, form_data(fodselsnummer=person.fodselsnummer))
    client.force_login(colleague)
    response = client.post(CREATE, form_data())
    assert response.status_code == 302
