"""/internal/*: what NAIS's kubelet and Prometheus ask, answered before login and audit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families

from audit.models import AuditEvent
from reminders.models import Delivery, DeliveryStatus, ReminderKind

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_isalive_answers_without_login_host_check_or_https(client):
    # The kubelet probes the pod's IP over plain HTTP.
    response = client.get("/internal/isalive", HTTP_HOST="10.4.2.17:8000", secure=False)
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_isready_when_database_and_broker_answer(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/internal/isready", HTTP_HOST="10.4.2.17:8000")
    assert response.status_code == 200
    assert not AuditEvent.objects.exists()


def _isready_in_a_fresh_process(**env_overrides) -> tuple[int, str]:
    """The probe in a process of its own, against services that really are (un)reachable."""
    from django.db import connection

    db = connection.settings_dict
    test_database = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": test_database, **env_overrides}
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/internal/isready', HTTP_HOST='10.0.0.1');"
        "print(r.status_code, r.content.decode())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    status, _, body = done.stdout.strip().splitlines()[-1].partition(" ")
    return int(status), body


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_not_ready_when_the_database_is_down():
    dead = f"postgres://postgres@127.0.0.1:{_free_port()}/trondelag"
    status, body = _isready_in_a_fresh_process(DATABASE_URL=dead, LOG_LEVEL="ERROR")
    assert status == 503
    assert '"database"' in body


@pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
    reason="a broker that can be down: Redis",
)
def test_not_ready_when_the_broker_is_down():
    status, body = _isready_in_a_fresh_process(
        CELERY_BROKER_URL=f"redis://127.0.0.1:{_free_port()}/0", LOG_LEVEL="ERROR"
    )
    assert status == 503
    assert '"broker"' in body and '"database"' not in body


def _families(text: str) -> dict:
    return {family.name: family for family in text_string_to_metric_families(text)}


def test_metrics_are_scraped_and_parsed(client, veileder, participant):
    Delivery.objects.create(
        kind=ReminderKind.FOLLOWUP_DUE,
        object_key="p1",
        period="2026-W49",
        address="a@nav.no",
        subject="s",
        body="b",
        status=DeliveryStatus.FAILED,
    )
    client.force_login(veileder)
    assert client.get(reverse("participants:detail", args=[participant.uuid])).status_code == 200

    response = client.get("/internal/metrics", REMOTE_ADDR="10.6.0.12")
    assert response.status_code == 200
    families = _families(response.content.decode())

    latency = families["trondelag_request_duration_seconds"]
    assert any(
        s.labels.get("view") == "participants:detail" and s.name.endswith("_count") and s.value >= 1
        for s in latency.samples
    )
    queries = families["trondelag_db_queries"]
    assert any(
        s.labels.get("view") == "participants:detail" and s.value > 0 for s in queries.samples
    )
    audit = families["trondelag_audit_rows"]
    assert any(s.labels.get("action") == "view" and s.value >= 1 for s in audit.samples)
    states = {s.labels["state"]: s.value for s in families["trondelag_reminders"].samples}
    assert states["failed"] >= 1 and set(states) >= {"due", "queued", "sent", "failed"}
    assert "trondelag_reminder_oldest_unsent_age_seconds" in families
    assert "trondelag_pdf_render_seconds" in families


def test_metrics_are_not_served_through_the_ingress_or_to_outsiders(client):
    through_ingress = client.get(
        "/internal/metrics", REMOTE_ADDR="10.6.0.12", HTTP_X_FORWARDED_FOR="84.208.1.1"
    )
    assert through_ingress.status_code == 404
    outsider = client.get("/internal/metrics", REMOTE_ADDR="84.208.1.1")
    assert outsider.status_code == 404


def test_internal_endpoints_write_no_audit_row(client):
    for path in ("/internal/isalive", "/internal/isready", "/internal/metrics"):
        client.get(path)
    assert not AuditEvent.objects.exists()
