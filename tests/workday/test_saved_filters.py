"""Mine filter: saved per user, never seen by another, counted in one query."""

import pytest
from django.urls import reverse

from participants.models import Innsatsgruppe
from tests.factories import ParticipantFactory
from workday.models import SavedFilter
from workday.services import saved_filter_create

pytestmark = pytest.mark.django_db

MINE = reverse("participants:caseload")


def _panel(response):
    return response.context["panels"][0]["context"]


def _save(client, name, query, scope="mine"):
    return client.post(
        reverse("workday:filter_create"), {"name": name, "scope": scope, "query": query}
    )


def test_save_apply_rename_reorder_delete(client, veileder):
    ParticipantFactory(veileder=veileder, innsatsgruppe=Innsatsgruppe.SITUASJONSBESTEMT)
    ParticipantFactory(veileder=veileder)
    client.force_login(veileder)
    assert _save(client, "Situasjonsbestemt", "innsatsgruppe=situasjonsbestemt").status_code == 302
    assert _save(client, "Forfalte", "status=forfalt&side=3&ukjent=x").status_code == 302
    first, second = SavedFilter.objects.filter(user=veileder).order_by("position")
    assert second.params == {"status": "forfalt"}  # paging and unknown keys are not kept

    rows = _panel(client.get(MINE))["rows"]
    assert [(r["saved"].name, r["count"]) for r in rows] == [
        ("Situasjonsbestemt", 1),
        ("Forfalte", 0),
    ]
    # One click applies it, and the list agrees with the count beside it.
    applied = client.get(rows[0]["url"])
    assert applied.context["page"].paginator.count == 1

    client.post(reverse("workday:filter_rename", args=[first.uuid]), {"name": "Sit. bestemt"})
    client.post(reverse("workday:filter_move", args=[second.uuid]), {"retning": "opp"})
    rows = _panel(client.get(MINE))["rows"]
    assert [r["saved"].name for r in rows] == ["Forfalte", "Sit. bestemt"]

    client.post(reverse("workday:filter_delete", args=[second.uuid]))
    assert list(SavedFilter.objects.filter(user=veileder).values_list("name", flat=True)) == [
        "Sit. bestemt"
    ]


def test_another_user_never_sees_or_touches_them(client, veileder, colleague):
    saved = saved_filter_create(
        user=veileder, scope="mine", name="Mine forfalte", params={"status": "forfalt"}
    )
    client.force_login(colleague)
    body = client.get(MINE).content.decode()
    assert "Mine forfalte" not in body
    assert _panel(client.get(MINE))["rows"] == []
    assert client.get(reverse("workday:filter_rename", args=[saved.uuid])).status_code == 404
    assert client.post(reverse("workday:filter_delete", args=[saved.uuid])).status_code == 404
    assert client.post(reverse("workday:filter_move", args=[saved.uuid])).status_code == 404
    assert (
        client.post(reverse("workday:filter_rename", args=[saved.uuid]), {"name": "X"}).status_code
        == 404
    )
    saved.refresh_from_db()
    assert saved.name == "Mine forfalte"


def test_a_veileder_cannot_save_an_office_filter(client, veileder):
    client.force_login(veileder)
    assert _save(client, "Kontor", "status=forfalt", scope="kontor").status_code == 404
    assert not SavedFilter.objects.exists()


def test_a_duplicate_name_is_refused_with_a_message(client, veileder):
    client.force_login(veileder)
    _save(client, "Forfalte", "status=forfalt")
    response = _save(client, "Forfalte", "status=inaktiv")
    assert SavedFilter.objects.count() == 1
    assert (
        "allerede et filter med dette navnet" in client.get(response["Location"]).content.decode()
    )


def test_counts_of_many_filters_take_one_query(client, veileder, django_assert_num_queries):
    ParticipantFactory.create_batch(4, veileder=veileder)
    saved_filter_create(user=veileder, scope="mine", name="A", params={"status": "ny"})
    client.force_login(veileder)
    client.get(MINE)
    # 7 without saved filters, +1 for all their counts together
    with django_assert_num_queries(8):
        client.get(MINE)
    for n in range(8):
        saved_filter_create(user=veileder, scope="mine", name=f"F{n}", params={"q": f"Fornavn{n}"})
    with django_assert_num_queries(8):
        response = client.get(MINE)
    assert len(_panel(response)["rows"]) == 9


def test_the_leder_keeps_office_filters_apart_from_caseload_ones(client, leder, veileder):
    saved_filter_create(user=veileder, scope="mine", name="Veileders", params={"status": "ny"})
    client.force_login(leder)
    assert _save(client, "Utildelte", "status=ikke_tildelt", scope="kontor").status_code == 302
    rows = _panel(client.get(reverse("participants:office")))["rows"]
    assert [r["saved"].name for r in rows] == ["Utildelte"]
    assert rows[0]["url"] == reverse("participants:office") + "?status=ikke_tildelt"


def test_rename_page_query_count_is_fixed(client, veileder, django_assert_num_queries):
    saved = saved_filter_create(user=veileder, scope="mine", name="A", params={"status": "ny"})
    client.force_login(veileder)
    url = reverse("workday:filter_rename", args=[saved.uuid])
    client.get(url)
    # session, user, roles, the filter, unread notifications
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


def test_a_live_search_offers_to_save_the_filters_now_shown(client, veileder):
    client.force_login(veileder)
    response = client.get(
        MINE,
        {"fase": "praksis", "side": "2"},
        headers={"HX-Request": "true", "HX-Target": "caseload-results"},
    )
    body = response.content.decode()
    assert 'name="query" value="fase=praksis"' in body
    assert response.context["statuses"] == []  # the counts above the results stay as they are
