import re

import pytest
from django.urls import reverse

from companies import services
from companies.models import Company, CompanyNeed
from core.exceptions import DomainError
from tests.factories import CompanyFactory, CompanyNeedFactory, LaerefagFactory

pytestmark = pytest.mark.django_db
LIST = reverse("companies:list")
CREATE = reverse("companies:create")


def form_data(**overrides):
    data = {
        "orgnr": "923 609 016",
        "name": "Fjordheimen Omsorg AS",
        "street_address": "Kaia 2",
        "postal_code": "7714",
        "municipality": "Steinkjer",
        "bransje": "Helse",
        "contact_name": "Kari Kontakt",
        "contact_phone": "74000000",
        "contact_email": "kari@fjordheimen.no",
        "is_laerebedrift": "on",
        "opplaeringskontor": "OK Helse Trøndelag",
        "markedsradgiver": "",
        "behov-TOTAL_FORMS": "1",
        "behov-INITIAL_FORMS": "0",
        "behov-MIN_NUM_FORMS": "0",
        "behov-MAX_NUM_FORMS": "1000",
        "behov-0-laerefag": "",
        "behov-0-count": "1",
        "behov-0-from_date": "",
        "behov-0-note": "",
    }
    data.update(overrides)
    return data


def test_markedsradgiver_registers_a_company_with_a_need(client, markedsradgiver):
    fag = LaerefagFactory()
    client.force_login(markedsradgiver)
    response = client.post(CREATE, form_data(**{"behov-0-laerefag": fag.pk, "behov-0-count": "2"}))
    company = Company.objects.get()
    assert response["Location"] == reverse("companies:detail", args=[company.uuid])
    assert company.orgnr == "923609016"
    assert company.is_laerebedrift
    need = company.needs.get()
    assert (need.laerefag, need.count) == (fag, 2)


def test_wrong_orgnr_is_refused_with_a_clear_message_and_nothing_else_lost(client, markedsradgiver):
    client.force_login(markedsradgiver)
    response = client.post(CREATE, form_data(orgnr="923609017"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Organisasjonsnummeret er ikke gyldig" in page
    assert "Fjordheimen Omsorg AS" in page and "kari@fjordheimen.no" in page
    assert not Company.objects.exists()


def test_duplicate_orgnr_is_refused(client, markedsradgiver):
    CompanyFactory(orgnr="923609016")
    client.force_login(markedsradgiver)
    response = client.post(CREATE, form_data())
    assert response.status_code == 200
    assert services.DUPLICATE_MESSAGE in response.content.decode()
    assert Company.objects.count() == 1


def test_duplicate_orgnr_is_refused_by_the_service_too(markedsradgiver):
    CompanyFactory(orgnr="923609016")
    with pytest.raises(DomainError, match="finnes allerede"):
        services.company_create(actor=markedsradgiver, orgnr="923609016", name="Kopi AS")


def test_htmx_filter_returns_only_the_results(client, veileder):
    CompanyFactory(name="Fragment AS")
    client.force_login(veileder)
    response = client.get(
        LIST, {"q": "Fragment"}, headers={"HX-Request": "true", "HX-Target": "company-results"}
    )
    page = response.content.decode()
    assert "Fragment AS" in page
    assert "<html" not in page


def test_editing_changes_fields_and_removes_a_need(client, markedsradgiver):
    need = CompanyNeedFactory(company=CompanyFactory(name="Gammelt navn"))
    company = need.company
    client.force_login(markedsradgiver)
    data = form_data(
        orgnr=company.orgnr,
        name="Nytt navn",
        **{
            "behov-TOTAL_FORMS": "2",
            "behov-INITIAL_FORMS": "1",
            "behov-0-id": need.pk,
            "behov-0-laerefag": need.laerefag_id,
            "behov-0-count": "1",
            "behov-0-DELETE": "on",
            "behov-1-laerefag": "",
            "behov-1-count": "1",
        },
    )
    response = client.post(reverse("companies:edit", args=[company.uuid]), data)
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Nytt navn"
    assert not CompanyNeed.objects.exists()


def test_only_markedsradgivere_change_the_register(veileder):
    with pytest.raises(DomainError, match="markedsrådgivere"):
        services.company_create(actor=veileder, orgnr="923609016", name="X")


def test_service_refuses_an_invalid_need(markedsradgiver):
    with pytest.raises(DomainError):
        services.company_create(
            actor=markedsradgiver,
            orgnr="923609016",
            name="X",
            needs=[services.NeedChange(laerefag=LaerefagFactory(), count=0)],
        )
    assert not Company.objects.exists()


def test_veileder_sees_the_register_without_edit_buttons(client, veileder):
    company = CompanyFactory(name="Lesbar AS")
    client.force_login(veileder)
    assert "Lesbar AS" in client.get(LIST).content.decode()
    page = client.get(reverse("companies:detail", args=[company.uuid])).content.decode()
    assert "Lesbar AS" in page and "Endre bedrift" not in page


def test_search_and_filters(client, markedsradgiver):
    fag = LaerefagFactory()
    CompanyNeedFactory(
        company=CompanyFactory(name="Alfa Bygg", municipality="Verdal", is_laerebedrift=True),
        laerefag=fag,
    )
    CompanyFactory(name="Beta Bygg", municipality="Verdal", orgnr="923609016")
    CompanyFactory(name="Gamma Mat", municipality="Røros")
    client.force_login(markedsradgiver)

    def names(**params):
        page = client.get(LIST, params).content.decode()
        return [n for n in ("Alfa Bygg", "Beta Bygg", "Gamma Mat") if n in page]

    assert names(q="bygg") == ["Alfa Bygg", "Beta Bygg"]
    assert names(q="923 609") == ["Beta Bygg"]
    assert names(kommune="Røros") == ["Gamma Mat"]
    assert names(laerefag=fag.pk) == ["Alfa Bygg"]
    assert names(laerebedrift="ja") == ["Alfa Bygg"]
    assert names(laerebedrift="nei") == ["Beta Bygg", "Gamma Mat"]


def test_list_query_count_is_the_same_for_10_and_50_rows(
    client, markedsradgiver, django_assert_num_queries
):
    for _ in range(60):
        CompanyNeedFactory(company=CompanyFactory(markedsradgiver=markedsradgiver))
    client.force_login(markedsradgiver)
    client.get(LIST)
    # session, user, municipalities, lærefag options, count, rows, needs,
    # unread notifications
    for size in (10, 50):
        with django_assert_num_queries(8):
            response = client.get(LIST, {"per_side": size})
        rows = re.findall(r'href="/bedrifter/[0-9a-f-]{36}/"', response.content.decode())
        assert len(rows) == size


def test_detail_query_count_is_fixed(client, veileder, django_assert_num_queries):
    company = CompanyFactory()
    CompanyNeedFactory.create_batch(3, company=company)
    client.force_login(veileder)
    url = reverse("companies:detail", args=[company.uuid])
    client.get(url)
    # session, user, company, needs, unread notifications
    with django_assert_num_queries(5):
        client.get(url)
