import pytest
from axes.models import AccessAttempt
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "riktig-hemmelig-passord"


def attempt(client, ident, password):
    return client.post(reverse("login"), {"username": ident, "password": password})


def test_locks_out_after_repeated_failures_even_with_the_right_password(client, veileder, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, veileder.nav_ident.lower(), "feil-passord")
    response = attempt(client, veileder.nav_ident, PASSWORD)
    assert response.status_code == 429
    assert "midlertidig sperret" in response.content.decode()


def test_admin_unlocks_by_removing_the_attempts(client, veileder, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, veileder.nav_ident, "feil-passord")
    AccessAttempt.objects.all().delete()  # what "Slett" on Access attempts in admin does
    assert attempt(client, veileder.nav_ident, PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client, veileder, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, veileder.nav_ident, "feil-passord")
    assert attempt(client, veileder.nav_ident, PASSWORD).status_code == 302
    client.logout()
    attempt(client, veileder.nav_ident, "feil-passord")
    assert attempt(client, veileder.nav_ident, PASSWORD).status_code == 302


def test_security_headers(client):
    response = client.get(reverse("login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
