"""No fødselsnummer in a URL, a redirect, the browser history or a log line (issue 18).

Each search field that takes a fødselsnummer (the caseload, the office list, the
sporingslogg, the Django admin) is used with one, while handlers on the root logger and on
django.server and django.request record everything, unfiltered. No record, no address the
client ends up at, no Location and no HX-Push-Url header may hold an eleven-digit run. The
logging filter and gunicorn's access log format are the safety net, tested on their own.
"""

import logging
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.logging import MaskIdentityNumbers, identity_numbers
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


@pytest.fixture
def recorded():
    recorder = Recorder()
    names = ["", "django.server", "django.request", "django", "trondelag.audit"]
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(recorder)
        lg.setLevel(logging.DEBUG)
    yield recorder
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(recorder)
        lg.setLevel(level)


def addresses(response) -> list[str]:
    """Everything that ends up in the address bar, the history or a log of the request."""
    found = [url for url, _status in getattr(response, "redirect_chain", [])]
    request = response.request
    found.append(f"{request.get('PATH_INFO', '')}?{request.get('QUERY_STRING', '')}")
    for header in ("Location", "HX-Push-Url", "HX-Redirect", "HX-Location"):
        if header in response:
            found.append(response[header])
    return found


def assert_no_number(response, recorder):
    for where in addresses(response) + recorder.lines:
        assert not identity_numbers(where), where


def test_searches_by_fodselsnummer_leave_it_in_no_url_and_no_log(
    client, veileder, leder, admin_user, recorded
):
    person = ParticipantFactory(veileder=veileder)
    number = person.fodselsnummer
    client.force_login(veileder)
    client.get(reverse("participants:detail", args=[person.uuid]))  # a sporingslogg row
    cases = [
        (veileder, reverse("participants:caseload"), {"q": number}),
        (leder, reverse("participants:office"), {"q": number}),
        (leder, reverse("audit:log"), {"fodselsnummer": number}),
        (
            admin_user,
            reverse("admin:participants_participant_changelist"),
            {"q": number, "_token_search": "1"},
        ),
    ]
    for user, url, terms in cases:
        client.force_login(user)
        posted = client.post(url, terms)
        assert posted.status_code == 302, url
        assert_no_number(posted, recorded)
        page = client.get(posted["Location"])
        assert page.status_code == 200, url
        assert_no_number(page, recorded)
        body = page.content.decode()
        # Found, and every link of the page (paging, sorting, filters) without the number.
        assert person.last_name in body, url
        assert not any(number in href for href in re.findall(r'href="([^"]*)"', body)), url
        # The htmx search updates the address bar with the token, never the number.
        live = client.post(url, terms, headers={"HX-Request": "true"})
        assert_no_number(live, recorded)
        if "HX-Push-Url" in live:
            assert "s=" in live["HX-Push-Url"]
    assert recorded.lines  # the recorder heard the requests (audit, axes) at all


def test_admin_moves_a_number_that_arrives_in_the_query_string_behind_a_token(
    client, admin_user, participant
):
    client.force_login(admin_user)
    url = reverse("admin:participants_participant_changelist")
    response = client.get(url, {"q": participant.fodselsnummer})
    assert response.status_code == 302
    assert participant.fodselsnummer not in response["Location"] and "_s=" in response["Location"]
    page = client.get(response["Location"])
    assert participant.last_name in page.content.decode()
    # Back to the list from her change page: the preserved filters hold the token.
    assert participant.fodselsnummer not in page.content.decode().split('id="result_list"')[1]


def test_the_logging_filter_masks_numbers_in_messages_arguments_and_tracebacks():
    number = "13029740180"
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s', ("GET /x?q=130297 40180", 200), None
    )
    try:
        raise ValueError(f"no such person {number}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    MaskIdentityNumbers().filter(record)
    assert number not in record.getMessage() and "130297 40180" not in record.getMessage()
    assert "200" in record.getMessage()
    assert number not in record.exc_text
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, f"fnr {number}", None, None)
    MaskIdentityNumbers().filter(plain)
    assert number not in plain.getMessage()


def test_every_configured_handler_masks_and_django_server_lines_come_out_masked():
    import io

    configured = settings.LOGGING["handlers"]
    assert configured and all(
        "mask_identity_numbers" in h.get("filters", []) for h in configured.values()
    )
    for name in ["", "django", "django.server", "django.request", "trondelag.audit"]:
        logger = logging.getLogger(name)
        while logger is not None:
            for handler in logger.handlers:
                if type(handler).__module__.startswith("_pytest"):
                    continue  # pytest's own capture, not the app's
                assert any(isinstance(f, MaskIdentityNumbers) for f in handler.filters), (
                    name,
                    handler,
                )
            logger = logger.parent if logger.propagate else None
    # What runserver writes for a request, through the configured handler.
    handler = next(
        h
        for h in logging.getLogger("django.server").handlers
        if isinstance(h, logging.StreamHandler) and not type(h).__module__.startswith("_pytest")
    )
    buffer = io.StringIO()
    original = handler.setStream(buffer)
    try:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /portefolje/?q=13029740180 HTTP/1.1", "200", "512"
        )
    finally:
        handler.setStream(original)
    written = buffer.getvalue()
    assert "/portefolje/" in written and "13029740180" not in written


def test_gunicorn_access_log_has_no_query_string():
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger, SafeAtoms

    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("access_log_format", conf["access_log_format"])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/portefolje/?q=13029740180",
        "PATH_INFO": "/portefolje/",
        "QUERY_STRING": "q=13029740180",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
        "HTTP_REFERER": "https://app/portefolje/?q=13029740180",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[])
    took = SimpleNamespace(seconds=0, microseconds=1500)
    atoms = Logger(cfg).atoms(response, request, environ, took)
    line = cfg.access_log_format % SafeAtoms(atoms)
    assert "GET /portefolje/ HTTP/1.1" in line and " 200 " in line
    assert "13029740180" not in line and "q=" not in line


def test_the_celery_workers_own_log_handlers_mask_too():
    from celery.signals import after_setup_logger

    logger = logging.getLogger("celery-test-worker")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    try:
        after_setup_logger.send(sender=None, logger=logger, loglevel=logging.INFO)
        assert any(isinstance(f, MaskIdentityNumbers) for f in handler.filters)
    finally:
        logger.removeHandler(handler)


def test_a_uuid_whose_last_group_is_all_digits_is_left_whole():
    from core.logging import mask_identity_numbers

    uuid = "c2355d71-0142-466b-a187-123456789012"
    text = f"duid={uuid} request=/deltakere/{uuid}/ q=12345678901 r=123456 78901"
    assert mask_identity_numbers(text) == (
        f"duid={uuid} request=/deltakere/{uuid}/ q=*********** r=***********"
    )
    assert identity_numbers(text) == ["12345678901", "123456 78901"]
