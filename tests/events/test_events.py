import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.exceptions import DomainError
from events.models import Invitation, Outcome
from events.selectors import events_visible_to, find_alternative
from events.services import (
    event_add_company,
    event_create,
    invitation_create,
    invitation_record_outcome,
)
from matching.models import MatchStatus
from matching.services import match_propose
from participants.models import Participant
from tests.factories import CompanyFactory, MatchFactory, ParticipantFactory, UserFactory

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
    # +2 (6 -> 8): the veileder's own and group permissions, so an event is not opened to
    # her through a protected person she may not see.
    for size in (10, 25):
        with django_assert_num_queries(5):
            response = client.get(reverse("events:list"), {"per_side": size})
        assert len(response.context["page"].object_list) == min(size, 12)


def make_event(actor, companies=(), **kwargs):
    defaults = {
        "kind": "moteplass",
        "title": "Møteplass helse",
        "date": datetime.date(2026, 11, 20),
        "place": "Trondheim",
    }
    return event_create(actor=actor, companies=companies, **(defaults | kwargs))


def not_matched(event, participant, actor):
    invitation = invitation_create(event=event, participant=participant, actor=actor)
    return invitation_record_outcome(
        invitation=invitation, actor=actor, outcome=Outcome.IKKE_MATCHET
    )


def test_a_running_placement_keeps_her_off_find_alternative(veileder):
    anna = ParticipantFactory(veileder=veileder)
    MatchFactory(participant=anna, status=MatchStatus.STARTET)
    not_matched(make_event(veileder), anna, veileder)
    assert list(find_alternative(veileder)) == []


def test_a_later_invitation_replaces_the_not_matched_outcome(veileder):
    company = CompanyFactory()
    anna = ParticipantFactory(veileder=veileder)
    not_matched(make_event(veileder), anna, veileder)
    assert [i.participant for i in find_alternative(veileder)] == [anna]
    second = make_event(veileder, companies=[company], title="Kick-Off", kind="kick_off")
    invitation = invitation_create(event=second, participant=anna, actor=veileder)
    assert list(find_alternative(veileder)) == []
    invitation_record_outcome(invitation=invitation, actor=veileder, outcome=Outcome.IKKE_MATCHET)
    assert [i.event for i in find_alternative(veileder)] == [second]


def test_find_alternative_holds_only_her_own_participants(veileder, colleague):
    not_matched(make_event(veileder), ParticipantFactory(veileder=veileder), veileder)
    assert list(find_alternative(colleague)) == []


def test_colleague_sees_no_names_and_markedsradgiver_names_only(
    client, veileder, colleague, markedsradgiver
):
    event = make_event(veileder, companies=[CompanyFactory()])
    sara = ParticipantFactory(veileder=veileder, first_name="Sara", last_name="Solberg")
    hemmelig = ParticipantFactory(
        veileder=veileder, first_name="Hemmelig", adressebeskyttelse="fortrolig"
    )
    invitation_create(event=event, participant=sara, actor=veileder)
    url = reverse("events:detail", args=[event.uuid])
    client.force_login(colleague)
    body = client.get(url).content.decode()
    assert "Sara" not in body and "Kandidat 1" in body
    client.force_login(markedsradgiver)
    body = client.get(url).content.decode()
    assert "Sara Solberg" in body
    for private in (sara.fodselsnummer, sara.masked_fodselsnummer, sara.phone, sara.email):
        assert private not in body
    cleared = UserFactory(
        nav_kontor=veileder.nav_kontor, roles=["veileder"], clearances=["view_fortrolig"]
    )
    hemmelig.veileder = cleared
    hemmelig.save()
    invitation_create(event=event, participant=hemmelig, actor=cleared)
    body = client.get(url).content.decode()
    # No placeholder row either: "Kandidat 2" among named candidates would point her out.
    assert "Hemmelig" not in body and "Kandidat 2" not in body
    client.force_login(colleague)
    body = client.get(url).content.decode()
    assert "Kandidat 1" in body and "Kandidat 2" not in body


def test_markedsradgiver_records_the_outcome_a_colleague_may_not(
    veileder, colleague, markedsradgiver
):
    company = CompanyFactory()
    event = make_event(veileder, companies=[company])
    inv = invitation_create(
        event=event, participant=ParticipantFactory(veileder=veileder), actor=veileder
    )
    with pytest.raises(DomainError):
        invitation_record_outcome(invitation=inv, actor=colleague, outcome=Outcome.IKKE_MATCHET)
    inv = invitation_record_outcome(
        invitation=inv, actor=markedsradgiver, outcome=Outcome.MATCHET, company=company
    )
    assert (inv.outcome, inv.company, inv.outcome_by) == (Outcome.MATCHET, company, markedsradgiver)


def test_recording_the_same_outcome_again_is_a_no_op(veileder):
    anna = ParticipantFactory(veileder=veileder)
    first = not_matched(make_event(veileder), anna, veileder)
    again = invitation_record_outcome(
        invitation=first, actor=veileder, outcome=Outcome.IKKE_MATCHET
    )
    assert again.outcome_at == first.outcome_at
    assert AuditEvent.objects.filter(participant=anna, what__startswith="Utfall").count() == 1


def test_only_the_organising_office_adds_companies(veileder, markedsradgiver, other_leder):
    event = make_event(veileder)
    company = CompanyFactory()
    with pytest.raises(DomainError):
        event_add_company(event=event, company=company, actor=other_leder)
    event_add_company(event=event, company=company, actor=markedsradgiver)
    event_add_company(event=event, company=company, actor=markedsradgiver)
    assert list(event.companies.all()) == [company]


