"""Malformed input anywhere gives a 4xx or a form with a message, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

text = st.text(max_size=60)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(
    q=text,
    innsatsgruppe=text,
    sluttkompetanse=text,
    kontor=text,
    sort=text,
    side=text,
    per_side=text,
)
def test_caseload_query_parameters(
    client, veileder, q, innsatsgruppe, sluttkompetanse, kontor, sort, side, per_side
):
    client.force_login(veileder)
    params = {
        "q": q,
        "innsatsgruppe": innsatsgruppe,
        "sluttkompetanse": sluttkompetanse,
        "kontor": kontor,
        "sort": sort,
        "side": side,
        "per_side": per_side,
    }
    response = client.get(reverse("participants:caseload"), params)
    assert response.status_code == 200


@FUZZ
@given(fnr=text, first=text, last=text, phone=text, email=text, postal=text, innsats=text)
def test_register_participant_form(
    client, veileder, fnr, first, last, phone, email, postal, innsats
):
    client.force_login(veileder)
    response = client.post(
        reverse("participants:create"),
        {
            "fodselsnummer": fnr,
            "first_name": first,
            "last_name": last,
            "phone": phone,
            "email": email,
            "postal_code": postal,
            "innsatsgruppe": innsats,
            "sluttkompetanse": fnr,
        },
    )
    assert response.status_code in (200, 302)


@FUZZ
@given(phone=text, email=text, street=text, postal=text, place=text)
def test_contact_form(client, veileder, participant, phone, email, street, postal, place):
    client.force_login(veileder)
    response = client.post(
        reverse("participants:edit_contact", args=[participant.uuid]),
        {
            "phone": phone,
            "email": email,
            "street_address": street,
            "postal_code": postal,
            "postal_place": place,
        },
    )
    assert response.status_code in (200, 302)


@FUZZ
@given(ident=text, fnr=text, date_from=text, date_to=text, side=text)
def test_audit_search(client, leder, ident, fnr, date_from, date_to, side):
    client.force_login(leder)
    params = {
        "nav_ident": ident,
        "fodselsnummer": fnr,
        "date_from": date_from,
        "date_to": date_to,
        "side": side,
    }
    response = client.get(reverse("audit:log"), params)
    assert response.status_code == 200


@FUZZ
@given(username=text, password=text)
def test_login_form(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code in (200, 429)
