from tests.matrix import NOT_ALLOWED, PARTICIPANT_PAGE, row

ROWS = {
    "phases:transition": PARTICIPANT_PAGE,
    "phases:meeting_create": PARTICIPANT_PAGE,
    "phases:opplaeringsplan_create": PARTICIPANT_PAGE,
    "phases:laerekontrakt_create": PARTICIPANT_PAGE,
    "phases:employment_create": PARTICIPANT_PAGE,
    # POST only: a GET is refused before anyone is asked who they are.
    "phases:checklist_toggle": row(NOT_ALLOWED),
}


def url_kwargs(name, params, *, participant, personas):
    if "item" not in params:
        return {}
    from phases.models import ChecklistItem

    item, _ = ChecklistItem.objects.get_or_create(
        participant=participant, phase=participant.phase, key="matrix", defaults={"label": "Test"}
    )
    return {"item": item.uuid}
