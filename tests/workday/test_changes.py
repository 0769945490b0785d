"""Siste endringer: others' changes on my participants until I mark them read."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentPurpose
from matching.models import MatchStatus
from phases.models import ActivityCard
from tests.factories import MatchFactory, ParticipantFactory, give_consent

pytestmark = pytest.mark.django_db

URL = reverse("workday:changes")


def _people(response):
    return {p.name: [c.text for c in p.changes] for p in response.context["people"]}


def test_others_changes_show_until_marked_read(client, veileder, leder, markedsradgiver):
    mine = ParticipantFactory(veileder=veileder, first_name="Mia", last_name="Min")
    other = ParticipantFactory(veileder=veileder, first_name="Ola", last_name="Annen")
    ActivityCard.objects.create(
        participant=mine, title="Søke jobber", kind="aktivitet", created_by=leder
    )
    ActivityCard.objects.create(
        participant=mine, title="Egen", kind="aktivitet", created_by=veileder
    )
    give_consent(mine, leder, ConsentPurpose.SHARE_GUIDANCE_NOTE)
    MatchFactory(
        participant=other,
        proposed_by=veileder,
        status=MatchStatus.GODKJENT,
        decided_at=timezone.now(),
        decided_by=markedsradgiver,
    )
    client.force_login(veileder)
    people = _people(client.get(URL))
    assert set(people) == {"Mia Min", "Ola Annen"}
    assert "Ny aktivitet: Søke jobber" in people["Mia Min"]
    assert "Ny aktivitet: Egen" not in people["Mia Min"]  # her own action
    assert "Notatet fra karriereveiledningen er delt med NAV" in people["Mia Min"]
    assert people["Ola Annen"][0].startswith("Match med")

    client.post(reverse("workday:changes_read", args=[mine.uuid]))
    assert set(_people(client.get(URL))) == {"Ola Annen"}
    # Something new after the read shows again.
    ActivityCard.objects.create(
        participant=mine,
        title="Ny etter lest",
        kind="aktivitet",
        created_by=leder,
        created_at=timezone.now() + datetime.timedelta(seconds=1),
    )
    assert _people(client.get(URL))["Mia Min"] == ["Ny aktivitet: Ny etter lest"]


def test_another_veileders_participants_are_not_listed_nor_markable(
    client, veileder, colleague, leder
):
    theirs = ParticipantFactory(veileder=colleague)
    ActivityCard.objects.create(participant=theirs, title="X", kind="aktivitet", created_by=leder)
    client.force_login(veileder)
    assert _people(client.get(URL)) == {}
    assert "Ingen nye endringer" in client.get(URL).content.decode()
    assert client.post(reverse("workday:changes_read", args=[theirs.uuid])).status_code == 404


def test_query_count_does_not_grow(client, veileder, leder, django_assert_num_queries):
    client.force_login(veileder)
    client.get(URL)

    def add(n):
        for _ in range(n):
            p = ParticipantFactory(veileder=veileder)
            ActivityCard.objects.create(
                participant=p, title="A", kind="aktivitet", created_by=leder
            )
            give_consent(p, leder, ConsentPurpose.SHARE_WITH_COUNTY)

    add(1)
    # session, user (roles, clearances and grants come with the session), unread count, five kinds of change,
    # the sporingslogg row
    with django_assert_num_queries(9):
        client.get(URL)
    add(5)
    with django_assert_num_queries(9):
        client.get(URL)
