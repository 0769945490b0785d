from django.apps import AppConfig


class PhasesConfig(AppConfig):
    name = "phases"
    verbose_name = "Faser"

    def ready(self):
        from core.sections import register_participant_section
        from participants.access import CHANGE
        from participants.services import register_after_create

        from .selectors import phase_section
        from .services import phase_initialize

        register_after_create(phase_initialize)

        def context(request, participant):
            data = phase_section(participant)
            data["can_change"] = request.user.has_perm(CHANGE, participant)
            return data

        register_participant_section(
            order=10, template="phases/_participant_section.html", context=context
        )
