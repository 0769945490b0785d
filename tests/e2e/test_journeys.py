import datetime

import pytest
from playwright.sync_api import expect

from core.identity import make_identity
from participants.models import Laerefag, Participant
from tests.e2e.conftest import axe_violations, login, no_horizontal_scroll, screenshot, submit
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_veileder_registers_a_participant_and_finds_her_in_the_caseload(page, veileder):
    Laerefag.objects.get_or_create(
        name="Helsearbeiderfaget", defaults={"code": "E2E-01", "programomrade": "HO"}
    )
    login(page, veileder)
    # A veileder lands on Min dag (issue 22); the caseload is one click away.
    assert page.url.endswith("/min-dag/")
    page.get_by_role("link", name="Min portefølje").first.click()
    page.wait_for_url("**/portefolje/")
    assert page.locator("html").get_attribute("lang") == "nb"
    screenshot(page, "01-portefolje-tom")

    page.get_by_role("link", name="Registrer deltaker").first.click()
    good = make_identity(datetime.date(2004, 5, 17), 611)
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    page.fill("#id_fodselsnummer", bad)
    page.fill("#id_first_name", "Ingrid")
    page.fill("#id_last_name", "Aune")
    page.fill("#id_phone", "91234567")
    page.select_option("#id_sluttkompetanse", label="Helsearbeiderfaget")
    submit(page, page.get_by_role("button", name="Registrer"))
    # The error is linked to the field, and nothing she typed is lost.
    field = page.locator("#id_fodselsnummer")
    assert field.get_attribute("aria-invalid") == "true"
    assert "Kontrollsifrene stemmer ikke" in page.locator("#fodselsnummer-error").inner_text()
    assert page.locator("#id_first_name").input_value() == "Ingrid"
    screenshot(page, "02-registrer-feil")
    assert axe_violations(page) == []

    field.fill(good)
    page.get_by_role("button", name="Registrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingrid Aune")
    assert good not in page.content()  # masked until asked for
    screenshot(page, "03-deltaker")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Min portefølje").click()
    page.wait_for_url("**/portefolje/")
    page.fill("#id_q", "aune")
    # htmx searches as she types; the row appears when the answer has been swapped in.
    expect(page.locator("#caseload-results")).to_contain_text("Aune, Ingrid")
    assert Participant.objects.get(last_name="Aune").veileder == veileder


def test_a_second_veileder_cannot_reach_the_first_ones_participant_by_url(
    page, veileder, colleague
):
    participant = ParticipantFactory(veileder=veileder)
    login(page, colleague)
    response = page.goto(f"{page.base}/deltakere/{participant.uuid}/")
    assert response.status == 404
    assert "Fant ikke siden" in page.content()
    assert participant.first_name not in page.content()


def test_main_pages_have_no_wcag_violations_and_fit_a_laptop_and_200_percent_zoom(
    page, veileder, leder, markedsradgiver, karriereveileder, fagopplaering
):
    shown = ParticipantFactory.create_batch(12, veileder=veileder)
    pages = {
        "login": (None, "/logg-inn/"),
        "portefolje": (veileder, "/portefolje/"),
        "registrer": (veileder, "/deltakere/ny/"),
        "kontor": (leder, "/kontor/deltakere/"),
        "sporingslogg": (leder, "/sporingslogg/"),
        "oversikt": (leder, "/oversikt/"),
        "oversikt-liste": (leder, "/oversikt/deltakere/?tall=fase&verdi=kartlegge"),
        "bedrifter": (markedsradgiver, "/bedrifter/"),
        "vurdering": (markedsradgiver, "/vurdering/"),
        "varsler": (veileder, "/varsler/"),
        "varslingsvalg": (veileder, "/paminnelser/innstillinger/"),
        "deltaker": (veileder, f"/deltakere/{shown[0].uuid}/"),
        "kartlegging": (veileder, f"/deltakere/{shown[0].uuid}/kartlegging/"),
        "fase": (veileder, f"/deltakere/{shown[0].uuid}/fase/"),
        "samtykke": (veileder, f"/deltakere/{shown[0].uuid}/samtykke/ny/"),
        "bestill": (veileder, f"/deltakere/{shown[0].uuid}/karriereveiledning/bestill/"),
        "mine-avtaler": (karriereveileder, "/karriereveiledning/avtaler/"),
        "foresporsler": (fagopplaering, "/fagopplaering/foresporsler/"),
    }
    failures = {}
    for name, (user, path) in pages.items():
        page.context.clear_cookies()
        if user:
            login(page, user)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(page.base + path)
        screenshot(page, f"side-{name}")
        if violations := axe_violations(page):
            failures[name] = violations
        assert no_horizontal_scroll(page), f"{name} scrolls sideways at 1280 px"
        # 200 % zoom on a 1280 px screen is a 640 CSS px wide viewport.
        page.set_viewport_size({"width": 640, "height": 900})
        assert no_horizontal_scroll(page), f"{name} scrolls sideways at 200 % zoom"
    assert failures == {}


def test_keyboard_only_skip_link_first_and_visible_focus(page, veileder):
    login(page, veileder)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hopp til hovedinnhold"
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-10000px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hovedinnhold"


def test_leder_follows_a_figure_to_the_people_behind_it_and_exports_them(page, leder, veileder):
    people = ParticipantFactory.create_batch(3, veileder=veileder, phase="matching")
    login(page, leder)
    page.get_by_role("link", name="Oversikt").click()
    page.wait_for_url("**/oversikt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversikt")
    screenshot(page, "20-oversikt")
    assert axe_violations(page) == []

    page.get_by_role("link", name="3 i matching: vis deltakerne").click()
    page.wait_for_url("**/oversikt/deltakere/**")
    expect(page.locator("table")).to_be_visible()
    listed = page.locator("table").inner_text()
    assert all(p.full_name in listed for p in people)
    screenshot(page, "21-oversikt-deltakere")

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned (CSV)").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert all(p.full_name in text for p in people)

    page.get_by_role("link", name=people[0].full_name).click()
    page.wait_for_url(f"**/deltakere/{people[0].uuid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(people[0].full_name)
