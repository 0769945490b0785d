"""One-time form tokens (core.formtokens) on every form that creates something.

Every URL of the app is either a creating form (a case below: who sends it, valid data, and
what to count) or named as not creating, so a new view fails here until it is classified.
Each case renders the form (which must carry the token), sends the same token twice, and
must create exactly one row, the second submit landing where the first did.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from careerguidance.models import Appointment, GuidanceInterest, KompetanseRequest
from companies.models import Company
from consent.models import Consent, ConsentPurpose, ConsentWithdrawal
from core.formtokens import ALREADY_SENT, FIELD, is_guarded
from core.identity import make_identity
from core.models import FormSubmission
from events.models import Event, Invitation
from jobbloop.models import Loop
from matching.models import Match, MatchEvent, MatchStatus
from participants.models import Participant
from phases.models import (
    ActivityCard,
    ActivityMessage,
    Employment,
    Fagbrev,
    FollowUpAgreement,
    Laerekontrakt,
    Meeting,
    Opplaeringsplan,
    PhaseTransition,
)
from tests.factories import (
    CompanyFactory,
    LaerefagFactory,
    MatchFactory,
    ParticipantFactory,
    give_consent,
)
from tests.test_access_matrix import app_url_names

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today
# Views that take POST but create nothing a second submit could duplicate, or only GET.
NOT_CREATING = {
    "home": "GET only",
    "login": "a session, not a row",
    "logout": "ends the session",
    "oidc_authentication_init": "sends the browser to the OpenID provider",
    "oidc_authentication_callback": "a session; the user is synced from the token, not a form",
    "robots": "GET only",
    "participants:caseload": "GET only",
    "participants:retention": "GET only",
    "participants:office": "GET only",
    "participants:detail": "GET only",
    "participants:fodselsnummer": "a read (audited per request)",
    "participants:edit_contact": "updates fields; sending them twice gives the same state",
    "participants:reassign": "reassigning to the current veileder is a no-op",
    "participants:bulk_reassign": "reassigning to the current veileder is a no-op",
    "participants:columns": "one column choice per user, updated in place",
    "phases:checklist_toggle": "sets done or not done; idempotent",
    "phases:kartlegging": "one kartlegging per participant, updated in place",
    "careerguidance:appointments": "GET only",
    "careerguidance:appointment": "status by the state table, one note per appointment",
    "careerguidance:requests": "GET only",
    "careerguidance:answer": "answered once; the service refuses a second answer",
    "consent:scan_download": "GET only",
    "consent:scan_upload": "replaces the consent's one scan",
    "events:list": "GET only",
    "events:alternatives": "GET only",
    "jobbloop:list": "GET only",
    "companies:list": "GET only",
    "companies:detail": "GET only",
    "companies:edit": "updates fields",
    "matching:queue": "GET only",
    "notifications:list": "GET only",
    "notifications:read": "marks read; idempotent",
    "notifications:read_all": "marks read; idempotent",
    "reminders:preferences": "one preference per kind, updated in place",
    "audit:log": "GET only",
    "overview:page": "GET only",
    "overview:participants": "GET only",
    "overview:export": "GET only",
    "documents:innsyn_pdf": "GET only; unchanged data lead to the same stored document",
    "documents:document": "GET only",
    "participants:history": "GET only",
    "matching:participant_section": "GET only",
    "events:participant_section": "GET only",
    "jobbloop:participant_section": "GET only",
    "documents:document_download": "GET only",
    "documents:innsyn_json": "GET only",
    "documents:consent_form": "GET only; unchanged data lead to the same stored document",
    "documents:agreement": "GET only; unchanged data lead to the same stored document",
    "documents:agreement_version": "GET only; unchanged data lead to the same stored document",
    "documents:meeting": "GET only; unchanged data lead to the same stored document",
    "documents:loop_certificate": "GET only; unchanged data lead to the same stored document",
    "workday:today": "GET only (records the visit, one row per user)",
    "workday:changes": "GET only",
    "workday:changes_read": "marks read; idempotent",
    "workday:mark": "one huskelapp per participant, updated in place",
    "workday:filter_rename": "renames in place",
    "workday:filter_delete": "deleting twice leaves it deleted",
    "workday:filter_move": "reorders in place",
}


@dataclass
class Form:
    url: str
    data: dict
    count: Callable[[], int]
    user: object
    page: str = ""  # where the form is rendered, when not at its own URL
    files: dict = field(default_factory=dict)


def _participant_create(p, ps):
    return Form(
        reverse("participants:create"),
        {
            "fodselsnummer": make_identity(datetime.date(2003, 6, 14), 701),
            "first_name": "Ingrid",
            "last_name": "Aune",
            "phone": "91234567",
            "email": "ingrid@example.no",
            "street_address": "Storgata 1",
            "postal_code": "7011",
            "postal_place": "Trondheim",
            "innsatsgruppe": "situasjonsbestemt",
        },
        Participant.objects.count,
        ps["veileder"],
    )


def _on(name, model, data, persona="veileder", **extra):
    def make(p, ps):
        values = data(p, ps) if callable(data) else data
        return Form(reverse(name, args=[p.uuid]), values, model.objects.count, ps[persona], **extra)

    return make


def _contract(p, ps):
    return {
        "company": CompanyFactory().pk,
        "laerefag": LaerefagFactory().pk,
        "opplaeringskontor": "OK Helse",
        "signed_on": TODAY().isoformat(),
    }


def _fagbrev(p, ps):
    fag = LaerefagFactory()
    Laerekontrakt.objects.create(
        participant=p,
        company=CompanyFactory(),
        laerefag=fag,
        signed_on=TODAY(),
        registered_by=ps["veileder"],
    )
    return {"laerefag": fag.pk, "passed_on": TODAY().isoformat()}


def _activity_message(p, ps):
    card = ActivityCard.objects.create(
        participant=p, title="Søke jobber", kind="aktivitet", created_by=ps["veileder"]
    )
    return Form(
        reverse("phases:activity_detail", args=[p.uuid, card.uuid]),
        {"text": "Har sendt tre søknader."},
        ActivityMessage.objects.count,
        ps["veileder"],
    )


def _approve(p, ps):
    from phases.models import AgreementApproval
    from phases.services import agreement_save

    agreement_save(
        participant=p,
        actor=ps["veileder"],
        goals="Fagbrev",
        valid_from=TODAY(),
        followup_frequency="Hver måned",
        responsible="Veileder",
    )
    return Form(
        reverse("phases:agreement_approve", args=[p.uuid]),
        {"party": "veileder"},
        AgreementApproval.objects.count,
        ps["veileder"],
    )


def _consent_withdraw(p, ps):
    consent = give_consent(p, ps["veileder"], ConsentPurpose.SHARE_WITH_COUNTY)
    return Form(
        reverse("consent:withdraw", args=[p.uuid, consent.uuid]),
        {"note": "Ønsker ikke å dele"},
        ConsentWithdrawal.objects.count,
        ps["veileder"],
    )


def _kompetanse(p, ps):
    give_consent(p, ps["veileder"], ConsentPurpose.KOMPETANSEKARTLEGGING)
    return {"question": "Hva mangler til fagbrev?"}


def _summary(p, ps):
    appt = Appointment.objects.create(
        participant=p,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        mode="telefon",
        status="held",
        booked_by=ps["veileder"],
    )
    return Form(
        reverse("careerguidance:summary", args=[p.uuid, appt.uuid]),
        {"summary": "Snakket om kokkfaget."},
        ActivityCard.objects.count,
        ps["veileder"],
    )


def _event(p, ps):
    from events.services import event_create

    return event_create(
        actor=ps["veileder"],
        companies=[],
        kind="moteplass",
        title="Møteplass helse",
        date=TODAY() + datetime.timedelta(days=7),
        place="Trondheim",
    )


def _event_invite_on_page(p, ps):
    event = _event(p, ps)
    return Form(
        reverse("events:detail", args=[event.uuid]),
        {"action": "invite", "participant": p.pk},
        Invitation.objects.count,
        ps["veileder"],
    )


def _invite_from_participant(p, ps):
    event = _event(p, ps)
    return Form(
        reverse("events:invite", args=[p.uuid]),
        {"event": event.uuid},
        Invitation.objects.count,
        ps["veileder"],
    )


def _loop_data(p, ps):
    a, b, c = CompanyFactory(), CompanyFactory(), CompanyFactory()
    return {
        "name": "Loop Trondheim",
        "start_date": TODAY().isoformat(),
        "company_1": a.pk,
        "company_2": b.pk,
        "company_3": c.pk,
    }


def _loop_create(p, ps):
    return Form(reverse("jobbloop:create"), _loop_data(p, ps), Loop.objects.count, ps["veileder"])


def _loop_add(p, ps):
    from jobbloop.models import LoopCandidate
    from jobbloop.services import loop_create

    start = TODAY()
    loop = loop_create(
        actor=ps["veileder"],
        name="Loop",
        start_date=start,
        companies=[CompanyFactory() for _ in range(3)],
    )
    born = datetime.date(start.year - 22, 1, 1)
    young = ParticipantFactory(
        veileder=ps["veileder"], fodselsnummer=make_identity(born, 123), birth_date=born
    )
    return Form(
        reverse("jobbloop:detail", args=[loop.uuid]),
        {"action": "add", "participant": young.pk, "start_position": "1"},
        LoopCandidate.objects.count,
        ps["veileder"],
    )


def _propose(p, ps):
    return Form(
        reverse("matching:propose", args=[p.uuid]),
        {"company": CompanyFactory().uuid, "motivation": "Har hatt sommerjobb der."},
        Match.objects.count,
        ps["veileder"],
    )


def _match_forward(p, ps):
    match = MatchFactory(participant=p, proposed_by=ps["veileder"])
    return Form(
        reverse("matching:detail", args=[match.uuid]),
        {"to_status": MatchStatus.TIL_VURDERING},
        MatchEvent.objects.count,
        ps["veileder"],
    )


def _match_review(p, ps):
    match = MatchFactory(participant=p, status=MatchStatus.TIL_VURDERING)
    return Form(
        reverse("matching:review", args=[match.uuid]),
        {"to_status": MatchStatus.GODKJENT, "comment": "God match."},
        MatchEvent.objects.count,
        ps["markedsradgiver"],
    )


def _company_create(p, ps):
    return Form(
        reverse("companies:create"),
        {
            "orgnr": "923 609 016",
            "name": "Fjordheimen Omsorg AS",
            "street_address": "Kaia 2",
            "postal_code": "7714",
            "municipality": "Steinkjer",
            "bransje": "Helse",
            "contact_name": "Kari Kontakt",
            "contact_phone": "74000000",
            "contact_email": "kari@fjordheimen.no",
            "behov-TOTAL_FORMS": "0",
            "behov-INITIAL_FORMS": "0",
            "behov-MIN_NUM_FORMS": "0",
            "behov-MAX_NUM_FORMS": "1000",
        },
        Company.objects.count,
        ps["markedsradgiver"],
    )


def _event_create(p, ps):
    return Form(
        reverse("events:create"),
        {
            "kind": "moteplass",
            "title": "Møteplass bygg",
            "date": (TODAY() + datetime.timedelta(days=14)).isoformat(),
            "place": "Steinkjer",
        },
        Event.objects.count,
        ps["veileder"],
    )


def _book(p, ps):
    soon = timezone.localtime() + datetime.timedelta(days=3)
    return {"starts_at": soon.strftime("%Y-%m-%dT10:00"), "mode": "telefon"}


def _saved_filter(p, ps):
    from workday.models import SavedFilter

    return Form(
        reverse("workday:filter_create"),
        {"name": "Forfalte", "scope": "mine", "query": "status=forfalt"},
        SavedFilter.objects.count,
        ps["veileder"],
        page=reverse("participants:caseload") + "?status=forfalt",
    )


CREATING = {
    "participants:create": _participant_create,
    "workday:filter_create": _saved_filter,
    "phases:transition": _on(
        "phases:transition", PhaseTransition, {"to_phase": "matching", "reason": "Klar"}, "leder"
    ),
    "phases:meeting_create": _on(
        "phases:meeting_create",
        Meeting,
        lambda p, ps: {
            "kind": "oppstartsmote",
            "held_on": TODAY().isoformat(),
            "summary": "Oppstart",
            "place": "arbeidsplassen",
            "attendees": "Deltaker og veileder",
        },
    ),
    "phases:opplaeringsplan_create": _on(
        "phases:opplaeringsplan_create",
        Opplaeringsplan,
        lambda p, ps: {"received_on": TODAY().isoformat(), "school": "Byåsen vgs"},
    ),
    "phases:laerekontrakt_create": _on("phases:laerekontrakt_create", Laerekontrakt, _contract),
    "phases:fagbrev_create": _on("phases:fagbrev_create", Fagbrev, _fagbrev),
    "phases:employment_create": _on(
        "phases:employment_create",
        Employment,
        lambda p, ps: {"employer_name": "Bakeriet AS", "start_date": TODAY().isoformat()},
    ),
    "phases:agreement": _on(
        "phases:agreement",
        FollowUpAgreement,
        lambda p, ps: {
            "goals": "Fagbrev",
            "valid_from": TODAY().isoformat(),
            "followup_frequency": "Hver måned",
            "responsible": "Veileder",
        },
    ),
    "phases:agreement_approve": _approve,
    "phases:activity_create": _on(
        "phases:activity_create",
        ActivityCard,
        lambda p, ps: {"title": "Søke jobber", "kind": "aktivitet"},
    ),
    "phases:activity_detail": _activity_message,
    "consent:create": _on(
        "consent:create",
        Consent,
        lambda p, ps: {
            "purpose": ConsentPurpose.SHARE_WITH_COUNTY,
            "method": "meeting",
            "given_on": TODAY().isoformat(),
            "shared_what": "Navn og fødselsdato",
            "shared_with": "Trøndelag fylkeskommune",
        },
    ),
    "consent:withdraw": _consent_withdraw,
    "careerguidance:interest": _on(
        "careerguidance:interest",
        GuidanceInterest,
        lambda p, ps: {"informed_on": TODAY().isoformat()},
    ),
    "careerguidance:book": _on("careerguidance:book", Appointment, _book),
    "careerguidance:kompetanse_request": _on(
        "careerguidance:kompetanse_request", KompetanseRequest, _kompetanse
    ),
    "careerguidance:summary": _summary,
    "events:create": _event_create,
    "events:detail": _event_invite_on_page,
    "events:invite": _invite_from_participant,
    "jobbloop:create": _loop_create,
    "jobbloop:detail": _loop_add,
    "matching:propose": _propose,
    "matching:detail": _match_forward,
    "matching:review": _match_review,
    "companies:create": _company_create,
}


def _errors(html: str) -> str:
    return " | ".join(
        re.findall(r'(?s)class="aksel-(?:error-summary__list|alert)[^>]*>(.*?)</', html)
    )


def _token(html: str) -> str:
    found = re.search(rf'name="{FIELD}" value="([0-9a-f-]+)"', html)
    assert found, "the form carries no one-time token"
    return found.group(1)


def test_every_url_is_classified_as_creating_or_not():
    names = {name for name, _ in app_url_names()}
    unclassified = names - set(CREATING) - set(NOT_CREATING)
    assert not unclassified, f"say whether these create something: {sorted(unclassified)}"
    assert not set(CREATING) & set(NOT_CREATING)
    assert not (set(CREATING) | set(NOT_CREATING)) - names, "classified URLs that are gone"


def test_every_creating_view_is_guarded():
    resolved = {}
    for name, converters in app_url_names():
        if name in CREATING:
            kwargs = {c: "00000000-0000-4000-8000-000000000000" for c in converters}
            resolved[name] = resolve(reverse(name, kwargs=kwargs)).func
    unguarded = sorted(name for name, view in resolved.items() if not is_guarded(view))
    assert not unguarded, f"creating views without @once: {unguarded}"


@pytest.mark.parametrize("name", sorted(CREATING))
def test_double_submit_creates_one_row(name, client, personas, participant):
    form = CREATING[name](participant, personas)
    client.force_login(form.user)
    page = client.get(form.page or form.url)
    assert page.status_code == 200
    token = _token(page.content.decode())
    before = form.count()

    def send():
        files = {key: make() for key, make in form.files.items()}
        return client.post(form.url, {**form.data, **files, FIELD: token})

    first = send()
    assert first.status_code == 302, _errors(first.content.decode())
    assert form.count() == before + 1
    second = send()
    assert form.count() == before + 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    shown = client.get(second["Location"]).content.decode()
    assert ALREADY_SENT in shown


def test_a_refused_submit_releases_its_token_for_the_corrected_form(client, veileder, participant):
    url = reverse("phases:employment_create", args=[participant.uuid])
    client.force_login(veileder)
    token = _token(client.get(url).content.decode())
    refused = client.post(url, {"employer_name": "", FIELD: token})
    assert refused.status_code == 200
    assert _token(refused.content.decode()) == token
    sent = client.post(
        url, {"employer_name": "Bakeriet AS", "start_date": TODAY().isoformat(), FIELD: token}
    )
    assert sent.status_code == 302 and Employment.objects.count() == 1
    assert FormSubmission.objects.get().result_url == sent["Location"]


def test_a_token_is_one_users_own(client, veileder, colleague, participant):
    """The same token from another user is another submit (tokens are random, not shared)."""
    url = reverse("careerguidance:interest", args=[participant.uuid])
    client.force_login(veileder)
    token = _token(client.get(url).content.decode())
    data = {"informed_on": TODAY().isoformat(), FIELD: token}
    client.post(url, data)
    other = ParticipantFactory(veileder=colleague, nav_kontor=colleague.nav_kontor)
    client.force_login(colleague)
    client.post(reverse("careerguidance:interest", args=[other.uuid]), data)
    assert GuidanceInterest.objects.count() == 2


def test_each_rendering_issues_a_new_token(client, veileder, participant):
    url = reverse("phases:meeting_create", args=[participant.uuid])
    client.force_login(veileder)
    assert _token(client.get(url).content.decode()) != _token(client.get(url).content.decode())


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_create_one_row(veileder, participant):
    """A double click: the second request waits on the token's key for the first's outcome."""
    import threading

    from django.db import connection
    from django.test import Client

    url = reverse("phases:meeting_create", args=[participant.uuid])
    data = {
        "kind": "oppstartsmote",
        "held_on": TODAY().isoformat(),
        "place": "nav",
        "attendees": "Deltaker og veileder",
        "summary": "Oppstart",
        FIELD: "5f0c6a52-93c5-4a8e-9a55-0f4a3cfb1d11",
    }
    start = threading.Barrier(2)
    locations = []

    def submit():
        client = Client()
        client.force_login(veileder)
        start.wait()
        try:
            locations.append(client.post(url, data)["Location"])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert Meeting.objects.filter(participant=participant).count() == 1
    assert len(locations) == 2 and locations[0] == locations[1]
