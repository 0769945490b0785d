"""A leder assigns many participants to one veileder: choose, confirm, audited."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from participants.models import Participant
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("participants:bulk_reassign")
QUERIES = 7


def _office(kontor, veileder, n):
    return [ParticipantFactory(veileder=veileder, nav_kontor=kontor) for _ in range(n)]


def test_leder_chooses_confirms_and_every_move_is_audited(
    client, kontor, leder, veileder, colleague
):
    moving = _office(kontor, veileder, 3)
    staying = ParticipantFactory(veileder=veileder, nav_kontor=kontor)
    client.force_login(leder)
    chosen = {"deltakere": [str(p.uuid) for p in moving], "veileder": colleague.pk}
    review = client.post(URL, chosen)
    assert review.status_code == 200
    body = review.content.decode()
    assert "Tildele 3 deltakere til" in body and "Bekreft tildeling" in body
    assert all(p.full_name in body for p in moving) and staying.full_name not in body
    assert Participant.objects.filter(veileder=colleague).count() == 0  # nothing saved yet

    done = client.post(URL, {**chosen, "steg": "bekreft"}, follow=True)
    assert "3 av 3 valgte deltakere er tildelt" in done.content.decode()
    assert set(Participant.objects.filter(veileder=colleague)) == set(moving)
    assert Participant.objects.get(pk=staying.pk).veileder == veileder
    changes = AuditEvent.objects.filter(action=AuditAction.CHANGE, actor=leder)
    assert set(changes.values_list("participant", flat=True)) == {p.pk for p in moving}
    assert all(colleague.nav_ident in w for w in changes.values_list("what", flat=True))


def test_unassigned_are_listed_first_and_can_be_filtered(client, kontor, leder, veileder):
    ParticipantFactory(veileder=veileder, nav_kontor=kontor, last_name="Aas")
    loose = ParticipantFactory(veileder=None, nav_kontor=kontor, last_name="Ørn")
    client.force_login(leder)
    body = client.get(URL).content.decode()
    assert body.index(loose.full_name) < body.index("Aas")
    only = client.get(URL, {"vis": "ingen"}).content.decode()
    assert loose.full_name in only and "Aas" not in only


def test_another_offices_participant_cannot_be_slipped_in(
    client, kontor, leder, veileder, colleague, other_veileder
):
    mine = ParticipantFactory(veileder=veileder, nav_kontor=kontor)
    theirs = ParticipantFactory(veileder=other_veileder, nav_kontor=other_veileder.nav_kontor)
    client.force_login(leder)
    response = client.post(
        URL,
        {
            "deltakere": [str(mine.uuid), str(theirs.uuid)],
            "veileder": colleague.pk,
            "steg": "bekreft",
        },
    )
    assert response.status_code == 200
    assert "kan ikke tildeles av deg" in response.content.decode()
    assert theirs.full_name not in response.content.decode()
    assert Participant.objects.get(pk=mine.pk).veileder == veileder
    assert Participant.objects.get(pk=theirs.pk).veileder == other_veileder


def test_only_the_offices_veiledere_are_offered(client, kontor, leder, veileder, other_veileder):
    _office(kontor, veileder, 1)
    client.force_login(leder)
    response = client.post(
        URL,
        {
            "deltakere": [str(Participant.objects.get().uuid)],
            "veileder": other_veileder.pk,
            "steg": "bekreft",
        },
    )
    assert response.status_code == 200
    assert Participant.objects.get().veileder == veileder


def test_list_query_count_is_fixed(client, kontor, leder, veileder, django_assert_num_queries):
    client.force_login(leder)
    client.get(URL)
    _office(kontor, veileder, 3)
    other = UserFactory(nav_kontor=kontor, roles=["veileder"])
    # session, user, count, the page with its veiledere, the audit
    # row, unread notifications, the office's veiledere (once, for the filter and the form)
    # (roles and clearances come with the session)
    for extra in (0, 60):
        _office(kontor, other, extra)
        with django_assert_num_queries(QUERIES):
            assert client.get(URL).status_code == 200
