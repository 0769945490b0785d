"""Protected persons leave no trace for anyone not cleared for them (DOMAIN.md, issue 18).

Generated: every URL of the access matrix (tests/matrix.py, read from the URL conf, so a new
view joins by itself) is opened as every role without clearance, once as the matrix builds
it and once with a protected person's objects in place of the ordinary participant's, and
every list also at its largest page. Exports (CSV, Excel) and PDFs are read as text (openpyxl,
pypdf), JSON as it is, and every notification and e-mail of a scripted journey is read too.
None of them may hold a protected person's name, fødselsnummer, birth date, e-mail or uuid,
or the uuid of anything of hers.
"""

import datetime
import io
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.exceptions import DomainError
from notifications.models import Notification
from tests.factories import LaerefagFactory
from tests.matrix import PERSONAS
from tests.protected_scenario import build, identity_for, url_for_her
from tests.test_access_matrix import _KWARG_MAKERS, app_url_names

pytestmark = pytest.mark.django_db

# Everyone but the administrator (a superuser holds every clearance).
UNCLEARED = [p for p in PERSONAS if p != "admin"]


def readable(response) -> str:
    """Headers and body as text: PDFs through pypdf, spreadsheets through openpyxl."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind and body.rstrip().endswith(b"%%EOF"):
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    elif "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        text = "\n".join(
            " ".join("" if v is None else str(v) for v in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    else:
        text = body.decode("utf-8", "replace")
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return f"{headers}\n{text}"


def leaks(text: str, secrets: dict[str, str], asked: str = "") -> list[str]:
    """What of ``secrets`` is in ``text``; the address asked for (echoed in a login
    redirect's ?next= or a form's action) tells nothing the asker did not know."""
    if asked:
        path = asked.split("?", 1)[0]
        text = text.replace(path, "").replace(quote(path, safe=""), "")
    return [what for secret, what in secrets.items() if secret in text]


def _kwargs(name, params, participant, personas) -> dict:
    kwargs = {}
    for make in _KWARG_MAKERS:
        kwargs.update(make(name, params, participant=participant, personas=personas) or {})
    for param in params:
        kwargs.setdefault(param, participant.uuid)
    return kwargs


def every_url(scenario, participant, personas) -> list[str]:
    urls = []
    for name, params in app_url_names():
        kwargs = _kwargs(name, params, participant, personas)
        plain = reverse(name, kwargs=kwargs)
        urls += [plain] if params else [plain, f"{plain}?per_side=100"]
        for person in scenario.people:
            if theirs := url_for_her(name, kwargs, scenario, person):
                urls.append(theirs)
    export = reverse("overview:export")
    urls += [
        f"{export}?format={fmt}&innhold={what}"
        for fmt in ("csv", "xlsx")
        for what in ("tall", "rader")
    ]
    return urls


def journey(scenario, personas) -> None:
    """What happens around her: reviews, decisions, a lærekontrakt, reminders sent."""
    from events.models import Invitation
    from events.services import invitation_record_outcome
    from matching.models import Match
    from phases.services import laerekontrakt_register
    from reminders.models import Delivery, DeliveryStatus
    from reminders.services import delivery_send, reminders_scan

    kode6, kode7, skjermet, _stray = scenario.people
    match = Match.objects.get(uuid=scenario.objects[kode6.last_name]["match"])
    with pytest.raises(DomainError):  # her review belongs to a cleared markedsrådgiver
        from matching.services import match_transition

        match_transition(actor=personas["markedsradgiver"], match=match, to_status="godkjent")
    match_transition(
        actor=scenario.cleared_markedsradgiver, match=match, to_status="avslatt", comment="Nei"
    )
    invitation = Invitation.objects.get(uuid=scenario.objects[kode7.last_name]["invitation"])
    with pytest.raises(DomainError):
        invitation_record_outcome(
            invitation=invitation, actor=personas["markedsradgiver"], outcome="ikke_matchet"
        )
    laerekontrakt_register(
        participant=skjermet,
        actor=scenario.cleared_veileder,
        company=match.company,
        laerefag=LaerefagFactory(),
        opplaeringskontor="OK Trøndelag",
        signed_on=timezone.localdate(),
    )
    reminders_scan(now=timezone.now() + datetime.timedelta(minutes=1))
    for pk in Delivery.objects.filter(status=DeliveryStatus.PENDING).values_list("pk", flat=True):
        delivery_send(delivery_id=pk)


def test_no_trace_of_protected_persons_for_roles_without_clearance(
    client, personas, participant, kontor
):
    scenario = build(kontor, personas)
    journey(scenario, personas)
    secrets = scenario.secrets()
    failures = []

    # The journey worked for the cleared: else "nothing leaked" would prove nothing.
    cleared_texts = " ".join(
        Notification.objects.filter(recipient=scenario.cleared_markedsradgiver).values_list(
            "text", flat=True
        )
    )
    assert "sendt til vurdering" in cleared_texts and "Lærekontrakt" in cleared_texts
    assert Notification.objects.filter(recipient=scenario.cleared_veileder).exists()

    for note in Notification.objects.filter(recipient__in=[personas[p] for p in UNCLEARED[1:]]):
        if found := leaks(f"{note.text} {note.url}", secrets):
            failures.append(f"notification to {note.recipient}: {found}")
    uncleared_addresses = {personas[p].email for p in UNCLEARED[1:]}
    for message in mail.outbox:
        to_uncleared = set(message.to) & uncleared_addresses
        if to_uncleared and (found := leaks(f"{message.subject}\n{message.body}", secrets)):
            failures.append(f"e-mail to {message.to}: {found}")

    urls = every_url(scenario, participant, personas)
    assert len(urls) > 100
    for persona in UNCLEARED:
        client.logout()
        if persona != "anonymous":
            client.force_login(personas[persona])
        for url in urls:
            response = client.get(url)
            if found := leaks(readable(response), secrets, asked=url):
                failures.append(f"{url} as {persona} ({response.status_code}): {found}")
    assert not failures, "\n".join(failures)


def test_searching_by_her_number_finds_nothing_and_looks_like_no_one(client, personas, kontor):
    scenario = build(kontor, personas)
    secrets = scenario.secrets()
    nobody = identity_for(datetime.date(1995, 4, 4))  # valid, and no one has it
    searches = [
        ("veileder", "participants:caseload", "q"),
        ("leder", "participants:office", "q"),
        ("leder", "audit:log", "fodselsnummer"),
    ]
    for persona, name, field in searches:
        client.force_login(personas[persona])
        url = reverse(name)
        answers = []
        for number in [p.fodselsnummer for p in scenario.people]:
            response = client.post(url, {field: number}, follow=True)
            # The search box shows back what was typed; nothing else of her may follow.
            others = {s: what for s, what in secrets.items() if s != number}
            assert not leaks(readable(response), others), (persona, name)
            answers.append(list(response.context["page"].object_list))
        empty = client.post(url, {field: nobody}, follow=True)
        assert all(a == [] for a in answers), (persona, name, answers)
        assert list(empty.context["page"].object_list) == []
