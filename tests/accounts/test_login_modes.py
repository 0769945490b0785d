"""Passwords stored in the app log in only where PASSWORD_LOGIN is on (demo and tests)."""

import pytest
from django.urls import reverse

from accounts.sync import access_from_groups, sync_user
from tests.e2e.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_without_password_login_the_form_is_gone_and_a_post_logs_nobody_in(
    client, veileder, settings
):
    settings.PASSWORD_LOGIN = False
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert 'name="password"' not in page.content.decode()
    assert "Innlogging er ikke satt opp" in page.content.decode()
    response = client.post(reverse("login"), {"username": veileder.nav_ident, "password": PASSWORD})
    assert response.status_code == 405
    assert client.get(reverse("home")).status_code == 302  # still anonymous


def test_with_password_login_the_demo_users_log_in(client, veileder, settings):
    settings.PASSWORD_LOGIN = True
    response = client.post(reverse("login"), {"username": veileder.nav_ident, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code in (200, 302)
    assert "_auth_user_id" in client.session


def test_with_a_provider_configured_the_login_page_offers_it(client, settings):
    settings.OIDC_ENABLED = True
    settings.PASSWORD_LOGIN = False
    body = client.get(reverse("login")).content.decode()
    assert "Logg inn med NAV-konto" in body and 'name="password"' not in body


def test_groups_map_to_roles_clearances_admin_and_office(settings):
    settings.OIDC_GROUPS = {
        "g1": "veileder",
        "g2": "kode7",
        "g3": "admin",
        "g4": "kontor:5701",
        "g5": "skjermet",
    }
    access = access_from_groups(["g1", "g2", "g3", "g4", "g5", "fremmed"])
    assert access.roles == {"veileder"}
    assert access.clearances == {"view_fortrolig", "view_skjermet"}
    assert access.admin and access.office == "5701"
    assert not access_from_groups(["fremmed"]).any
    assert not access_from_groups(None).any


def test_sync_creates_updates_and_deactivates(settings, kontor):
    settings.OIDC_GROUPS = {"g1": "veileder", "g2": "kode6", "g4": f"kontor:{kontor.enhetsnummer}"}
    user = sync_user(
        None, {"NAVident": "z990002", "name": "Ny Bruker", "groups": ["g1", "g2", "g4"]}
    )
    assert user.nav_ident == "Z990002" and user.is_active and user.nav_kontor == kontor
    assert user.has_perm("participants.view_strengt_fortrolig")
    user = sync_user(user, {"NAVident": "Z990002", "name": "Ny Bruker", "groups": []})
    assert not user.is_active
    assert not user.groups.exists() and not user.user_permissions.exists()
