"""Statustall: each status's count equals its list, for a hand-built office."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentPurpose
from core.bounds import add_months
from jobbloop.models import Loop, LoopCandidate
from participants.models import Adressebeskyttelse, Participant, Phase
from participants.statuses import statuses_for
from phases.models import FollowUpAgreement, Laerekontrakt, Meeting
from phases.services import activity_card_create, activity_dialogue_done, activity_message_add
from tests.factories import CompanyFactory, LaerefagFactory, ParticipantFactory, give_consent
from workday.models import ParticipantMark
from workday.statuses import ENDING_SOON_DAYS, ending_soon_q

pytestmark = pytest.mark.django_db

MINE = reverse("participants:caseload")
OFFICE = reverse("participants:office")


def _names(response) -> set[str]:
    return {p.last_name for p in response.context["page"].paginator.object_list}


def _counts(response) -> dict[str, int]:
    return {s.key: n for s, n in response.context["statuses"]}


@pytest.fixture
def office(veileder, colleague, leder):
    """One of each status among the veileder's participants, plus a colleague's, an
    unassigned and a protected one. Ages 20 so that JobbLoop fits."""
    today = timezone.localdate()
    long_ago = timezone.now() - datetime.timedelta(days=40)

    def make(name, *, owner=veileder, **fields):
        fields.setdefault("phase", Phase.MATCHING)
        return ParticipantFactory(
            last_name=name, veileder=owner, nav_kontor=leder.nav_kontor, **fields
        )

    p = {
        "forfalt": make("Forfalt", next_followup_due=today - datetime.timedelta(days=1)),
        "mote": make("Mote"),
        "samtykke": make("Samtykke", phase=Phase.KARTLEGGE),
        "med_samtykke": make("MedSamtykke", phase=Phase.KARTLEGGE),
        "inaktiv": make("Inaktiv"),
        "loop": make("Loop"),
        "frist": make("Frist"),
        "venter_nav": make("VenterNav"),
        "venter_deltaker": make("VenterDeltaker"),
        "ferdig": make("Ferdig"),
        "praksis": make("Praksis", phase=Phase.PRAKSIS),
        "praksis_fornyet": make("PraksisFornyet", phase=Phase.PRAKSIS),
        "laere": make("Laere", phase=Phase.LARETID),
        "laere_ny": make("LaereNy", phase=Phase.LARETID),
        "kollega": make(
            "Kollega", owner=colleague, next_followup_due=today - datetime.timedelta(days=3)
        ),
        "utildelt": make("Utildelt", owner=None),
        "beskyttet": make(
            "Beskyttet",
            adressebeskyttelse=Adressebeskyttelse.STRENGT_FORTROLIG,
            next_followup_due=today - datetime.timedelta(days=1),
        ),
    }
    Meeting.objects.create(
        participant=p["mote"],
        kind="oppfolging",
        held_on=today - datetime.timedelta(days=20),
        place="nav",
        next_agreed_on=today,
        recorded_by=veileder,
    )
    give_consent(p["med_samtykke"], veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    # Nothing recorded for 40 days (update() skips auto_now).
    Participant.objects.filter(pk=p["inaktiv"].pk).update(
        updated_at=long_ago, phase_entered_at=long_ago
    )
    start = add_months(today + datetime.timedelta(days=5), -4)  # rotates in five days
    loop = Loop.objects.create(
        name="Loop", start_date=start, nav_kontor=veileder.nav_kontor, coordinator=veileder
    )
    LoopCandidate.objects.create(
        loop=loop, participant=p["loop"], start_position=1, added_by=veileder
    )
    ParticipantMark.objects.create(
        participant=p["frist"],
        note="Ring om CV",
        deadline=today,
        category="bla",
        updated_by=veileder,
    )
    ParticipantMark.objects.create(participant=p["forfalt"], category="gronn", updated_by=veileder)
    _dialogues(p, veileder)
    _endings(p, veileder, today)
    return p


def _dialogues(p, veileder):
    """Her unanswered message; NAV's question to her; her message dealt with (ferdigbehandlet)."""

    def card(who):
        return activity_card_create(
            participant=p[who], actor=veileder, title="Søknader", kind="aktivitet"
        )

    activity_message_add(
        card=card("venter_nav"), actor=veileder, text="Jeg fikk svar", from_participant=True
    )
    activity_message_add(
        card=card("venter_deltaker"), actor=veileder, text="Hvordan gikk det?", awaiting_reply=True
    )
    done = card("ferdig")
    activity_message_add(card=done, actor=veileder, text="Takk", from_participant=True)
    activity_dialogue_done(card=done, actor=veileder)


