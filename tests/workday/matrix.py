from tests.matrix import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, PARTICIPANT_PAGE, row

# Min dag and saved filters: whoever follows participants up (veiledere and ledere).
CASEWORKERS = row(
    NOT_FOUND,
    anonymous=LOGIN,
    veileder=OK,
    colleague=OK,
    other_veileder=OK,
    leder=OK,
    other_leder=OK,
)

ROWS = {
    "workday:today": CASEWORKERS,
    "workday:changes": CASEWORKERS,
    "workday:changes_read": row(NOT_ALLOWED),
    "workday:mark": PARTICIPANT_PAGE,
    "workday:filter_create": CASEWORKERS,
    # A saved filter is its owner's alone (the veileder's, below).
    "workday:filter_rename": row(NOT_FOUND, anonymous=LOGIN, veileder=OK),
    # POST only: a GET is refused before anyone is asked who they are.
    "workday:filter_delete": row(NOT_ALLOWED),
    "workday:filter_move": row(NOT_ALLOWED),
}


def url_kwargs(name, params, *, participant, personas):
    if "saved" not in params:
        return {}
    from workday.models import SavedFilter

    saved, _ = SavedFilter.objects.get_or_create(
        user=personas["veileder"],
        scope="mine",
        name="Matrise",
        defaults={"params": {"status": "forfalt"}},
    )
    return {"saved": saved.uuid}
