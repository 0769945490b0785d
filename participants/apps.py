from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Deltakere"
    # Apps building on participants contribute through their extensions module (core.discovery).
    extension_points = {
        "PARTICIPANT_SECTIONS": "participants.sections.Section: a section of the participant page",
        "AFTER_PARTICIPANT_CREATE": "fn(*, participant, actor), run in the registering transaction",
        "CASELOAD_ANNOTATIONS": "(name, fn() -> expression): a column of the caseload query",
        "CASELOAD_STATUSES": "participants.statuses.Status: a status filter with a count",
        "CASELOAD_NAME_TAGS": "fn(row) -> escaped HTML after the name in a caseload row",
        "CASELOAD_PANELS": "fn(request, scope) -> {template, context} | None: above the list",
    }

    def ready(self):
        # Models are importable only once the registry is ready.
        from .access import connect_grant_invalidation
        from .reference import connect_invalidation

        connect_invalidation()
        connect_grant_invalidation()
