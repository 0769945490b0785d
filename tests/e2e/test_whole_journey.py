"""The three journeys of the browser issue, through the pages a user clicks (issue 11).

Each user logs in through the login form; every page visited is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careerguidance.models import Appointment
from core.identity import make_identity
from matching.models import Match
from participants.models import Laerefag, Participant, Phase
from tests.e2e.conftest import axe_violations, login, screenshot, submit
from tests.factories import CompanyFactory, CompanyNeedFactory, ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def as_user(page, user):
    page.context.clear_cookies()
    login(page, user)


def go(page, url):
    # goto returns once the page has loaded; no page here fetches more after load.
    page.goto(page.base + url)
    assert axe_violations(page) == [], url


def press(page, label):
    submit(page, page.get_by_role("button", name=label, exact=True))


def detail(participant):
    return reverse("participants:detail", args=[participant.uuid])


def fag():
    return Laerefag.objects.get_or_create(
        name="Bakerfaget", defaults={"code": "E2E-BA", "programomrade": "RM"}
    )[0]


def test_journey_1_kartlegging_consent_guidance_and_the_shared_note(
    page, veileder, karriereveileder
):
    as_user(page, veileder)
    go(page, reverse("participants:create"))
    page.fill("#id_fodselsnummer", make_identity(datetime.date(1999, 3, 3), 212))
    page.fill("#id_first_name", "Sara")
    page.fill("#id_last_name", "Lund")
    page.fill("#id_phone", "92345678")
    press(page, "Registrer")
    sara = Participant.objects.get(last_name="Lund")
    assert page.get_by_role("heading", level=1).inner_text() == "Sara Lund"

    page.get_by_role("link", name="Start kartleggingen").click()
    page.wait_for_url("**/kartlegging/")
    assert axe_violations(page) == []
    page.get_by_label("Interesser").fill("Liker å jobbe med hendene og med mat")
    press(page, "Lagre")
    assert "Liker å jobbe med hendene og med mat" in page.content()

    go(page, reverse("careerguidance:interest", args=[sara.uuid]))
    press(page, "Lagre")
    go(page, reverse("careerguidance:book", args=[sara.uuid]))
    starts = timezone.localtime() + datetime.timedelta(days=3)
    page.fill("#id_starts_at", starts.strftime("%Y-%m-%dT10:00"))
    page.select_option("#id_mode", "telefon")
    page.select_option("#id_karriereveileder", str(karriereveileder.pk))
    press(page, "Lagre")
    assert "Timen er bestilt" in page.content()
    screenshot(page, "30-reise1-bestilt")

    # The karriereveileder writes the participant's note without seeing NAV's case.
    as_user(page, karriereveileder)
    appointment = Appointment.objects.get(participant=sara)
    go(page, reverse("careerguidance:appointments"))
    assert "Sara Lund" in page.content()
    go(page, reverse("careerguidance:appointment", args=[appointment.uuid]))
    assert "Liker å jobbe med hendene" not in page.content()  # the kartlegging is NAV's
    page.get_by_label("Interesser").fill("Baking og matlaging")
    press(page, "Lagre notat")
    screenshot(page, "31-reise1-notat")
    assert page.goto(page.base + detail(sara)).status == 404

    # NAV sees the note only once she has agreed to share it.
    as_user(page, veileder)
    go(page, detail(sara))
    assert "Baking og matlaging" not in page.content()
    go(page, reverse("consent:create", args=[sara.uuid]) + "?formal=share_guidance_note")
    page.select_option("#id_method", "meeting")
    page.fill("#id_given_on", timezone.localdate().isoformat())
    press(page, "Registrer")
    assert "Samtykket er registrert" in page.content()
    assert "Baking og matlaging" in page.content()
    screenshot(page, "32-reise1-notat-delt")


def test_journey_2_match_approved_praksis_started_followed_up_and_overdue(
    page, veileder, markedsradgiver, monkeypatch
):
    bakeri = CompanyFactory(name="Fjordbakeriet AS")
    CompanyNeedFactory(company=bakeri, laerefag=fag())
    ida = ParticipantFactory(
        veileder=veileder, first_name="Ida", last_name="Berg", sluttkompetanse=fag()
    )
    from phases.services import phase_transition

    phase_transition(participant=ida, to_phase=Phase.MATCHING, actor=veileder)

    as_user(page, veileder)
    go(page, reverse("matching:propose", args=[ida.uuid]))
    page.select_option("#id_company", label="Fjordbakeriet AS")
    page.fill("#id_motivation", "Vil bli baker og bor i nærheten.")
    press(page, "Lagre forslag")
    match = Match.objects.get(participant=ida)
    page.get_by_label("Send til vurdering hos markedsrådgiver").check()
    press(page, "Lagre")

    as_user(page, markedsradgiver)
    go(page, reverse("matching:queue"))
    assert "Fjordbakeriet AS" in page.content()
    go(page, reverse("matching:review", args=[match.uuid]))
    page.get_by_label("Godkjenn").check()
    press(page, "Lagre vurderingen")
    match.refresh_from_db()
    assert match.status == "godkjent"

    as_user(page, veileder)
    go(page, reverse("matching:detail", args=[match.uuid]))
    assert "Godkjent" in page.content()
    page.get_by_label("Møte med bedriften er avtalt").check()
    press(page, "Lagre")
    page.get_by_label("Kandidaten har startet").check()
    page.fill("#id_start_date", timezone.localdate().isoformat())
    press(page, "Lagre")

    go(page, reverse("phases:transition", args=[ida.uuid]))
    page.select_option("#id_to_phase", "praksis")
    press(page, "Flytt")
    ida.refresh_from_db()
    assert ida.phase == Phase.PRAKSIS

    today = timezone.localdate()
    for kind in ("oppstartsmote", "oppfolgingsmote"):
        go(page, reverse("phases:meeting_create", args=[ida.uuid]))
        page.select_option("#id_kind", kind)
        page.fill("#id_held_on", today.isoformat())
        page.select_option("#id_place", label="På arbeidsplassen")
        page.fill("#id_summary", "Gikk bra; trives på bakeriet.")
        press(page, "Lagre")
        assert page.url.endswith(detail(ida)), page.locator("main").inner_text()[:600]
    ida.refresh_from_db()
    assert ida.next_followup_due == today + datetime.timedelta(weeks=4)
    assert "Forfalt" not in page.locator("section[aria-labelledby=fase-overskrift]").inner_text()
    screenshot(page, "33-reise2-praksis")

    # Five weeks later without a meeting, the flag appears on her page and in the caseload.
    later = today + datetime.timedelta(weeks=5)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    go(page, detail(ida))
    assert "Forfalt" in page.locator("section[aria-labelledby=fase-overskrift]").inner_text()
    go(page, reverse("participants:caseload") + "?forfalt=on")
    assert "Berg, Ida" in page.locator("#caseload-results").inner_text()
    screenshot(page, "34-reise2-forfalt")


def test_journey_3_skole_laretid_jobb_on_the_timeline_and_in_the_overview(page, veileder, leder):
    bakeri = CompanyFactory(name="Fjordbakeriet AS")
    baker = fag()  # before any page lists the lærefag
    jon = ParticipantFactory(veileder=veileder, first_name="Jon", last_name="Dahl")
    from phases.services import phase_transition

    phase_transition(participant=jon, to_phase=Phase.MATCHING, actor=veileder)
    today = timezone.localdate().isoformat()

    as_user(page, veileder)
    go(page, reverse("phases:opplaeringsplan_create", args=[jon.uuid]))
    page.fill("#id_received_on", today)
    page.fill("#id_school", "Thora Storm videregående skole")
    press(page, "Lagre")

    def move(phase):
        go(page, reverse("phases:transition", args=[jon.uuid]))
        page.select_option("#id_to_phase", phase)
        press(page, "Flytt")
        jon.refresh_from_db()
        assert jon.phase == phase

    move("skole")
    go(page, reverse("phases:laerekontrakt_create", args=[jon.uuid]))
    page.select_option("#id_company", label="Fjordbakeriet AS")
    page.select_option("#id_laerefag", label=baker.name)
    page.fill("#id_opplaeringskontor", "Opplæringskontoret for matfag")
    page.fill("#id_signed_on", today)
    press(page, "Lagre")
    move("laretid")
    go(page, reverse("phases:fagbrev_create", args=[jon.uuid]))
    page.select_option("#id_laerefag", label=baker.name)
    page.fill("#id_passed_on", today)
    press(page, "Lagre")
    go(page, reverse("phases:employment_create", args=[jon.uuid]))
    page.select_option("#id_employer", label=bakeri.name)
    page.fill("#id_start_date", today)
    press(page, "Lagre")
    move("jobb")

    go(page, detail(jon))
    timeline = page.locator("section[aria-labelledby=fase-overskrift]").inner_text()
    for label in ("Matching", "Skole", "Læretid", "Jobb"):
        assert label in timeline
    assert "fagprøve bestått" in page.content()
    screenshot(page, "35-reise3-tidslinje")

    as_user(page, leder)
    go(page, reverse("overview:page"))
    figures = page.locator("section[aria-labelledby=h-flyt]").inner_text()
    for line in ("Startet læretid\t1", "Fikk fagbrev\t1", "Kom i jobb\t1"):
        assert line in figures, line
    funnel = page.locator("section[aria-labelledby=h-faser]").inner_text()
    assert "Jobb\t1" in funnel
    screenshot(page, "36-reise3-oversikt")
