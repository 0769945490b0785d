"""Every URL of the app x every role (and anonymous): allowed, login redirect, or 404.

The URL list is read from the URL conf, so a new view without a row here fails the test.
"""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, PARTICIPANT_PAGE, PERSONAS, row

pytestmark = pytest.mark.django_db

EXPECTED = {
    "home": row(OK, anonymous=LOGIN),
    "login": row(OK),
    "logout": row(NOT_ALLOWED),
    # Only when an OpenID provider is configured (tests/accounts/test_oidc.py).
    "oidc_authentication_init": row(NOT_FOUND),
    "oidc_authentication_callback": row(NOT_FOUND),
    "robots": row(OK),
    "participants:caseload": row(
        NOT_FOUND, anonymous=LOGIN, veileder=OK, colleague=OK, other_veileder=OK
    ),
    "participants:office": row(NOT_FOUND, anonymous=LOGIN, leder=OK, other_leder=OK),
    "participants:retention": row(NOT_FOUND, anonymous=LOGIN, leder=OK, other_leder=OK),
    "participants:bulk_reassign": row(NOT_FOUND, anonymous=LOGIN, leder=OK, other_leder=OK),
    "participants:columns": row(
        NOT_FOUND,
        anonymous=LOGIN,
        veileder=OK,
        colleague=OK,
        other_veileder=OK,
        leder=OK,
        other_leder=OK,
    ),
    "participants:create": row(
        NOT_FOUND,
        anonymous=LOGIN,
        veileder=OK,
        colleague=OK,
        other_veileder=OK,
        leder=OK,
        other_leder=OK,
    ),
    "participants:detail": PARTICIPANT_PAGE,
    "participants:fodselsnummer": PARTICIPANT_PAGE,
    "participants:edit_contact": PARTICIPANT_PAGE,
    "participants:reassign": row(NOT_FOUND, anonymous=LOGIN, leder=OK),
    "participants:history": PARTICIPANT_PAGE,
}
_KWARG_MAKERS = []
for _path in sorted(Path(__file__).parent.glob("*/matrix.py")):
    _module = importlib.import_module(f"tests.{_path.parent.name}.matrix")
    _overlap = set(EXPECTED) & set(_module.ROWS)
    assert not _overlap, f"{_path} repeats rows {_overlap}"
    EXPECTED.update(_module.ROWS)
    if hasattr(_module, "url_kwargs"):
        _KWARG_MAKERS.append(_module.url_kwargs)


def app_url_names(patterns=None, namespace=""):
    """Every named URL outside Django admin (which has its own test)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from app_url_names(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.converters)


def test_every_url_has_a_row_in_the_matrix():
    assert {name for name, _ in app_url_names()} == set(EXPECTED)


def _url(name, params, participant, personas):
    kwargs = {}
    for make in _KWARG_MAKERS:
        kwargs.update(make(name, params, participant=participant, personas=personas) or {})
    for param in params:
        if param not in kwargs:
            assert param == "uuid", f"teach the matrix how to fill <{param}> in {name}"
            kwargs[param] = participant.uuid
    return reverse(name, kwargs=kwargs)


def test_access_matrix(client, personas, participant):
    failures = []
    for name, params in app_url_names():
        url = _url(name, params, participant, personas)
        for persona in PERSONAS:
            client.logout()
            if persona != "anonymous":
                client.force_login(personas[persona])
            response = client.get(url)
            expected = EXPECTED[name][persona]
            if expected == OK:
                good = response.status_code == 200 or (
                    response.status_code == 302
                    and settings.LOGIN_URL not in response["Location"]
                    and "/logg-inn/" not in response["Location"]
                )
            elif expected == LOGIN:
                good = response.status_code == 302 and "/logg-inn/" in response["Location"]
            else:
                good = response.status_code == expected
            if not good:
                failures.append(
                    f"{name} as {persona}: got {response.status_code}, expected {expected}"
                )
    assert not failures, "\n".join(failures)


def test_admin_only_for_staff(client, personas):
    index = reverse("admin:index")
    for persona, user in personas.items():
        client.force_login(user)
        response = client.get(index)
        if persona == "admin":
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and "login" in response["Location"], persona


def test_admin_pages_for_reference_data_users_and_participants(client, admin_user, participant):
    client.force_login(admin_user)
    for name in [
        "admin:accounts_user_changelist",
        "admin:accounts_navkontor_changelist",
        "admin:participants_laerefag_changelist",
        "admin:participants_participant_changelist",
        "admin:auth_group_changelist",
    ]:
        response = client.get(reverse(name), {"q": "a"})
        assert response.status_code == 200, name
    change = client.get(reverse("admin:participants_participant_change", args=[participant.pk]))
    assert change.status_code == 200
    assert (
        "Objekttilganger" in change.content.decode()
        or "Object permissions" in change.content.decode()
    )
