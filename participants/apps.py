from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Deltakere"
    # Apps building on participants contribute through their extensions module (core.discovery).
    extension_points = {
        "PARTICIPANT_SECTIONS": "participants.sections.Section: a section of the participant page",
        "AFTER_PARTICIPANT_CREATE": "fn(*, participant, actor), run in the registering transaction",
        "CASELOAD_ANNOTATIONS": "(name, fn() -> expression): a column of the caseload query",
        "ANONYMISERS": "fn(participant): wipes an app's personal data about her",
    }

    def ready(self):
        # Models are importable only once the registry is ready.
        from .access import connect_grant_invalidation
        from .reference import connect_invalidation

        connect_invalidation()
        connect_grant_invalidation()
