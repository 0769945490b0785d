import datetime

from tests.matrix import LOGIN, NOT_FOUND, OK, row

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
