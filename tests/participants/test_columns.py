"""Columns the user chooses and orders, kept per user; sorting by any shown column."""

import re

import pytest
from django.urls import reverse

from core.exceptions import DomainError
from participants.columns import COLUMNS, DEFAULT, caseload_columns_save, chosen_keys
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
URL = reverse("participants:caseload")
COLUMNS_URL = reverse("participants:columns")


def headers(html: str) -> list[str]:
    head = html[html.index("<thead") : html.index("</thead>")]
    return [
        re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"(?s)<th [^>]*>(.*?)</th>", head)
    ]


def _post(client, shown: dict[str, int]):
    """Show ``shown`` at the given places; the others hidden (their place is then irrelevant)."""
    data = {}
    for key in COLUMNS:
        data[f"plass_{key}"] = shown.get(key, len(COLUMNS))
        if key in shown:
            data[f"vis_{key}"] = "on"
    return client.post(f"{COLUMNS_URL}?neste={URL}", data)


DEFAULT_HEADERS = [
    "Navn",
    "Fødselsnummer",
    "Alder",
    "Fase",
    "Neste oppfølging",
    "Innsatsgruppe",
    "Sluttkompetanse",
    "NAV-kontor",
]


def test_default_columns_are_as_before(client, veileder):
    ParticipantFactory(veileder=veileder)
    client.force_login(veileder)
    assert headers(client.get(URL).content.decode()) == DEFAULT_HEADERS


def test_chosen_and_ordered_columns_are_kept_per_user(client, veileder, colleague):
    p = ParticipantFactory(veileder=veileder)
    ParticipantFactory(veileder=colleague)
    client.force_login(veileder)
    assert client.get(COLUMNS_URL).status_code == 200
    saved = _post(client, {"neste_oppfolging": 1, "registrert": 2, "alder": 3})
    assert saved.status_code == 302 and saved["Location"] == URL
    body = client.get(URL).content.decode()
    assert headers(body) == ["Navn", "Neste oppfølging", "Registrert", "Alder"]
    assert p.masked_fodselsnummer not in body
    assert chosen_keys(veileder) == ["neste_oppfolging", "registrert", "alder"]
    # A new session reads the same choice from the database.
    client.logout()
    client.force_login(veileder)
    assert headers(client.get(URL).content.decode())[1] == "Neste oppfølging"
    client.force_login(colleague)
    assert headers(client.get(URL).content.decode()) == DEFAULT_HEADERS
    assert chosen_keys(colleague) == DEFAULT


def test_no_columns_or_unknown_ones_are_refused(veileder):
    with pytest.raises(DomainError, match="minst én"):
        caseload_columns_save(user=veileder, keys=[])
    with pytest.raises(DomainError):
        caseload_columns_save(user=veileder, keys=["alder", "alder"])
    with pytest.raises(DomainError):
        caseload_columns_save(user=veileder, keys=["fodselsnummer_fullt"])


def test_every_shown_column_with_a_sort_sorts_and_reverses(client, veileder):
    old = ParticipantFactory(veileder=veileder, last_name="Aas", birth_date="1996-01-01")
    young = ParticipantFactory(veileder=veileder, last_name="Berg", birth_date="2006-01-01")
    client.force_login(veileder)
    body = client.get(URL).content.decode()
    assert 'href="?sort=alder"' in body
    by_age = client.get(URL, {"sort": "alder"}).content.decode()
    assert by_age.index(young.last_name) < by_age.index(old.last_name)
    assert 'aria-sort="ascending"' in by_age and 'href="?sort=-alder"' in by_age
    for key in ("innsatsgruppe", "sluttkompetanse", "kontor", "lengst_i_fase", "neste_oppfolging"):
        assert client.get(URL, {"sort": key}).status_code == 200


def test_the_veileder_column_is_only_on_the_office_page(client, leder, veileder):
    ParticipantFactory(veileder=veileder, nav_kontor=leder.nav_kontor)
    client.force_login(leder)
    office = client.get(reverse("participants:office")).content.decode()
    assert headers(office)[-1] == "Veileder"
    office_sorted = client.get(reverse("participants:office"), {"sort": "veileder"})
    assert office_sorted.status_code == 200


def test_columns_page_is_for_caseload_users_only(client, markedsradgiver):
    client.force_login(markedsradgiver)
    assert client.get(COLUMNS_URL).status_code == 404


def test_columns_page_query_count_is_fixed(client, veileder, django_assert_num_queries):
    client.force_login(veileder)
    client.get(URL)
    # session, user, roles, the saved choice, unread notifications
    with django_assert_num_queries(4):
        assert client.get(COLUMNS_URL).status_code == 200
    caseload_columns_save(user=veileder, keys=["alder", "fase"])
    with django_assert_num_queries(4):
        assert client.get(COLUMNS_URL).status_code == 200