def _endings(p, veileder, today):
    """A praksis whose active agreement ends in ten days; one whose ending version was
    replaced by a newer approved one (and a draft ending sooner, not approved); a
    lærekontrakt ending on the horizon's last day; one followed by a new contract."""

    def agreement(who, version, valid_to, *, active=True):
        FollowUpAgreement.objects.create(
            participant=p[who],
            version=version,
            goals="Jobb",
            valid_from=today - datetime.timedelta(days=60),
            valid_to=valid_to,
            followup_frequency="Hver 4. uke",
            responsible="NAV",
            created_by=veileder,
            activated_at=timezone.now() if active else None,
        )

    agreement("praksis", 1, today + datetime.timedelta(days=10))
    agreement("praksis_fornyet", 1, today + datetime.timedelta(days=5))
    agreement("praksis_fornyet", 2, today + datetime.timedelta(days=60))
    agreement("praksis_fornyet", 3, today + datetime.timedelta(days=3), active=False)
    # A praksis agreement for someone no longer in praksis does not count.
    agreement("mote", 1, today + datetime.timedelta(days=4))

    company, fag = CompanyFactory(), LaerefagFactory()

    def contract(who, ends_on):
        Laerekontrakt.objects.create(
            participant=p[who],
            company=company,
            laerefag=fag,
            opplaeringskontor="OK Trøndelag",
            signed_on=today - datetime.timedelta(days=700),
            ends_on=ends_on,
            registered_by=veileder,
        )

    contract("laere", today + datetime.timedelta(days=ENDING_SOON_DAYS))
    contract("laere_ny", today + datetime.timedelta(days=3))
    contract("laere_ny", today + datetime.timedelta(days=400))


def test_each_count_equals_its_list_on_min_portefolje(client, veileder, office):
    client.force_login(veileder)
    client.get(reverse("participants:detail", args=[office["forfalt"].uuid]))  # seen: not new
    counts = _counts(client.get(MINE))
    expected = {
        "ny": {
            "Mote",
            "Samtykke",
            "MedSamtykke",
            "Inaktiv",
            "Loop",
            "Frist",
            "VenterNav",
            "VenterDeltaker",
            "Ferdig",
            "Praksis",
            "PraksisFornyet",
            "Laere",
            "LaereNy",
        },
        "forfalt": {"Forfalt"},
        "mote_i_dag": {"Mote"},
        "samtykke_mangler": {"Samtykke"},
        "inaktiv": {"Inaktiv"},
        "slutter_snart": {"Loop", "Praksis", "Laere"},
        "venter_nav": {"VenterNav"},
        "venter_deltaker": {"VenterDeltaker"},
        "huskelapp_frist": {"Frist"},
        "huskelapp": {"Frist"},
        "kategori_bla": {"Frist"},
        "kategori_gronn": {"Forfalt"},
    }
    keys = {s.key for s in statuses_for("mine")}
    assert "ikke_tildelt" not in keys
    for key in keys:
        listed = _names(client.get(MINE, {"status": key}))
        assert counts[key] == len(listed), key
        assert listed == expected.get(key, set()), key


