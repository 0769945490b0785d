"""Registering a passed fagprøve: the end of the model's road, counted in the overview."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from core.exceptions import DomainError
from phases.models import Fagbrev
from phases.services import fagbrev_register, laerekontrakt_register
from tests.factories import CompanyFactory, LaerefagFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def with_contract(participant, actor, fag):
    laerekontrakt_register(
        participant=participant,
        actor=actor,
        company=CompanyFactory(),
        laerefag=fag,
        opplaeringskontor="OK Trøndelag",
        signed_on=datetime.date(2024, 8, 1),
    )


def test_fagbrev_needs_a_laerekontrakt(veileder):
    p = ParticipantFactory(veileder=veileder)
    with pytest.raises(DomainError, match="lærekontrakt"):
        fagbrev_register(
            participant=p,
            actor=veileder,
            laerefag=LaerefagFactory(),
            passed_on=timezone.localdate(),
        )
    assert not Fagbrev.objects.exists()


def test_fagbrev_date_cannot_be_in_the_future(veileder):
    p = ParticipantFactory(veileder=veileder)
    fag = LaerefagFactory()
    with_contract(p, veileder, fag)
    with pytest.raises(DomainError, match="framtiden"):
        fagbrev_register(
            participant=p,
            actor=veileder,
            laerefag=fag,
            passed_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_registering_a_fagbrev_from_the_participant_page(client, veileder):
    p = ParticipantFactory(veileder=veileder)
    fag = LaerefagFactory(name="Fagbrevfaget")
    with_contract(p, veileder, fag)
    client.force_login(veileder)
    url = reverse("phases:fagbrev_create", args=[p.uuid])
    assert url in client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    response = client.post(url, {"laerefag": fag.pk, "passed_on": "2026-06-15"})
    assert response.status_code == 302
    fagbrev = Fagbrev.objects.get(participant=p)
    assert fagbrev.passed_on == datetime.date(2026, 6, 15) and fagbrev.registered_by == veileder
    page = client.get(reverse("participants:detail", args=[p.uuid])).content.decode()
    assert "Fagbrevfaget, fagprøve bestått 15.06.2026" in page
    assert AuditEvent.objects.filter(
        participant=p, action=AuditAction.CHANGE, what__startswith="Fagbrev"
    ).exists()


def test_a_refused_fagbrev_keeps_what_was_typed(client, veileder):
    p = ParticipantFactory(veileder=veileder)
    fag = LaerefagFactory()
    client.force_login(veileder)
    response = client.post(
        reverse("phases:fagbrev_create", args=[p.uuid]),
        {"laerefag": fag.pk, "passed_on": "2026-06-15"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Registrer lærekontrakten først" in html and 'value="2026-06-15"' in html
