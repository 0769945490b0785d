"""The participant page's sections out of view (matches, møteplasser, JobbLoop) are fetched
when opened: the page links each, htmx gets its content, and each fragment is checked and
logged like the page."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from jobbloop.models import LoopCandidate
from jobbloop.services import loop_create
from participants.models import Adressebeskyttelse
from tests.factories import CompanyFactory, MatchFactory, ParticipantFactory, participant_aged

pytestmark = pytest.mark.django_db

SECTIONS = [
    "matching:participant_section",
    "events:participant_section",
    "jobbloop:participant_section",
]
HX = {"HX-Request": "true"}


def test_the_page_links_each_section_and_loads_none_of_them(client, veileder):
    participant = participant_aged(24, veileder=veileder, nav_kontor=veileder.nav_kontor)
    MatchFactory(participant=participant)
    client.force_login(veileder)
    page = client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    for name in SECTIONS:
        url = reverse(name, args=[participant.uuid])
        assert f'hx-get="{url}" hx-trigger="toggle once"' in page, name
        assert f'href="{url}"' in page, name  # the way without script
    assert "Laster matching med bedrifter …" in page  # said while htmx fetches it
    # The actions stay on the page, closed or not.
    assert reverse("matching:propose", args=[participant.uuid]) in page
    assert reverse("events:invite", args=[participant.uuid]) in page
    assert "Ingen bedrifter er foreslått" not in page and "Historikk" not in page


@pytest.mark.parametrize("name", SECTIONS)
def test_a_section_is_a_fragment_for_htmx_and_a_page_without_script(
    client, veileder, participant, name
):
    client.force_login(veileder)
    url = reverse(name, args=[participant.uuid])
    fragment = client.get(url, headers=HX)
    assert fragment.status_code == 200 and "<html" not in fragment.content.decode()
    page = client.get(url).content.decode()
    assert "<html" in page and reverse("participants:detail", args=[participant.uuid]) in page


@pytest.mark.parametrize("name", SECTIONS)
def test_opening_a_section_is_logged_as_a_look(client, veileder, participant, name):
    client.force_login(veileder)
    client.get(reverse(name, args=[participant.uuid]), headers=HX)
    assert AuditEvent.objects.filter(participant=participant, action=AuditAction.VIEW).count() == 1


@pytest.mark.parametrize("name", SECTIONS)
@pytest.mark.parametrize(
    "protection",
    [{"adressebeskyttelse": Adressebeskyttelse.STRENGT_FORTROLIG}, {"skjermet": True}],
)
def test_a_protected_persons_section_is_not_found_without_clearance(
    client, veileder, name, protection
):
    protected = ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor, **protection)
    client.force_login(veileder)
    assert client.get(reverse(name, args=[protected.uuid]), headers=HX).status_code == 404
    assert not AuditEvent.objects.filter(participant=protected).exists()


def test_matches_show_when_opened(client, veileder, participant):
    match = MatchFactory(participant=participant)
    client.force_login(veileder)
    url = reverse("matching:participant_section", args=[participant.uuid])
    body = client.get(url, headers=HX).content.decode()
    assert match.company.name in body and "Historikk" in body


# session, user, the participant (with the CHANGE answer), the look's audit row, and the
# section's own: matches (1, their events only when there are any), invitations (1), loop
# places (1).
@pytest.mark.parametrize("name", SECTIONS)
def test_section_query_count_is_fixed(
    client, veileder, participant, name, django_assert_num_queries
):
    client.force_login(veileder)
    url = reverse(name, args=[participant.uuid])
    client.get(url, headers=HX)
    with django_assert_num_queries(5):
        client.get(url, headers=HX)


def test_jobbloop_is_shown_in_its_age_group_or_to_someone_who_was_in_a_loop(client, veileder):
    client.force_login(veileder)
    older = participant_aged(34, veileder=veileder, nav_kontor=veileder.nav_kontor)
    url = reverse("jobbloop:participant_section", args=[older.uuid])
    detail = reverse("participants:detail", args=[older.uuid])
    assert url not in client.get(detail).content.decode()
    loop = loop_create(
        actor=veileder,
        name="Loop i fjor",
        start_date=datetime.date(2024, 9, 1),
        companies=[CompanyFactory() for _ in range(3)],
    )
    # Added when she was younger: the place stays on her page.
    LoopCandidate.objects.create(loop=loop, participant=older, start_position=1, added_by=veileder)
    assert url in client.get(detail).content.decode()
