import datetime

from tests.matrix import LOGIN, NOT_FOUND, OK, PARTICIPANT_PAGE, row

ALL_NAV = row(
    NOT_FOUND,
    anonymous=LOGIN,
    veileder=OK,
    colleague=OK,
    other_veileder=OK,
    leder=OK,
    other_leder=OK,
    markedsradgiver=OK,
)
ROWS = {
    "jobbloop:list": ALL_NAV,
    "jobbloop:create": ALL_NAV,
    "jobbloop:detail": row(
        NOT_FOUND, anonymous=LOGIN, veileder=OK, colleague=OK, leder=OK, markedsradgiver=OK
    ),
    # Her places, fetched when the section on her page opens: the page's rights.
    "jobbloop:participant_section": PARTICIPANT_PAGE,
}


def url_kwargs(name, params, *, participant, personas):
    if "loop" not in params or not name.startswith("jobbloop:"):
        return {}
    from jobbloop.services import loop_create
    from tests.factories import CompanyFactory

    loop = loop_create(
        actor=participant.veileder,
        name="Loop",
        start_date=datetime.date(2026, 9, 1),
        companies=[CompanyFactory(), CompanyFactory(), CompanyFactory()],
    )
    return {"loop": loop.uuid}
