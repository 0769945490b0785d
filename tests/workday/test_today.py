"""Min dag: what each role finds on the start page, and what it never shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditAction, AuditEvent
from careerguidance.models import Appointment, KompetanseRequest
from consent.models import ConsentPurpose
from consent.services import consent_withdraw
from events.models import Event, Invitation
from matching.models import MatchStatus
from participants.models import Adressebeskyttelse, Participant
from phases.models import ActivityCard, ActivityMessage, ChecklistItem, Meeting
from phases.services import activity_card_create, activity_message_add
from tests.conftest import is_postgres
from tests.factories import MatchFactory, ParticipantFactory, give_consent
from workday.models import ParticipantMark, Visit

pytestmark = pytest.mark.django_db

URL = reverse("workday:today")


def _lines(response) -> dict[str, list[str]]:
    return {
        b.key: [f"{ln.participant}: {ln.text}" for ln in b.lines]
        for b in response.context["blocks"]
    }


def _busy(p, veileder, *, tag: str):
    """One of everything Min dag shows, about participant ``p``."""
    today = timezone.localdate()
    Meeting.objects.create(
        participant=p,
        kind="oppfolging",
        held_on=today - datetime.timedelta(days=14),
        place="nav",
        next_agreed_on=today,
        recorded_by=veileder,
    )
    Appointment.objects.create(
        participant=p,
        starts_at=timezone.now() + datetime.timedelta(minutes=5),
        mode="telefon",
        status="booked",
        booked_by=veileder,
    )
    event = Event.objects.create(
        kind="moteplass",
        title=f"Møteplass {tag}",
        date=today,
        place="Steinkjer",
        nav_kontor=veileder.nav_kontor,
        organiser=veileder,
    )
    Invitation.objects.create(event=event, participant=p, invited_by=veileder)
    MatchFactory(
        participant=p,
        proposed_by=veileder,
        status=MatchStatus.GODKJENT,
        decided_at=timezone.now(),
    )
    consent = give_consent(p, veileder, ConsentPurpose.KOMPETANSEKARTLEGGING)
    KompetanseRequest.objects.create(
        participant=p, consent=consent, requested_by=veileder, answered_at=timezone.now()
    )
    shared = give_consent(p, veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    consent_withdraw(consent=shared, actor=veileder)
    ChecklistItem.objects.create(participant=p, phase=p.phase, key="cv", label="CV")
    ChecklistItem.objects.create(participant=p, phase=p.phase, key="hms", label="HMS")
    ParticipantMark.objects.create(
        participant=p, note="Ring arbeidsgiver", deadline=today, updated_by=veileder
    )
    card = ActivityCard.objects.create(
        participant=p, title="Søknader", kind="aktivitet", created_by=veileder
    )
    # Her message, typed in by the veileder: unread until someone opens the card.
    ActivityMessage.objects.create(
        card=card, author=veileder, text="Fikk svar", from_participant=True
    )


def test_veileder_and_leder_land_on_min_dag(client, veileder, leder, markedsradgiver):
    for user in (veileder, leder):
        client.force_login(user)
        response = client.get(reverse("home"), follow=True)
        assert response.redirect_chain[-1][0] == URL
        assert 'data-capability="workday"' in response.content.decode()
    client.force_login(markedsradgiver)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("matching:queue")


def test_empty_states_are_in_norwegian(client, veileder):
    client.force_login(veileder)
    body = client.get(URL).content.decode()
    for text in (
        "Ingen møter eller avtaler resten av uken.",
        "Ingen oppfølging forfaller den neste uken.",
        "Ingen matcher er vurdert siden sist.",
        "Ingen nye eller trukne samtykker siden sist.",
        "Ingen nye svar fra fagopplæringen siden sist.",
        "Ingen sjekkpunkter venter.",
        "Ingen huskelapper har frist den neste uken.",
        "Ingen uleste meldinger i aktivitetsplanene.",
    ):
        assert text in body
    assert "Ikke tildelt veileder" not in body  # the leder's block only


def test_veileder_sees_every_kind_of_item_for_her_own_participants(client, veileder, colleague):
    mine = ParticipantFactory(
        veileder=veileder,
        first_name="Mia",
        last_name="Min",
        next_followup_due=timezone.localdate() - datetime.timedelta(days=2),
    )
    _busy(mine, veileder, tag="min")
    theirs = ParticipantFactory(veileder=colleague, first_name="Kari", last_name="Kollega")
    _busy(theirs, colleague, tag="kollega")
    client.force_login(veileder)
    lines = _lines(client.get(URL))
    assert lines["moter"] and all(line.startswith("Mia Min") for line in lines["moter"])
    assert len(lines["moter"]) == 3  # the agreed meeting, the session, the meeting place
    assert lines["oppfolging"] == ["Mia Min: Forfalt oppfølging"]
    assert len(lines["matcher"]) == 1 and "godkjent" in lines["matcher"][0]
    assert sorted(lines["samtykke"])[0].startswith("Mia Min: Samtykke")
    assert any("trukket" in line for line in lines["samtykke"])
    assert lines["kompetanse"] == ["Mia Min: Foreløpig opplæringsplan er kommet"]
    assert lines["sjekkliste"] == ["Mia Min: 2 sjekkpunkter i fasen"]
    assert lines["huskelapp"] == ["Mia Min: Huskelapp: Ring arbeidsgiver"]
    assert lines["dialog"] == ["Mia Min: Søknader: 1 ulest melding fra deltakeren"]
    assert "ikke_tildelt" not in lines
    body = client.get(URL).content.decode()
    assert "Kari Kollega" not in body
    assert reverse("participants:detail", args=[mine.uuid]) in body
    logged = AuditEvent.objects.filter(actor=veileder, action=AuditAction.LIST, what="Min dag")
    assert logged.last().participant_ids == [mine.pk]


def test_leder_sees_the_office_with_unassigned_first(client, leder, veileder, colleague):
    ParticipantFactory(
        veileder=None, nav_kontor=leder.nav_kontor, first_name="Uten", last_name="Veileder"
    )
    theirs = ParticipantFactory(veileder=colleague, first_name="Kari", last_name="Kollega")
    _busy(theirs, colleague, tag="kollega")
    client.force_login(leder)
    response = client.get(URL)
    blocks = response.context["blocks"]
    assert blocks[0].key == "ikke_tildelt"
    assert [ln.participant for ln in blocks[0].lines] == ["Uten Veileder"]
    assert _lines(response)["kompetanse"] == ["Kari Kollega: Foreløpig opplæringsplan er kommet"]
    assert _lines(response)["dialog"] == ["Kari Kollega: Søknader: 1 ulest melding fra deltakeren"]


def test_protected_persons_only_for_the_cleared(client, veileder, cleared_veileder, leder):
    hidden = ParticipantFactory(
        veileder=veileder,
        first_name="Skjult",
        last_name="Person",
        next_followup_due=timezone.localdate(),
    )
    _busy(hidden, veileder, tag="skjult")
    # She becomes protected after the work was recorded (a new address from the registry).
    Participant.objects.filter(pk=hidden.pk).update(
        adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG
    )
    for user in (veileder, leder):
        client.force_login(user)
        body = client.get(URL).content.decode()
        assert "Skjult" not in body, user
    Participant.objects.filter(pk=hidden.pk).update(veileder=cleared_veileder)
    client.force_login(cleared_veileder)
    lines = _lines(client.get(URL))
    assert lines["oppfolging"] == ["Skjult Person: Oppfølging forfaller"]
    assert lines["dialog"] == ["Skjult Person: Søknader: 1 ulest melding fra deltakeren"]


def test_since_last_visit_starts_at_the_visit_of_an_earlier_day(client, veileder):
    client.force_login(veileder)
    client.get(URL)
    visit = Visit.objects.get(user=veileder)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Visit.objects.filter(pk=visit.pk).update(last_seen_at=yesterday)
    assert client.get(URL).context["since"] == yesterday
    # A second look the same day keeps the same start.
    assert client.get(URL).context["since"] == yesterday


@pytest.mark.parametrize("persona", ["veileder", "leder"])
def test_query_count_does_not_grow_with_rows(client, persona, personas, django_assert_num_queries):
    user = personas[persona]
    veileder = personas["veileder"]
    client.force_login(user)
    client.get(URL)

    def busy(n):
        for i in range(n):
            p = ParticipantFactory(
                veileder=veileder, next_followup_due=timezone.localdate(), last_name=f"R{i}"
            )
            _busy(p, veileder, tag=str(i))
            ParticipantFactory(veileder=None, nav_kontor=veileder.nav_kontor)

    busy(1)
    # session, user, unread count, visit (2), unassigned (leder only), 3 meeting kinds,
    # follow-ups, huskelapper, matches, unread dialogue, consents (2), kompetanse, checklist,
    # the sporingslogg row; roles, clearances and grants come with the session
    # (accounts.access_cache). On PostgreSQL the lists go as one query (core.batch): 7 for both.
    expected = 18 if persona == "leder" else 17
    if is_postgres():
        expected = 7
    with django_assert_num_queries(expected):
        client.get(URL)
    busy(6)
    with django_assert_num_queries(expected):
        client.get(URL)


def test_unread_dialogue_is_what_others_wrote_since_she_opened_the_card(
    client, veileder, colleague, leder, other_leder
):
    mine = ParticipantFactory(veileder=veileder, first_name="Mia", last_name="Min")
    card = activity_card_create(participant=mine, actor=veileder, title="CV", kind="aktivitet")
    url = reverse("phases:activity_detail", args=[mine.uuid, card.uuid])
    activity_message_add(card=card, actor=veileder, text="Send meg CV-en", awaiting_reply=True)
    client.force_login(veileder)
    assert _lines(client.get(URL))["dialog"] == []  # her own message is not news to her
    # The leder (the office's Min dag) has not read it; another office's leder never sees it.
    client.force_login(leder)
    assert _lines(client.get(URL))["dialog"] == ["Mia Min: CV: 1 ulest melding"]
    client.force_login(other_leder)
    assert _lines(client.get(URL))["dialog"] == []
    # A colleague standing in writes twice: unread for the veileder, linking to the card.
    Participant.objects.filter(pk=mine.pk).update(veileder=colleague)
    activity_message_add(card=card, actor=colleague, text="Hun ringte", from_participant=True)
    activity_message_add(card=card, actor=colleague, text="Ringer henne i morgen")
    Participant.objects.filter(pk=mine.pk).update(veileder=veileder)
    client.force_login(veileder)
    response = client.get(URL)
    block = next(b for b in response.context["blocks"] if b.key == "dialog")
    assert _lines(response)["dialog"] == ["Mia Min: CV: 2 uleste meldinger"]
    assert block.lines[0].url == url and block.lines[0].urgent  # one is hers
    # Opening the card reads it; a later message is unread again.
    client.get(url)
    assert _lines(client.get(URL))["dialog"] == []
    Participant.objects.filter(pk=mine.pk).update(veileder=colleague)
    activity_message_add(card=card, actor=colleague, text="Hun har sendt CV")
    Participant.objects.filter(pk=mine.pk).update(veileder=veileder)
    assert _lines(client.get(URL))["dialog"] == ["Mia Min: CV: 1 ulest melding"]
    # The leder's read mark is her own: the veileder's reading changed nothing for her.
    client.force_login(leder)
    assert _lines(client.get(URL))["dialog"] == ["Mia Min: CV: 4 uleste meldinger"]
