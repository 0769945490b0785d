from tests.matrix import LOGIN, NOT_FOUND, OK, row

ROWS = {
    "audit:log": row(NOT_FOUND, anonymous=LOGIN, leder=OK, other_leder=OK, admin=OK),
}
