"""The idle expiry: refreshed at most once a minute, so most pages write nothing."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import middleware

pytestmark = pytest.mark.django_db


def writes(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum(q["sql"].startswith('UPDATE "django_session"') for q in ctx.captured_queries)


def test_session_is_refreshed_once_a_minute_not_on_every_page(client, veileder, monkeypatch):
    clock = [1_900_000_000]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    client.force_login(veileder)
    url = reverse("participants:caseload")
    assert writes(client, url) == 1  # first request after login stamps the session
    expiry = Session.objects.get().expire_date
    clock[0] += 30
    assert writes(client, url) == 0
    assert Session.objects.get().expire_date == expiry
    clock[0] += 31
    assert writes(client, url) == 1
    assert Session.objects.get().expire_date > expiry


def test_an_anonymous_request_creates_no_session(client):
    client.get(reverse("login"))
    assert not Session.objects.exists()
