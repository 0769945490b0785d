from tests.matrix import LOGIN, NOT_FOUND, OK, row

# The overview is the leder's (her office) and the administrator's (every office).
LEDER_AND_ADMIN = row(NOT_FOUND, anonymous=LOGIN, leder=OK, other_leder=OK, admin=OK)

ROWS = {
    "overview:page": LEDER_AND_ADMIN,
    "overview:participants": LEDER_AND_ADMIN,
    "overview:export": LEDER_AND_ADMIN,
}
