"""Filter selects come from cached option lists; a change shows at once in this process."""

import pytest
from django.urls import reverse

from accounts.models import NavKontor
from tests.factories import LaerefagFactory

pytestmark = pytest.mark.django_db


def test_caseload_options_are_cached_and_follow_changes(
    client, veileder, django_assert_num_queries
):
    client.force_login(veileder)
    url = reverse("participants:caseload")
    client.get(url)
    fag = LaerefagFactory(name="Nyfaget")
    html = client.get(url).content.decode()
    assert f'<option value="{fag.pk}">Nyfaget</option>' in html
    fag.name = "Omdøpt fag"
    fag.save()
    assert "Omdøpt fag" in client.get(url).content.decode()
    office = NavKontor.objects.first()
    label = f"{office.name} ({office.enhetsnummer})"
    assert label in client.get(url).content.decode()


def test_a_stale_list_cannot_make_the_form_accept_a_deleted_value(client, veileder):
    client.force_login(veileder)
    fag = LaerefagFactory(name="Snart borte")
    url = reverse("participants:caseload")
    client.get(url)
    pk = fag.pk
    type(fag).objects.filter(pk=pk).delete()  # a queryset delete sends no per-row signal
    response = client.get(url, {"sluttkompetanse": pk})
    assert response.status_code == 200
    assert response.context["form"].errors["sluttkompetanse"]
