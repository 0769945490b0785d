from tests.factories import CompanyFactory
from tests.matrix import LOGIN, NOT_FOUND, OK, row

# Veiledere and ledere read the register; markedsrådgivere keep it.
READERS = row(
    NOT_FOUND,
    anonymous=LOGIN,
    veileder=OK,
    colleague=OK,
    other_veileder=OK,
    leder=OK,
    other_leder=OK,
    markedsradgiver=OK,
)
EDITORS = row(NOT_FOUND, anonymous=LOGIN, markedsradgiver=OK)

ROWS = {
    "companies:list": READERS,
    "companies:detail": READERS,
    "companies:create": EDITORS,
    "companies:edit": EDITORS,
}


def url_kwargs(name, params, *, participant, personas):
    if "company" in params:
        return {"company": CompanyFactory().uuid}
    return {}
