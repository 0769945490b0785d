import datetime

import pytest
from django.urls import reverse

from core.identity import make_identity
from participants.models import Participant
from tests.factories import LaerefagFactory, participant_aged

pytestmark = pytest.mark.django_db

CREATE = reverse("participants:create")


def form_data(**overrides):
    data = {
        "fodselsnummer": make_identity(datetime.date(2003, 6, 14), 701),
        "first_name": "Ingrid",
        "last_name": "Aune",
        "phone": "91234567",
        "email": "ingrid@example.no",
        "street_address": "Storgata 1",
        "postal_code": "7011",
        "postal_place": "Trondheim",
        "innsatsgruppe": "situasjonsbestemt",
        "sluttkompetanse": "",
    }
    data.update(overrides)
    return data


def test_veileder_registers_a_participant_in_her_own_caseload(client, veileder):
    fag = LaerefagFactory()
    client.force_login(veileder)
    response = client.post(CREATE, form_data(sluttkompetanse=fag.pk, vgs_completed="on"))
    participant = Participant.objects.get(last_name="Aune")
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:detail", args=[participant.uuid])
    assert participant.veileder == veileder
    assert participant.nav_kontor == veileder.nav_kontor
    assert participant.birth_date == datetime.date(2003, 6, 14)
    assert participant.vgs_completed
    assert participant.sluttkompetanse == fag


def test_wrong_fodselsnummer_gives_a_clear_message_and_keeps_what_she_typed(client, veileder):
    client.force_login(veileder)
    good = make_identity(datetime.date(2003, 6, 14), 701)
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    response = client.post(CREATE, form_data(fodselsnummer=bad))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kontrollsifrene stemmer ikke" in body
    assert 'value="Ingrid"' in body and 'value="Storgata 1"' in body and 'value="7011"' in body
    assert 'aria-describedby="fodselsnummer-error"' in body
    assert not Participant.objects.exists()


def test_duplicate_fodselsnummer_is_refused(client, veileder, participant):
    client.force_login(veileder)
    response = client.post(CREATE, form_data(fodselsnummer=participant.fodselsnummer))
    assert "finnes allerede en deltaker" in response.content.decode()
    assert Participant.objects.count() == 1


def test_detail_shows_masked_number_and_reveals_it_on_request(client, veileder, participant):
    client.force_login(veileder)
    body = client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    assert participant.masked_fodselsnummer in body
    assert participant.fodselsnummer not in body
    reveal = client.get(
        reverse("participants:fodselsnummer", args=[participant.uuid]), HTTP_HX_REQUEST="true"
    )
    assert participant.fodselsnummer in reveal.content.decode()


def test_detail_query_count_is_fixed(client, veileder, django_assert_num_queries):
    # In JobbLoop's age group: someone outside it costs one query more, to know whether she
    # was ever in a loop (else the section is not shown).
    participant = participant_aged(24, veileder=veileder, nav_kontor=veileder.nav_kontor)
    client.force_login(veileder)
    url = reverse("participants:detail", args=[participant.uuid])
    client.get(url)
    # session, user, the participant (with the CHANGE and REASSIGN answers), the look's
    # audit row, unread notifications, sections: phase timeline, checklist, meetings and
    # fagbrev (4), kartlegging, agreement and activities (3; its approvals when there is one),
    # consents with their validity, interest, appointments, notes shared by consent, requests
    # (5); huskelapp and fargekategori (1); documents: consents, agreement versions, meetings
    # and JobbLoop places (4). Roles, clearances and grants come with the session; the change
    # history, matches, møteplasser and JobbLoop when opened.
    with django_assert_num_queries(22):
        client.get(url)


