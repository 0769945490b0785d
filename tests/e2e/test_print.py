"""The participant page printed from the browser: no navigation, no buttons, two A4 pages
for a typical case (issue 22)."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from consent.models import ConsentPurpose
from participants.models import Phase
from phases.services import (
    activity_card_create,
    agreement_save,
    checklist_item_set,
    kartlegging_save,
    meeting_record,
    phase_transition,
)
from tests.e2e.conftest import ARTIFACTS, login
from tests.factories import MatchFactory, ParticipantFactory, give_consent

pytestmark = pytest.mark.django_db(transaction=True)


def _typical_case(veileder):
    """Half a year in: mapped, consent given, an agreement, a few meetings and activities,
    two proposed companies."""
    p = ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor, phase=Phase.KARTLEGGE)
    kartlegging_save(
        participant=p,
        actor=veileder,
        interests="Omsorg, matlaging og å jobbe med mennesker",
        career_direction="Helsearbeiderfaget",
        economy="AAP",
    )
    give_consent(p, veileder, ConsentPurpose.SHARE_WITH_COUNTY)
    agreement_save(
        participant=p,
        actor=veileder,
        goals="Fagbrev som helsefagarbeider",
        valid_from=timezone.localdate(),
        followup_frequency="Hver 4. uke",
        responsible="NAV-veileder og mentor",
    )
    phase_transition(participant=p, to_phase=Phase.MATCHING, actor=veileder, reason="Klar")
    for item in p.checklist.filter(phase=Phase.MATCHING)[:2]:
        checklist_item_set(item=item, actor=veileder, done=True)
    for weeks in range(5):
        meeting_record(
            participant=p,
            actor=veileder,
            kind="samtale",
            held_on=timezone.localdate() - datetime.timedelta(weeks=weeks * 3),
            place="nav",
            attendees="Deltaker og veileder",
            summary="Snakket om praksisplass og hvilke bedrifter som kan passe.",
        )
    for title in ("Oppdatere CV", "Intervjutrening", "Søke sommerjobb"):
        activity_card_create(participant=p, actor=veileder, title=title, kind="aktivitet")
    MatchFactory(participant=p)
    MatchFactory(participant=p)
    return p


def test_participant_page_prints_on_two_pages_without_menu_or_buttons(page, veileder):
    p = _typical_case(veileder)
    login(page, veileder)
    page.goto(f"{page.base}/deltakere/{p.uuid}/")
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('header.app-header')).display")
        == "none"
    )
    visible_buttons = page.evaluate(
        """[...document.querySelectorAll('.aksel-button, nav, form button:not(.app-check-button)')]
           .filter(el => el.offsetParent !== null).map(el => el.textContent.trim())"""
    )
    assert visible_buttons == []
    printed = page.pdf(format="A4", print_background=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "deltaker-utskrift.pdf").write_bytes(printed)
    pdf = PdfReader(io.BytesIO(printed))
    text = "\n".join(pg.extract_text() for pg in pdf.pages)
    assert p.full_name in text and "Fase: Matching" in text and "Oppdatere CV" in text
    assert "Logg ut" not in text and "Flytt til fase" not in text and "Min portefølje" not in text
    assert len(pdf.pages) <= 2, len(pdf.pages)
