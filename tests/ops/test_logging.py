"""Logs are JSON lines on stdout with request id, view, NAV-ident and duration, and never a
fødselsnummer or a name."""

import json
import logging

import pytest
from django.conf import settings
from django.urls import reverse

from core.logging import MaskIdentityNumbers, identity_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines(settings):
    """The console handler exactly as settings configure it, writing to a buffer."""
    import io
    import logging.config

    buffer = io.StringIO()
    config = {**settings.LOGGING}
    config["formatters"] = dict(settings.LOGGING["formatters"])
    handlers = {name: dict(h) for name, h in settings.LOGGING["handlers"].items()}
    for handler in handlers.values():
        handler.pop("stream", None)
    handlers["console"]["formatter"] = "json"
    config["handlers"] = handlers
    logging.config.dictConfig(config)
    root = logging.getLogger()
    console = root.handlers[0]
    console.setStream(buffer)
    audit_handler = logging.getLogger("auditLogger").handlers[0]
    audit_handler.setStream(buffer)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


def test_requests_are_json_lines_without_fodselsnummer_or_name(
    client, veileder, participant, json_lines
):
    client.force_login(veileder)
    fnr = participant.fodselsnummer
    # A search by fødselsnummer, whatever the form does with it, and a participant view.
    client.get(reverse("participants:caseload"), {"q": fnr})
    client.post(reverse("participants:caseload"), {"q": fnr})
    client.get(reverse("participants:detail", args=[participant.uuid]))
    logging.getLogger("trondelag.test").warning("Fant ikke %s", fnr)

    lines = [line for line in json_lines.getvalue().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines if line.startswith("{")]
    requests = [r for r in records if r.get("logger") == "trondelag.request"]
    assert len(requests) >= 3
    detail = next(r for r in requests if r["view"] == "participants:detail")
    assert detail["nav_ident"] == veileder.nav_ident
    assert detail["status"] == 200
    assert detail["request_id"] and detail["duration_ms"] > 0 and detail["queries"] > 0
    assert all("time" in r and "level" in r for r in records)

    everything = json_lines.getvalue()
    assert fnr not in everything
    assert not identity_numbers(everything), everything
    for name in (participant.first_name, participant.last_name):
        assert name not in everything


def test_the_mask_covers_arguments_extra_fields_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "søk %s", ("12345678901",), None)
    record.query = "q=12345678901"
    try:
        raise ValueError("12345678901 finnes ikke")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    MaskIdentityNumbers().filter(record)
    assert record.getMessage() == "søk ***********"
    assert record.query == "q=***********"
    assert "12345678901" not in record.exc_text
    # Shorter digit runs (an enhetsnummer, a count) are left alone.
    other = logging.LogRecord("x", logging.INFO, __file__, 1, "kontor 5701: 1234567890", None, None)
    MaskIdentityNumbers().filter(other)
    assert other.getMessage() == "kontor 5701: 1234567890"


def test_every_handler_masks():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "mask_identity_numbers" in handler.get("filters", []), name
