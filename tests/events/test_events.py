import datetime

import pytest
from django.urls import reverse

from core.exceptions import DomainError
from events.models import Outcome
from events.selectors import find_alternative
from events.services import event_create, invitation_create, invitation_record_outcome
from matching.services import match_propose
from tests.factories import CompanyFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_not_matched_at_the_event_lands_in_find_alternative_until_a_new_match_is_proposed(
    client, veileder
):
    company, other = CompanyFactory(), CompanyFactory()
    event = event_create(
        actor=veileder,
        kind="kick_off",
        title="Kick-Off",
        date=datetime.date(2026, 11, 20),
        place="Trondheim",
        companies=[company],
    )
    anna = ParticipantFactory(veileder=veileder, first_name="Anna")
    bo = ParticipantFactory(veileder=veileder, first_name="Bo")
    a = invitation_create(event=event, participant=anna, actor=veileder)
    b = invitation_create(event=event, participant=bo, actor=veileder)
    invitation_record_outcome(invitation=a, actor=veileder, outcome=Outcome.IKKE_MATCHET)
    invitation_record_outcome(
        invitation=b, actor=veileder, outcome=Outcome.MATCHET, company=company
    )
    assert [i.participant for i in find_alternative(veileder)] == [anna]
    client.force_login(veileder)
    assert "Anna" in client.get(reverse("events:alternatives")).content.decode()
    match_propose(actor=veileder, participant=anna, company=other, motivation="Ny sjanse")
    assert list(find_alternative(veileder)) == []


def test_matched_must_name_one_of_the_event_companies(veileder):
    event = event_create(
        actor=veileder,
        kind="moteplass",
        title="Møteplass",
        date=datetime.date(2026, 11, 20),
        place="Steinkjer",
        companies=[CompanyFactory()],
    )
    inv = invitation_create(
        event=event, participant=ParticipantFactory(veileder=veileder), actor=veileder
    )
    with pytest.raises(DomainError):
        invitation_record_outcome(
            invitation=inv, actor=veileder, outcome=Outcome.MATCHET, company=CompanyFactory()
        )


def test_only_her_veileder_invites_her(veileder, colleague):
    event = event_create(
        actor=veileder, kind="moteplass", title="M", date=datetime.date(2026, 11, 20), place="X"
    )
    with pytest.raises(DomainError):
        invitation_create(
            event=event, participant=ParticipantFactory(veileder=veileder), actor=colleague
        )


def test_event_detail_shows_companies_and_candidates(client, veileder, markedsradgiver):
    company = CompanyFactory(name="Sykehjemmet AS")
    event = event_create(
        actor=veileder,
        kind="moteplass",
        title="Helsedagen",
        date=datetime.date(2026, 11, 20),
        place="Trondheim",
        companies=[company],
    )
    p = ParticipantFactory(veileder=veileder, first_name="Sara")
    invitation_create(event=event, participant=p, actor=veileder)
    client.force_login(markedsradgiver)
    body = client.get(reverse("events:detail", args=[event.uuid])).content.decode()
    assert "Sykehjemmet AS" in body and "Sara" in body
    assert p.fodselsnummer not in body and p.phone not in body


def test_event_list_query_count_is_fixed(client, veileder, django_assert_num_queries):
    for i in range(12):
        event_create(
            actor=veileder,
            kind="moteplass",
            title=f"M{i}",
            date=datetime.date(2026, 11, 1 + i),
            place="X",
        )
    client.force_login(veileder)
    client.get(reverse("events:list"))
    for size in (10, 25):
        with django_assert_num_queries(9):
            response = client.get(reverse("events:list"), {"per_side": size})
        assert len(response.context["page"].object_list) == min(size, 12)
