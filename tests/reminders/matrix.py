from tests.matrix import LOGIN, NOT_FOUND, OK, row

ROWS = {
    "reminders:preferences": row(
        OK,
        anonymous=LOGIN,
        karriereveileder=NOT_FOUND,
        fagopplaering=NOT_FOUND,
        outsider=NOT_FOUND,
        admin=NOT_FOUND,
    ),
}