def test_each_count_equals_its_list_for_the_office_with_unassigned(client, leder, office):
    client.force_login(leder)
    response = client.get(OFFICE)
    counts = _counts(response)
    # The leder is not cleared for the protected person: she is in no count and no list.
    assert counts["ikke_tildelt"] == 1
    assert counts["forfalt"] == 2  # the veileder's and the colleague's, not the protected one
    for s in statuses_for("kontor"):
        listed = _names(client.get(OFFICE, {"status": s.key}))
        assert counts[s.key] == len(listed), s.key
        assert "Beskyttet" not in listed
    assert _names(client.get(OFFICE, {"status": "ikke_tildelt"})) == {"Utildelt"}
    assert next(s.key for s in statuses_for("kontor")) == "ikke_tildelt"


def test_a_cleared_veileder_counts_the_protected_person(client, cleared_veileder, office):
    Participant.objects.filter(pk=office["beskyttet"].pk).update(veileder=cleared_veileder)
    client.force_login(cleared_veileder)
    counts = _counts(client.get(MINE))
    assert counts["forfalt"] == 1
    assert _names(client.get(MINE, {"status": "forfalt"})) == {"Beskyttet"}


def test_counts_add_one_query_whatever_the_number_of_rows(
    client, veileder, django_assert_num_queries
):
    ParticipantFactory.create_batch(3, veileder=veileder)
    client.force_login(veileder)
    client.get(MINE)
    with django_assert_num_queries(7):
        client.get(MINE)
    ParticipantFactory.create_batch(30, veileder=veileder)
    with django_assert_num_queries(7):
        client.get(MINE)


def test_status_links_and_category_shapes_are_shown(client, veileder, office):
    client.force_login(veileder)
    body = client.get(MINE).content.decode()
    assert 'href="?status=forfalt"' in body
    # Never colour alone: a shape glyph and a label name the category.
    assert 'data-category="bla"' in body and "Blå sirkel" in body and "●" in body
    # In a row the shape stands alone, so it carries its name.
    assert 'role="img" aria-label="Blå sirkel"' in body
    assert 'title="Ring om CV"' in body


@pytest.mark.parametrize(
    ("days", "ending"),
    [(-1, False), (0, True), (ENDING_SOON_DAYS, True), (ENDING_SOON_DAYS + 1, False)],
)
def test_praksis_and_laerekontrakt_end_within_the_horizon(veileder, days, ending):
    """With a fixed today: the last day of the agreement or the contract counts from today
    to today + ENDING_SOON_DAYS, both ends included."""
    today = datetime.date(2026, 3, 2)
    ends = today + datetime.timedelta(days=days)
    praksis = ParticipantFactory(veileder=veileder, phase=Phase.PRAKSIS)
    FollowUpAgreement.objects.create(
        participant=praksis,
        version=1,
        goals="Jobb",
        valid_from=datetime.date(2026, 1, 1),
        valid_to=ends,
        followup_frequency="Hver 4. uke",
        responsible="NAV",
        created_by=veileder,
        activated_at=timezone.now(),
    )
    laere = ParticipantFactory(veileder=veileder, phase=Phase.LARETID)
    Laerekontrakt.objects.create(
        participant=laere,
        company=CompanyFactory(),
        laerefag=LaerefagFactory(),
        opplaeringskontor="OK Trøndelag",
        signed_on=datetime.date(2024, 8, 1),
        ends_on=ends,
        registered_by=veileder,
    )
    found = set(
        Participant.objects.filter(ending_soon_q(veileder, today)).values_list("pk", flat=True)
    )
    assert (praksis.pk in found) is ending
    assert (laere.pk in found) is ending


def test_an_agreement_not_yet_approved_does_not_end_a_praksis(veileder):
    today = datetime.date(2026, 3, 2)
    praksis = ParticipantFactory(veileder=veileder, phase=Phase.PRAKSIS)
    FollowUpAgreement.objects.create(
        participant=praksis,
        version=1,
        goals="Jobb",
        valid_from=datetime.date(2026, 1, 1),
        valid_to=today + datetime.timedelta(days=3),
        followup_frequency="Hver 4. uke",
        responsible="NAV",
        created_by=veileder,
    )
    assert not Participant.objects.filter(ending_soon_q(veileder, today)).exists()
