from django.apps import AppConfig


class PhasesConfig(AppConfig):
    name = "phases"
    verbose_name = "Faser"

    def ready(self):
        from core.sections import register_participant_section
        from participants.access import CHANGE
        from participants.services import register_after_create

        from .selectors import phase_section, plan_section
        from .services import phase_initialize

        register_after_create(phase_initialize)

        def context(request, participant):
            data = phase_section(participant)
            data["can_change"] = request.user.has_perm(CHANGE, participant)
            return data

        def plan(request, participant):
            # Mapping holds economy, health and family: only those who may change her see it.
            if not request.user.has_perm(CHANGE, participant):
                return None
            return plan_section(participant)

        register_participant_section(
            order=10, template="phases/_participant_section.html", context=context
        )
        register_participant_section(order=11, template="phases/_plan_section.html", context=plan)
