import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Match, MatchEvent, MatchStatus
from notifications.models import Notification
from participants.models import Adressebeskyttelse, Innsatsgruppe
from tests.factories import (
    CompanyFactory,
    CompanyNeedFactory,
    LaerefagFactory,
    MatchFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db
S = MatchStatus
QUEUE = reverse("matching:queue")


def test_veileder_proposes_from_the_participant_page_and_sends_to_review(
    client, veileder, participant
):
    company = CompanyFactory(name="Fjordheimen AS")
    client.force_login(veileder)
    page = client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    assert "Foreslå bedrift" in page
    response = client.post(
        reverse("matching:propose", args=[participant.uuid]),
        {
            "company": company.uuid,
            "motivation": "Har hatt sommerjobb der.",
            "shared_summary": "Liker å jobbe ute.",
        },
    )
    match = Match.objects.get()
    assert response["Location"] == reverse("matching:detail", args=[match.uuid])
    response = client.post(
        reverse("matching:detail", args=[match.uuid]), {"to_status": S.TIL_VURDERING}
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == S.TIL_VURDERING
    assert match.shared_summary == "Liker å jobbe ute."
    section = reverse("matching:participant_section", args=[participant.uuid])
    page = client.get(section, headers={"HX-Request": "true"}).content.decode()
    assert "Fjordheimen AS" in page and "Til vurdering" in page


def test_propose_page_shows_ranked_suggestions_with_reasons(client, veileder):
    fag = LaerefagFactory(name="Forslagsfaget")
    participant = ParticipantFactory(veileder=veileder, sluttkompetanse=fag, postal_place="Verdal")
    CompanyNeedFactory(
        company=CompanyFactory(name="Verdal Bygg", municipality="Verdal"), laerefag=fag
    )
    client.force_login(veileder)
    page = client.get(reverse("matching:propose", args=[participant.uuid])).content.decode()
    assert "Verdal Bygg" in page
    assert "Trenger Forslagsfaget (1 plass)" in page
    assert "I samme kommune (Verdal)" in page


def test_propose_without_motivation_keeps_the_form(client, veileder, participant):
    company = CompanyFactory()
    client.force_login(veileder)
    response = client.post(
        reverse("matching:propose", args=[participant.uuid]),
        {"company": company.uuid, "motivation": "", "shared_summary": "Liker dyr."},
    )
    assert response.status_code == 200
    assert "Liker dyr." in response.content.decode()
    assert not Match.objects.exists()


def test_markedsradgiver_approves_and_the_veileder_is_notified(
    client, veileder, markedsradgiver, participant
):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    client.force_login(markedsradgiver)
    response = client.post(
        reverse("matching:review", args=[match.uuid]),
        {"to_status": S.GODKJENT, "comment": "God match."},
    )
    assert response["Location"] == QUEUE
    match.refresh_from_db()
    assert (match.status, match.decided_by) == (S.GODKJENT, markedsradgiver)
    client.force_login(veileder)
    page = client.get(reverse("notifications:list")).content.decode()
    assert f"{match.company.name} er godkjent" in page
    assert Notification.objects.get(recipient=veileder).read_at is None


def test_decline_without_reason_is_refused_with_a_message(client, markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    client.force_login(markedsradgiver)
    response = client.post(
        reverse("matching:review", args=[match.uuid]), {"to_status": S.AVSLATT}, follow=True
    )
    assert "Skriv hvorfor matchen avslås." in response.content.decode()
    match.refresh_from_db()
    assert match.status == S.TIL_VURDERING


def test_a_stale_second_decision_gets_already_decided(client, markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=S.AVSLATT)
    client.force_login(markedsradgiver)
    response = client.post(
        reverse("matching:review", args=[match.uuid]),
        {"to_status": S.GODKJENT, "comment": ""},
        follow=True,
    )
    assert "Matchen er allerede vurdert." in response.content.decode()
    assert not MatchEvent.objects.exists()


def test_veileder_starts_a_placement_with_a_start_date(client, veileder, participant):
    match = MatchFactory(participant=participant, status=S.MOTE_AVTALT)
    client.force_login(veileder)
    url = reverse("matching:detail", args=[match.uuid])
    refused = client.post(url, {"to_status": S.STARTET})
    assert "Oppgi startdato." in refused.content.decode()
    client.post(url, {"to_status": S.STARTET, "start_date": "2027-01-04"})
    match.refresh_from_db()
    assert (match.status, match.start_date) == (S.STARTET, datetime.date(2027, 1, 4))


def test_review_page_shows_only_what_the_match_needs(client, markedsradgiver, veileder):
    """Data minimisation: name, age, lærefag, motivation and what she agreed to share."""
    fag = LaerefagFactory(name="Minimeringsfaget")
    participant = ParticipantFactory(
        veileder=veileder,
        first_name="Synnøve",
        last_name="Minimalsen",
        sluttkompetanse=fag,
        phone="98765432",
        email="hemmelig.epost@example.no",
        street_address="Skjultveien 99",
        postal_code="7999",
        postal_place="Hemmeligstad",
        innsatsgruppe=Innsatsgruppe.VARIG_TILPASSET,
        vgs_completed=True,
    )
    match = MatchFactory(
        participant=participant,
        status=S.TIL_VURDERING,
        motivation="Praktisk anlagt.",
        shared_summary="Liker dyr. Trenger faste arbeidstider.",
    )
    client.force_login(markedsradgiver)
    for url in (reverse("matching:review", args=[match.uuid]), QUEUE):
        page = client.get(url).content.decode()
        assert "Synnøve Minimalsen" in page
        assert "Minimeringsfaget" in page
        assert str(participant.age) in page
        for secret in (
            participant.fodselsnummer,
            participant.fodselsnummer[:6],
            participant.masked_fodselsnummer,
            "98765432",
            "hemmelig.epost",
            "Skjultveien",
            "7999",
            "Hemmeligstad",
            "Varig tilpasset",
            "videregående",
            "Kartlegging",
        ):
            assert secret not in page, secret
    page = client.get(reverse("matching:review", args=[match.uuid])).content.decode()
    assert "Praktisk anlagt." in page
    assert "Trenger faste arbeidstider." in page


def test_markedsradgiver_never_reaches_the_participant_page(client, markedsradgiver, participant):
    MatchFactory(participant=participant, status=S.TIL_VURDERING)
    client.force_login(markedsradgiver)
    assert client.get(reverse("participants:detail", args=[participant.uuid])).status_code == 404


def test_a_match_still_being_drafted_is_not_reviewable(client, markedsradgiver, participant):
    match = MatchFactory(participant=participant, status=S.FORESLATT)
    client.force_login(markedsradgiver)
    assert client.get(reverse("matching:review", args=[match.uuid])).status_code == 404
    assert match.participant.full_name not in client.get(QUEUE).content.decode()


def test_protected_participants_are_hidden_from_an_uncleared_markedsradgiver(
    client, markedsradgiver, veileder
):
    participant = ParticipantFactory(
        veileder=veileder, adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG
    )
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    client.force_login(markedsradgiver)
    assert client.get(reverse("matching:review", args=[match.uuid])).status_code == 404


def test_queue_is_oldest_first(client, markedsradgiver, veileder):
    old = MatchFactory(participant=ParticipantFactory(veileder=veileder), status=S.TIL_VURDERING)
    new = MatchFactory(participant=ParticipantFactory(veileder=veileder), status=S.TIL_VURDERING)
    Match.objects.filter(pk=old.pk).update(created_at=new.created_at - datetime.timedelta(days=3))
    client.force_login(markedsradgiver)
    page = client.get(QUEUE).content.decode()
    assert page.index(old.participant.full_name) < page.index(new.participant.full_name)


def test_queue_query_count_is_the_same_for_10_and_50_rows(
    client, markedsradgiver, veileder, django_assert_num_queries
):
    fag = LaerefagFactory()
    for _ in range(60):
        MatchFactory(
            participant=ParticipantFactory(veileder=veileder, sluttkompetanse=fag),
            status=S.TIL_VURDERING,
        )
    client.force_login(markedsradgiver)
    client.get(QUEUE)
    # session, user, count, rows, audit row,
    # unread notifications
    for size in (10, 50):
        with django_assert_num_queries(6):
            response = client.get(QUEUE, {"per_side": size})
        assert (
            len(re.findall(r'href="/vurdering/[0-9a-f-]{36}/"', response.content.decode())) == size
        )


def test_review_page_query_count_is_fixed(
    client, markedsradgiver, participant, django_assert_num_queries
):
    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    MatchEvent.objects.create(match=match, actor=participant.veileder, to_status=S.TIL_VURDERING)
    url = reverse("matching:review", args=[match.uuid])
    client.force_login(markedsradgiver)
    client.get(url)
    # session, user, match, events, audit row, unread notifications,
    #
    with django_assert_num_queries(6):
        client.get(url)


def test_match_detail_query_count_is_fixed(
    client, veileder, participant, django_assert_num_queries
):
    match = MatchFactory(participant=participant, status=S.GODKJENT)
    MatchEvent.objects.create(match=match, actor=veileder, to_status=S.GODKJENT)
    url = reverse("matching:detail", args=[match.uuid])
    client.force_login(veileder)
    client.get(url)
    # session, user, match, events, audit
    # row, has_perm, unread notifications
    with django_assert_num_queries(7):
        client.get(url)


def test_participant_section_query_count_does_not_grow_with_matches(client, veileder, participant):
    url = reverse("participants:detail", args=[participant.uuid])
    client.force_login(veileder)
    counts = []
    for _ in range(2):
        for status in (S.GODKJENT, S.AVSLATT, S.TIL_VURDERING):
            match = MatchFactory(participant=participant, status=status)
            MatchEvent.objects.create(match=match, actor=veileder, to_status=status)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_propose_page_query_count_is_fixed(
    client, veileder, participant, django_assert_num_queries
):
    fag = LaerefagFactory()
    participant.sluttkompetanse = fag
    participant.save()
    for _ in range(15):
        CompanyNeedFactory(company=CompanyFactory(), laerefag=fag)
    url = reverse("matching:propose", args=[participant.uuid])
    client.get(url)
    client.force_login(veileder)
    client.get(url)
    # session, user, participant, audit row, suggestions,
    # company options, unread notifications
    with django_assert_num_queries(7):
        client.get(url)


def test_the_markedsradgivers_look_at_a_participant_is_audited(
    client, markedsradgiver, participant
):
    from audit.models import AuditEvent

    match = MatchFactory(participant=participant, status=S.TIL_VURDERING)
    client.force_login(markedsradgiver)
    client.get(reverse("matching:review", args=[match.uuid]))
    assert AuditEvent.objects.filter(actor=markedsradgiver, participant=participant).exists()
