"""The overview pages and exports as each role gets them."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEvent
from overview.selectors import pseudonym

pytestmark = pytest.mark.django_db
MARCH = {"fra": "2026-03-01", "til": "2026-03-31"}


def get(client, user, name, **params):
    client.force_login(user)
    return client.get(reverse(name), params)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_leder_s_page_shows_her_office_s_figures(client, leder, world):
    response = get(client, leder, "overview:page", **MARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deltakere i hver fase nå (5)" in html
    assert "tall=fase&amp;verdi=matching" in html  # every figure links to its list
    assert "tall=entered" in html and "tall=left_kartlegge" in html
    assert 'aria-hidden="true"' in html and "<table" in html  # chart with a table equivalent
    assert 'name="kontor"' not in html  # her office is fixed


def test_page_query_count_is_fixed(client, leder, world, django_assert_num_queries):
    client.force_login(leder)
    client.get(reverse("overview:page"), MARCH)  # warm the session
    with django_assert_num_queries(17):
        client.get(reverse("overview:page"), MARCH)


def test_a_wrong_period_is_explained_and_kept(client, leder, world):
    response = get(client, leder, "overview:page", fra="2026-04-01", til="2026-03-01")
    html = response.content.decode()
    assert "«Til og med» må være samme dag som eller etter «fra og med»." in html
    assert 'value="2026-04-01"' in html


def test_the_list_behind_a_figure_names_the_leder_s_people(client, leder, world):
    response = get(client, leder, "overview:participants", tall="entered", **MARCH)
    html = response.content.decode()
    assert response.status_code == 200
    assert world["b"].full_name in html and world["d"].full_name in html
    assert world["a"].full_name not in html
    assert "2 deltakere" in html
    event = AuditEvent.objects.get(action=AuditAction.LIST)
    assert sorted(event.participant_ids) == sorted([world["b"].pk, world["d"].pk])


def test_list_query_count_does_not_grow_with_the_page(
    client, leder, world, django_assert_num_queries
):
    client.force_login(leder)
    url = reverse("overview:participants")
    client.get(url, {"tall": "fase", "verdi": "kartlegge"})
    with django_assert_num_queries(6):
        client.get(url, {"per_side": 10})
    with django_assert_num_queries(6):
        client.get(url, {"per_side": 50})


def test_admin_gets_pseudonyms_not_names(client, admin_user, world):
    response = get(client, admin_user, "overview:participants", tall="entered", **MARCH)
    html = response.content.decode()
    assert world["b"].full_name not in html and world["b"].last_name not in html
    assert pseudonym(world["b"]) in html
    assert not AuditEvent.objects.filter(action=AuditAction.LIST).exists()


def test_another_leder_cannot_list_this_office(client, other_leder, world):
    response = get(client, other_leder, "overview:participants", tall="fase", verdi="kartlegge")
    html = response.content.decode()
    assert world["e"].full_name not in html and pseudonym(world["e"]) not in html


def test_unknown_figure_is_404(client, leder, world):
    assert get(client, leder, "overview:participants", tall="nope").status_code == 404
    assert get(client, leder, "overview:export", innhold="nope").status_code == 404


def _csv(response):
    text = body(response).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_rows_export_as_csv_names_whom_the_leder_may_see(client, leder, world):
    response = get(client, leder, "overview:export", innhold="rader", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][:3] == ["Pseudonym", "Navn", "Alder"]
    names = {r[1] for r in rows[1:]}
    assert names == {world[k].full_name for k in ("a", "b", "c", "d", "e")}
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert len(event.participant_ids) == 5


def test_rows_export_is_pseudonymised_for_admin(client, admin_user, world):
    response = get(client, admin_user, "overview:export", innhold="rader", format="csv")
    rows = _csv(response)
    # Superuser status is no clearance: the protected person leaves no row, not even a pseudonym.
    assert len(rows) == 1 + 6
    assert {r[1] for r in rows[1:]} == {""}  # no names
    assert {r[10] for r in rows[1:]} == {""}  # nor veileder
    unprotected = [p for key, p in world.items() if key != "protected"]
    assert {r[0] for r in rows[1:]} == {pseudonym(p) for p in unprotected}


def test_other_leder_s_export_holds_only_her_office(client, other_leder, world):
    rows = _csv(get(client, other_leder, "overview:export", innhold="rader", format="csv"))
    assert [r[1] for r in rows[1:]] == [world["other"].full_name]


def test_figures_export_in_excel_matches_the_page(client, leder, world):
    response = get(client, leder, "overview:export", innhold="tall", format="xlsx", **MARCH)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = {(r[0], r[1]): r[2] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("Flyt i perioden", "Nye deltakere")] == 2
    assert rows[("Deltakere i fasen nå", "Matching")] == 1
    assert rows[("Dager i fasen", "Kartlegging: median")] == 20
    assert rows[("Matcher", "Dager til vurdering: 90-persentil")] == 10


def test_rows_export_of_one_figure_in_excel(client, leder, world):
    response = get(
        client, leder, "overview:export", innhold="rader", format="xlsx", tall="fagbrev", **MARCH
    )
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == world["c"].full_name


def test_the_menu_offers_the_overview_to_leder_and_admin_only(client, leder, admin_user, veileder):
    for user, shown in ((leder, True), (admin_user, True), (veileder, False)):
        client.force_login(user)
        html = client.get(reverse("home"), follow=True).content.decode()
        assert (reverse("overview:page") in html) is shown


def test_the_veileder_filter_offers_her_office_s_veiledere_and_keeps_the_choice(
    client, leder, veileder, other_veileder, world
):
    html = get(client, leder, "overview:page", veileder=veileder.pk, **MARCH).content.decode()
    select = html.split('name="veileder"', 1)[1].split("</select>", 1)[0]
    assert (
        f'<option value="{veileder.pk}" selected>{veileder.name} ({veileder.nav_ident})' in select
    )
    assert other_veileder.nav_ident not in select
