from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Møteplasser"

    def ready(self):
        from core.sections import register_participant_section
        from participants.access import CHANGE

        from .selectors import invitations_of

        def context(request, participant):
            return {
                "invitations": invitations_of(participant),
                "can_invite": request.user.has_perm(CHANGE, participant),
            }

        register_participant_section(
            order=42, template="events/_participant_section.html", context=context
        )
