from tests.matrix import NOT_ALLOWED, PARTICIPANT_PAGE, row

ROWS = {
    "phases:transition": PARTICIPANT_PAGE,
    "phases:meeting_create": PARTICIPANT_PAGE,
    "phases:opplaeringsplan_create": PARTICIPANT_PAGE,
    "phases:laerekontrakt_create": PARTICIPANT_PAGE,
    "phases:fagbrev_create": PARTICIPANT_PAGE,
    "phases:employment_create": PARTICIPANT_PAGE,
    "phases:kartlegging": PARTICIPANT_PAGE,
    "phases:agreement": PARTICIPANT_PAGE,
    "phases:agreement_approve": PARTICIPANT_PAGE,
    "phases:activity_create": PARTICIPANT_PAGE,
    "phases:activity_detail": PARTICIPANT_PAGE,
    # POST only: a GET is refused before anyone is asked who they are.
    "phases:checklist_toggle": row(NOT_ALLOWED),
}


def url_kwargs(name, params, *, participant, personas):
    if "card" in params:
        from phases.models import ActivityCard

        card = ActivityCard.objects.filter(
            participant=participant
        ).first() or ActivityCard.objects.create(
            participant=participant,
            title="Matrise",
            kind="aktivitet",
            created_by=participant.veileder,
        )
        return {"card": card.uuid}
    if "item" not in params:
        return {}
    from phases.models import ChecklistItem

    item, _ = ChecklistItem.objects.get_or_create(
        participant=participant, phase=participant.phase, key="matrix", defaults={"label": "Test"}
    )
    return {"item": item.uuid}
