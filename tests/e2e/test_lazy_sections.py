"""The participant page's closed sections open from the keyboard and load their content into
a live region (htmx on the details toggle)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login
from tests.factories import MatchFactory, participant_aged

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_closed_section_opens_from_the_keyboard_and_loads(page, veileder):
    p = participant_aged(24, veileder=veileder, nav_kontor=veileder.nav_kontor)
    match = MatchFactory(participant=p)
    login(page, veileder)
    page.goto(f"{page.base}/deltakere/{p.uuid}/")
    body = page.locator("section", has=page.locator("#matching-participant_section"))
    expect(body.get_by_text(match.company.name)).to_have_count(0)
    body.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(
        body.locator(".app-lazy-body[aria-live=polite]").get_by_role(
            "link", name=match.company.name
        )
    ).to_be_visible()
    page.keyboard.press("Enter")  # closed again: nothing fetched twice
    page.keyboard.press("Enter")
    expect(body.get_by_role("link", name=match.company.name)).to_have_count(1)
    jobbloop = page.locator("section", has=page.locator("#jobbloop-participant_section"))
    jobbloop.locator("summary").click()
    expect(jobbloop.get_by_text("Ikke med i noen JobbLoop")).to_be_visible()
    assert axe_violations(page) == []
