"""The menu and the pages agree, for every persona and every capability, because both ask
accounts.capabilities; a leder without an office is one of the personas."""

import re

import pytest
from django.urls import reverse

from accounts.capabilities import RULES, may
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leder_without_office(db):
    return UserFactory(nav_kontor=None, roles=["leder"])


@pytest.fixture
def everyone(personas, leder_without_office, cleared_veileder):
    return {**personas, "leder_without_office": leder_without_office, "cleared": cleared_veileder}


def menu_capabilities(client) -> set[str]:
    # Notifications are everyone's page; the main menu's other links name their capability.
    html = client.get(reverse("notifications:list")).content.decode()
    nav = html[html.index('aria-label="Hovedmeny"') : html.index("</nav>")]
    return set(re.findall(r'data-capability="([a-z_]+)"', nav))


def test_menu_and_pages_agree_with_the_capabilities(client, everyone):
    for name, user in everyone.items():
        client.force_login(user)
        menu = menu_capabilities(client)
        for capability, rule in RULES.items():
            allowed = may(user, capability)
            status = client.get(reverse(rule.url_name)).status_code
            assert status == (200 if allowed else 404), (name, capability, status)
            if rule.in_menu:
                assert (capability in menu) is allowed, (name, capability)


def test_a_leder_without_an_office_is_not_offered_the_sporingslogg(client, leder_without_office):
    client.force_login(leder_without_office)
    assert "audit_log" not in menu_capabilities(client)
    assert client.get(reverse("audit:log")).status_code == 404
