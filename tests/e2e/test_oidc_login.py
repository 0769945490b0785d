"""Login through a real OpenID provider (oidc-provider-mock on loopback), as on NAIS with Entra ID:
the NAV-ident and the groups in the token decide who the user is and what she may do."""

from urllib.parse import parse_qs, quote, urlparse

import httpx
import pytest
from oidc_provider_mock import run_server_in_thread

from accounts.models import NavKontor, User

pytestmark = pytest.mark.django_db(transaction=True)

GROUPS = {
    "0a1b-veileder": "veileder",
    "0a1b-leder": "leder",
    "0a1b-kode6": "kode6",
    "0a1b-kontor": "kontor:5701",
}


@pytest.fixture
def provider(settings):
    with run_server_in_thread() as server:
        url = f"http://localhost:{server.server_port}"
        settings.OIDC_DISCOVERY_URL = f"{url}/.well-known/openid-configuration"
        settings.OIDC_RP_CLIENT_ID = "trondelag"
        settings.OIDC_RP_CLIENT_SECRET = "lokal-test-hemmelighet"
        settings.OIDC_ENABLED = True
        settings.OIDC_GROUPS = GROUPS
        yield url


def give_claims(provider: str, sub: str, **claims) -> None:
    response = httpx.put(f"{provider}/users/{quote(sub)}", json=claims)
    assert response.status_code == 204


def login_at_provider(page, provider: str, sub: str) -> None:
    page.goto(page.base + "/logg-inn/")
    page.get_by_role("button", name="Logg inn med NAV-konto").click()
    page.wait_for_url(f"{provider}/oauth2/authorize*")
    query = parse_qs(urlparse(page.url).query)
    # Authorization code flow with PKCE.
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    page.fill("#subject-input", sub)
    page.locator("#subject-input").press("Enter")


def test_login_role_from_groups_losing_a_group_and_logout(page, provider, live_server):
    NavKontor.objects.get_or_create(enhetsnummer="5701", defaults={"name": "NAV Oidc-kontoret"})
    give_claims(
        provider,
        "olga",
        NAVident="Z990001",
        name="Olga Oidc",
        email="olga.oidc@nav.no",
        groups=["0a1b-veileder", "0a1b-kode6", "0a1b-kontor", "ukjent-gruppe"],
    )

    login_at_provider(page, provider, "olga")
    page.wait_for_url(lambda url: url.startswith(live_server.url) and "/logg-inn/" not in url)
    page.get_by_text("Olga Oidc").first.wait_for()
    user = User.objects.get(nav_ident="Z990001")
    assert user.is_active and not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {"veileder"}
    assert user.has_perm("participants.view_strengt_fortrolig")
    assert user.nav_kontor.enhetsnummer == "5701"
    assert page.goto(page.base + "/portefolje/").status == 200

    # Logout ends the session here and at the provider, then comes back to the login page.
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(f"{provider}/oauth2/end_session*")
    assert "id_token_hint" in parse_qs(urlparse(page.url).query)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{live_server.url}/logg-inn/*")
    assert page.goto(page.base + "/portefolje/").url.startswith(f"{live_server.url}/logg-inn/")

    # A leder group instead: the next login brings the new role, and loses the old ones.
    give_claims(provider, "olga", NAVident="Z990001", name="Olga Oidc", groups=["0a1b-leder"])
    login_at_provider(page, provider, "olga")
    page.wait_for_url(lambda url: url.startswith(live_server.url) and "/logg-inn/" not in url)
    user.refresh_from_db()
    assert set(user.groups.values_list("name", flat=True)) == {"leder"}
    assert not User.objects.get(pk=user.pk).has_perm("participants.view_strengt_fortrolig")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(f"{provider}/oauth2/end_session*")

    # Every group gone: the next login is refused and the user deactivated.
    give_claims(provider, "olga", NAVident="Z990001", name="Olga Oidc", groups=[])
    login_at_provider(page, provider, "olga")
    page.wait_for_url(f"{live_server.url}/logg-inn/?feil=1")
    page.get_by_text("Innloggingen ble avvist").wait_for()
    assert not User.objects.get(pk=user.pk).is_active
    assert page.goto(page.base + "/portefolje/").url.startswith(f"{live_server.url}/logg-inn/")


def test_a_token_without_a_nav_ident_is_refused(page, provider, live_server):
    give_claims(provider, "uten-ident", name="Uten Ident", groups=["0a1b-veileder"])
    login_at_provider(page, provider, "uten-ident")
    page.wait_for_url(f"{live_server.url}/logg-inn/?feil=1")
    assert not User.objects.filter(name="Uten Ident").exists()