def test_veileder_edits_contact_details(client, veileder, participant):
    client.force_login(veileder)
    url = reverse("participants:edit_contact", args=[participant.uuid])
    response = client.post(
        url,
        {
            "phone": "40000000",
            "email": "ny@example.no",
            "street_address": "Ny vei 2",
            "postal_code": "7030",
            "postal_place": "Trondheim",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.phone == "40000000"
    assert participant.postal_code == "7030"


def test_bad_postal_code_is_refused_with_message(client, veileder, participant):
    client.force_login(veileder)
    url = reverse("participants:edit_contact", args=[participant.uuid])
    response = client.post(
        url,
        {
            "phone": "40000000",
            "email": "",
            "street_address": "",
            "postal_code": "70",
            "postal_place": "",
        },
    )
    assert "Postnummer skal være fire sifre" in response.content.decode()
    participant.refresh_from_db()
    assert participant.phone == "91234567"


def test_reassignment_moves_access(client, leder, veileder, colleague, participant):
    client.force_login(leder)
    response = client.post(
        reverse("participants:reassign", args=[participant.uuid]), {"veileder": colleague.pk}
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.veileder == colleague

    client.force_login(veileder)
    assert client.get(reverse("participants:detail", args=[participant.uuid])).status_code == 404
    client.force_login(colleague)
    assert client.get(reverse("participants:detail", args=[participant.uuid])).status_code == 200


def test_reassign_offers_only_veiledere_of_the_office(
    client, leder, veileder, colleague, other_veileder, participant
):
    client.force_login(leder)
    response = client.post(
        reverse("participants:reassign", args=[participant.uuid]), {"veileder": other_veileder.pk}
    )
    assert response.status_code == 200
    assert (
        "Velg et gyldig valg" in response.content.decode() or "gyldig" in response.content.decode()
    )
    participant.refresh_from_db()
    assert participant.veileder == veileder


def test_unknown_uuid_is_404(client, veileder):
    client.force_login(veileder)
    url = reverse("participants:detail", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


def test_participant_urls_carry_uuid_not_id(participant):
    url = reverse("participants:detail", args=[participant.uuid])
    assert str(participant.uuid) in url
    assert f"/{participant.pk}/" not in url


def test_login_with_nav_ident_in_lower_case(client, veileder):
    response = client.post(
        reverse("login"),
        {"username": veileder.nav_ident.lower(), "password": "riktig-hemmelig-passord"},
    )
    assert response.status_code == 302


def test_login_failure_message_is_norwegian(client, veileder):
    response = client.post(reverse("login"), {"username": veileder.nav_ident, "password": "feil"})
    assert "Feil NAV-ident eller passord" in response.content.decode()


def test_change_history_shows_who_changed_what_from_what_to_what(
    client, veileder, leder, colleague
):
    client.force_login(veileder)
    client.post(CREATE, form_data())
    participant = Participant.objects.get(last_name="Aune")
    client.post(
        reverse("participants:edit_contact", args=[participant.uuid]),
        {
            "phone": "40000000",
            "email": "ingrid@example.no",
            "street_address": "Storgata 1",
            "postal_code": "7011",
            "postal_place": "Trondheim",
        },
    )
    client.force_login(leder)
    client.post(
        reverse("participants:reassign", args=[participant.uuid]), {"veileder": colleague.pk}
    )
    body = client.get(reverse("participants:history", args=[participant.uuid])).content.decode()
    assert "Telefon endret fra «91234567» til «40000000»" in body
    assert f"Veileder endret fra «{veileder.name}» til «{colleague.name}»" in body
    assert f"{veileder.name}:" in body and f"{leder.name}:" in body
    assert "registrerte deltakeren" in body


def test_participant_without_any_history_rows_still_opens(client, veileder, participant):
    # Bulk-loaded rows (imports, seed_demo) have no history; the page must not break.
    participant.history.all().delete()
    client.force_login(veileder)
    response = client.get(reverse("participants:detail", args=[participant.uuid]))
    assert response.status_code == 200
    history = client.get(reverse("participants:history", args=[participant.uuid]))
    assert "Ingen endringer registrert" in history.content.decode()


def test_change_history_is_fetched_when_opened_and_is_a_page_without_script(
    client, veileder, participant
):
    client.force_login(veileder)
    url = reverse("participants:history", args=[participant.uuid])
    page = client.get(reverse("participants:detail", args=[participant.uuid])).content.decode()
    assert f'hx-get="{url}" hx-trigger="toggle once"' in page
    assert f'href="{url}"' in page  # the way without script
    assert "registrerte deltakeren" not in page  # not loaded until opened
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "registrerte deltakeren" in fragment
    assert "<html" in client.get(url).content.decode()


def test_history_query_count_is_fixed(client, veileder, participant, django_assert_num_queries):
    client.force_login(veileder)
    url = reverse("participants:history", args=[participant.uuid])
    client.get(url, headers={"HX-Request": "true"})
    # session, user, participant, the look's audit row, history rows (names only when a
    # veileder, office or lærefag changed)
    with django_assert_num_queries(5):
        client.get(url, headers={"HX-Request": "true"})


def test_a_number_whose_birth_date_is_outside_the_window_is_refused_on_the_field(client, veileder):
    client.force_login(veileder)
    # Individual number 512 with year 99 is someone born in 1899.
    data = {
        "fodselsnummer": make_identity(datetime.date(1999, 3, 3), 512),
        "first_name": "Sara",
        "last_name": "Lund",
        "innsatsgruppe": "standard",
    }
    response = client.post(reverse("participants:create"), data)
    assert response.status_code == 200
    assert "Datoen må være mellom" in response.context["form"].errors["fodselsnummer"][0]
    assert not Participant.objects.filter(last_name="Lund").exists()