def test_add_company_and_invite_through_the_event_page(client, veileder):
    event = make_event(veileder)
    company = CompanyFactory(name="Bakeriet AS")
    anna = ParticipantFactory(veileder=veileder, first_name="Anna")
    client.force_login(veileder)
    url = reverse("events:detail", args=[event.uuid])
    assert client.post(url, {"action": "add_company", "company": company.pk}).status_code == 302
    assert client.post(url, {"action": "invite", "participant": anna.pk}).status_code == 302
    body = client.get(url).content.decode()
    assert "Bakeriet AS" in body and "Anna" in body


def test_refuses_inviting_someone_elses_participant_or_to_an_unseen_event(
    veileder, other_veileder, leder
):
    with pytest.raises(DomainError):
        invitation_create(
            event=make_event(veileder), participant=ParticipantFactory(), actor=veileder
        )
    elsewhere = make_event(other_veileder)
    with pytest.raises(DomainError):
        invitation_create(
            event=elsewhere, participant=ParticipantFactory(veileder=veileder), actor=leder
        )


def test_leder_invites_from_the_participant_page(client, veileder, leder):
    event = make_event(veileder, date=timezone.localdate() + datetime.timedelta(days=7))
    anna = ParticipantFactory(veileder=veileder)
    client.force_login(leder)
    url = reverse("events:invite", args=[anna.uuid])
    assert event.title in client.get(url).content.decode()
    response = client.post(url, {"event": event.uuid})
    assert response.status_code == 302
    assert Invitation.objects.get(participant=anna).invited_by == leder


def test_participant_page_lists_her_invitations_and_outcomes(client, veileder):
    company = CompanyFactory(name="Sykehuset AS")
    event = make_event(veileder, companies=[company], title="Helsedagen")
    anna = ParticipantFactory(veileder=veileder)
    inv = invitation_create(event=event, participant=anna, actor=veileder)
    invitation_record_outcome(
        invitation=inv, actor=veileder, outcome=Outcome.MATCHET, company=company
    )
    client.force_login(veileder)
    # Fetched when the section on her page opens.
    section = reverse("events:participant_section", args=[anna.uuid])
    body = client.get(section, headers={"HX-Request": "true"}).content.decode()
    assert "Helsedagen" in body and "matchet med bedrift med Sykehuset AS" in body


def test_her_veileder_in_another_office_sees_the_event_she_is_invited_to(veileder, other_veileder):
    event = make_event(veileder)
    anna = ParticipantFactory(veileder=veileder)
    invitation_create(event=event, participant=anna, actor=veileder)
    assert list(events_visible_to(other_veileder)) == []
    Participant.objects.filter(pk=anna.pk).update(veileder=other_veileder)
    assert list(events_visible_to(other_veileder)) == [event]


@pytest.mark.parametrize("persona", ["karriereveileder", "fagopplaering", "outsider"])
def test_roles_outside_nav_see_no_events(persona, request, veileder):
    make_event(veileder)
    assert list(events_visible_to(request.getfixturevalue(persona))) == []


def test_refuses_creating_an_event_without_a_nav_role(outsider):
    with pytest.raises(DomainError):
        make_event(outsider)


def test_find_alternative_query_count_is_fixed(client, veileder, django_assert_num_queries):
    event = make_event(veileder)
    for _ in range(12):
        not_matched(event, ParticipantFactory(veileder=veileder), veileder)
    client.force_login(veileder)
    client.get(reverse("events:alternatives"))
    for size in (10, 50):
        with django_assert_num_queries(5):
            response = client.get(reverse("events:alternatives"), {"per_side": size})
        assert len(response.context["page"].object_list) == min(size, 12)


# The markedsrådgiver has no caseload to invite from and sees no one by VIEW/CHANGE grants.
# Roles, clearances and grants come with the session (accounts.access_cache).
EVENT_DETAIL_QUERIES = {"veileder": 10, "markedsradgiver": 7}


@pytest.mark.parametrize("persona", ["veileder", "markedsradgiver"])
def test_event_detail_query_count_does_not_grow_with_invitations(
    persona, request, client, veileder, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    event = make_event(veileder, companies=[CompanyFactory(), CompanyFactory()])
    client.force_login(user)
    url = reverse("events:detail", args=[event.uuid])
    for extra in (1, 6):
        for _ in range(extra):
            invitation_create(
                event=event, participant=ParticipantFactory(veileder=veileder), actor=veileder
            )
        client.get(url)
        with django_assert_num_queries(EVENT_DETAIL_QUERIES[persona]):
            client.get(url)


def test_an_outcome_can_only_be_recorded_once_the_event_is_held(client, veileder):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    event = make_event(veileder, date=tomorrow)
    inv = invitation_create(
        event=event, participant=ParticipantFactory(veileder=veileder), actor=veileder
    )
    with pytest.raises(DomainError, match="fra og med møteplassdagen"):
        invitation_record_outcome(invitation=inv, actor=veileder, outcome=Outcome.IKKE_MATCHET)
    client.force_login(veileder)
    url = reverse("events:detail", args=[event.uuid])
    page = client.get(url).content.decode()
    assert 'value="outcome"' not in page  # no outcome form offered before the day
    assert f"fra og med møteplassdagen, {tomorrow:%d.%m.%Y}" in page
    posted = client.post(
        url, {"action": "outcome", "invitation": str(inv.uuid), "outcome": Outcome.IKKE_MATCHET}
    )
    assert "fra og med møteplassdagen" in posted.content.decode()
    inv.refresh_from_db()
    assert inv.outcome_at is None
    event.date = timezone.localdate()
    event.save(update_fields=["date"])
    done = invitation_record_outcome(invitation=inv, actor=veileder, outcome=Outcome.IKKE_MATCHET)
    assert done.outcome == Outcome.IKKE_MATCHET
