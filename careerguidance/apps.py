from django.apps import AppConfig


class CareerguidanceConfig(AppConfig):
    name = "careerguidance"
    verbose_name = "Karriereveiledning"

    def ready(self):
        from core.sections import register_participant_section
        from participants.access import CHANGE

        from . import reminders  # noqa: F401  (registers the 24-hour appointment reminder)
        from .sections import guidance_section

        def context(request, participant):
            if not request.user.has_perm(CHANGE, participant):
                return None
            return guidance_section(participant)

        register_participant_section(
            order=20, template="careerguidance/_participant_section.html", context=context
        )
