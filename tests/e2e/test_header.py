"""The header stays one row at a laptop's 1366 px, whatever the roles (issue 22)."""

import datetime

import pytest

from tests.e2e.conftest import login, screenshot
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

ONE_ROW = """() => {
  const header = document.querySelector('header.app-header');
  const items = [...header.querySelectorAll('.aksel-internalheader__title, .app-nav > a, .app-more > summary, .app-user')];
  const tops = items.map(el => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
  const wrapped = items.filter(el => el.getClientRects().length > 1 || el.getBoundingClientRect().height > 48).map(el => el.textContent.trim());
  return {height: header.getBoundingClientRect().height, spread: Math.max(...tops) - Math.min(...tops), wrapped, width: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("who", ["leder", "cleared", "leder_and_veileder", "admin"])
def test_header_fits_one_row_at_1366(page, kontor, who):
    user = {
        "leder": lambda: UserFactory(nav_kontor=kontor, roles=["leder"], name="Lene Ledersen"),
        "cleared": lambda: UserFactory(
            nav_kontor=kontor,
            roles=["veileder"],
            clearances=["view_strengt_fortrolig", "view_fortrolig", "view_skjermet"],
            name="Kristoffer Klarert-Veiledersen",
        ),
        "leder_and_veileder": lambda: UserFactory(
            nav_kontor=kontor, roles=["leder", "veileder", "markedsradgiver"], name="Mona Mange"
        ),
        "admin": lambda: UserFactory(
            nav_kontor=kontor, roles=["leder"], is_staff=True, is_superuser=True
        ),
    }[who]()
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, user)
    page.goto(page.base + "/")
    measured = page.evaluate(ONE_ROW)
    screenshot(page, f"header-1366-{who}")
    assert measured["wrapped"] == [], measured
    assert measured["spread"] <= 4, measured
    assert measured["height"] <= 64, measured
    assert measured["width"] <= 1366, measured
    # What no longer fits the bar is one click away, under "Mer".
    page.click(".app-more > summary")
    assert page.is_visible(".app-more__menu a[href='/deltakere/ny/']")


def test_radios_render_as_aksel_radios_not_tall_pills(page, veileder, markedsradgiver):
    """The match review's "Hva skjer nå?" and the agreement approval: round 24 px markers
    beside their labels."""
    from phases.services import agreement_save
    from tests.factories import MatchFactory, ParticipantFactory

    p = ParticipantFactory(veileder=veileder, nav_kontor=veileder.nav_kontor)
    agreement_save(
        participant=p,
        actor=veileder,
        goals="Fagbrev",
        valid_from=datetime.date(2026, 11, 1),
        followup_frequency="Hver 4. uke",
        responsible="Veileder",
    )
    match = MatchFactory(participant=p, status="til_vurdering")
    cases = [
        (veileder, f"/deltakere/{p.uuid}/avtale/godkjenn/", "avtale-godkjenning"),
        (markedsradgiver, f"/vurdering/{match.uuid}/", "match-vurdering"),
    ]
    for user, path, name in cases:
        page.context.clear_cookies()
        login(page, user)
        page.goto(page.base + path)
        boxes = page.evaluate(
            """[...document.querySelectorAll('input[type=radio]')].map(r => {
                 const b = r.getBoundingClientRect();
                 return {w: b.width, h: b.height, radius: getComputedStyle(r).borderRadius,
                         cls: r.className};
               })"""
        )
        screenshot(page, f"radio-{name}")
        assert boxes, path
        for box in boxes:
            assert box["cls"] == "aksel-radio__input", (path, box)
            assert 16 <= box["w"] <= 28 and 16 <= box["h"] <= 28, (path, box)
